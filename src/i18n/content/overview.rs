//! The Overview chapter's introduction, in English and Chinese.

use super::Block;

pub(super) const OVERVIEW_EN: &[Block] = &[
    Block::Para(
        "gradlab explains how today's large models work by training small ones, live, in front \
         of you. Every network on these pages starts from random numbers and learns while you \
         watch: the loss curves, pictures and attention maps are computed as you read, not \
         recorded in advance.",
    ),
    Block::Para(
        "All of it runs in your browser. A background thread, a Web Worker, does the arithmetic \
         with the lab's own small tensor library, written in Rust and compiled to WebAssembly, so \
         the page stays responsive while a model trains. No server does the work, and nothing you \
         type or draw leaves your device. Speed therefore depends on your device; the Performance \
         chapter measures yours.",
    ),
    Block::Heading("One story, seven chapters"),
    Block::Para(
        "The chapters follow one thread: compress data, then generate it, then attend to it, \
         then do all of that at scale.",
    ),
    Block::List(&[
        "Autoencoder: squeeze 784 pixels into a handful of numbers and rebuild the digit. \
         Compression forces the network to find structure.",
        "Variational autoencoder: make that code a probability distribution, and the decoder \
         becomes a generator of new digits.",
        "Self-attention: let every position in a sequence look up the others by content, the \
         operation at the heart of every modern language model.",
        "Transformer: stack attention into an encoder-decoder and train it from scratch on toy \
         translation.",
        "Pretraining and fine-tuning: learn from unlabelled data first, adapt with a few labels, \
         and see how loss falls as models and data grow.",
        "Performance: how the lab computes, and how fast your browser multiplies matrices.",
        "References: the papers behind each chapter, and a short history of the ideas.",
    ]),
    Block::Para(
        "The models are tiny, so they train in seconds or minutes, but the ideas are the ones \
         large systems use. Where a toy cannot show what happens at scale, the text says so.",
    ),
    Block::Heading("How to use it"),
    Block::Para(
        "Each chapter opens with a short explanation, followed by live figures. Change a \
         setting, start training and watch what happens; experimenting cannot break anything. A \
         teacher can project a chapter and train in front of the class. Everything the lab needs \
         ships with the page; nothing is fetched from anywhere else.",
    ),
];

pub(super) const OVERVIEW_ZH: &[Block] = &[
    Block::Para(
        "gradlab 用一种很直接的方式讲解当今的大模型：在你眼前现场训练几个小模型。这里的每个网络\
         都从一堆随机数出发，在你阅读的同时一步步学习；你看到的损失曲线、图像和注意力图都是此刻\
         算出来的，而不是事先录好的。",
    ),
    Block::Para(
        "所有计算都在你的浏览器里完成。一个后台线程（Web Worker）负责全部运算，用的是本实验室\
         自己写的小型张量库——用 Rust 编写，编译成 WebAssembly——因此模型训练时页面依然流畅。\
         没有服务器替你计算，你输入或画下的任何内容都不会离开你的设备。也正因为如此，速度取决于\
         你的设备；“性能”一章会实测你的设备有多快。",
    ),
    Block::Heading("一条主线，七个章节"),
    Block::Para(
        "各章沿着同一条线索展开：先压缩数据，再生成数据，然后学会“关注”数据，最后把这一切\
         推向大规模。",
    ),
    Block::List(&[
        "自编码器：把 784 个像素压缩成寥寥几个数，再还原出原来的数字。压缩迫使网络去发现数据中\
         的结构。",
        "变分自编码器：把编码变成一个概率分布，解码器就成了能生成新数字的生成器。",
        "自注意力：让序列中的每个位置按内容去“查询”其他位置——这正是所有现代语言模型的核心\
         运算。",
        "Transformer：把注意力层堆叠成编码器-解码器结构，在玩具翻译任务上从零开始训练。",
        "预训练与微调：先在无标签数据上学习，再用少量标签加以适配，并观察模型和数据变大时损失\
         如何下降。",
        "性能：实验室是怎样计算的，以及你的浏览器做矩阵乘法有多快。",
        "参考文献：每一章背后的论文，以及这些思想的简史。",
    ]),
    Block::Para(
        "这里的模型都很小，几秒到几分钟就能训练好，但用到的思想和大型系统完全相同。凡是玩具模型\
         无法展示大规模下真实情况的地方，正文都会明确指出。",
    ),
    Block::Heading("怎么使用"),
    Block::Para(
        "每章先有一段简短的讲解，后面是实时运行的图。改一个设置、开始训练，看看会发生什么；\
         放心尝试，不会弄坏任何东西。老师可以把某一章投影到课堂上，当着学生的面现场训练。实验室\
         所需的一切都随页面一起提供，不会从其他任何地方下载内容。",
    ),
];
