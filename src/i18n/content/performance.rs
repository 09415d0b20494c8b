//! The Performance chapter's introduction, with the GFLOP/s of one matrix multiply.

use super::Block;

// Formulas are shared by both languages, so the two versions cannot drift apart.

/// Throughput of one matrix multiply that took t seconds.
const MATH_GFLOPS: &str = concat!(
    r#"<math display="block">"#,
    "<mtext>GFLOP/s</mtext><mo>=</mo>",
    "<mfrac><mrow><mn>2</mn><mi>m</mi><mi>n</mi><mi>k</mi></mrow>",
    "<mrow><msup><mn>10</mn><mn>9</mn></msup><mo>·</mo><mi>t</mi></mrow></mfrac>",
    "</math>"
);

pub(super) const PERFORMANCE_EN: &[Block] = &[
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
        "The numbers below are measured now, in your browser: the matrix products on one thread, \
         the training on as many workers as you choose, one per core at most; they are not \
         figures from our machines. They vary with the device, the browser, the battery and the \
         temperature, and a tab in the background may be slowed down. For scale, a data-centre GPU \
         reaches hundreds of teraFLOP/s in the low-precision formats used for training: compare \
         that with the numbers below.",
    ),
    Block::Para(
        "Larger squares usually run faster per operation: each number loaded from memory takes \
         part in more multiplications, so the processor waits less. Fast libraries organise the \
         whole computation around the caches for this reason ([Goto and van de Geijn 2008](goto2008)). The \
         three autoencoder rows compare the forward product with its two gradient forms; when one \
         is slower, it usually reads memory in a less friendly order.",
    ),
];

pub(super) const PERFORMANCE_ZH: &[Block] = &[
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
        "下面的数字是此刻在你的浏览器里测得的：矩阵乘法用单个线程，训练则用你选择的工作线程数，\
         最多每核一个；它们不是我们机器上的成绩。它们会随设备、\
         浏览器、电池状态和温度而变化，放在后台的标签页也可能被降速。作为对照，一块数据中心 \
         GPU 在训练常用的低精度格式下，每秒可完成数百万亿次浮点运算：不妨拿它和下面的数字比一比。",
    ),
    Block::Para(
        "较大的方阵通常每次运算更快：从内存读入的每个数参与的乘法更多，处理器等待的时间更少。\
         高性能库正是因此围绕缓存来组织整个计算（[Goto 和 van de Geijn，2008](goto2008)）。自编码器的三行\
         把前向乘法和它的两种梯度形式放在一起比较；如果其中某一行较慢，通常是因为它访问内存的\
         顺序不够友好。",
    ),
];
