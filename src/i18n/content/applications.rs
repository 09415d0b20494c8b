//! The Applications chapter: where the ideas went, and the three questions every learner asks,
//! each put before its experiment and answered by the visitor's own runs.

use super::Block;

pub(super) const APPLICATIONS_EN: &[Block] = &[Block::Para(
    "The models in this lab are small enough to train while you watch. The same ideas, grown a \
     millionfold, translate text, read images, transcribe speech and draw pictures. Which of the \
     lab's chapters do you think is inside an image generator? Read on, then check each idea \
     where it can be tried.",
)];

pub(super) const APPLICATIONS_ZH: &[Block] = &[Block::Para(
    "本实验室里的模型小到可以边看边训练。同样的思想放大一百万倍，就能翻译文本、识别图像、转录\
     语音、生成图片。你觉得图像生成器里藏着本实验室的哪一章？读下去，再到可以动手的地方逐一验证。",
)];

/// Speed: the question before the sweep.
pub(super) const FAQ_SPEED_EN: &[Block] = &[Block::Para(
    "Guess before you run: a batch of 512 digits does 64 times the work of a batch of 8 in one \
     step. Does it reach the same loss 64 times sooner? And does a wider model, which costs more \
     per digit, get there later? The sweep trains each pair of width and batch size from the \
     same start until its held-out error reaches the target.",
)];

pub(super) const FAQ_SPEED_ZH: &[Block] = &[Block::Para(
    "运行之前先猜一猜：一步之中，512 个数字的批量所做的计算是 8 个数字的 64 倍。它能以 64 倍的速度\
     达到同样的损失吗？更宽的模型每个数字的计算更多，它会更晚到达吗？这个扫描从同一个起点出发，\
     对每一组宽度和批量进行训练，直到留出集误差达到目标。",
)];

/// Speed at scale, after the run: what the lab cannot show in a browser.
pub(super) const FAQ_SCALE_EN: &[Block] = &[
    Block::Para(
        "At scale the same trade-offs hold, with three more tools. A GPU or TPU runs the \
         multiply-adds of a whole batch at once, so large batches are cheap per sample there too. \
         Mixed precision keeps weights, activations and gradients in 16-bit floats, with a \
         32-bit master copy and loss scaling, and nearly halves the memory ([Micikevicius et al. 2017](micikevicius2017)).",
    ),
    Block::Para(
        "Data parallelism gives each of many GPUs a slice of the batch. Raising the learning \
         rate with the batch (the linear scaling rule) trained ResNet-50 with batches of 8,192 \
         on 256 GPUs in one hour ([Goyal et al. 2017](goyal2017)). A model too large for one GPU has each layer's \
         matrices split across several: Megatron-LM trained 8.3 billion parameters on 512 GPUs \
         ([Shoeybi et al. 2019](shoeybi2019)).",
    ),
];

pub(super) const FAQ_SCALE_ZH: &[Block] = &[
    Block::Para(
        "在大规模训练中，同样的权衡依然成立，只是多了三件工具。GPU 或 TPU 一次完成整个批量的乘加运算，\
         所以在那里大批量的每个样本同样便宜。混合精度把权重、激活和梯度存为 16 位浮点数，另保留一份 \
         32 位主副本并做损失缩放，内存几乎减半（[Micikevicius 等，2017](micikevicius2017)）。",
    ),
    Block::Para(
        "数据并行让许多 GPU 各自处理批量的一部分。随批量同步提高学习率（线性缩放规则），ResNet-50 \
         以 8192 的批量在 256 块 GPU 上一小时训练完成（[Goyal 等，2017](goyal2017)）。一块 GPU 放不下的模型，则把每一层的\
         矩阵切分到多块 GPU 上：Megatron-LM 用 512 块 GPU 训练了 83 亿参数的模型（[Shoeybi 等，2019](shoeybi2019)）。",
    ),
];

/// Data: the question before the visitor's own fine-tuning numbers.
pub(super) const FAQ_DATA_EN: &[Block] = &[Block::Para(
    "Labels are expensive; unlabelled data is cheap. Guess: does pretraining on unlabelled \
     digits help at every number of labels, or only when labels are few? The table below reads \
     your own fine-tuning run: the same classifier trained from scratch, as a linear probe on \
     the pretrained code, and fully fine-tuned, at each number of labelled digits K.",
)];

pub(super) const FAQ_DATA_ZH: &[Block] = &[Block::Para(
    "标签很贵，无标签数据很便宜。猜一猜：在无标签数字上预训练，是在任何标签数量下都有帮助，还是\
     只在标签很少时才有帮助？下表读取你自己的微调实验：在每个带标签数字数量 K 下，同一个分类器\
     从零训练、在预训练编码上做线性探测、以及完整微调的结果。",
)];

/// Interpretability: the question before the visitor's own models.
pub(super) const FAQ_INTERPRET_EN: &[Block] = &[Block::Para(
    "What has a model learned? Three tools are common, and each answers a narrower question than \
     it seems to. Below, each is applied to a model you trained in this lab; where you have not \
     trained one yet, its chapter is a click away. Before you look, guess which of the three \
     can show that a model uses what it shows.",
)];

pub(super) const FAQ_INTERPRET_ZH: &[Block] = &[Block::Para(
    "模型学到了什么？常用的工具有三种，而每一种回答的问题都比看上去要窄。下面把每种工具用在你在\
     本实验室训练过的模型上；如果还没有训练，点一下就能到对应的章节。看之前先猜一猜：这三种工具\
     中，哪一种能证明模型确实用到了它所显示的东西？",
)];
