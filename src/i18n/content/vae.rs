//! The variational autoencoder chapter's introduction, with the ELBO and the closed-form KL.

use super::Block;

// Formulas are shared by both languages, so the two versions cannot drift apart.

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

pub(super) const VAE_EN: &[Block] = &[
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
        "β sets the balance ([Higgins et al. 2017](higgins2017)). Raise it and the codes crowd towards N(0, I): \
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

pub(super) const VAE_ZH: &[Block] = &[
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
        "损失由两项组成。重建项 −log p(x | z) 要求解码器从 z 重建出 x，实践中通常是逐像素的平方\
         误差或交叉熵。KL 散度把每个编码分布都拉向标准正态分布 N(0, I)，让所有编码共同填满一片\
         连续、平滑的区域，而不是散落成一个个孤岛。当 β = 1 时，两项之和就是负的证据下界\
         （ELBO）：",
    ),
    Block::Math(MATH_NEG_ELBO),
    Block::Para("当高斯分布的协方差为对角阵时，KL 项有闭式解，对 d 个潜在维度求和："),
    Block::Math(MATH_KL),
    Block::Para(
        "β 控制两项之间的平衡（[Higgins 等，2017](higgins2017)）。调大 β，编码会更紧地挤向 N(0, I)：潜在空间\
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
