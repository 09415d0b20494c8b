//! The Autoencoder chapter's introduction, with the formula of the reconstruction loss.

use super::Block;

// Formulas are shared by both languages, so the two versions cannot drift apart.

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

pub(super) const AUTOENCODER_EN: &[Block] = &[
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
        "[Hinton and Salakhutdinov (2006)](hinton2006) showed that deep autoencoders find far better \
         low-dimensional codes than linear methods such as PCA. The map also has gaps, though: \
         decode a point between the clusters and you may get a shape that is no digit at all. \
         The next chapter fixes that.",
    ),
];

pub(super) const AUTOENCODER_ZH: &[Block] = &[
    Block::Para(
        "自编码器是一个被训练来输出其自身输入的网络。乍听毫无意义，但只要给它加上限制，事情就变得\
         有趣了：编码器 f 必须把每个 28×28 的数字图像，也就是 784 个数，压缩成只有几个数的编码——\
         这就是瓶颈；解码器 g 则只能凭这段编码重建整幅图像。",
    ),
    Block::Para(
        "没有人告诉网络编码应该代表什么。训练时只是逐个像素地比较重建结果 x̂ 和原图 x。这里的\
         重建损失采用均方误差：先在 D = 784 个像素上取平均，再对一批图像取平均：",
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
        "[Hinton 和 Salakhutdinov（2006）](hinton2006)表明，深层自编码器找到的低维编码远胜于 PCA 这类线性\
         方法。不过这张图上也有空白：解码两个簇之间的某个点，得到的可能根本不像任何数字。下一章\
         就来解决这个问题。",
    ),
];
