//! The pretraining, fine-tuning and scale chapter's introduction, with the Chinchilla compute rule (Hoffmann et al., 2022).

use super::Block;

// Formulas are shared by both languages, so the two versions cannot drift apart.

/// Training compute, and the Chinchilla rule of thumb for splitting it.
const MATH_CHINCHILLA: &str = concat!(
    r#"<math display="block">"#,
    "<mi>C</mi><mo>≈</mo><mn>6</mn><mi>N</mi><mi>D</mi>",
    r#"<mo>,</mo><mspace width="2em"></mspace>"#,
    "<msub><mi>D</mi><mtext>opt</mtext></msub><mo>≈</mo>",
    "<mn>20</mn><msub><mi>N</mi><mtext>opt</mtext></msub>",
    "</math>"
);

pub(super) const FINETUNE_EN: &[Block] = &[
    Block::Para(
        "Large models are made in two stages. Pretraining learns from a large amount of \
         unlabelled data, with a task the data supply themselves: predict the next word (GPT), \
         fill in hidden words (BERT), or rebuild the input (an autoencoder). Fine-tuning then \
         adapts the network to a task with only a little labelled data. Labels \
         are expensive and raw data is cheap, and a network that already knows what digits or \
         sentences look like needs far fewer examples to learn what they mean.",
    ),
    Block::Para(
        "The lab pretrains on digits without their labels, then gives only a handful of \
         labelled examples per class and compares three ways to use them:",
    ),
    Block::List(&[
        "Linear probe: freeze the pretrained network and train only a linear classifier on its \
         features. This measures how well the features already separate the classes.",
        "Full fine-tuning: start from the pretrained weights and train all of them, usually with \
         a small learning rate.",
        "From scratch: the same network from random weights, trained on the same few labels. \
         It is the baseline to beat.",
    ]),
    Block::Heading("Scaling laws"),
    Block::Para(
        "[Kaplan et al. (2020)](kaplan2020) found that the test loss of language models falls as a power law \
         in parameters, data and compute over many orders of magnitude: a straight line on \
         log–log axes. [Hoffmann et al. (2022)](hoffmann2022) asked how to split a fixed compute budget C, in \
         floating-point operations, between N parameters and D training tokens. Their answer, \
         the Chinchilla rule, is to grow both roughly equally, at about 20 tokens per parameter:",
    ),
    Block::Math(MATH_CHINCHILLA),
    Block::Para(
        "By that rule GPT-3, with 175 billion parameters and about 300 billion training tokens, \
         was undertrained. Chinchilla, with 70 billion parameters and 1.4 trillion tokens, beat \
         the four times larger Gopher, trained with the same compute.",
    ),
    Block::Para(
        "A toy can show the shape: as the lab's models grow, loss tends to fall along a roughly \
         straight line on log–log axes. It cannot show the exponents or the 20-tokens rule, \
         measured on language models at scales no browser reaches, nor what large models can \
         do. A line \
         fitted over one or two decades is a hint, not a law.",
    ),
];

pub(super) const FINETUNE_ZH: &[Block] = &[
    Block::Para(
        "大模型的诞生分两个阶段。预训练在海量无标签数据上学习，任务由数据本身提供：预测下一个词\
         （GPT）、补全被遮住的词（BERT），或者重建输入（自编码器）。随后，微调再让这个网络去适应一个只有少量\
         标注数据的任务。标签昂贵，原始数据便宜；一个已经知道数字或句子“长什么\
         样”的网络，只需少得多的样本就能学会它们“是什么意思”。",
    ),
    Block::Para(
        "本实验室先在不带标签的数字图像上做预训练，然后每个类别只给少量带标签的样本，并比较三种\
         使用方式：",
    ),
    Block::List(&[
        "线性探测：冻结预训练网络，只在它输出的特征上训练一个线性分类器。它衡量的是这些特征本身\
         已经能把各个类别分得多开。",
        "完整微调：从预训练权重出发，训练全部参数，通常使用较小的学习率。",
        "从零训练：同样的网络从随机权重开始，只用同样那几个标签来训练。这是需要超越的基线。",
    ]),
    Block::Heading("缩放定律"),
    Block::Para(
        "[Kaplan 等（2020）](kaplan2020)发现，语言模型的测试损失随参数量、数据量和算力按幂律下降，并且跨越许多\
         个数量级：在双对数坐标上是一条直线。[Hoffmann 等（2022）](hoffmann2022)进一步追问：给定以浮点运算次数\
         计的固定算力预算 C，应该如何在参数量 N 和训练词元数 D 之间分配？他们的答案，即 \
         Chinchilla 法则，是让两者大致同比例增长，每个参数约对应 20 个训练词元：",
    ),
    Block::Math(MATH_CHINCHILLA),
    Block::Para(
        "按这个法则，拥有 1750 亿参数、只用约 3000 亿词元训练的 GPT-3 训练得并不充分。而 700 亿\
         参数、用 1.4 万亿词元训练的 Chinchilla，在相同算力下胜过了大它四倍的 Gopher。",
    ),
    Block::Para(
        "玩具模型能展示的是趋势的形状：实验室里的模型变大时，损失往往在双对数坐标上沿一条近似的\
         直线下降。它无法展示具体的指数或“20 个词元”法则——那些是在浏览器远远够不到的规模上、\
         针对语言模型测得的——更无法展示大模型能做什么。只在\
         一两个数量级上拟合出来的直线只是线索，算不上定律。",
    ),
];
