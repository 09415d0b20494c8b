//! Short interface strings: labels, buttons, status lines.
//!
//! Each entry names both languages, so the catalog is complete by construction.

use super::Lang;

macro_rules! catalog {
    ($($key:ident => $en:literal, $zh:literal;)*) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Msg { $($key),* }

        impl Msg {
            pub const ALL: &'static [Msg] = &[$(Msg::$key),*];

            pub fn get(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $((Msg::$key, Lang::En) => $en, (Msg::$key, Lang::Zh) => $zh,)*
                }
            }
        }
    };
}

catalog! {
    AppName => "gradlab", "gradlab";
    Tagline => "Train small models live in your browser", "在浏览器里实时训练小模型";
    SkipToContent => "Skip to content", "跳到正文";
    ChaptersLabel => "Chapters", "章节";
    NavOverview => "Overview", "概览";
    NavAutoencoder => "Autoencoder", "自编码器";
    NavVae => "Variational autoencoder", "变分自编码器";
    NavAttention => "Self-attention", "自注意力";
    NavTransformer => "Transformer", "Transformer";
    NavFinetune => "Pretraining & fine-tuning", "预训练与微调";
    NavPerformance => "Performance", "性能";
    NavReferences => "References", "参考文献";
    SwitchLanguage => "Switch language", "切换语言";
    PrevChapter => "Previous", "上一章";
    NextChapter => "Next", "下一章";
    NotFoundTitle => "This page does not exist", "没有这个页面";
    NotFoundBody => "The address points to no chapter of the lab. Pick one from the list:", "这个地址不对应实验室的任何章节。请从下面的列表中选择：";
    NotFoundAsked => "Requested", "请求的地址";
    ErrorTitle => "Something went wrong", "出错了";
    ErrorWorkerRestarted => "The training worker crashed and was restarted. Anything it was running has stopped; start it again.", "训练用的后台线程崩溃了，已经重新启动。它正在运行的任务已停止，请重新开始。";
    ErrorWorkerGaveUp => "The training worker keeps crashing, so it was not restarted again. Reload the page to try once more.", "训练用的后台线程反复崩溃，因此不再重启。请刷新页面再试一次。";
    ErrorWorkerLoad => "The training worker could not start", "训练用的后台线程无法启动";
    ErrorAppPanic => "The page hit an internal error and stopped. Reload to continue where you were.", "页面遇到内部错误并已停止。刷新页面即可回到原来的位置继续。";
    ErrorJobFailed => "The worker could not do what was asked. Nothing else was lost, and it is ready for the next task. What went wrong:", "后台线程无法完成这项任务。其他内容都没有丢失，它已准备好执行下一项任务。出错原因：";
    Details => "Details", "详情";
    Dismiss => "Dismiss", "关闭";
    Reload => "Reload", "刷新";
    WorkerStarting => "Worker starting…", "后台线程启动中…";
    WorkerReady => "Worker ready", "后台线程就绪";
    WorkerBusy => "Worker busy", "后台线程运行中";
    WorkerDown => "Worker restarting…", "后台线程重启中…";
    PerfGemmTitle => "Matrix multiply (GEMM) in the worker", "后台线程中的矩阵乘法（GEMM）";
    PerfGemmExplain => "Each row times C = A·B for one shape, in the Web Worker that trains the models, on one thread with wasm SIMD (with relaxed-SIMD fused multiply-add where the browser has it). The last three rows are the widest layer of the seed autoencoder at batch 128: the forward pass, the weight gradient (Aᵀ·B) and the input gradient (A·Bᵀ).", "每一行在训练模型的 Web Worker 中计时一次 C = A·B，单线程、使用 wasm SIMD（浏览器支持时使用 relaxed-SIMD 融合乘加）。最后三行是种子自编码器最宽的一层（批大小 128）：前向计算、权重梯度（Aᵀ·B）和输入梯度（A·Bᵀ）。";
    PerfRun => "Measure", "开始测量";
    PerfRunAgain => "Measure again", "重新测量";
    PerfCancel => "Stop", "停止";
    PerfMeasuring => "Measuring", "测量中";
    PerfShape => "Shape", "形状";
    PerfTrainTitle => "Training the seed autoencoder", "训练种子自编码器";
    PerfTrainExplain => "Full training steps of the chapter's seed autoencoder (784→128→64→32→16→8→4 and back, Adam, mean squared error) on real MNIST digits, in the worker: drawing the batch, the forward pass, backpropagation and the Adam update. One sample costs 1.335 million floating-point operations.", "在后台线程中对真实 MNIST 数字执行种子自编码器（784→128→64→32→16→8→4 再对称还原，Adam 优化，均方误差）的完整训练步：取一批数据、前向计算、反向传播和 Adam 更新。每个样本需要 133.5 万次浮点运算。";
    PerfTrainLoading => "Loading the MNIST digits", "正在载入 MNIST 数字";
    PerfTrainNotYet => "Not measured yet. Measuring takes about six seconds.", "尚未测量。测量大约需要六秒。";
    PerfBatch => "Batch", "批大小";
    PerfSamples => "samples/s", "样本/秒";
    PerfLoss => "Loss, first → last step", "损失：首步 → 末步";
    PerfMemory => "Worker memory:", "后台线程内存：";
    PerfKernel => "GEMM kernel:", "GEMM 内核：";
    PerfKernelRelaxed => "wasm relaxed-SIMD, fused multiply-add", "wasm relaxed-SIMD，融合乘加";
    PerfKernelPlain => "wasm SIMD128, multiply then add", "wasm SIMD128，先乘后加";
    PerfGflops => "GFLOP/s", "GFLOP/s";
    PerfNotYet => "Not measured yet. Measuring takes about three seconds.", "尚未测量。测量大约需要三秒。";
    PerfCancelled => "Stopped before the end.", "测量在完成前被停止。";
    PerfYourBrowser => "Measured just now in your browser", "刚刚在你的浏览器中测得";
    SelfTestPanic => "Self-test: crash the worker", "自检：让后台线程崩溃";
    SelfTestDeterminism => "Self-test: 100 seeded training steps", "自检：100 步固定种子训练";
    SelfTestAppPanic => "Self-test: crash the page", "自检：让页面崩溃";
    FooterText => "gradlab trains every model in your browser. Nothing is sent to a server.", "gradlab 的所有模型都在你的浏览器中训练，不会向服务器发送任何数据。";
    CardAutoencoder => "Squeeze real handwritten digits through a bottleneck of a few numbers and watch the network learn to rebuild them.", "把真实的手写数字压缩成几个数，再看网络如何学会把它们还原。";
    CardVae => "Turn the code into a distribution, sample brand-new digits, and see what the KL term trades away.", "把编码变成概率分布，采样全新的数字，看看 KL 项换来了什么、又牺牲了什么。";
    CardAttention => "Step through softmax(QKᵀ/√dₖ)V on a sentence of your own, one matrix at a time.", "在你自己输入的句子上，一步一个矩阵地演算 softmax(QKᵀ/√dₖ)V。";
    CardTransformer => "Train an encoder-decoder from nothing on toy translation and watch cross-attention line up.", "从零开始在玩具翻译任务上训练编码器-解码器，看交叉注意力如何逐渐对齐。";
    CardFinetune => "Pretrain without labels, fine-tune on a handful, and see loss fall along a power law as models grow.", "先在无标签数据上预训练，再用少量标签微调；并观察模型变大时损失如何沿幂律下降。";
    CardPerformance => "How fast this browser trains: matrix multiplies and training steps, measured in the worker.", "这个浏览器训练得有多快：在后台线程中测量矩阵乘法与训练步。";
    CardReferences => "Where the ideas come from: a short history and the papers behind every chapter.", "这些思想从何而来：一段简史，以及每一章背后的论文。";
    FullStop => ".", "。";
    LabPreset => "Model", "模型";
    LabPresetSeed => "Seed, 4-number code", "种子模型（4 维编码）";
    LabPreset2d => "Seed, 2-number code", "种子模型（2 维编码）";
    LabPresetCustom => "Custom widths", "自定义宽度";
    VaePreset2d => "2-D latent", "二维潜变量";
    VaePreset16d => "16-D latent", "十六维潜变量";
    LabWidths => "Widths after the 784 pixels (the last is the code)", "784 个像素之后各层的宽度（最后一个是编码）";
    LabLr => "Learning rate", "学习率";
    LabBatch => "Batch size", "批大小";
    LabOptimizer => "Optimiser", "优化器";
    LabLoss => "Loss", "损失函数";
    OptAdam => "Adam", "Adam";
    OptSgd => "SGD", "SGD";
    LabLossMse => "Mean squared error", "均方误差";
    LabLossBce => "Binary cross-entropy", "二元交叉熵";
    LabSeed => "Seed", "随机种子";
    LabStart => "Start", "开始训练";
    LabResume => "Resume", "继续训练";
    LabPause => "Pause", "暂停";
    LabStepOnce => "One step", "单步";
    LabReset => "Reset", "重置";
    LabApply => "Apply and reset", "应用并重置";
    LabPending => "Settings changed. They take effect on a new model: press “Apply and reset”.", "设置已更改，将在新模型上生效：请按“应用并重置”。";
    LabStarting => "Loading the digits and building the model…", "正在载入数字并构建模型…";
    LabFailed => "No model: the worker refused the settings or could not load the digits (see the message above). Press Reset to try again.", "没有模型：后台线程拒绝了这些设置，或无法载入数字（见上方消息）。按“重置”再试一次。";
    LabStep => "Step", "步数";
    LabTestLoss => "Test loss", "测试损失";
    LabThroughput => "Samples/s", "样本/秒";
    LabParams => "Parameters", "参数量";
    LabErrNumber => "Enter a number.", "请输入一个数字。";
    LabErrWhole => "Enter a whole number.", "请输入一个整数。";
    LabErrWidths => "Enter widths as whole numbers separated by dashes, for example 128-64-2.", "请输入用短横线分隔的整数宽度，例如 128-64-2。";
    LabErrRange => "Out of range. Allowed:", "超出范围。允许的范围：";
    LabErrHeads => "The number of heads must divide d_model.", "注意力头数必须能整除 d_model。";
    LabErrDepth => "Number of layers out of range. Allowed:", "层数超出范围。允许的范围：";
    LabErrLatent => "The code (the last width) is out of range. Allowed:", "编码宽度（最后一个数）超出范围。允许的范围：";
    LabDivergedTitle => "Training diverged and was stopped", "训练发散，已停止";
    LabDivergedNonFinite => "A loss or a weight became infinite or NaN (not a number). The steps overshot the minimum and grew until the numbers overflowed.", "某个损失或权重变成了无穷大或 NaN（非数）。每一步都越过了最低点，而且越走越远，直到数值溢出。";
    LabDivergedExploded => "The training loss climbed to more than four times its starting value instead of falling. The steps overshoot the minimum and bounce ever higher.", "训练损失不降反升，超过了起始值的四倍。每一步都越过了最低点，并且越弹越高。";
    LabDivergedSaturated => "Weights or codes grew to thousands. Every unit is now pushed to its limit, so the network outputs the same average digit whatever it is shown, and its loss no longer falls: the updates overshot.", "权重或编码增长到了数千。现在每个单元都被推到了极限，网络无论看到什么都输出同一个平均数字，损失也不再下降：更新步子迈得太大了。";
    LabDivergedAt => "Stopped at step", "停止于第几步：";
    LabDivergedTry => "The usual cause is a learning rate too large for the optimiser. Try one ten times smaller, or Adam instead of SGD, then press “Apply and reset”.", "通常的原因是学习率对这个优化器来说太大了。试试把它缩小十倍，或者把 SGD 换成 Adam，然后按“应用并重置”。";
    LabTrain => "train", "训练集";
    LabTest => "test", "测试集";
    AxisStep => "step", "步数";
    AxisLoss => "loss", "损失";
    AxisLossPerImage => "nats per image", "每张图像的奈特数";
    LegendDigit => "digit", "数字";
    LabLiveValues => "In the current run, on the 1,000 test digits:", "当前运行在 1,000 个测试数字上的值：";
    LabAtStep => "at step", "步数";
    AeLossTitle => "Loss", "损失";
    AeLossCaption => "Reconstruction loss per pixel, on the training batches (averaged between updates) and on all 1,000 held-out test digits. The test curve is the honest one: the model never trains on those digits.", "每个像素的重建损失：训练批次上的值（两次更新之间取平均）和全部 1,000 个留出测试数字上的值。测试曲线才是诚实的：模型从不在这些数字上训练。";
    AeReconTitle => "Reconstructions", "重建";
    AeReconCaption => "Eight test digits (top) and what the decoder rebuilds from their codes (bottom). Early on every digit comes back as the same blur, the average digit; then strokes appear.", "八个测试数字（上）以及解码器从它们的编码中重建出的图像（下）。刚开始时每个数字都被还原成同一团模糊——平均的数字；之后笔画逐渐出现。";
    AeOriginal => "original", "原图";
    AeRebuilt => "rebuilt", "重建";
    AeLatentTitle => "Latent space", "潜在空间";
    AeLatentPca => "The code has more than two numbers, so the map shows its first two principal components (PCA, computed in the worker). Share of the codes' variance this view shows:", "编码多于两个数，因此地图显示的是它的前两个主成分（PCA，在后台线程中计算）。地图所展示的方差占比：";
    AeLatent2d => "The code has exactly two numbers, plotted as they are. Colours are the true labels, which the network never sees.", "编码恰好是两个数，按原样绘制。颜色是真实标签，网络从未见过它们。";
    AeLatentHint => "Click or drag on the map to decode that point.", "在地图上点击或拖动，即可解码该点。";
    AeDecodedTitle => "Decoded point", "解码结果";
    AeDecodedEmpty => "Click the map.", "请点击地图。";
    AeDrawTitle => "Draw a digit", "画一个数字";
    AeDrawCaption => "Draw with a mouse or a finger. The drawing is cropped, scaled to 20×20 pixels and centred by its centre of mass, as the MNIST digits were; then it is encoded (the ring on the map) and decoded (right).", "用鼠标或手指作画。画好的图像会像 MNIST 数字那样被裁剪、缩放到 20×20 像素并按质心居中；然后被编码（地图上的圆环）并解码（右侧）。";
    AeDrawRecon => "Its reconstruction", "它的重建";
    AeDrawEmpty => "Draw in the box.", "请在方框里作画。";
    Clear => "Clear", "清除";
    VaeBeta => "β, the weight of the KL term", "β：KL 项的权重";
    VaeBetaHint => "Takes effect at once, even while training.", "立即生效，训练中也可以调整。";
    VaeLossTitle => "The three curves of the loss", "损失的三条曲线";
    VaeLossCaption => "On the 1,000 test digits, in nats per image: the reconstruction term (binary cross-entropy summed over the pixels), the KL term, and their total recon + β·KL, the negative ELBO when β = 1.", "在 1,000 个测试数字上，单位为每张图像的奈特数：重建项（对所有像素求和的二元交叉熵）、KL 项，以及二者之和 recon + β·KL（β = 1 时即负 ELBO）。";
    VaeRecon => "Reconstruction", "重建项";
    VaeKl => "KL", "KL 项";
    VaeTotal => "Total, recon + β·KL", "总损失：recon + β·KL";
    VaeLatentTitle => "Latent space: μ of each test digit", "潜在空间：每个测试数字的 μ";
    VaeEllipses => "Ellipses show one standard deviation of q(z|x) for twenty of the digits: the code is a cloud, not a point.", "椭圆表示其中二十个数字的 q(z|x) 的一个标准差：编码是一团云，而不是一个点。";
    VaeManifoldTitle => "The learned manifold", "学到的流形";
    VaeManifoldCaption => "Decodes of a 10×10 grid across the latent plane, spaced by the quantiles of N(0, 1) as in Kingma and Welling’s paper. Neighbouring cells morph smoothly into each other: the KL term left no holes.", "对潜在平面上 10×10 网格的解码，网格按 N(0, 1) 的分位数排布，与 Kingma 和 Welling 论文中的做法相同。相邻格子平滑地过渡：KL 项没有留下空洞。";
    VaeSamplesTitle => "Samples from the prior", "从先验中采样";
    VaeSamplesCaption => "Codes drawn from N(0, I) and decoded: new digits that are in no data set.", "从 N(0, I) 中抽取编码再解码：这些是任何数据集里都没有的新数字。";
    VaeResample => "Resample", "重新采样";
    VaeInterpTitle => "Interpolation", "插值";
    VaeInterpCaption => "Pick a start digit and an end digit. Ten evenly spaced points on the line between their codes, decoded.", "选一个起点数字和一个终点数字。在二者编码之间的连线上均匀取十个点并解码。";
    VaeFrom => "From", "起点";
    VaeTo => "To", "终点";
    TfTask => "Task", "任务";
    TfTaskDates => "Dates → ISO 8601 (English and Chinese)", "日期 → ISO 8601（英文和中文）";
    TfTaskNumbers => "English number words → Chinese numerals", "英文数字词 → 中文数字";
    TfTaskReversal => "Reverse a string (warm-up)", "字符串反转（热身）";
    TfEncLayers => "Encoder layers", "编码器层数";
    TfDecLayers => "Decoder layers", "解码器层数";
    TfHeads => "Heads", "注意力头数";
    TfDModel => "Width d_model", "宽度 d_model";
    TfDff => "Feed-forward width", "前馈层宽度";
    TfDropout => "Dropout", "Dropout 比例";
    TfPositions => "Positions", "位置编码";
    TfSinusoidal => "Sinusoidal", "正弦编码";
    TfLearned => "Learned", "可学习编码";
    TfSteps => "Schedule length (steps)", "学习率调度长度（步）";
    TfStarting => "Generating the data set and building the model…", "正在生成数据集并构建模型…";
    TfTokenAcc => "Token accuracy", "逐字符准确率";
    TfExact => "Exact match", "完全匹配率";
    TfTokensPerSec => "Tokens/s", "词元/秒";
    TfTrainTime => "Training time", "训练用时";
    TfLossTitle => "Loss", "损失";
    TfLossCaption => "Cross-entropy per target character with teacher forcing, on the training batches and on the held-out set, which shares no example with training.", "教师强制下每个目标字符的交叉熵：训练批次上的值，以及与训练集没有任何重叠的留出集上的值。";
    TfAccTitle => "Held-out accuracy", "留出集准确率";
    TfAccCaption => "Every held-out example decoded greedily, as a user of the model would see it: the share of characters right, and of whole answers right.", "对每个留出样本做贪心解码，就像模型的使用者看到的那样：字符正确的比例，以及整个答案完全正确的比例。";
    TfSamplesTitle => "Held-out examples, decoded now", "留出样本的当前解码结果";
    TfSource => "Input", "输入";
    TfTarget => "Expected", "期望输出";
    TfOutput => "Model", "模型输出";
    TfAttnTitle => "Attention", "注意力";
    TfAttnCaption => "Rows are the positions that ask (queries), columns those they look at (keys); each row sums to 1. Hover a cell to read its weight.", "行是发出询问的位置（查询），列是被关注的位置（键）；每一行的和为 1。把鼠标移到格子上可读出权重。";
    TfAttnEnc => "Encoder self-attention: each source character looks at every source character.", "编码器自注意力：每个源字符关注所有源字符。";
    TfAttnDec => "Decoder masked self-attention: each output position looks only at the positions before it, so the model cannot peek at the answer.", "解码器掩码自注意力：每个输出位置只能关注它之前的位置，模型因此无法偷看答案。";
    TfAttnCross => "Cross-attention: each output position looks at the source. Watch it line up: the year's digits read the year, wherever the year was written.", "交叉注意力：每个输出位置关注源序列。看着它逐渐对齐：年份的数字会去读年份，无论年份写在哪里。";
    TfExample => "Example", "样本";
    TfKind => "Kind", "类型";
    TfKindEnc => "Encoder self", "编码器自注意力";
    TfKindDec => "Decoder masked self", "解码器掩码自注意力";
    TfKindCross => "Cross", "交叉注意力";
    TfLayer => "Layer", "层";
    TfHead => "Head", "头";
    TfAllHeads => "All heads", "全部头";
    TfScrub => "Step shown", "显示的步数";
    TfLive => "now", "当前";
    TfInputTitle => "Translate your own input", "翻译你自己的输入";
    TfInputCaption => "Type a date or a number in words, in the task's style. The model's answer and its cross-attention appear below.", "按任务的格式输入一个日期或一个英文数字词。模型的回答及其交叉注意力显示在下方。";
    TfTranslate => "Translate", "翻译";
    TfUnknown => "The model has never seen these characters, so it cannot read them:", "模型从未见过这些字符，因此无法读取：";
    TfAtPosition => "at position", "位置";
    TfTooLong => "Too long for this model. The most it reads, in characters:", "输入太长。该模型最多读取的字符数：";
    AttnSource => "Weights", "权重来源";
    AttnSourceSeeded => "Random, from the seed", "随机（由种子生成）";
    AttnSourceTrained => "Trained Transformer, encoder layer 1", "训练过的 Transformer，编码器第 1 层";
    AttnTrainedMissing => "Train the Transformer in the next chapter for a few seconds, and its learned weights can be stepped through here.", "在下一章把 Transformer 训练几秒钟，就可以在这里逐步查看它学到的权重。";
    AttnChars => "Input (one token per character, at most 12)", "输入（每个字符一个词元，最多 12 个）";
    AttnErrTooManyChars => "characters is too many: the figures show at most 12.", "个字符太多了：图中最多显示 12 个。";
    AttnModelInfo => "The Transformer chapter's model after", "Transformer 一章中的模型，已训练";
    AttnModelSteps => "steps", "步";
    AttnEmbedTrained => "What the trained model's first attention layer reads for each character: its learned embedding plus the position signal, normalised by LayerNorm, since the model normalises before each sub-layer (pre-LN).", "训练好的模型第一层注意力为每个字符读入的内容：学到的嵌入加上位置信号，再经过 LayerNorm 归一化，因为该模型在每个子层之前做归一化（pre-LN）。";
    AttnStepsTrained => "These are the trained model's own weights, from its first encoder layer: the patterns are what it learned to look at. Blue is positive, orange negative; hover a cell to read it.", "这些是训练好的模型自己的权重，来自它的第一层编码器：这些模式就是它学会关注的东西。蓝色为正，橙色为负；把鼠标移到格子上可读出数值。";
    AttnLabTitle => "Try it: self-attention on your sentence", "动手试试：在你的句子上做自注意力";
    AttnSentence => "Sentence (words separated by spaces, at most 12)", "句子（词之间用空格分开，最多 12 个）";
    AttnDefaultSentence => "the cat sat on the mat because it was tired", "小猫 坐在 垫子 上 因为 它 累 了";
    AttnErrEmpty => "Type at least one word.", "请至少输入一个词。";
    AttnErrTooMany => "words is too many: the figures show at most 12. Remove some and the figures come back.", "个词太多了：图中最多显示 12 个。删掉一些，图就会回来。";
    AttnHeads => "Heads h", "头数 h";
    AttnDk => "Width per head dₖ", "每个头的宽度 dₖ";
    AttnSeed => "Seed", "随机种子";
    AttnReseed => "New random weights", "换一组随机权重";
    AttnCausal => "Causal mask", "因果掩码";
    AttnScale => "Divide by √dₖ", "除以 √dₖ";
    AttnScaleHint => "Set dₖ to 64 and switch the division off: the weights pile onto one word per row and the entropy collapses.", "把 dₖ 设为 64，再关掉除法：每一行的权重都挤到一个词上，熵随之骤降。";
    AttnEntropy => "Mean row entropy (head shown)", "平均行熵（当前头）";
    AttnNats => "nats", "奈特";
    AttnUniform => "uniform rows would give", "均匀分布时为";
    AttnEmbedTitle => "The input X: one vector per token", "输入 X：每个词元一个向量";
    AttnEmbedCaption => "Each word gets a vector: here a random one drawn from the seed (a trained model learns them), plus a sinusoidal signal for its position, so that a repeated word still differs by where it stands. The vectors are the rows of X, d_model = h · dₖ numbers wide.", "每个词得到一个向量：这里是由随机种子生成的随机向量（训练好的模型会学习它们），再加上表示位置的正弦信号，所以同一个词出现两次时，仍然因位置不同而不同。这些向量是 X 的各行，宽度为 d_model = h · dₖ。";
    AttnStepsTitle => "The computation, one step at a time", "逐步计算";
    AttnStepsCaption => "The weights W_Q, W_K, W_V and W_O are random (seeded): the patterns mean nothing yet, but every number is computed exactly as in a trained Transformer. Blue is positive, orange negative; hover a cell to read it.", "权重 W_Q、W_K、W_V 和 W_O 是（按种子生成的）随机数：这些模式还没有意义，但每个数都和训练好的 Transformer 中的计算完全一样。蓝色为正，橙色为负；把鼠标移到格子上可读出数值。";
    AttnStep1 => "Q, K, V", "Q、K、V";
    AttnStep2 => "QKᵀ", "QKᵀ";
    AttnStep3 => "÷ √dₖ", "÷ √dₖ";
    AttnStep4 => "Mask", "掩码";
    AttnStep5 => "Softmax", "Softmax";
    AttnStep6 => "· V", "· V";
    AttnStep7 => "Heads", "多头";
    AttnExplain1 => "Three weight matrices turn each row of X into a query (what this word is looking for), a key (what it offers) and a value (what it hands over). Each head has its own slice, dₖ numbers wide.", "三个权重矩阵把 X 的每一行变成查询（这个词在找什么）、键（它能提供什么）和值（它交出去的内容）。每个头有自己的一份，宽 dₖ 个数。";
    AttnExplain2 => "Every query is compared with every key by a dot product: row i, column j is how well word i's query matches word j's key.", "每个查询都和每个键做点积：第 i 行第 j 列表示词 i 的查询与词 j 的键匹配得有多好。";
    AttnExplain3 => "A dot product of dₖ terms grows with dₖ: its spread is about √dₖ times that of one term. Dividing by √dₖ keeps the scores in a range where the softmax still spreads its weight.", "dₖ 项之和的点积会随 dₖ 变大：它的离散程度大约是单项的 √dₖ 倍。除以 √dₖ 让分数保持在 softmax 仍能分散权重的范围内。";
    AttnExplain4 => "The mask M adds −∞ where a word may not look. With the causal mask, word i sees only words 1…i, as a model that predicts the next word must.", "掩码 M 在不允许关注的位置加上 −∞。使用因果掩码时，词 i 只能看到第 1…i 个词，预测下一个词的模型必须如此。";
    AttnNoMask => "No mask is on: M is 0 everywhere and every word may look at every word. Switch on the causal mask to hide the future.", "目前没有掩码：M 处处为 0，每个词都可以关注所有词。打开因果掩码即可遮住后面的词。";
    AttnExplain5 => "The softmax turns each row into weights that are positive and sum to 1; a masked score (−∞) gets exactly 0.", "softmax 把每一行变成为正且和为 1 的权重；被掩码的分数（−∞）得到的权重恰好为 0。";
    AttnExplain6 => "Each word's output is the weighted average of all the values, with its row of weights: what it gathered from the sentence.", "每个词的输出是所有值的加权平均，权重就是它那一行：这是它从整句话中收集到的信息。";
    AttnExplain7 => "Every head did steps 1–6 in its own dₖ-wide space with its own pattern. Their outputs are put side by side (concatenated) and mixed by W_O, giving one d_model-wide vector per word again.", "每个头都在自己 dₖ 维的空间里、用自己的模式完成了第 1–6 步。它们的输出并排拼接起来，再由 W_O 混合，重新得到每个词一个 d_model 维的向量。";
    AttnSpread => "Spread of the scores (standard deviation):", "分数的离散程度（标准差）：";
    AttnMoreCols => "more columns in the map", "列只在图中显示";
    AttnConcat => "Heads concatenated", "拼接后的多头输出";
    AttnOutput => "After W_O: what the layer hands on", "乘以 W_O 后：这一层的输出";
    AttnPrev => "Previous step", "上一步";
    AttnNext => "Next step", "下一步";
    AttnWeightsOf => "Weights of head", "注意力权重：头";
    FtTitle => "Experiment: few labels, with and without pretraining", "实验：标签很少时，有无预训练的差别";
    FtCaption => "The autoencoder's encoder is pretrained on the 9,000 training digits without their labels, then three classifiers learn from the same K labelled digits, with the same seed and the same number of steps. Accuracy is measured on the 1,000 held-out test digits.", "先在 9,000 个训练数字上（不使用标签）预训练自编码器的编码器，然后三个分类器用同样的 K 个带标签数字、同样的随机种子和同样的步数进行训练。准确率在 1,000 个留出的测试数字上测量。";
    FtLabels => "Labelled digits K", "带标签的数字 K";
    FtSteps => "Steps per method", "每种方法的步数";
    FtPretrainSteps => "Pretraining steps", "预训练步数";
    FtRun => "Run the comparison", "运行对比";
    FtSweep => "Run the sweep (every K)", "运行扫描（所有 K）";
    FtStop => "Stop", "停止";
    FtProbe => "Linear probe", "线性探测";
    FtFull => "Full fine-tuning", "完整微调";
    FtScratch => "From scratch", "从零训练";
    FtPretraining => "Pretraining the autoencoder without labels", "正在无标签地预训练自编码器";
    FtTraining => "Training", "正在训练";
    FtDone => "Done", "完成";
    FtStopped => "Stopped. The curves so far stay.", "已停止。已有的曲线会保留。";
    FtReused => "The encoder pretrained by the previous run is reused.", "沿用上一次运行预训练好的编码器。";
    FtLeft => "left", "剩余";
    FtChartTitle => "Held-out accuracy while learning", "学习过程中的留出准确率";
    FtChartCaption => "For the K being run: the three methods on the same labelled digits.", "当前运行的 K：三种方法在同样的带标签数字上的表现。";
    FtTableTitle => "Results", "结果";
    FtGain => "Fine-tuning − scratch", "微调 − 从零训练";
    FtKChartTitle => "Accuracy against the number of labels", "准确率与标签数量的关系";
    FtKChartCaption => "One line per method, K on a log axis. Pretraining matters most where labels are fewest.", "每种方法一条线，K 使用对数坐标。标签越少，预训练越重要。";
    FtBudgetNote => "The claim is checked, not assumed: with the default budgets, full fine-tuning beats training from scratch at K = 100 by 8 points on average over 10 seeds (a native test checks at least 5). With a much shorter pretraining the encoder has learned little, and scratch can win; the table shows whatever your run gives.", "这个结论是检验出来的，不是假定的：使用默认预算时，在 K = 100 上，完整微调平均比从零训练高 8 个百分点（10 个随机种子的平均；一个原生测试检查至少高 5 个百分点）。如果预训练短得多，编码器学到的东西很少，从零训练可能反而更好；表格如实显示你这次运行的结果。";
    FtNoRows => "No K has finished yet.", "还没有完成任何 K。";
    AxisAccuracy => "accuracy (%)", "准确率（%）";
    ScaleTitle => "Experiment: the same data, five model sizes", "实验：同样的数据，五种模型规模";
    ScaleCaption => "The date Transformer at five sizes, one after another, each trained on the same number of tokens. Loss is the cross-entropy per token on the held-out dates.", "日期任务的 Transformer 按五种规模依次训练，每种规模见到的词元数相同。损失是留出日期上每个词元的交叉熵。";
    ScaleTokens => "Training tokens per size", "每种规模的训练词元数";
    ScaleRun => "Run the sizes", "运行各规模";
    ScaleSize => "Size", "规模";
    ScaleChartTitle => "Final loss against parameters", "最终损失与参数量";
    ScaleChartCaption => "Log–log axes; the dashed line is the least-squares power law L ≈ a·N^(−α).", "对数–对数坐标；虚线是最小二乘拟合的幂律 L ≈ a·N^(−α)。";
    ScaleFit => "Fitted exponent", "拟合的指数";
    ScaleComputeTitle => "Loss against training compute", "损失与训练计算量";
    ScaleComputeCaption => "Each size's held-out loss as it trains, against the floating-point operations spent so far.", "各规模在训练过程中的留出损失，横轴是已经花费的浮点运算量。";
    ScaleParams => "Parameters", "参数量";
    ScaleFlops => "Training FLOPs", "训练浮点运算量";
    ScaleTime => "Time", "用时";
    ScaleLoss => "Final loss", "最终损失";
    ScaleExact => "Exact match", "完全匹配";
    AxisParams => "parameters", "参数量";
    AxisFlops => "training FLOPs", "训练浮点运算量";
    AxisLossPerToken => "held-out loss (nats per token)", "留出损失（每词元奈特）";
    SeqTitle => "Experiment: a sequence model meets a new domain", "实验：序列模型遇到新领域";
    SeqCaption => "The date Transformer is pretrained on English date formats only. Then it is fine-tuned on 200 dates written in Chinese, beside the same model trained from scratch on the same 200. Loss is measured on held-out Chinese dates.", "日期任务的 Transformer 先只在英文日期格式上预训练，然后用 200 个中文写法的日期进行微调；同时用同样的 200 个例子从零训练同一个模型作对照。损失在留出的中文日期上测量。";
    SeqRun => "Run pretraining, then both", "先预训练，再运行两者";
    SeqPretrainSteps => "Pretraining steps (English)", "预训练步数（英文）";
    SeqSteps => "Steps on the 200 Chinese dates", "在 200 个中文日期上的步数";
    SeqPretraining => "Pretraining on English dates", "正在英文日期上预训练";
    SeqFinetuning => "Fine-tuning on 200 Chinese dates", "正在 200 个中文日期上微调";
    SeqScratch => "From scratch on the same 200", "用同样的 200 个从零训练";
    SeqChartTitle => "Held-out loss on Chinese dates", "中文日期上的留出损失";
    SeqChartCaption => "The pretrained model starts far lower and stays ahead: what it learned about dates in English carries over.", "预训练过的模型起点低得多，并一直领先：它从英文日期中学到的东西迁移了过来。";
    HistoryTitle => "A short history", "简史";
    WorksCited => "Works cited", "引用文献";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_entry_is_blank_in_either_language() {
        for m in Msg::ALL {
            for l in Lang::ALL {
                assert!(!m.get(l).trim().is_empty(), "{m:?} is blank in {l:?}");
            }
        }
    }
}
