//! The prose of each chapter's introduction, in both languages.
//!
//! Paragraphs are plain text (the page escapes them); only `Math` blocks hold markup, and that
//! markup is MathML Core, which browsers render natively, with no script.

use super::Lang;
use crate::routes::Chapter;

/// One block of a chapter's prose. `Math` holds MathML markup (the same in both languages).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Block {
    Heading(&'static str),
    Para(&'static str),
    List(&'static [&'static str]),
    Math(&'static str),
}

/// The introduction of a chapter. English and Chinese have the same blocks in the same order.
pub fn chapter_intro(lang: Lang, chapter: Chapter) -> &'static [Block] {
    let (en, zh) = match chapter {
        Chapter::Overview => (OVERVIEW_EN, OVERVIEW_ZH),
        Chapter::Autoencoder => (AUTOENCODER_EN, AUTOENCODER_ZH),
        Chapter::Vae => (VAE_EN, VAE_ZH),
        Chapter::Attention => (ATTENTION_EN, ATTENTION_ZH),
        Chapter::Transformer => (TRANSFORMER_EN, TRANSFORMER_ZH),
        Chapter::Finetune => (FINETUNE_EN, FINETUNE_ZH),
        Chapter::Performance => (PERFORMANCE_EN, PERFORMANCE_ZH),
        Chapter::References => (REFERENCES_EN, REFERENCES_ZH),
    };
    match lang {
        Lang::En => en,
        Lang::Zh => zh,
    }
}

// ---------------------------------------------------------------------------------------------
// Formulas. Shared by both languages, so the two versions cannot drift apart.

/// Mean squared reconstruction error over the D pixels of one image.
const MATH_MSE: &str = concat!(
    r#"<math display="block">"#,
    "<mi>L</mi><mo>=</mo>",
    "<mfrac><mn>1</mn><mi>D</mi></mfrac>",
    "<munderover><mo>∑</mo><mrow><mi>j</mi><mo>=</mo><mn>1</mn></mrow><mi>D</mi></munderover>",
    "<msup><mrow><mo>(</mo><msub><mi>x</mi><mi>j</mi></msub><mo>−</mo>",
    r#"<msub><mover accent="true"><mi>x</mi><mo>^</mo></mover><mi>j</mi></msub>"#,
    "<mo>)</mo></mrow><mn>2</mn></msup>",
    r#"<mo>,</mo><mspace width="1em"></mspace>"#,
    r#"<mover accent="true"><mi>x</mi><mo>^</mo></mover><mo>=</mo>"#,
    "<mi>g</mi><mo>(</mo><mi>f</mi><mo>(</mo><mi>x</mi><mo>)</mo><mo>)</mo>",
    "</math>"
);

/// The β-weighted negative ELBO; β = 1 is the ELBO itself.
const MATH_NEG_ELBO: &str = concat!(
    r#"<math display="block">"#,
    // The minus opens its own mrow, so it is spaced as a sign, not as a subtraction.
    "<mi>L</mi><mo>=</mo><mrow><mo>−</mo>",
    r#"<msub><mi mathvariant="normal">E</mi>"#,
    "<mrow><mi>q</mi><mo>(</mo><mi>z</mi><mo>∣</mo><mi>x</mi><mo>)</mo></mrow></msub></mrow>",
    r#"<mo>[</mo><mi>log</mi><mspace width="0.1667em"></mspace>"#,
    "<mi>p</mi><mo>(</mo><mi>x</mi><mo>∣</mo><mi>z</mi><mo>)</mo><mo>]</mo>",
    "<mo>+</mo><mi>β</mi><msub><mi>D</mi><mi>KL</mi></msub>",
    "<mo>(</mo><mi>q</mi><mo>(</mo><mi>z</mi><mo>∣</mo><mi>x</mi><mo>)</mo>",
    "<mo>‖</mo><mi>𝒩</mi><mo>(</mo><mn>0</mn><mo>,</mo><mi>I</mi><mo>)</mo><mo>)</mo>",
    "</math>"
);

/// The KL divergence of a diagonal Gaussian from the standard normal, in closed form.
const MATH_KL: &str = concat!(
    r#"<math display="block">"#,
    "<msub><mi>D</mi><mi>KL</mi></msub>",
    "<mo>(</mo><mi>q</mi><mo>(</mo><mi>z</mi><mo>∣</mo><mi>x</mi><mo>)</mo>",
    "<mo>‖</mo><mi>𝒩</mi><mo>(</mo><mn>0</mn><mo>,</mo><mi>I</mi><mo>)</mo><mo>)</mo>",
    "<mo>=</mo><mrow><mo>−</mo><mfrac><mn>1</mn><mn>2</mn></mfrac></mrow>",
    "<munderover><mo>∑</mo><mrow><mi>j</mi><mo>=</mo><mn>1</mn></mrow><mi>d</mi></munderover>",
    "<mrow><mo>(</mo><mn>1</mn><mo>+</mo>",
    r#"<mi>log</mi><mspace width="0.1667em"></mspace>"#,
    "<msubsup><mi>σ</mi><mi>j</mi><mn>2</mn></msubsup><mo>−</mo>",
    "<msubsup><mi>μ</mi><mi>j</mi><mn>2</mn></msubsup><mo>−</mo>",
    "<msubsup><mi>σ</mi><mi>j</mi><mn>2</mn></msubsup><mo>)</mo></mrow>",
    "</math>"
);

/// Scaled dot-product attention.
const MATH_ATTENTION: &str = concat!(
    r#"<math display="block">"#,
    "<mi>Attention</mi><mo>(</mo><mi>Q</mi><mo>,</mo><mi>K</mi><mo>,</mo><mi>V</mi><mo>)</mo>",
    "<mo>=</mo><mi>softmax</mi>",
    "<mrow><mo>(</mo><mfrac>",
    "<mrow><mi>Q</mi><msup><mi>K</mi><mi>⊤</mi></msup></mrow>",
    "<msqrt><msub><mi>d</mi><mi>k</mi></msub></msqrt>",
    "</mfrac><mo>)</mo></mrow><mi>V</mi>",
    "</math>"
);

/// One pre-LN residual sub-layer.
const MATH_PRE_LN: &str = concat!(
    r#"<math display="block">"#,
    "<msub><mi>x</mi><mrow><mi>l</mi><mo>+</mo><mn>1</mn></mrow></msub><mo>=</mo>",
    "<msub><mi>x</mi><mi>l</mi></msub><mo>+</mo>",
    "<mi>F</mi><mo>(</mo><mi>LN</mi><mo>(</mo>",
    "<msub><mi>x</mi><mi>l</mi></msub><mo>)</mo><mo>)</mo>",
    "</math>"
);

/// Training compute, and the Chinchilla rule of thumb for splitting it.
const MATH_CHINCHILLA: &str = concat!(
    r#"<math display="block">"#,
    "<mi>C</mi><mo>≈</mo><mn>6</mn><mi>N</mi><mi>D</mi>",
    r#"<mo>,</mo><mspace width="2em"></mspace>"#,
    "<msub><mi>D</mi><mtext>opt</mtext></msub><mo>≈</mo>",
    "<mn>20</mn><msub><mi>N</mi><mtext>opt</mtext></msub>",
    "</math>"
);

/// Throughput of one matrix multiply that took t seconds.
const MATH_GFLOPS: &str = concat!(
    r#"<math display="block">"#,
    "<mtext>GFLOP/s</mtext><mo>=</mo>",
    "<mfrac><mrow><mn>2</mn><mi>m</mi><mi>n</mi><mi>k</mi></mrow>",
    "<mrow><msup><mn>10</mn><mn>9</mn></msup><mo>·</mo><mi>t</mi></mrow></mfrac>",
    "</math>"
);

// ---------------------------------------------------------------------------------------------
// Overview

const OVERVIEW_EN: &[Block] = &[
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

const OVERVIEW_ZH: &[Block] = &[
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

// ---------------------------------------------------------------------------------------------
// Autoencoder

const AUTOENCODER_EN: &[Block] = &[
    Block::Para(
        "An autoencoder is a network trained to output its own input. That sounds pointless \
         until you make it hard. The encoder f must squeeze each 28×28 digit, 784 numbers, into a \
         code of only a few numbers: the bottleneck. The decoder g must rebuild the whole image \
         from that code alone.",
    ),
    Block::Para(
        "Nobody tells the network what the code should mean. Training only compares the \
         reconstruction x̂ with the original x, pixel by pixel. Here the reconstruction loss is \
         the mean squared error over the D = 784 pixels, averaged over each batch of images:",
    ),
    Block::Math(MATH_MSE),
    Block::Para(
        "Why does a narrow code help? If the bottleneck were as wide as the image, the network \
         could copy the pixels across and learn nothing. With only a few numbers per digit it \
         cannot store pixels, so it must store what digits have in common: the overall shape, \
         the slant, the thickness of the stroke. Blurry reconstructions are the visible price of \
         that compression, and they show what the code chose to keep.",
    ),
    Block::Heading("Reading the latent map"),
    Block::Para(
        "When the code has two numbers, every digit becomes a point you can plot. The latent map \
         colours each point by its true label, which the network never saw. Still, the points \
         gather into clusters: ones in one region, zeros in another, while fours and nines often \
         overlap. The classes separate because digits of the same class look alike, and similar \
         images need similar codes to be rebuilt well. The labels only paint the picture \
         afterwards.",
    ),
    Block::Para(
        "Hinton and Salakhutdinov (2006) showed that deep autoencoders find far better \
         low-dimensional codes than linear methods such as PCA. The map also has gaps, though: \
         decode a point between the clusters and you may get a shape that is no digit at all. \
         The next chapter fixes that.",
    ),
];

const AUTOENCODER_ZH: &[Block] = &[
    Block::Para(
        "自编码器是一个被训练来输出其自身输入的网络。乍听毫无意义，但只要给它加上限制，事情就变得\
         有趣了：编码器 f 必须把每个 28×28 的数字图像，也就是 784 个数，压缩成只有几个数的编码——\
         这就是瓶颈；解码器 g 则只能凭这段编码重建整幅图像。",
    ),
    Block::Para(
        "没有人告诉网络编码应该代表什么。训练时只是逐个像素地比较重建结果 x̂ 和原图 x。这里的\
         重构损失采用均方误差：先在 D = 784 个像素上取平均，再对一批图像取平均：",
    ),
    Block::Math(MATH_MSE),
    Block::Para(
        "为什么窄的编码有用？如果瓶颈和图像一样宽，网络只要把像素原样搬过去就行，什么也学不到。\
         每个数字只能用几个数来表示时，网络存不下像素本身，只能记住数字之间的共性：大致的形状、\
         倾斜的角度、笔画的粗细。重建图像变模糊，正是这种压缩看得见的代价，也恰好暴露了编码选择\
         保留了哪些信息。",
    ),
    Block::Heading("怎样看潜在空间图"),
    Block::Para(
        "当编码只有两个数时，每个数字都成了平面上可以画出来的一个点。潜在空间图按真实标签给每个点\
         上色，而网络在训练中从未见过这些标签。尽管如此，这些点仍会聚成一簇一簇：1 在一片区域，\
         0 在另一片区域，4 和 9 则常常混在一起。类别之所以会分开，是因为同一类数字长得相像，而\
         相似的图像需要相似的编码才能重建得好。标签只是事后给这幅图上了色。",
    ),
    Block::Para(
        "Hinton 和 Salakhutdinov（2006）表明，深层自编码器找到的低维编码远胜于 PCA 这类线性\
         方法。不过这张图上也有空白：解码两个簇之间的某个点，得到的可能根本不像任何数字。下一章\
         就来解决这个问题。",
    ),
];

// ---------------------------------------------------------------------------------------------
// Variational autoencoder

const VAE_EN: &[Block] = &[
    Block::Para(
        "A plain autoencoder maps each digit to a single point, and the space between the points \
         means nothing. A variational autoencoder (VAE) changes one thing: the encoder outputs a \
         distribution. For each digit it predicts a mean μ and a standard deviation σ for every \
         latent dimension, and the code z is drawn from the Gaussian N(μ, σ²).",
    ),
    Block::Para(
        "You cannot backpropagate through a roll of the dice. The reparameterisation trick moves \
         the randomness aside: draw ε from N(0, I), then set z = μ + σ ⊙ ε. Now z is an ordinary \
         function of μ and σ, gradients flow through both, and ε is just another input.",
    ),
    Block::Para(
        "The loss has two terms. The reconstruction term, −log p(x | z), asks the decoder to \
         rebuild x from z; in practice it is a squared error or a cross-entropy over the pixels. \
         The KL divergence pulls every encoded distribution towards the standard normal N(0, I), \
         so the codes fill one smooth, shared region instead of scattered islands. With β = 1 the \
         sum is the negative evidence lower bound, the ELBO:",
    ),
    Block::Math(MATH_NEG_ELBO),
    Block::Para(
        "For a Gaussian with a diagonal covariance, the KL term has a closed form, summed over \
         the d latent dimensions:",
    ),
    Block::Math(MATH_KL),
    Block::Para(
        "β sets the balance (Higgins et al. 2017). Raise it and the codes crowd towards N(0, I): \
         the latent space gets tidier, but reconstructions blur, because the code may carry less \
         information. Lower it and the model drifts back towards a plain autoencoder.",
    ),
    Block::Heading("What the figures show"),
    Block::List(&[
        "Sampling: draw z from N(0, I) and decode it. Because training filled that region, most \
         samples look like plausible digits that appear nowhere in the data.",
        "Interpolation: decode points along a straight line between the codes of two digits. \
         The image morphs smoothly from one to the other, with fewer broken in-between shapes \
         than a plain autoencoder gives.",
        "Latent map: compared with the previous chapter, the clusters are rounder and packed \
         around the origin, with fewer empty gaps.",
    ]),
];

const VAE_ZH: &[Block] = &[
    Block::Para(
        "普通的自编码器把每个数字映射成一个点，点与点之间的空间没有任何意义。变分自编码器（VAE）\
         只改了一件事：编码器输出的是一个分布。对每个数字，它为每个潜在维度预测一个均值 μ 和一个\
         标准差 σ，编码 z 则从高斯分布 N(μ, σ²) 中抽样得到。",
    ),
    Block::Para(
        "随机抽样这一步没法直接反向传播。重参数化技巧把随机性挪到一旁：先从 N(0, I) 中抽取 ε，\
         再令 z = μ + σ ⊙ ε。这样 z 就是 μ 和 σ 的普通函数，梯度可以同时流向二者，而 ε 只是\
         一个额外的输入。",
    ),
    Block::Para(
        "损失由两项组成。重构项 −log p(x | z) 要求解码器从 z 重建出 x，实践中通常是逐像素的平方\
         误差或交叉熵。KL 散度把每个编码分布都拉向标准正态分布 N(0, I)，让所有编码共同填满一片\
         连续、平滑的区域，而不是散落成一个个孤岛。当 β = 1 时，两项之和就是负的证据下界\
         （ELBO）：",
    ),
    Block::Math(MATH_NEG_ELBO),
    Block::Para("当高斯分布的协方差为对角阵时，KL 项有闭式解，对 d 个潜在维度求和："),
    Block::Math(MATH_KL),
    Block::Para(
        "β 控制两项之间的平衡（Higgins 等，2017）。调大 β，编码会更紧地挤向 N(0, I)：潜在空间\
         更规整，但重建图像更模糊，因为编码能携带的信息变少了。调小 β，模型就逐渐退回普通的\
         自编码器。",
    ),
    Block::Heading("图中能看到什么"),
    Block::List(&[
        "采样：从 N(0, I) 中抽取 z 并解码。由于训练已经把这片区域填满，大多数样本看起来都像\
         合理的数字，而它们并不在数据集中。",
        "插值：在两个数字的编码之间连一条直线，依次解码线上的点。图像会平滑地从一个数字渐变成\
         另一个，中间残缺的怪形状比普通自编码器少得多。",
        "潜在空间图：和上一章相比，各个簇更圆，更紧密地聚集在原点周围，空白也更少。",
    ]),
];

// ---------------------------------------------------------------------------------------------
// Self-attention

const ATTENTION_EN: &[Block] = &[
    Block::Para(
        "A sentence reaches a model as a sequence of tokens, each turned into a vector. \
         Self-attention lets every token gather information from every other token, weighted \
         by content, not by position. It is the operation \
         every modern language model is built on.",
    ),
    Block::Para(
        "Three learned matrices turn each token's vector into a query q, a key k and a value v. \
         Think of a lookup: the query says what this token is looking for, the key says what \
         each token offers, and the value is what it hands over. The score of token i on token j \
         is the dot product of q_i and k_j. A softmax over each row turns the scores into weights \
         that are positive and sum to one, and the output for token i is the weighted average of \
         the values. For all tokens at once, with the queries, keys and values stacked as the \
         rows of Q, K and V:",
    ),
    Block::Math(MATH_ATTENTION),
    Block::Para(
        "Why divide by √dₖ? If the entries of q and k are independent with mean 0 and variance \
         1, their dot product is a sum of dₖ such products, so its variance is dₖ. With 64-wide \
         keys, scores would typically be around ±8, and the softmax would put nearly all the \
         weight on one token, leaving almost no gradient for the others. Dividing by √dₖ brings \
         the variance back to about 1.",
    ),
    Block::Heading("Masks and heads"),
    Block::Para(
        "A mask sets chosen scores to −∞ before the softmax, so they get zero weight. The causal \
         mask hides every token after position i from token i: a model that learns to predict \
         the next token must not see it. A padding mask hides the filler added to make \
         sequences the same length.",
    ),
    Block::Para(
        "One attention pattern expresses one kind of relation. Multi-head attention runs h \
         attentions side by side, each in its own smaller space (typically dₖ = d/h), then \
         concatenates and mixes their outputs. One head can follow the previous word while \
         another links a verb to its subject. The figure below steps through it on a sentence you \
         type.",
    ),
];

const ATTENTION_ZH: &[Block] = &[
    Block::Para(
        "一句话进入模型时，是一串词元（token），每个词元都被转换成一个向量。自注意力让每个词元都\
         能从其他所有词元那里收集信息，权重由内容决定，而不是由位置决定。所有现代语言模型\
         都建立在这一运算之上。",
    ),
    Block::Para(
        "三个可学习的矩阵把每个词元的向量分别变换成查询 q、键 k 和值 v。可以把它想成一次查表：\
         查询说明这个词元在找什么，键说明每个词元能提供什么，值则是它真正交出去的内容。词元 i 对\
         词元 j 的打分是 q_i 与 k_j 的点积。对每一行做 softmax，把分数变成为正且和为 1 的权重，\
         词元 i 的输出就是各个值的加权平均。把所有词元的查询、键、值分别按行堆成矩阵 Q、K、V，\
         就可以一次算完：",
    ),
    Block::Math(MATH_ATTENTION),
    Block::Para(
        "为什么要除以 √dₖ？如果 q 和 k 的各个分量相互独立、均值为 0、方差为 1，它们的点积就是 \
         dₖ 个乘积之和，方差为 dₖ。键的维度为 64 时，分数通常在 ±8 左右，softmax 会把几乎全部\
         权重压到一个词元上，其余词元几乎得不到梯度。除以 √dₖ 后，方差又回到 1 左右。",
    ),
    Block::Heading("掩码与多头"),
    Block::Para(
        "掩码在 softmax 之前把指定的分数设为 −∞，使它们的权重变为零。因果掩码对词元 i 隐藏位置 \
         i 之后的所有词元：一个学习预测下一个词元的模型，不能提前看到答案。填充掩码则遮住为了让序列\
         等长而补上的填充词元。",
    ),
    Block::Para(
        "一种注意力模式只能表达一种关系。多头注意力并行运行 h 组注意力，每组在各自更小的空间里\
         计算（通常 dₖ = d/h），再把输出拼接起来并混合。这样，一个头可以追踪前一个词，另一个头\
         可以把动词和它的主语联系起来。下面的图会在你输入的句子上一步步演示这个过程。",
    ),
];

// ---------------------------------------------------------------------------------------------
// Transformer

const TRANSFORMER_EN: &[Block] = &[
    Block::Para(
        "The Transformer (Vaswani et al. 2017) was built for translation: read a sentence in one \
         language, write it in another. It has two stacks of layers. The encoder reads the whole \
         source at once with self-attention, so every source token sees every other. The \
         decoder writes the output one token at a time.",
    ),
    Block::Para(
        "Each decoder layer attends twice. Masked self-attention looks back over the tokens \
         written so far, never ahead. Cross-attention then takes its queries from the decoder \
         and its keys and values from the encoder's output: this is where the model decides \
         which source tokens matter next. After attention, every layer \
         passes each position through the same small feed-forward network.",
    ),
    Block::Para(
        "Attention alone ignores order: shuffle the tokens and the outputs shuffle with them. \
         Positional encodings, added to the token embeddings, tell the model where each token \
         sits. The original paper used fixed sines and cosines of different frequencies; many \
         models learn them instead.",
    ),
    Block::Para(
        "Deep stacks train well thanks to residual connections and layer normalisation. In the \
         pre-LN layout, each sub-layer F (attention or feed-forward) normalises its input and \
         adds its result back to the stream. It trains stably without the long learning-rate \
         warm-up of the original layout (Xiong et al. 2020):",
    ),
    Block::Math(MATH_PRE_LN),
    Block::Heading("Training and decoding"),
    Block::Para(
        "Training uses teacher forcing: the decoder is fed the correct previous tokens, not its \
         own guesses, so every output position gets its loss in one parallel pass, and the \
         causal mask keeps it honest. At test time there is no correct answer to feed. Greedy \
         decoding starts from a start token, picks the most probable next token, appends it and \
         repeats until an end token.",
    ),
    Block::Para("The lab trains a tiny Transformer from random weights on toy translations:"),
    Block::List(&[
        "Dates to ISO 8601: “March 5, 2021” → “2021-03-05”.",
        "English number words to Chinese numerals: “forty-two” → “四十二”.",
        "Reversal: “gradlab” → “baldarg”.",
    ]),
    Block::Para(
        "Watch the cross-attention map as it trains: a blur at first, it lines up, and for \
         reversal becomes an anti-diagonal. Large translation and language models are built \
         from the same parts, many orders of magnitude bigger.",
    ),
];

const TRANSFORMER_ZH: &[Block] = &[
    Block::Para(
        "Transformer（Vaswani 等，2017）最初是为机器翻译设计的：读入一种语言的句子，写出另一种\
         语言的句子。它由两叠网络层组成。编码器借助自注意力一次读入整个源句，让源句中的每个\
         词元都能看到其他所有词元。解码器则一个词元一个词元地写出译文。",
    ),
    Block::Para(
        "解码器的每一层都要做两次注意力。掩码自注意力只回看已经写出的词元，绝不偷看后面的内容。\
         接着，交叉注意力的查询来自解码器，键和值来自编码器的输出：模型正是在这里决定，接下来应该\
         关注源句中的哪些词元。注意力之后，每一层还会把每个位置送进同一个小型前馈网络。",
    ),
    Block::Para(
        "注意力本身不考虑顺序：把词元打乱，输出也只是跟着打乱。位置编码加在词元嵌入上，告诉模型\
         每个词元位于哪里。原始论文使用不同频率的正弦和余弦函数作为固定编码；许多模型则改为让\
         网络自己学习位置编码。",
    ),
    Block::Para(
        "深层网络之所以能训练好，靠的是残差连接和层归一化。在 Pre-LN 结构中，每个子层 F（注意力\
         或前馈网络）先对输入做归一化，再把结果加回主干。这种结构训练稳定，不需要原始结构\
         所依赖的长时间学习率预热（Xiong 等，2020）：",
    ),
    Block::Math(MATH_PRE_LN),
    Block::Heading("训练与解码"),
    Block::Para(
        "训练时采用教师强制：喂给解码器的是正确的前文词元，而不是它自己的猜测，因此一次并行计算\
         就能得到所有输出位置的损失，因果掩码保证它无法作弊。测试时没有正确答案可喂。贪心解码\
         从起始词元开始，每次选出概率最大的下一个词元并接在后面，如此反复，直到生成结束词元。",
    ),
    Block::Para("本实验室从随机初始化开始，在几个玩具翻译任务上训练一个很小的 Transformer："),
    Block::List(&[
        "日期转 ISO 8601 格式：“March 5, 2021” → “2021-03-05”。",
        "英文数字单词转中文数字：“forty-two” → “四十二”。",
        "字符串倒序：“gradlab” → “baldarg”。",
    ]),
    Block::Para(
        "训练时留意交叉注意力图：它一开始模糊一片，随后逐渐对齐；在倒序任务里，它会变成一条反\
         对角线。大型翻译模型和语言模型用的是同样的部件，只是规模大了许多个数量级。",
    ),
];

// ---------------------------------------------------------------------------------------------
// Pretraining, fine-tuning and scale

const FINETUNE_EN: &[Block] = &[
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
        "Kaplan et al. (2020) found that the test loss of language models falls as a power law \
         in parameters, data and compute over many orders of magnitude: a straight line on \
         log–log axes. Hoffmann et al. (2022) asked how to split a fixed compute budget C, in \
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

const FINETUNE_ZH: &[Block] = &[
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
        "线性探针：冻结预训练网络，只在它输出的特征上训练一个线性分类器。它衡量的是这些特征本身\
         已经能把各个类别分得多开。",
        "全参数微调：从预训练权重出发，训练全部参数，通常使用较小的学习率。",
        "从零训练：同样的网络从随机权重开始，只用同样那几个标签来训练。这是需要超越的基线。",
    ]),
    Block::Heading("缩放定律"),
    Block::Para(
        "Kaplan 等（2020）发现，语言模型的测试损失随参数量、数据量和算力按幂律下降，并且跨越许多\
         个数量级：在双对数坐标上是一条直线。Hoffmann 等（2022）进一步追问：给定以浮点运算次数\
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

// ---------------------------------------------------------------------------------------------
// Performance

const PERFORMANCE_EN: &[Block] = &[
    Block::Para(
        "Every model in the lab runs on a small engine written for it: tensors, automatic \
         differentiation (autograd) and optimisers, in Rust, compiled to WebAssembly. It runs in \
         a Web Worker, a background thread, so the page keeps drawing while the worker computes. \
         Its inner loops use wasm SIMD128, instructions that work on 128 bits at once: four \
         32-bit floating-point numbers per operation.",
    ),
    Block::Para(
        "Training a neural network is mostly matrix multiplication, GEMM for short. A dense layer \
         applied to a batch is one GEMM. Backpropagation adds two more of the same size: one for \
         the weight gradient (Aᵀ·B) and one for the gradient passed to the layer below (A·Bᵀ). \
         So about two thirds of the arithmetic in a training step is in the backward pass, and \
         the speed of GEMM sets the speed of training.",
    ),
    Block::Para(
        "Speed is counted in GFLOP/s, billions of floating-point operations per second. \
         Multiplying an m×k matrix by a k×n one takes m·n·k multiplications and as many \
         additions, 2mnk operations in all. If one multiply takes t seconds:",
    ),
    Block::Math(MATH_GFLOPS),
    Block::Para(
        "The widest layer of the autoencoder, 784 inputs to 128 outputs on a batch of 128 \
         digits, costs about 26 million operations forward and 51 million backward.",
    ),
    Block::Heading("Reading the figures"),
    Block::Para(
        "The numbers below are measured now, in your browser, on one thread; they are not \
         figures from our machines. They vary with the device, the browser, the battery and the \
         temperature, and a tab in the background may be slowed down. For scale, a data-centre GPU \
         reaches hundreds of teraFLOP/s in the low-precision formats used for training: compare \
         that with the numbers below.",
    ),
    Block::Para(
        "Larger squares usually run faster per operation: each number loaded from memory takes \
         part in more multiplications, so the processor waits less. Fast libraries organise the \
         whole computation around the caches for this reason (Goto and van de Geijn 2008). The \
         three autoencoder rows compare the forward product with its two gradient forms; when one \
         is slower, it usually reads memory in a less friendly order.",
    ),
];

const PERFORMANCE_ZH: &[Block] = &[
    Block::Para(
        "实验室里的每个模型都运行在一个专门为它编写的小引擎上：张量、自动微分（autograd）和优化器，\
         全部用 Rust 编写并编译成 WebAssembly。它运行在 Web Worker（一个后台线程）里，所以后台\
         计算时页面照样刷新。它的内层循环使用 wasm SIMD128 指令，一次处理 128 位数据，也就是每条\
         指令同时处理四个 32 位浮点数。",
    ),
    Block::Para(
        "训练神经网络的主要工作是矩阵乘法，简称 GEMM。一个全连接层作用于一批数据，就是一次 GEMM。\
         反向传播再加上两次同样规模的 GEMM：一次求权重梯度（Aᵀ·B），一次求传给下一层的梯度\
         （A·Bᵀ）。所以一个训练步骤中大约三分之二的运算发生在反向传播里，GEMM 有多快，训练就\
         有多快。",
    ),
    Block::Para(
        "速度用 GFLOP/s 衡量，即每秒十亿次浮点运算。一个 m×k 矩阵乘以一个 k×n 矩阵，需要 m·n·k \
         次乘法和同样多次加法，共 2mnk 次运算。如果一次乘法耗时 t 秒：",
    ),
    Block::Math(MATH_GFLOPS),
    Block::Para(
        "自编码器中最宽的一层把 784 个输入映射到 128 个输出，批大小为 128 时，前向约需 2600 万次\
         运算，反向约需 5100 万次。",
    ),
    Block::Heading("怎样读这些数字"),
    Block::Para(
        "下面的数字是此刻在你的浏览器里、用单个线程测得的，不是我们机器上的成绩。它们会随设备、\
         浏览器、电池状态和温度而变化，放在后台的标签页也可能被降速。作为对照，一块数据中心 \
         GPU 在训练常用的低精度格式下，每秒可完成数百万亿次浮点运算：不妨拿它和下面的数字比一比。",
    ),
    Block::Para(
        "较大的方阵通常每次运算更快：从内存读入的每个数参与的乘法更多，处理器等待的时间更少。\
         高性能库正是因此围绕缓存来组织整个计算（Goto 和 van de Geijn，2008）。自编码器的三行\
         把前向乘法和它的两种梯度形式放在一起比较；如果其中某一行较慢，通常是因为它访问内存的\
         顺序不够友好。",
    ),
];

// ---------------------------------------------------------------------------------------------
// References

const REFERENCES_EN: &[Block] = &[Block::Para(
    "The ideas in this lab took almost four decades to come together. The timeline below follows \
     them from backpropagation in 1986 to the compute-optimal scaling of 2022, and the list after \
     it gives the works each chapter builds on, with a line on why each is cited. Where a paper \
     appeared as a preprint before a conference, the year is usually that of the preprint.",
)];

const REFERENCES_ZH: &[Block] = &[Block::Para(
    "本实验室讲到的这些思想，用了将近四十年才汇聚到一起。下面的时间线从 1986 年的反向传播讲到 \
     2022 年的算力最优缩放；其后的列表给出各章所依据的文献，并用一句话说明引用每篇文献的理由。\
     若论文先以预印本发布、后在会议上发表，年份通常取预印本的年份。",
)];

#[cfg(test)]
mod tests {
    use super::*;

    /// Every piece of prose text in a block (not Math).
    fn texts(b: &Block) -> Vec<&'static str> {
        match *b {
            Block::Heading(t) | Block::Para(t) => vec![t],
            Block::List(items) => items.to_vec(),
            Block::Math(_) => vec![],
        }
    }

    fn is_cjk(c: char) -> bool {
        ('\u{4E00}'..='\u{9FFF}').contains(&c)
    }

    fn has_cjk(s: &str) -> bool {
        s.chars().any(is_cjk)
    }

    /// Chinese text puts a space between Chinese characters and Latin letters or digits
    /// ("使用 wasm SIMD128"), as the rest of the catalog does.
    fn cjk_touches_latin(s: &str) -> Option<String> {
        let chars: Vec<char> = s.chars().collect();
        chars.windows(2).find_map(|w| {
            let (a, b) = (w[0], w[1]);
            let touching = (is_cjk(a) && b.is_ascii_alphanumeric())
                || (a.is_ascii_alphanumeric() && is_cjk(b));
            touching.then(|| format!("{a}{b}"))
        })
    }

    /// The MathML Core elements a formula may use.
    const MATHML_CORE: &[&str] = &[
        "math",
        "mi",
        "mn",
        "mo",
        "ms",
        "mtext",
        "mspace",
        "mrow",
        "mfrac",
        "msqrt",
        "mroot",
        "mstyle",
        "merror",
        "mpadded",
        "mphantom",
        "msub",
        "msup",
        "msubsup",
        "munder",
        "mover",
        "munderover",
        "mmultiscripts",
        "mprescripts",
        "mtable",
        "mtr",
        "mtd",
        "semantics",
        "annotation",
        "annotation-xml",
    ];

    /// Checks that every tag is a MathML Core element and that tags nest and close properly.
    fn check_mathml(m: &str) -> Result<(), String> {
        if !m.starts_with("<math") || !m.ends_with("</math>") {
            return Err("must start with <math and end with </math>".into());
        }
        let mut stack: Vec<&str> = Vec::new();
        let mut rest = m;
        while let Some(open) = rest.find('<') {
            if rest[..open].contains('>') {
                return Err(format!("stray '>' before {:?}", &rest[open..]));
            }
            let close = rest[open..].find('>').ok_or("unterminated tag")? + open;
            let tag = &rest[open + 1..close];
            if tag.contains('<') {
                return Err(format!("'<' inside tag {tag:?}"));
            }
            if !tag.matches('"').count().is_multiple_of(2) {
                return Err(format!("unbalanced quotes in {tag:?}"));
            }
            if let Some(name) = tag.strip_prefix('/') {
                match stack.pop() {
                    Some(top) if top == name => {}
                    top => return Err(format!("</{name}> closes {top:?}")),
                }
            } else {
                let self_closing = tag.ends_with('/');
                let name = tag
                    .trim_end_matches('/')
                    .split_whitespace()
                    .next()
                    .unwrap_or("");
                if !MATHML_CORE.contains(&name) {
                    return Err(format!("<{name}> is not MathML Core"));
                }
                if name == "math" && !stack.is_empty() {
                    return Err("nested <math>".into());
                }
                if !self_closing {
                    stack.push(name);
                }
            }
            rest = &rest[close + 1..];
            if stack.is_empty() && !rest.is_empty() {
                return Err(format!("content after </math>: {rest:?}"));
            }
        }
        if rest.contains('>') {
            return Err("stray '>' at the end".into());
        }
        if stack.is_empty() {
            Ok(())
        } else {
            Err(format!("unclosed {stack:?}"))
        }
    }

    #[test]
    fn every_chapter_has_content_in_both_languages() {
        for c in Chapter::ALL {
            for l in Lang::ALL {
                let blocks = chapter_intro(l, c);
                assert!(!blocks.is_empty(), "{c:?} is empty in {l:?}");
                assert!(
                    blocks.iter().any(|b| matches!(b, Block::Para(_))),
                    "{c:?} has no paragraph in {l:?}"
                );
            }
        }
    }

    #[test]
    fn both_languages_have_the_same_structure() {
        for c in Chapter::ALL {
            let en = chapter_intro(Lang::En, c);
            let zh = chapter_intro(Lang::Zh, c);
            assert_eq!(en.len(), zh.len(), "{c:?}: block counts differ");
            for (i, (a, b)) in en.iter().zip(zh).enumerate() {
                match (a, b) {
                    (Block::Heading(_), Block::Heading(_)) | (Block::Para(_), Block::Para(_)) => {}
                    (Block::List(x), Block::List(y)) => {
                        assert_eq!(x.len(), y.len(), "{c:?} block {i}: list lengths differ")
                    }
                    (Block::Math(x), Block::Math(y)) => {
                        assert_eq!(x, y, "{c:?} block {i}: formulas differ")
                    }
                    _ => panic!("{c:?} block {i}: {a:?} vs {b:?}"),
                }
            }
        }
    }

    #[test]
    fn no_text_is_blank_or_carries_markup() {
        for c in Chapter::ALL {
            for l in Lang::ALL {
                for b in chapter_intro(l, c) {
                    if let Block::List(items) = b {
                        assert!(!items.is_empty(), "{c:?} {l:?}: empty list");
                    }
                    if let Block::Math(m) = b {
                        assert!(!m.trim().is_empty(), "{c:?} {l:?}: empty formula");
                    }
                    for t in texts(b) {
                        assert!(!t.trim().is_empty(), "{c:?} {l:?}: blank text");
                        assert_eq!(t, t.trim(), "{c:?} {l:?}: stray whitespace in {t:?}");
                        // Prose is rendered as text: markup would show up literally.
                        assert!(!t.contains('<'), "{c:?} {l:?}: markup in {t:?}");
                        // A line continuation that swallowed a space, or doubled one.
                        assert!(!t.contains("  "), "{c:?} {l:?}: double space in {t:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn chinese_text_is_chinese() {
        for c in Chapter::ALL {
            for b in chapter_intro(Lang::Zh, c) {
                for t in texts(b) {
                    assert!(has_cjk(t), "{c:?}: no Chinese in {t:?}");
                    if let Some(pair) = cjk_touches_latin(t) {
                        panic!("{c:?}: no space in {pair:?} in {t:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn every_formula_is_well_formed_mathml_core() {
        for c in Chapter::ALL {
            for l in Lang::ALL {
                for b in chapter_intro(l, c) {
                    if let Block::Math(m) = b {
                        if let Err(e) = check_mathml(m) {
                            panic!("{c:?} {l:?}: {e}\n{m}");
                        }
                        assert!(
                            m.starts_with(r#"<math display="block">"#),
                            "{c:?}: not a block"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn the_mathml_checker_rejects_broken_markup() {
        assert!(check_mathml("<math><mi>x</mi></math>").is_ok());
        assert!(check_mathml(r#"<math><mspace width="1em"/></math>"#).is_ok());
        assert!(check_mathml("<math><mi>x</mo></math>").is_err());
        assert!(check_mathml("<math><mrow><mi>x</mi></math>").is_err());
        assert!(check_mathml("<math><mfenced><mi>x</mi></mfenced></math>").is_err());
        assert!(check_mathml("<math><mi>x</mi></math><mi>y</mi>").is_err());
        assert!(check_mathml("<mi>x</mi>").is_err());
        assert!(check_mathml(r#"<math><mi class="a>x</mi></math>"#).is_err());
    }

    #[test]
    fn english_chapters_are_between_150_and_350_words() {
        for c in Chapter::ALL {
            if c == Chapter::References {
                continue; // one short paragraph before the timeline
            }
            let words: usize = chapter_intro(Lang::En, c)
                .iter()
                .flat_map(texts)
                .map(|t| t.split_whitespace().count())
                .sum();
            assert!((150..=350).contains(&words), "{c:?} has {words} words");
        }
    }
}
