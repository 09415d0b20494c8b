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
    NavHistory => "History", "历史";
    NavAutoencoder => "Autoencoder", "自编码器";
    NavVae => "Variational autoencoder", "变分自编码器";
    NavAttention => "Self-attention", "自注意力";
    NavTransformer => "Transformer", "Transformer";
    NavFinetune => "Pretraining & fine-tuning", "预训练与微调";
    NavPerformance => "Performance", "性能";
    NavApplications => "Applications & questions", "应用与常见问题";
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
    ErrorWorkerLoad => "The training worker could not start, so nothing can be trained. Reload the page; if it happens again, the site's files are incomplete or blocked. What failed:", "训练用的后台线程无法启动，因此无法训练。请刷新页面；如果再次出现，说明网站文件不完整或被拦截。失败的文件：";
    ErrorWorkerSilent => "The training worker stopped answering and was restarted. Anything it was running has stopped; start it again.", "训练用的后台线程停止了响应，已经重新启动。它正在运行的任务已停止，请重新开始。";
    ErrorOutOfMemory => "The training worker ran out of memory and was restarted: what it was asked to build was too big for this browser. Choose a smaller model or batch. What it asked for:", "训练用的后台线程内存不足，已经重新启动：要求它构建的内容对这个浏览器来说太大了。请选择更小的模型或批量大小。它请求的内容：";
    ErrorAppPanic => "The page hit an internal error and stopped. Reload to continue where you were.", "页面遇到内部错误并已停止。刷新页面即可回到原来的位置继续。";
    ErrorNewVersion => "A new version of gradlab is available: reload the page to use it.", "gradlab 有新版本可用：请刷新页面以使用新版本。";
    ErrorJobFailed => "The worker could not do what was asked. Nothing else was lost, and it is ready for the next task. What went wrong:", "后台线程无法完成这项任务。其他内容都没有丢失，它已准备好执行下一项任务。出错原因：";
    CoreShapes => "{op}: shapes {lhs} and {rhs} do not fit together", "{op}：形状 {lhs} 与 {rhs} 不匹配";
    CoreAxis => "{op}: axis {axis} is out of range for shape {shape}", "{op}：轴 {axis} 超出形状 {shape} 的范围";
    CoreIndex => "{op}: index {index} is out of range for length {len}", "{op}：下标 {index} 超出长度 {len}";
    CoreUnknownVar => "{op}: variable #{index} is not on the tape, which holds {len} since its reset", "{op}：变量 #{index} 不在计算记录中（自上次重置以来共记录了 {len} 个）";
    CoreUnknownParam => "{op}: parameter #{index} is not in the store, which holds {len}", "{op}：参数 #{index} 不在参数表中（表中共 {len} 个）";
    CoreInvalid => "{field}: {detail}", "设置 {field} 无效：{detail}";
    CoreWhatMnist => "MNIST asset", "MNIST 数据文件";
    CoreWhatOwnImages => "own images", "你自己的图片";
    CoreWhatPretrained => "pretrained weights", "预训练权重";
    CoreWhatSavedRun => "saved run", "保存的运行";
    CoreWhatMessage => "worker message", "后台线程消息";
    CoreWhatStateDict => "state_dict", "state_dict 权重文件";
    CoreCorrupt => "{what} is corrupt: {detail}", "{what}已损坏：{detail}";
    CoreDigits => "The MNIST digits could not be loaded: {detail}", "MNIST 数字未能载入：{detail}";
    CoreReplicaLost => "A worker training beside this one was lost, so the step could not finish: {detail}", "与之并行训练的另一个工作线程已丢失，这一步无法完成：{detail}";
    CoreWeights => "The weights were not loaded: {problem}", "权重未载入：{problem}";
    CoreRange => "{field} = {value} is outside {range}", "{field} = {value}，超出允许范围 {range}";
    Details => "Details", "详情";
    Dismiss => "Dismiss", "关闭";
    Reload => "Reload", "刷新";
    WorkerStarting => "Worker starting…", "后台线程启动中…";
    WorkerReady => "Worker ready", "后台线程就绪";
    WorkerBusy => "Worker busy", "后台线程运行中";
    WorkerDown => "Worker stopped", "后台线程已停止";
    WorkerOutdated => "New version: reload", "有新版本：请刷新";
    PerfGemmTitle => "Matrix multiply (GEMM) in the worker", "后台线程中的矩阵乘法（GEMM）";
    PerfGemmExplain => "Each row times C = A·B for one shape, in the Web Worker that trains the models, on one thread with wasm SIMD (with relaxed-SIMD fused multiply-add where the browser has it). The last three rows are the widest layer of the seed autoencoder at batch 128: the forward pass, the weight gradient (Aᵀ·B) and the input gradient (A·Bᵀ).", "每一行在训练模型的 Web Worker 中计时一次 C = A·B，单线程、使用 wasm SIMD（浏览器支持时使用 relaxed-SIMD 融合乘加）。最后三行是种子自编码器最宽的一层（批大小 128）：前向计算、权重梯度（Aᵀ·B）和输入梯度（A·Bᵀ）。";
    PerfBenchTitle => "gradlab against TF.js and native PyTorch, side by side", "gradlab 与 TF.js、原生 PyTorch 的并排对比";
    PerfBenchCaption => "Training the seed autoencoder on the real digits (MSE, Adam 10⁻³), in samples per second: gradlab with one worker and with one worker per core, TF.js 4.22 with its wasm backend (SIMD, one thread) and with its cpu backend, in one headless Chromium, and native PyTorch on the CPU, with one thread and with one per core, on the same machine, alternating window by window; each figure is the median of 5 windows of 2 s. Which wins at each batch size, and by how much? The command make bench BENCH_TORCH=1 reproduces it.", "在真实数字上训练种子自编码器（MSE，Adam 10⁻³）的速度，单位是每秒样本数：gradlab 用一个工作线程和每核一个工作线程，TF.js 4.22 的 wasm 后端（SIMD，单线程）和 cpu 后端，都在同一个无头 Chromium 中；另有在 CPU 上运行的原生 PyTorch，用一个线程和每核一个线程，在同一台机器上逐个时间窗口交替测量；每个数字是 5 个 2 秒窗口的中位数。每种批大小下谁更快，快多少？运行 make bench BENCH_TORCH=1 即可复现。";
    PerfMeasuredOn => "Measured on", "测量环境";
    PerfYours => "This browser", "本浏览器";
    PerfVsWasm => "gradlab, 1 worker ÷ TF.js wasm", "gradlab 单线程 ÷ TF.js wasm";
    PerfVsTorch => "gradlab, all cores ÷ PyTorch, all threads", "gradlab 全部核心 ÷ PyTorch 全部线程";
    PerfSysGradlabOne => "gradlab, 1 worker", "gradlab，1 个工作线程";
    PerfSysGradlabAll => "gradlab, all cores", "gradlab，全部核心";
    PerfSysTfjsWasm => "TF.js wasm", "TF.js wasm";
    PerfSysTfjsCpu => "TF.js cpu", "TF.js cpu";
    PerfSysTorchOne => "PyTorch, 1 thread", "PyTorch，1 个线程";
    PerfSysTorchAll => "PyTorch, all threads", "PyTorch，全部线程";
    PerfYoursNote => "The row “This browser” is gradlab in this browser: it fills in when the training measurement above has run.", "“本浏览器”一行是 gradlab 在本浏览器中的速度：上方的训练测量运行后就会填上。";
    PerfCeiling => "Training at batch 256 reaches this share of one core's SIMD128 multiply-add ceiling:", "批大小为 256 时，训练达到单核 SIMD128 乘加峰值的比例：";
    AxisSamplesPerSec => "samples/s", "样本/秒";
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
    PerfWorkers => "Workers", "工作线程";
    PerfWorkersNote => "Several workers each take a slice of the batch, add up their gradients and take the same step. A batch is split only when every worker gets at least 32 rows: with fewer, passing the gradients around costs more time than the rows save, so one worker trains it.", "多个工作线程各取一批数据中的一段，累加各自的梯度，再走同样的一步。只有当每个工作线程至少分到 32 行时才会拆分一批数据：行数更少时，传递梯度花的时间比省下的还多，于是由一个工作线程单独训练。";
    PerfCoresInUse => "{used} of {cores} cores in use.", "使用 {cores} 个核心中的 {used} 个。";
    PerfGradsShared => "The workers add up their gradients in shared memory.", "各工作线程在共享内存中累加梯度。";
    PerfGradsTransferred => "The workers pass their gradients as messages: this page is not cross-origin isolated, so it cannot share memory (docs/HOSTING.md).", "各工作线程以消息传递梯度：本页面未跨源隔离，无法共享内存（见 docs/HOSTING.md）。";
    PerfKernel => "GEMM kernel:", "GEMM 内核：";
    PerfKernelRelaxed => "wasm relaxed-SIMD, fused multiply-add", "wasm relaxed-SIMD，融合乘加";
    PerfKernelPlain => "wasm SIMD128, multiply then add", "wasm SIMD128，先乘后加";
    PerfGflops => "GFLOP/s", "GFLOP/s";
    PerfFormulaIntro => "Where the first row's figure comes from: a product of an m×k matrix by a k×n one takes m·n·k multiplications and as many additions, over the time t one product took here.", "第一行的数字是这样算出来的：m×k 矩阵乘以 k×n 矩阵需要 m·n·k 次乘法和同样多次加法，再除以这里一次乘法所用的时间 t。";
    PerfNotYet => "Not measured yet: press Measure. The matrix products take about three seconds; the training figures below follow.", "尚未测量：请按“开始测量”。矩阵乘法大约需要三秒，随后测量下方的训练速度。";
    PerfCancelled => "Stopped before the end.", "测量在完成前被停止。";
    PerfYourBrowser => "Measured just now in your browser", "刚刚在你的浏览器中测得";
    SelfTestPanic => "Self-test: crash the worker", "自检：让后台线程崩溃";
    SelfTestDeterminism => "Self-test: 100 seeded training steps", "自检：100 步固定种子训练";
    SelfTestHang => "Self-test: make the worker stop answering", "自检：让后台线程停止响应";
    SelfTestOutOfMemory => "Self-test: run the worker out of memory", "自检：让后台线程耗尽内存";
    SelfTestAppPanic => "Self-test: crash the page", "自检：让页面崩溃";
    FooterText => "gradlab trains every model in your browser. Nothing is sent to a server.", "gradlab 的所有模型都在你的浏览器中训练，不会向服务器发送任何数据。";
    CardAutoencoder => "Squeeze real handwritten digits through a bottleneck of a few numbers and watch the network learn to rebuild them.", "把真实的手写数字压缩成几个数，再看网络如何学会把它们还原。";
    CardVae => "Turn the code into a distribution, sample brand-new digits, and see what the KL term trades away.", "把编码变成概率分布，采样全新的数字，看看 KL 项换来了什么、又牺牲了什么。";
    CardAttention => "Step through softmax(QKᵀ/√dₖ)V on a sentence of your own, one matrix at a time.", "在你自己输入的句子上，一步一个矩阵地演算 softmax(QKᵀ/√dₖ)V。";
    CardTransformer => "Train an encoder-decoder from nothing on toy translation and watch cross-attention line up.", "从零开始在玩具翻译任务上训练编码器-解码器，看交叉注意力如何逐渐对齐。";
    CardFinetune => "Pretrain without labels, fine-tune on a handful, and see loss fall along a power law as models grow.", "先在无标签数据上预训练，再用少量标签微调；并观察模型变大时损失如何沿幂律下降。";
    CardPerformance => "How fast this browser trains: matrix multiplies and training steps, measured in the worker.", "这个浏览器训练得有多快：在后台线程中测量矩阵乘法与训练步。";
    CardHistory => "How we got here: from the 1956 Dartmouth workshop, through two winters, to today's large models.", "我们如何走到今天：从 1956 年的达特茅斯研讨会，历经两次寒冬，直到今天的大模型。";
    HistoryTimelineLabel => "Timeline of AI, 1955 to today: choose an event to read about it", "人工智能时间线（1955 年至今）：选择一个事件阅读详情";
    HistoryBoom => "boom", "热潮";
    HistoryWinter => "winter", "寒冬";
    HistoryBandsNote => "Bands are approximate: historians draw the edges of booms and winters differently.", "色带只是大致范围：历史学家对热潮与寒冬的起止年份看法不一。";
    HistoryPeople => "Who", "人物";
    HistoryOrganisation => "Where", "机构";
    HistoryWhy => "Why it mattered", "意义";
    HistorySources => "Sources", "出处";
    HistoryTryIt => "Try it", "动手试试";
    SizesTitle => "What “large” means", "“大”意味着什么";
    SizesQuestion => "Before you look: how many of this lab's autoencoders would it take to hold as many parameters as GPT-3? A thousand? A million? The bars are drawn on a log axis, so each step to the right is ten times more.", "先别急着看：要多少个本实验室的自编码器，参数总数才比得上 GPT-3？一千个？一百万个？条形画在对数轴上，向右每一格就是十倍。";
    SizesAnswer => "GPT-3 holds as many parameters as {n} of your autoencoders.", "GPT-3 的参数量相当于 {n} 个你的自编码器。";
    SizesTokens => "Parameters are half of it. GPT-3 was trained on 300 billion tokens (pieces of words) and Chinchilla on 1.4 trillion, and training costs about 6 floating-point operations per parameter per token: C ≈ 6·N·D.", "参数只是一半。GPT-3 在 3000 亿个词元（词的片段）上训练，Chinchilla 则是 1.4 万亿个；训练的计算量约为每个参数、每个词元 6 次浮点运算：C ≈ 6·N·D。";
    SizesLab => "this lab", "本实验室";
    SizesPublished => "published", "已发表";
    SizesYours => "yours, live", "你的（实时）";
    SizesLabel => "Parameter counts on a log axis, from this lab's models to GPT-3", "参数量（对数轴）：从本实验室的模型到 GPT-3";
    HistoryCheck => "Check your guess", "核对你的猜测";
    HistoryToday => "today", "今天";
    HistoryEventOf => "Event {n} of {total}", "第 {n} 个事件，共 {total} 个";
    KbdTitle => "Using gradlab with the keyboard", "用键盘使用 gradlab";
    KbdTab => "Tab and Shift+Tab move between controls; Enter or Space presses the focused button, so Start and Pause work without a mouse.", "Tab 和 Shift+Tab 在控件之间移动；Enter 或空格键按下当前按钮，所以“开始”和“暂停”不用鼠标也能操作。";
    KbdSkip => "The first Tab reaches “Skip to content”, which moves focus into the chapter.", "第一次按 Tab 会到达“跳到正文”，它把焦点移进本章。";
    KbdMenu => "On a phone the chapters are a menu: Enter opens it, Escape closes it and returns to its button.", "在手机上，章节是一个菜单：Enter 打开它，Esc 关闭它并回到菜单按钮。";
    KbdMap => "Latent map: the arrow keys move the marker by 2% of the map (10% with Shift), and the decoder draws that point.", "潜在空间图：方向键每次把标记移动图宽的 2%（按住 Shift 为 10%），解码器随即画出该点。";
    KbdGrid => "Digit grids: the arrow keys move the chosen digit.", "数字网格：方向键移动所选的数字。";
    KbdTimeline => "History timeline: the arrow keys choose the previous or next event; Home and End the first and the last.", "历史时间线：方向键选择上一个或下一个事件；Home 和 End 选择第一个和最后一个。";
    KbdSteps => "Self-attention steps: Left and Right go to the previous and the next step.", "自注意力的步骤：左、右方向键切换到上一步和下一步。";
    KbdGuide => "Guided predictions: the arrow keys choose an answer, then Tab reaches Run.", "引导式预测：方向键选择答案，再按 Tab 到达“运行”。";
    KbdDraw => "Drawing pad: the arrow keys move a pen (three times as far with Shift), Space puts it down or lifts it, and moving it down draws; Escape lifts it.", "画板：方向键移动画笔（按住 Shift 移动三倍距离），空格键落笔或抬笔，落笔后移动即可画线；Esc 抬笔。";
    DrawPadLabel => "Drawing pad for a digit. With the keyboard: the arrow keys move the pen, Space puts it down or lifts it.", "手写数字的画板。用键盘：方向键移动画笔，空格键落笔或抬笔。";
    KbdHeat => "Attention maps that read out a cell: Tab reaches the map, the arrow keys move between cells (Home and End to a row's ends), and the line below reads the cell.", "能读出单元格的注意力图：Tab 到达该图，方向键在单元格之间移动（Home 和 End 到行首、行尾），下方一行读出该单元格。";
    LatentColCount => "test digits", "测试数字个数";
    LatentColCentre => "centre, {axis}", "中心 {axis}";
    LatentColSpread => "spread (RMS distance)", "离散度（均方根距离）";
    KbdTable => "Every line chart, heatmap and latent map: “Show as table” opens its numbers as a table.", "每张折线图、热力图和潜在空间图：“以表格显示”把它的数字展开成表格。";
    CardApplications => "Where translation, vision, speech and image generation use these ideas, and three experiments on the questions every learner asks.", "翻译、视觉、语音和图像生成如何用到这些思想，以及针对学习者常问的三个问题的三个实验。";
    AppsUsesTitle => "Where the ideas are used, and with what tools", "这些思想用在哪里，用什么工具";
    AppsSources => "Sources ({n})", "来源（{n}）";
    FaqTitle => "Three questions every learner asks", "学习者常问的三个问题";
    FaqSpeedTitle => "How can training be made faster?", "怎样让训练更快？";
    FaqSpeedSetup => "Each run: the 784–w–32 autoencoder on MNIST, Adam at 0.001, until the error on 500 held-out digits is at most {target}, or {seconds} s of training.", "每次运行：在 MNIST 上训练 784–w–32 自编码器，Adam 学习率 0.001，直到 500 个留出数字上的误差不超过 {target}，或训练满 {seconds} 秒。";
    FaqSpeedNotYet => "Not measured yet: Measure trains {n} models one after another, each for at most {seconds} s.", "尚未测量：“开始测量”会依次训练 {n} 个模型，每个最多 {seconds} 秒。";
    FaqSpeedRunning => "Training run {done} of {total}…", "正在训练第 {done} 个，共 {total} 个……";
    FaqSpeedWidth => "width {w}", "宽度 {w}";
    FaqSpeedThroughputTitle => "Samples per second.", "每秒样本数。";
    FaqSpeedThroughputCaption => "Does a batch 64 times larger train 64 times as many digits per second on this device?", "在这台设备上，大 64 倍的批量每秒能训练 64 倍的数字吗？";
    FaqSpeedTimeTitle => "Seconds to the target.", "达到目标所需秒数。";
    FaqSpeedTimeCaption => "Which batch size gets there first, and is it the one with the most samples per second?", "哪个批量最先到达？它是每秒样本数最多的那个吗？";
    AxisBatchSize => "batch size", "批量大小";
    AxisSecondsToTarget => "seconds to the target", "到达目标的秒数";
    FaqSpeedFastest => "On this device the first to the target was width {w} at batch {b}, in {t} s ({steps} steps).", "在这台设备上，最先到达目标的是宽度 {w}、批量 {b}，用时 {t} 秒（{steps} 步）。";
    FaqSpeedRatio => "Width {w}: batch {large} trained {tput}× the samples per second of batch {small}, and took {time}× as long to reach the target.", "宽度 {w}：批量 {large} 每秒训练的样本数是批量 {small} 的 {tput} 倍，到达目标所用时间却是它的 {time} 倍。";
    FaqSpeedRatioMissed => "Width {w}: batch {large} trained {tput}× the samples per second of batch {small}, yet batch {missed} did not reach the target within {seconds} s.", "宽度 {w}：批量 {large} 每秒训练的样本数是批量 {small} 的 {tput} 倍，但批量 {missed} 没能在 {seconds} 秒内到达目标。";
    FaqSpeedMissed => "not reached", "未到达";
    FaqSpeedColRun => "width × batch", "宽度 × 批量";
    FaqSpeedColParams => "parameters", "参数";
    FaqSpeedColSteps => "steps", "步数";
    FaqSpeedColTime => "to target", "到达目标";
    FaqSpeedColError => "held-out error", "留出集误差";
    FaqAtScale => "At scale", "大规模时";
    FaqDataTitle => "What do you do when you need a lot of data?", "需要大量数据时怎么办？";
    FaqDataNone => "Your fine-tuning run has fewer than two finished values of K yet.", "你的微调实验完成的 K 值还不到两个。";
    FaqDataGo => "Run the fine-tuning experiment", "去运行微调实验";
    FaqDataStops => "In your run, pretraining stops helping from K = {k} labelled digits: from there on, training from scratch does as well or better.", "在你的实验中，从 K = {k} 个带标签数字起，预训练不再有帮助：从这里开始，从零训练同样好甚至更好。";
    FaqDataHelps => "In your run, pretraining helped at every K you tried, up to K = {k}. Try larger K to find where it stops.", "在你的实验中，预训练在你尝试的每个 K 下都有帮助，直到 K = {k}。试试更大的 K，找出它在哪里不再有用。";
    FaqDataColLead => "fine-tuned − scratch", "微调 − 从零";
    FaqDataPretrainData => "Pretraining data is the other axis: the scale experiment trains models of five sizes on a fixed number of tokens. Which size wins when the tokens are few?", "预训练数据是另一条轴：规模实验用固定数量的词元训练五种大小的模型。词元很少时，哪种大小胜出？";
    FaqDataGoScale => "Run the scale experiment", "去运行规模实验";
    FaqInterpretTitle => "How can we tell what a model has learned?", "怎样知道模型学到了什么？";
    FaqMapTitle => "A latent map", "潜在空间图";
    FaqMapLive => "Your autoencoder after {step} steps: {share} of the test digits sit nearest the centre of their own class on its map.", "你的自编码器训练 {step} 步后：在它的图上，{share} 的测试数字离自己类别的中心最近。";
    FaqMapProjected => "The map is a projection of wider codes that keeps {explained} of their variance.", "这张图是更宽编码的投影，保留了它们 {explained} 的方差。";
    FaqMapShows => "Shows which digits the code puts together. Does not show what an axis means, nor which pixels the model used.", "能显示编码把哪些数字放在一起；不能显示坐标轴的含义，也不能显示模型用到了哪些像素。";
    FaqMapGo => "Train the autoencoder", "去训练自编码器";
    FaqAttnTitle => "An attention map", "注意力图";
    FaqAttnLive => "Your Transformer after {step} steps: each output character puts on average {peak} of its cross-attention on one source position; an even spread would give {even}.", "你的 Transformer 训练 {step} 步后：每个输出字符平均把 {peak} 的交叉注意力放在一个源位置上；均匀分布则为 {even}。";
    FaqAttnShows => "Shows where the decoder looks while it writes. Does not show that the output depends on it: very different attention can give the same prediction ([Jain and Wallace 2019](jain2019)), though whether that makes it no explanation depends on what one asks of one ([Wiegreffe and Pinter 2019](wiegreffe2019)).", "能显示解码器在写出时看向哪里；不能说明输出依赖于它：截然不同的注意力可以给出相同的预测（[Jain 和 Wallace，2019](jain2019)），不过这是否意味着它不算解释，取决于我们对“解释”的要求（[Wiegreffe 和 Pinter，2019](wiegreffe2019)）。";
    FaqAttnGo => "Train the Transformer", "去训练 Transformer";
    FaqProbeTitle => "A linear probe", "线性探测";
    FaqProbeLive => "Your fine-tuning run: a linear classifier on the frozen pretrained code reads the digit with {acc} accuracy from K = {k} labels; from scratch, the whole network reaches {scratch}.", "你的微调实验：在冻结的预训练编码上，线性分类器用 K = {k} 个标签读出数字的准确率为 {acc}；从零训练整个网络则为 {scratch}。";
    FaqProbeShows => "Shows that the class can be read from the code by a straight line ([Alain and Bengio 2016](alain2016)). Does not show that the model itself uses it: the autoencoder was never told the class.", "能说明类别可以用一条直线从编码中读出（[Alain 和 Bengio，2016](alain2016)）；不能说明模型自己用到了它：自编码器从未被告知类别。";
    FaqNotTrained => "Not trained yet in this visit.", "本次访问中还没有训练。";
    CardReferences => "Where the ideas come from: a short history and the papers behind every chapter.", "这些思想从何而来：一段简史，以及每一章背后的论文。";
    FullStop => ".", "。";
    LabPreset => "Model", "模型";
    LabPresetSeed => "Deep funnel, 4-number code", "深层漏斗（4 维编码）";
    LabPreset2d => "Deep funnel, 2-number code", "深层漏斗（2 维编码）";
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
    FoldExplanations => "Titles only", "只看标题";
    ShowExplanations => "Show explanations", "显示说明";
    GroupData => "Data", "数据";
    GroupModel => "Model", "模型";
    GroupTraining => "Training", "训练";
    HeatScaleWeight => "attention weight", "注意力权重";
    HeatScaleSigned => "value", "数值";
    StateEmpty => "Not started", "未开始";
    StateStarting => "Building", "构建中";
    StatePaused => "Paused", "已暂停";
    StateRunning => "Training", "训练中";
    StateWorking => "Working on the next step…", "正在计算下一步…";
    StateDiverged => "Stopped: the loss diverged", "已停止：损失发散";
    StateFailed => "No model", "没有模型";
    LabTestLoss => "Test loss", "测试损失";
    LabThroughput => "Samples/s", "样本/秒";
    LabParams => "Parameters", "参数量";
    LabErrNumber => "Enter a number.", "请输入一个数字。";
    LabErrWhole => "Enter a whole number.", "请输入一个整数。";
    LabErrWidths => "Enter widths as whole numbers separated by dashes, for example 128-64-2.", "请输入用短横线分隔的整数宽度，例如 128-64-2。";
    LabErrRange => "Out of range. Allowed:", "超出范围。允许的范围：";
    LabErrHeads => "The number of heads must divide d_model.", "注意力头数必须能整除 d_model。";
    LabErrBudget => "This model needs about {bytes} and about {seconds} per step; the lab allows {max_bytes} and {max_seconds}. Make it smaller: fewer layers, narrower layers or a smaller batch.", "这个模型大约需要 {bytes} 内存，每步大约 {seconds}；实验室最多允许 {max_bytes} 和 {max_seconds}。请把模型改小：减少层数、减小层宽或减小批大小。";
    LabErrDepth => "Number of layers out of range. Allowed:", "层数超出范围。允许的范围：";
    LabErrLatent => "The code (the last width) is out of range. Allowed:", "编码宽度（最后一个数）超出范围。允许的范围：";
    LabShare => "Copy link", "复制链接";
    LabShareCopied => "Link copied: it opens this lab with these settings and this seed.", "链接已复制：打开它会以这些设置和这个随机种子进入本实验。";
    LabShareManual => "The browser did not let the page copy: select the link below and copy it.", "浏览器不允许本页复制：请选中下面的链接后复制。";
    LabShareLink => "Link to this lab with these settings", "以这些设置打开本实验的链接";
    WeightsExport => "Export to PyTorch", "导出到 PyTorch";
    WeightsImport => "Import weights…", "导入权重…";
    WeightsHint => "Export downloads the weights as a .safetensors file and shows a PyTorch script that defines the same model, loads them and runs it on a few examples. Import takes such a file back, from here or from PyTorch.", "导出会把权重下载为 .safetensors 文件，并给出一段 PyTorch 脚本：它定义同一个模型、加载这些权重，并在几个例子上运行。导入可以把这样的文件载回来，无论它来自这里还是 PyTorch。";
    WeightsScript => "PyTorch script for {stem}.safetensors", "加载 {stem}.safetensors 的 PyTorch 脚本";
    WeightsCopyCode => "Copy code", "复制代码";
    WeightsCopied => "Copied", "已复制";
    WeightsCopyRefused => "The browser did not let the page copy: select the code and copy it.", "浏览器不允许本页复制：请选中代码后复制。";
    WeightsDownloadWeights => "Download .safetensors", "下载 .safetensors";
    WeightsDownloadScript => "Download .py", "下载 .py";
    WeightsChecking => "Checking {name}…", "正在检查 {name}…";
    WeightsLoaded => "Loaded {name}: {tensors} tensors, {scalars} numbers. Training goes on from these weights, with a fresh optimiser.", "已载入 {name}：{tensors} 个张量，共 {scalars} 个数。训练将从这些权重继续，优化器重新开始。";
    WeightsRefused => "{name} was not loaded, and the model is unchanged:", "{name} 未被载入，模型保持不变：";
    WeightsUnreadable => "The browser could not read {name}; the model is unchanged.", "浏览器无法读取 {name}；模型保持不变。";
    SavedForget => "Start over", "重新开始";
    SavedNever => "Training is kept in this browser once it runs.", "开始训练后，训练会保存在此浏览器中。";
    SavedAt => "Saved in this browser at step {step}, {time}.", "已于 {time} 保存在此浏览器中（第 {step} 步）。";
    SavedRestored => "Restored from this browser at step {step}: Resume trains on.", "已从此浏览器恢复到第 {step} 步：按“继续训练”接着训练。";
    SavedRecovered => "The worker stopped, and training came back from its last save at step {step}: Resume trains on.", "计算线程停止了，训练已回到上次保存的第 {step} 步：按“继续训练”接着训练。";
    SavedFull => "The browser's storage is full: training goes on, but is not saved.", "浏览器存储已满：训练继续，但不会被保存。";
    SavedBlocked => "This browser does not let the page store anything (a private window?): training goes on, unsaved.", "此浏览器不允许本页存储数据（也许是隐私窗口）：训练继续，但不会被保存。";
    SavedUnreadable => "A saved run could not be read, so a new model started: {why}", "无法读取保存的训练，已换成新模型：{why}";
    SavedForgotten => "Started over: the saved run is deleted from this browser.", "已重新开始：保存的训练已从此浏览器删除。";
    RpTooLarge => "it is {size}, more than the {max} any lab's run can be", "它有 {size}，超过了任何实验的训练可能有的 {max}";
    RpNotASavedRun => "it is not a saved run of this lab", "它不是本实验保存的训练";
    RpVersion => "it was saved by another version of this page (format {found}; this page reads {expected})", "它由本页的另一个版本保存（格式 {found}；本页读取格式 {expected}）";
    RpMalformed => "it is damaged: {detail}", "它已损坏：{detail}";
    RpSettings => "its settings are refused: {detail}", "其设置不被接受：{detail}";
    RpWeights => "its weights do not fit: {detail}", "其权重不匹配：{detail}";
    RpState => "its training state does not fit: {detail}", "其训练状态不匹配：{detail}";
    WpFileTooLarge => "the file is {size}, more than the {max} any model here can have.", "文件大小为 {size}，超过了这里任何模型可能有的 {max}。";
    WpHeaderTooLarge => "this is not a safetensors file, or a damaged one: its first 8 bytes give a header of {bytes} bytes, more than the {max} a table of tensors needs.", "这不是 safetensors 文件，或者文件已损坏：它的前 8 个字节给出的文件头长度为 {bytes} 字节，超过了张量表所需的上限 {max}。";
    WpTruncated => "the file ends after {bytes} bytes, inside its header, which needs {needed}.", "文件在 {bytes} 字节处就结束了，仍在文件头之内，而文件头需要 {needed} 字节。";
    WpMalformed => "this is not a valid safetensors file: {detail}", "这不是有效的 safetensors 文件：{detail}";
    WpMissing => "the file lacks the tensor {name}{more}.", "文件缺少张量 {name}{more}。";
    WpUnexpected => "the file has a tensor this model does not: {name}{more}.", "文件中有本模型没有的张量：{name}{more}。";
    WpMore => " (and {n} more)", "（另有 {n} 个）";
    WpShape => "{name} should have the shape {expected}; the file's has {found}. Is it from a model with other settings?", "{name} 的形状应为 {expected}，文件中的是 {found}。它是否来自设置不同的模型？";
    WpDtype => "{name} is stored as {dtype}; only 32-bit floats (F32) are read.", "{name} 以 {dtype} 存储；只读取 32 位浮点数（F32）。";
    WpNonFinite => "{name} holds {value} at index {index}: the model would compute nothing but NaN.", "{name} 在下标 {index} 处为 {value}：模型将只能算出 NaN。";
    WpModel => "the model could not take the weights: {detail}", "模型无法接收这些权重：{detail}";
    OwnReady => "{n} images ready; {held} held out to test.", "{n} 张图片已就绪；留出 {held} 张用于测试。";
    OwnNone => "No images yet: they will appear here as the model sees them.", "还没有图片：载入后，这里会显示模型看到的样子。";
    OwnReading => "Reading {done} of {total}…", "正在读取第 {done} 张，共 {total} 张…";
    OwnMore => "…and {n} more.", "……另有 {n} 个。";
    OwnTitle => "Your own images", "你自己的图片";
    OwnPick => "Drop PNG or JPEG images here, or click to pick them", "把 PNG 或 JPEG 图片拖到这里，或点击选择";
    OwnHow => "Each becomes an MNIST-like digit: grey, cropped, scaled to 20×20 and centred in 28×28. At most {max} images and {mb} MB in all.", "每张图片都像 MNIST 一样处理：转为灰度、裁剪、缩放到 20×20，并在 28×28 中居中。最多 {max} 张，总计不超过 {mb} MB。";
    OwnClear => "Forget my images", "清除我的图片";
    OwnMix => "Train on", "训练数据";
    OwnModeDigits => "MNIST digits", "MNIST 数字";
    OwnModeOwn => "Your images", "你的图片";
    OwnModeBoth => "Both", "两者都用";
    OwnModeNoImages => "This run asks for your images, but none are loaded, so it trains on the digits. Add images, or choose MNIST digits.", "本次训练要用你的图片，但还没有载入图片，所以用数字训练。请添加图片，或选择“MNIST 数字”。";
    OwnModeHint => "To train on them, choose Your images or Both, then press “Apply and reset”.", "要用它们训练，请选择“你的图片”或“两者都用”，然后按“应用并重置”。";
    OwnStale => "The images changed since this model started: press “Apply and reset” to train on them.", "自本模型开始以来图片有变化：按“应用并重置”即可用它们训练。";
    OwnPreviewLabel => "The first {shown} of your {n} images, as the model sees them", "你的 {n} 张图片中的前 {shown} 张，即模型看到的样子";
    OwnLinkNote => "The link carries the settings, not your images.", "链接只带设置，不带你的图片。";
    OwnRowYours => "yours", "你的";
    OwnReconTitle => "Your images, rebuilt.", "你的图片，重建之后。";
    OwnReconCaption => "A few of your images (held-out ones first) above, and what the model makes of them below.", "上面是你的几张图片（先列留出的），下面是模型重建的结果。";
    LegendOwn => "your images", "你的图片";
    OwnNotImage => "not a PNG or JPEG picture.", "不是 PNG 或 JPEG 图片。";
    OwnDamaged => "the picture is damaged and could not be read.", "图片已损坏，无法读取。";
    OwnTooLarge => "the picture is {size} pixels, more than the {max} pixels taken.", "图片为 {size} 像素，超过了可接受的 {max} 像素。";
    OwnBlank => "the picture is one flat tone: there is no ink to find.", "图片只有一种色调：找不到笔迹。";
    OwnTooMany => "a lab takes at most {max} pictures.", "一个实验最多接受 {max} 张图片。";
    OwnOverTotal => "together with the pictures taken this makes {size} MB, more than the {max} MB allowed.", "加上已接受的图片，总计 {size} MB，超过了允许的 {max} MB。";
    OwnPrivacy => "Your images stay in this browser: nothing is uploaded.", "图片只留在本浏览器中，不会上传。";
    PairsReady => "{pairs} pairs, {chars} characters; {held} held out.", "{pairs} 个句对，{chars} 种字符；留出 {held} 个用于测试。";
    PairsSkipped => "{n} lines skipped: {lines}", "跳过了 {n} 行：{lines}";
    PairsSeparator => "; ", "；";
    PairsDuplicates => "{n} repeated lines dropped.", "删去了 {n} 个重复行。";
    PairsLine => "line {line}: {problem}", "第 {line} 行：{problem}";
    PairsNoSeparator => "no tab or comma between source and target", "源和目标之间没有制表符或逗号";
    PairsEmptySide => "the source or the target is empty", "源或目标为空";
    PairsTooLong => "a side has {chars} characters, over {max}", "一侧有 {chars} 个字符，超过 {max}";
    PairsControl => "a control character (U+{code})", "含控制字符（U+{code}）";
    PairsConflict => "the same source as line {first} with another target", "与第 {first} 行源相同而目标不同";
    PairsTooLarge => "Not read: the file is {size}, over {max}.", "未读取：文件大小为 {size}，超过 {max}。";
    PairsNotText => "Not read: this is not UTF-8 text (from line {line} on).", "未读取：这不是 UTF-8 文本（自第 {line} 行起）。";
    PairsTooMany => "Not read: more than {max} pairs (pair {next} is on line {line}).", "未读取：句对超过 {max} 个（第 {next} 个在第 {line} 行）。";
    PairsTooFew => "Not enough to train: {found} usable pairs, at least {min} are needed.", "不足以训练：可用句对 {found} 个，至少需要 {min} 个。";
    TfDataSource => "Training data", "训练数据";
    TfDataBuiltin => "A built-in task", "内置任务";
    TfDataPairs => "Your own sentence pairs", "你自己的句对";
    TfDataText => "Pairs, one a line: source, a tab or a comma, target", "句对，每行一个：源、制表符或逗号、目标";
    TfDataRead => "Read and use", "读取并使用";
    TfDataUpload => "Choose or drop a file", "选择或拖入文件";
    TfDataExample => "Load the example", "载入示例";
    TfDataExampleHint => "500 short English phrases about animals and their Chinese, written for gradlab (MIT).", "500 条关于动物的英文短语及其中文，为 gradlab 编写（MIT 许可）。";
    TfDataPrivacy => "Your pairs stay in this browser: nothing is uploaded.", "句对只留在本浏览器中，不会上传。";
    TfDataEmpty => "Paste pairs, pick a file (.tsv, .csv, .txt) or load the example: at least 20 and up to 20,000 pairs, 64 characters a side at most. A tenth is held out for scoring.", "粘贴句对、选择文件（.tsv、.csv、.txt）或载入示例：至少 20 个、至多 20,000 个句对，每侧不超过 64 个字符。其中十分之一留作测试。";
    TfDataReading => "Reading…", "正在读取…";
    TfDataUnreadable => "Not read: the browser could not read this file.", "未读取：浏览器无法读取该文件。";
    TfDataFetchFailed => "The example could not be fetched: {detail}", "无法获取示例：{detail}";
    TfDataModelRefused => "Not used, the current model is kept: {reason}", "未使用，保留当前模型：{reason}";
    TfDataPreview => "The first pairs", "前几个句对";
    TfDataSourceCol => "Source", "源";
    TfDataTargetCol => "Target", "目标";
    TfShareNoPairs => "The link carries the settings, not your pairs: opened elsewhere, it trains on the dates.", "链接只带设置，不带你的句对：在别处打开时，训练的是日期任务。";
    WpVocab => "the model in the file knows other characters than your pairs ({diff}). Was it trained on other pairs?", "文件中的模型认识的字符与你的句对不同（{diff}）。它是否用别的句对训练过？";
    WpVocabMissing => "not in the file: {chars}", "文件中没有：{chars}";
    WpVocabExtra => "not in your pairs: {chars}", "你的句对中没有：{chars}";
    LinkRefused => "Some settings of the link were not used, and keep their defaults; each field says why.", "链接中的部分设置未被采用，保留了默认值；各字段旁注明了原因。";
    LinkUnknownKeys => "The link has settings this lab does not know:", "链接中有本实验没有的设置：";
    LinkDuplicate => "The link gives this setting more than once; its first value was read.", "链接中这个设置出现了不止一次，读取的是第一个值。";
    LinkNoValue => "The link names this setting without a value.", "链接中只有这个设置的名称，没有值。";
    LinkNotChoice => "The link's value is none of:", "链接中的值不属于以下任何一个：";
    LinkNotFromInput => "A link's widths start with the input's width, {input}, as in {input}-128-2.", "链接中的宽度应以输入宽度 {input} 开头，例如 {input}-128-2。";
    LinkTooLong => "The link is longer than {max} characters; what follows was not read.", "链接超过 {max} 个字符，之后的部分未被读取。";
    LabDivergedTitle => "Training diverged and was stopped", "训练发散，已停止";
    LabDivergedNonFinite => "A loss or a weight became infinite or NaN (not a number). The steps overshot the minimum and grew until the numbers overflowed.", "某个损失或权重变成了无穷大或 NaN（非数）。每一步都越过了最低点，而且越走越远，直到数值溢出。";
    LabDivergedExploded => "The training loss climbed to more than four times its starting value instead of falling. The steps overshoot the minimum and bounce ever higher.", "训练损失不降反升，超过了起始值的四倍。每一步都越过了最低点，并且越弹越高。";
    LabDivergedSaturated => "Weights or codes grew to thousands. Every unit is now pushed to its limit, so the network outputs the same average digit whatever it is shown, and its loss no longer falls: the updates overshot.", "权重或编码增长到了数千。现在每个单元都被推到了极限，网络无论看到什么都输出同一个平均数字，损失也不再下降：更新步子迈得太大了。";
    LabDivergedAt => "Stopped at step {step}", "在第 {step} 步停止";
    TfDivergedTry => "The usual cause is a learning rate too large for this model. Try one ten times smaller, then press “Apply and reset”.", "通常的原因是学习率对这个模型来说太大了。试试把它缩小十倍，然后按“应用并重置”。";
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
    AeLossCaption => "Reconstruction loss per pixel, on the training batches (averaged between updates) and on all 1,000 held-out test digits. The test curve is the honest one: the model never trains on those digits. Which curve will end lower, and will they part?", "每个像素的重建损失：训练批次上的值（两次更新之间取平均）和全部 1,000 个留出测试数字上的值。测试曲线才是诚实的：模型从不在这些数字上训练。哪条曲线最终更低？两条曲线会分开吗？";
    AeReconTitle => "Reconstructions", "重建";
    AeReconCaption => "Eight test digits (top) and what the decoder rebuilds from their codes (bottom). Before you train, predict: early on, will the decoder return eight different digits, or the same picture for all eight? Watch the bottom row as the loss falls.", "八个测试数字（上）以及解码器从它们的编码重建出的图像（下）。训练之前先预测：刚开始时，解码器会还原出八个不同的数字，还是八张一样的图？损失下降时请留意下面这一行。";
    AeOriginal => "original", "原图";
    AeRebuilt => "rebuilt", "重建";
    AeLatentTitle => "Latent space", "潜在空间";
    AeLatentPca => "The code has more than two numbers, so the map shows its first two principal components (PCA, computed in the worker). Share of the codes' variance this view shows:", "编码多于两个数，因此地图显示的是它的前两个主成分（PCA，在后台线程中计算）。地图所展示的方差占比：";
    AeLatent2d => "The code has exactly two numbers, plotted as they are. Colours are the true labels, which the network never sees.", "编码恰好是两个数，按原样绘制。颜色是真实标签，网络从未见过它们。";
    AeLatentHint => "Click or drag on the map to decode that point, or focus the map and move the probe with the arrow keys (Shift for longer steps).", "在地图上点击或拖动，即可解码该点；也可以聚焦地图，用方向键移动探针（按住 Shift 步子更大）。";
    AeDecodedTitle => "Decoded point", "解码结果";
    AeDecodedEmpty => "Click the map.", "请点击地图。";
    AeDrawTitle => "Draw a digit", "画一个数字";
    AeDrawCaption => "Draw with a mouse or a finger. The drawing is cropped, scaled to 20×20 pixels and centred by its centre of mass, as the MNIST digits were; then it is encoded (the ring on the map) and decoded (right).", "用鼠标或手指作画。画好的图像会像 MNIST 数字那样被裁剪、缩放到 20×20 像素并按质心居中；然后被编码（地图上的圆环）并解码（右侧）。";
    AeDrawRecon => "Its reconstruction", "它的重建";
    AeDrawEmpty => "Draw in the box.", "请在方框里作画。";
    AeDrawRebuilt => "the decoder's rebuild of your drawing, from its code", "解码器根据编码重建的你的画";
    Clear => "Clear", "清除";
    VaeBeta => "β, the weight of the KL term", "β：KL 项的权重";
    VaeBetaHint => "Takes effect at once, even while training.", "立即生效，训练中也可以调整。";
    VaeLossTitle => "The three curves of the loss", "损失的三条曲线";
    VaeLossCaption => "On the 1,000 test digits, in nats per image (information measured with natural logarithms: one bit is ln 2 ≈ 0.693 nats): the reconstruction term (binary cross-entropy summed over the pixels), the KL term, and their total recon + β·KL, the negative ELBO when β = 1.", "在 1,000 个测试数字上，单位为每张图像的奈特数（用自然对数度量的信息量：1 比特为 ln 2 ≈ 0.693 奈特）：重建项（对所有像素求和的二元交叉熵）、KL 项，以及总损失：重建项 + β·KL（β = 1 时即负 ELBO）。";
    VaeRecon => "Reconstruction", "重建项";
    VaeKl => "KL", "KL 项";
    VaeTotal => "Total, recon + β·KL", "总损失：重建项 + β·KL";
    VaeLatentTitle => "Latent space: μ of each test digit", "潜在空间：每个测试数字的 μ";
    VaeEllipses => "Ellipses show one standard deviation of q(z|x) for twenty of the digits: the code is a cloud, not a point.", "椭圆表示其中二十个数字的 q(z|x) 的一个标准差：编码是一团云，而不是一个点。";
    VaeManifoldTitle => "The learned manifold", "学到的流形";
    VaeManifoldCaption => "Decodes of a 10×10 grid across the latent plane, spaced by the quantiles of N(0, 1) as in Kingma and Welling’s paper. Will neighbouring cells morph smoothly into each other, or will there be holes that decode to no digit, as in the autoencoder’s map? Train, then look.", "对潜在平面上 10×10 网格的解码结果，网格按 N(0, 1) 的分位数排布，与 Kingma 和 Welling 的论文一致。相邻的格子会平滑地相互过渡，还是会像自编码器的潜在图那样出现解码不出数字的空洞？先训练，再来看。";
    VaeSamplesTitle => "Samples from the prior", "从先验中采样";
    VaeSamplesCaption => "Codes drawn from N(0, I) and decoded: digits that are in no data set. Before training, will they look like digits at all? And after?", "从 N(0, I) 中抽取编码再解码：这些是任何数据集里都没有的数字。训练之前，它们会像数字吗？训练之后呢？";
    VaeResample => "Resample", "重新采样";
    VaeInterpTitle => "Interpolation", "插值";
    VaeInterpCaption => "Pick a start digit and an end digit. Ten evenly spaced points on the line between their codes, decoded. Will the frames in the middle be digits too, or blurs of the two ends?", "选一个起点数字和一个终点数字。在二者编码之间的连线上均匀取十个点并解码。中间的画面也会是数字吗，还是两端的模糊叠影？";
    VaeFrom => "From", "起点";
    VaeTo => "To", "终点";
    TfTask => "Task", "任务";
    TfTaskDates => "English/Chinese dates → ISO 8601", "中英文日期 → ISO 8601";
    TfTaskNumbers => "Number words → Chinese numerals", "英文数字词 → 中文数字";
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
    TfStepsNote => "The learning rate rises over a short warm-up, then falls along half a cosine to a tenth of itself at the schedule's last step. Training does not stop there: it goes on at that tenth until you pause.", "学习率先在短暂的预热中上升，再沿半个余弦下降，到调度的最后一步降到原来的十分之一。训练不会在那里停止：之后以这十分之一的学习率继续，直到你暂停。";
    TfOutputWaiting => "the model's answer appears here", "模型的回答会显示在这里";
    TfStarting => "Generating the data set and building the model…", "正在生成数据集并构建模型…";
    TfPreparingData => "Building the data set: {percent}", "正在生成数据集：{percent}";
    TfPreparingScoring => "Scoring the untrained model on the test set: {percent}", "正在用测试集评估未训练的模型：{percent}";
    TfTokenAcc => "Token accuracy", "逐字符准确率";
    TfExact => "Exact match", "完全匹配率";
    TfTokensPerSec => "Tokens/s", "词元/秒";
    TfTrainTime => "Training time", "训练用时";
    TfLossTitle => "Loss", "损失";
    TfFormulaIntro => "The held-out loss of the current run: the mean negative log-likelihood of each target character given the source and the characters before it (teacher forcing), over the N target characters of the held-out set. It is measured in nats, with natural logarithms: a model that gave the right character probability ½ every time would score ln 2 ≈ 0.693.", "当前运行的留出损失：在留出集全部 N 个目标字符上，给定源句和此前字符（教师强制）时每个目标字符的负对数似然的平均值。单位是奈特（nat），即用自然对数计算：若模型每次都给正确字符 ½ 的概率，得分就是 ln 2 ≈ 0.693。";
    TfLossCaption => "Cross-entropy per target character with teacher forcing, on the training batches and on the held-out set, which shares no example with training. Will the held-out curve follow the training one down, or part from it?", "教师强制下每个目标字符的交叉熵：训练批次上的值，以及与训练集没有任何重叠的留出集上的值。留出曲线会跟着训练曲线一起下降，还是与它分开？";
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
    TfAttnCrossDates => "Cross-attention: each output position looks at the source. As it trains, where do the year's digits look: at the year, wherever it was written, or at the same place every time?", "交叉注意力：每个输出位置关注源序列。随着训练，年份的数字看向哪里：无论年份写在哪里都去读年份，还是每次都看同一个位置？";
    TfAttnCrossNumbers => "Cross-attention: each output position looks at the source. Does each Chinese numeral look at the English word it translates, and where does 十 look, which no single word spells out?", "交叉注意力：每个输出位置关注源序列。每个中文数字会看向它所翻译的英文单词吗？没有哪个单词单独写出的“十”又看向哪里？";
    TfAttnCrossReversal => "Cross-attention: each output position looks at the source. The output is the source backwards: what shape should the map take once the model has learned it?", "交叉注意力：每个输出位置关注源序列。输出是倒过来的源序列：模型学会之后，这张图应该是什么形状？";
    TfAttnCrossPairs => "Cross-attention: each output position looks at the source. On your own pairs, which source characters does each output character look at?", "交叉注意力：每个输出位置关注源序列。在你自己的句对上，每个输出字符看向哪些源字符？";
    TfExample => "Example", "样本";
    TfKind => "Kind", "类型";
    TfKindEnc => "Encoder self", "编码器自注意力";
    TfKindDec => "Decoder masked self", "解码器掩码自注意力";
    TfKindCross => "Cross", "交叉注意力";
    TfLayer => "Layer", "层";
    TfHead => "Head", "头";
    AnnounceRunning => "Training, step {step}: {numbers}", "训练中，第 {step} 步：{numbers}";
    AnnouncePaused => "Paused, step {step}: {numbers}", "已暂停，第 {step} 步：{numbers}";
    AnnounceFinished => "Finished. {what}. {figures}", "已完成。{what}。{figures}";
    AnnounceStopped => "Stopped. {what}. {figures}", "已停止。{what}。{figures}";
    AnnounceFigureSep => ". ", "。";
    ChartWords => "{y} against {x}: {series}", "{y}随{x}变化：{series}";
    ChartLast => "{label} {value} at {x} {at}", "{label}在{x} {at} 时为 {value}";
    NameSep => ": ", "：";
    ChartNoPoints => "{label} has no points yet", "{label}尚无数据点";
    ChartEmpty => "Nothing to draw yet: start the run, and this chart fills in as the model trains.", "还没有可画的内容：开始运行后，这张图会随训练逐渐画出来。";
    ChartShowTable => "Show as table", "以表格显示";
    ChartHideTable => "Hide the table", "隐藏表格";
    ChartTableThinned => "{rows} of {total} points, evenly spaced, the first and the last included.", "共 {total} 个点，均匀选取其中 {rows} 个显示，包括第一个和最后一个。";
    ChartSep => "; ", "；";
    ChartNothing => "nothing plotted yet", "尚无数据";
    GridRecon => "{what}: {count} test digits, each above the model's rebuild of it at step {step}", "{what}：{count} 个测试数字，每个下方是第 {step} 步的模型对它的重建";
    GridOwnRecon => "{what}: {count} of your pictures, each above the model's rebuild of it at step {step}", "{what}：你的 {count} 张图片，每张下方是第 {step} 步的模型对它的重建";
    GridManifold => "{what}: {count} images decoded from points spread evenly over the map, at step {step}", "{what}：从地图上均匀分布的点解码出的 {count} 张图像（第 {step} 步）";
    GridSamples => "{what}: {count} images decoded from random codes, at step {step}", "{what}：从随机编码解码出的 {count} 张图像（第 {step} 步）";
    GridInterpolation => "{what}: {count} images decoded along the line from digit {from} to digit {to}, at step {step}", "{what}：沿数字 {from} 到数字 {to} 的连线解码出的 {count} 张图像（第 {step} 步）";
    GridNothing => "{what}: nothing yet", "{what}：尚无内容";
    LatentMapName => "{title} ({count} test digits, {x} × {y}){probe}", "{title}（{count} 个测试数字，坐标轴为 {x} × {y}）{probe}";
    LatentMapProbe => "; probe at {probe}", "；探针位于 {probe}";
    LatentProbeNear => "{at}, nearest the centre of the {digit}s", "{at}，最接近数字 {digit} 的中心";
    LatentMapEmpty => "{title}: no codes yet; train the model and each test digit appears here as a dot", "{title}：尚无编码；训练模型后，每个测试数字都会在这里显示为一个点";
    PerfBarCol => "Bar: against the fastest shape", "条形：与最快的形状相比";
    PerfGemmWords => "fastest {fast}, {fast_gflops} GFLOP/s; slowest {slow}, {slow_gflops} GFLOP/s", "最快 {fast}，{fast_gflops} GFLOP/s；最慢 {slow}，{slow_gflops} GFLOP/s";
    PerfTrainWords => "batch {batch}: {rate} samples/s", "批大小 {batch}：每秒 {rate} 个样本";
    TableOf => "{what}, as a table", "{what}（表格）";
    ChartAxes => "{y} against {x}", "{y}随{x}变化";
    LatentMapRole => "latent map", "潜在空间图";
    HeatDescribed => "{rows} rows by {cols} columns; the largest cell is {largest}", "{rows} 行 × {cols} 列；最大的格子是 {largest}";
    HeatWaiting => "nothing to show yet", "尚无内容";
    TfAllHeads => "All heads", "全部头";
    TfScrub => "Step shown", "显示的步数";
    TfLive => "{step} (now)", "{step}（当前）";
    TfInputTitle => "Translate your own input", "翻译你自己的输入";
    TfInputLabel => "Sentence to translate", "要翻译的句子";
    TfInputAttention => "Cross-attention of the last decoder layer, head 1, for your input", "你的输入在最后一个解码层的交叉注意力（头 1）";
    TfInputCaption => "Type a date or a number in words, in the task's style. The model's answer and its cross-attention appear below.", "按任务的格式输入一个日期或一个英文数字词。模型的回答及其交叉注意力显示在下方。";
    TfTranslate => "Translate", "翻译";
    TfUnknown => "characters this model does not know:", "个字符是该模型不认识的：";
    TfUnknownOne => "character this model does not know:", "个字符是该模型不认识的：";
    TfEmpty => "Type a sentence to translate.", "请输入要翻译的句子。";
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
    FtCrossoverAt => "In your runs the lines cross: from K = {k} labels on, training from scratch does as well as full fine-tuning, or better. Why? The encoder was pretrained to rebuild pixels, not to tell digits apart, and fine-tuning moves it with a smaller learning rate than scratch uses, for the same number of steps. With few labels that head start is worth more than the labels; with many, the labels alone teach more, and the head start holds the network near features made for another task.", "在你的实验中，两条线交叉了：从 K = {k} 个标签起，从零训练与完整微调一样好，甚至更好。为什么？编码器预训练的目标是重建像素，而不是区分数字；而且在相同的步数里，微调用比从零训练更小的学习率去调整它。标签很少时，这个起点比标签更有价值；标签很多时，仅靠标签就能学到更多，而这个起点反而把网络留在为另一个任务准备的特征附近。";
    FtCrossoverNone => "In your runs full fine-tuning leads scratch at every K so far, up to K = {k}. Will it still lead with many more labels?", "在你的实验中，到 K = {k} 为止，完整微调在每个 K 上都领先于从零训练。标签再多很多时，它还会领先吗？";
    FtKChartTitle => "Accuracy against the number of labels", "准确率与标签数量的关系";
    FtKChartCaption => "One line per method, K on a log axis. Where will pretraining help most: with the fewest labels or with the most? Run several K and see whether the lines cross.", "每种方法一条线，K 使用对数坐标。预训练在标签最少时帮助最大，还是在标签最多时？多跑几个 K，看看这些线是否交叉。";
    FtBudgetNote => "The claim is checked, not assumed: with the default budgets, full fine-tuning beats training from scratch at K = 100 by 8 points on average over 10 seeds (a native test checks at least 5). With a much shorter pretraining the encoder has learned little, and scratch can win; the table shows whatever your run gives.", "这个结论是检验出来的，不是假定的：使用默认预算时，在 K = 100 上，完整微调平均比从零训练高 8 个百分点（10 个随机种子的平均；一个原生测试检查至少高 5 个百分点）。如果预训练短得多，编码器学到的东西很少，从零训练可能反而更好；表格如实显示你这次运行的结果。";
    FtNoRows => "No K has finished yet.", "还没有完成任何 K。";
    AxisAccuracy => "accuracy (%)", "准确率（%）";
    ScaleTitle => "Experiment: the same data, five model sizes", "实验：同样的数据，五种模型规模";
    ScaleCaption => "The date Transformer at five sizes, one after another, each trained on the same number of tokens. Loss is the cross-entropy per token on the held-out dates.", "日期任务的 Transformer 按五种规模依次训练，每种规模见到的词元数相同。损失是留出日期上每个词元的交叉熵。";
    ScaleTokens => "Training tokens per size", "每种规模的训练词元数";
    ScaleRun => "Run the sizes", "运行各规模";
    ScaleSize => "Size", "规模";
    ScaleChartTitle => "Final loss against parameters", "最终损失与参数量";
    ScaleChartCaption => "Log–log axes; the dashed line is the least-squares power law L ≈ a·N^(−α). Will the sizes fall on a straight line, or will the largest bend away when the tokens are few?", "双对数坐标；虚线是最小二乘拟合的幂律 L ≈ a·N^(−α)。各个大小会落在一条直线上吗？还是在词元很少时，最大的模型会偏离直线？";
    ScaleFit => "Fitted exponent", "拟合的指数";
    ScaleComputeTitle => "Loss against training compute", "损失与训练计算量";
    ScaleComputeCaption => "Each size's held-out loss as it trains, against the floating-point operations spent so far.", "各规模在训练过程中的留出损失，横轴是已经花费的浮点运算量。";
    ScaleTokensCol => "Tokens", "词元数";
    ScaleFlopsCounted => "FLOPs counted", "实际计数的浮点运算量";
    ScaleTableTitle => "Parameters, tokens and compute of each size", "每种规模的参数、词元与计算量";
    ScaleTableCaption => "Each size has N parameters and trains on D tokens. [Kaplan et al. (2020)](kaplan2020) estimate training compute as C ≈ 6ND: how close does it come to the FLOPs the trainer counted? And how many tokens per parameter did each size see, against the 20 of [Hoffmann et al. (2022)](hoffmann2022)?", "每种规模有 N 个参数，训练 D 个词元。[Kaplan 等人（2020）](kaplan2020)把训练计算量估计为 C ≈ 6ND：它与训练器实际计数的浮点运算量有多接近？每种规模的每个参数见过多少个词元，与 [Hoffmann 等人（2022）](hoffmann2022)的 20 相比如何？";
    ScaleParams => "Parameters", "参数量";
    ScaleFlops => "Training FLOPs", "训练浮点运算量";
    ScaleTime => "Time", "用时";
    ScaleLoss => "Final loss", "最终损失";
    ScaleExact => "Exact match", "完全匹配";
    CountParams => "{n} parameters", "{n} 个参数";
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
    SeqChartCaption => "Does what the model learned about dates in English carry over to Chinese? Compare where the two curves start, and which is ahead at the end.", "模型从英文日期中学到的东西，能迁移到中文吗？比较两条曲线的起点，以及最后谁领先。";
    HistoryTitle => "A short history", "简史";
    WorksCited => "Works cited", "引用文献";
    GuideTitle => "Predict, then run", "先预测，再运行";
    GuideIntro => "Pick what you expect. The lab then sets its controls, runs the experiment, and checks your answer against its own numbers.", "先选出你预期的结果。实验室随后会设置控件、运行实验，并用运行得到的数字检验你的答案。";
    GuideQuestionOf => "Question {n} of {total}", "第 {n} 题，共 {total} 题";
    GuideScore => "{right} of {answered} predictions right so far.", "目前答对 {right} 题，已回答 {answered} 题。";
    GuideRun => "Run to check", "运行并检验";
    GuideRunning => "Running… {done} of {of} runs finished.", "运行中……已完成 {done}/{of} 次运行。";
    GuidePickFirst => "Pick an answer, then run.", "请先选一个答案，再运行。";
    GuideRight => "Your prediction was right.", "你的预测是对的。";
    GuideWrong => "Not this time: the run says otherwise.", "这次没猜中：运行结果不是这样。";
    GuideYouPredicted => "You predicted", "你的预测";
    GuideRunSays => "The run says", "运行结果";
    GuideNoneFits => "none of the answers fits exactly", "没有一个选项完全符合";
    GuidePrev => "Previous question", "上一题";
    GuideNext => "Next question", "下一题";
    GuideStopped => "The run stopped before it finished: the lab was changed, left or refused the model. Your prediction is kept; press Run to try again.", "运行在完成前停止了：实验室被修改、离开，或拒绝了这个模型。你的预测已保留；按“运行并检验”再试一次。";
    GuideBusy => "Another experiment of this chapter is running: let it finish or stop it, then run again.", "本章的另一个实验正在运行：请等它结束或停止它，然后再运行。";
    GuideCannot => "This cannot be run with the current settings. What is wrong:", "当前设置无法运行。问题是：";
    TryAboutSame => "About the same", "差不多";
    TryAeCode2 => "The 2-number code", "2 个数的编码";
    TryAeCode32 => "The 32-number code", "32 个数的编码";
    TryAeQ1 => "Two autoencoders differ only in their code: 2 numbers or 32. After the same training, which one rebuilds the test digits better?", "两个自编码器只有编码不同：2 个数或 32 个数。训练相同步数后，哪一个重建测试数字更好？";
    TryAeHow1 => "Run trains 784-128-64-2 and then 784-128-64-32 here in the lab (mirrored decoders, mean squared error, Adam 0.001, seed 0), 1,500 steps each, and compares their test losses.", "运行会在这个实验室里依次训练 784-128-64-2 和 784-128-64-32（解码器与之镜像，均方误差，Adam 0.001，种子 0），各 1,500 步，然后比较二者的测试损失。";
    TryAeWhy1 => "Test loss after {steps} steps: {a} with the 2-number code, {b} with the 32-number code (lower is better).", "{steps} 步后的测试损失：2 个数的编码为 {a}，32 个数的编码为 {b}（越低越好）。";
    TryAeQ2 => "The same two models: which latent map separates the ten digits better? The 2-number code is drawn as it is, the 32-number code along its two main directions (PCA).", "还是这两个模型：哪一张隐空间图把十个数字分得更开？2 个数的编码按原样画出，32 个数的编码沿它的两个主方向（PCA）画出。";
    TryAeHow2 => "Run reuses the two models of the first question (or trains them) and scores each map: the share of test digits that lie nearer the centre of their own digit than of any other.", "运行会沿用第一题的两个模型（没有的话就训练它们），并给每张图打分：离自己所属数字的中心比离其他数字的中心更近的测试数字所占的比例。";
    TryAeWhy2 => "Test digits nearest the centre of their own digit: {a}% on the 2-number map, {b}% on the 32-number map.", "离自己所属数字中心最近的测试数字：2 个数的图为 {a}%，32 个数的图为 {b}%。";
    TryAeQ3 => "The 32-number model again, with a learning rate 100 times larger: 0.1 instead of 0.001. What happens within 1,500 steps?", "还是 32 个数的模型，但学习率大 100 倍：0.1 而不是 0.001。1,500 步内会发生什么？";
    TryLrFaster => "It learns faster and ends lower", "学得更快，最终损失更低";
    TryLrWorse => "It ends worse, or diverges", "最终更差，或者发散";
    TryAeHow3 => "Run trains the 32-number model at learning rate 0.001 (unless you already have) and at 0.1, 1,500 steps each, and compares the test losses.", "运行会用学习率 0.001（若已训练过则沿用）和 0.1 各训练 32 个数的模型 1,500 步，然后比较测试损失。";
    TryAeWhy3 => "Test loss after {steps} steps: {a} at learning rate 0.001, {b} at 0.1 (∞: the lab stopped a diverging run).", "{steps} 步后的测试损失：学习率 0.001 时为 {a}，0.1 时为 {b}（∞ 表示实验室停止了发散的运行）。";
    TryVaeQ1 => "The KL term pulls every code toward the prior, and β weighs it. Raise β from 1 to 4: what happens to the KL and to the reconstruction error?", "KL 项把每个编码拉向先验，β 决定它的权重。把 β 从 1 提高到 4：KL 和重建误差会怎样？";
    TryVaeKlDown => "KL falls, reconstruction gets worse", "KL 下降，重建变差";
    TryVaeKlUp => "KL rises, reconstruction gets better", "KL 上升，重建变好";
    TryVaeBothSame => "Both stay about the same", "两者都基本不变";
    TryVaeHow1 => "Run trains the 784-256-64-2 VAE (batch 128, Adam 0.001, seed 0) at β = 1 and at β = 4, 1,000 steps each, and compares both terms on the test digits.", "运行会训练 784-256-64-2 的 VAE（批大小 128，Adam 0.001，种子 0），β = 1 和 β = 4 各 1,000 步，然后在测试数字上比较这两项。";
    TryVaeWhy1 => "After {steps} steps, per image: KL {kl1} nats at β = 1 and {kl4} at β = 4; reconstruction error {rec1} nats at β = 1 and {rec4} at β = 4.", "{steps} 步后，每张图像：KL 在 β = 1 时为 {kl1} 奈特，β = 4 时为 {kl4}；重建误差在 β = 1 时为 {rec1} 奈特，β = 4 时为 {rec4}。";
    TryVaeQ2 => "Now β = 0: the KL term no longer counts, and the VAE becomes an autoencoder with noisy codes. How large does the KL grow, against β = 1?", "现在令 β = 0：KL 项不再计入，VAE 变成编码带噪声的自编码器。与 β = 1 相比，KL 会变成多大？";
    TryVaeKlMuchLarger => "More than twice as large", "大于两倍";
    TryVaeKlSmaller => "Smaller", "更小";
    TryVaeHow2 => "Run trains the same VAE at β = 0 (and at β = 1, unless you already have), 1,000 steps each, and compares the KL on the test digits.", "运行会用 β = 0 训练同一个 VAE（若还没有 β = 1 的结果，也训练它），各 1,000 步，然后比较测试数字上的 KL。";
    TryVaeWhy2 => "KL after {steps} steps: {kl1} nats per image at β = 1, {kl0} at β = 0.", "{steps} 步后的 KL：β = 1 时每张图像 {kl1} 奈特，β = 0 时为 {kl0}。";
    TryAttnQ1 => "Give each head dₖ = 64 dimensions and switch the division by √dₖ off. What happens to the attention weights of your sentence?", "让每个头有 dₖ = 64 维，并关闭除以 √dₖ 这一步。你的句子的注意力权重会怎样？";
    TryAttnPeaked => "They turn peaked: each word looks mostly at one other", "变得尖锐：每个词主要只看另一个词";
    TryAttnFlatter => "They spread out more evenly", "分布得更均匀";
    TryAttnSame => "They barely change", "几乎不变";
    TryAttnHow1 => "Run sets dₖ = 64 with the scale off in the controls above, and compares the mean entropy of the shown head's weights with the scale on and off: ln T when every word looks at all words alike, 0 when each looks at only one.", "运行会在上方控件中设置 dₖ = 64 并关闭缩放，然后比较开启和关闭缩放时所显示注意力头的权重平均熵：每个词平均地看所有词时为 ln T，每个词只看一个词时为 0。";
    TryAttnWhy1 => "Mean entropy of the shown head's weights at dₖ = 64: {on} nats with the scale, {off} nats without it.", "dₖ = 64 时所显示注意力头的权重平均熵：有缩放时为 {on} 奈特，无缩放时为 {off} 奈特。";
    TryAttnQ2 => "Now dₖ = 2. Does switching the scale off change the weights less than at dₖ = 64, more, or about as much?", "现在 dₖ = 2。关闭缩放对权重的改变，比 dₖ = 64 时更小、更大，还是差不多？";
    TryAttnLessAt2 => "Less", "更小";
    TryAttnMoreAt2 => "More", "更大";
    TryAttnHow2 => "Run sets dₖ = 2 with the scale off, and compares how much of the entropy switching the scale off takes away at dₖ = 2 and at dₖ = 64.", "运行会设置 dₖ = 2 并关闭缩放，然后比较关闭缩放在 dₖ = 2 和 dₖ = 64 时各使熵减少了多少。";
    TryAttnWhy2 => "Mean entropy with the scale on → off: {on2} → {off2} nats at dₖ = 2, {on64} → {off64} nats at dₖ = 64.", "平均熵（有缩放 → 无缩放）：dₖ = 2 时 {on2} → {off2} 奈特，dₖ = 64 时 {on64} → {off64} 奈特。";
    TfNextTitle => "Next-character probabilities", "下一个字符的概率";
    TfNextCaption => "At each step the model wrote its likeliest character (first column). How sure was it, and which characters came close?", "每一步，模型都写下它认为最可能的字符（第一列）。它有多确定？哪些字符差一点被选中？";
    TfNextStep => "Step", "步";
    TfNextTop => "The five likeliest, with their probabilities", "最可能的五个字符及其概率";
    TfNextRest => "All others", "其余全部";
    TryTfQ1 => "Train the Transformer to reverse strings of letters. When the decoder writes its i-th character, where will its cross-attention look in the input?", "训练 Transformer 把字母串倒过来写。解码器写第 i 个字符时，它的交叉注意力会看输入的哪里？";
    TryTfSame => "At the same position i: a diagonal", "看同一位置 i：一条对角线";
    TryTfMirrored => "At the mirrored position, counted from the end: an anti-diagonal", "看从末尾数起的对称位置：一条反对角线";
    TryTfSpread => "All over the input", "分散在整个输入上";
    TryTfHow1 => "Run sets the lab to the reversal task (1 + 1 layers, width 32, sinusoidal positions) and trains it to the end of its 1,000-step schedule, then reads the cross-attention of the last decoder layer, heads averaged, on the longest watched example (the attention figure below switches to it).", "运行会把实验室设为倒序任务（1 + 1 层，宽度 32，正弦位置编码），训练到 1,000 步学习率计划结束，然后读取最长的被观察示例在最后一个解码层上的交叉注意力（各头平均；下方的注意力图会切换到这个示例）。";
    TryTfWhy1 => "After {steps} steps, cross-attention put {mirrored}% of its weight on the mirrored position and {same}% on the same position; spread evenly, each would get {even}%.", "{steps} 步后，交叉注意力把 {mirrored}% 的权重放在对称位置上，{same}% 放在同一位置上；若平均分布，每个位置得到 {even}%。";
    TryTfQ2 => "Attention alone cannot tell positions apart: the model adds a position encoding to each character. Train the same reversal model with a learned table of positions (as GPT-2) instead of fixed sinusoids. Which reverses more held-out strings exactly?", "注意力本身分辨不出位置：模型要给每个字符加上位置编码。用可学习的位置表（如 GPT-2）代替固定的正弦编码，训练同样的倒序模型。哪一个能把更多留出字符串完全倒对？";
    TryTfSinusoids => "Fixed sinusoids", "固定的正弦编码";
    TryTfLearned => "A learned table", "可学习的位置表";
    TryTfHow2 => "Run trains the reversal model with sinusoids (unless you already have) and with a learned table, 1,000 steps each, and compares their held-out exact match.", "运行会分别用正弦编码（若已训练过则沿用）和可学习的位置表训练倒序模型，各 1,000 步，然后比较二者在留出集上的完全匹配率。";
    TryTfWhy2 => "Held-out exact match after {steps} steps: {sin}% with sinusoids, {learned}% with a learned table.", "{steps} 步后的留出完全匹配率：正弦编码为 {sin}%，可学习的位置表为 {learned}%。";
    TryFtQ1 => "Pretraining on unlabelled digits gives fine-tuning a head start over the same network trained from scratch. As the labelled digits K grow from 10 to 1,000, what happens to its lead?", "在无标签数字上的预训练让微调比从零训练的同一网络先走一步。当有标签数字 K 从 10 增加到 1,000 时，它的领先会怎样？";
    TryFtGrows => "It grows", "领先扩大";
    TryFtShrinks => "It shrinks, but fine-tuning stays ahead", "领先缩小，但微调仍然领先";
    TryFtOvertaken => "Scratch catches up and overtakes it", "从零训练追上并反超";
    TryFtHow1 => "Run uses the rows of the table below and runs the sweep over K = 10, 50, 100, 500 and 1,000 with the steps set above if a row is missing, then compares fine-tuning with scratch at each K.", "运行会使用下方表格中的行；如果缺少某个 K，就用上方设置的步数运行 K = 10、50、100、500 和 1,000 的完整扫描，然后在每个 K 上比较微调与从零训练。";
    TryFtWhy1 => "Fine-tuning's held-out accuracy minus scratch's, in points: {leads}.", "微调的留出准确率减去从零训练的，单位为百分点：{leads}。";
    TryFtQ2 => "With only K = 10 labelled digits, which learns more from them: the linear probe (the pretrained encoder frozen, only the last layer learns) or full fine-tuning (every layer learns)?", "只有 K = 10 个有标签数字时，哪种方法学得更好：线性探测（冻结预训练编码器，只训练最后一层）还是完整微调（所有层都训练）？";
    TryFtHow2 => "Run uses the K = 10 row of the table, or runs K = 10 with the steps set above, and compares the two methods' held-out accuracy.", "运行会使用表格中 K = 10 的那一行，没有的话就用上方设置的步数运行 K = 10，然后比较两种方法的留出准确率。";
    TryFtWhy2 => "Held-out accuracy at K = 10: {probe}% with the linear probe, {full}% with full fine-tuning.", "K = 10 时的留出准确率：线性探测为 {probe}%，完整微调为 {full}%。";
    TryScaleQ1 => "Five Transformer sizes, from about 8 thousand to half a million parameters, each train on the same token budget, set above. Which size ends with the lowest held-out loss?", "五个规模的 Transformer，从约 8 千到 50 万个参数，都在同样的词元预算（上方设置）上训练。哪个规模最终的留出损失最低？";
    TryScaleLargest => "The largest", "最大的";
    TryScaleMiddle => "One in the middle", "中间的某一个";
    TryScaleSmallest => "The smallest", "最小的";
    TryScaleHow1 => "Run uses the experiment's last finished run, or starts one with the budget set above (250,000 tokens by default), and compares the five final held-out losses.", "运行会使用规模实验最近一次完成的结果，没有的话就用上方设置的预算（默认 250,000 个词元）启动一次，然后比较五个最终的留出损失。";
    TryScaleWhy1 => "Final held-out loss by size, parameters → loss: {losses}.", "各规模的最终留出损失（参数量 → 损失）：{losses}。";
    TryScaleQ2 => "How many training tokens did the largest model see per parameter? For a fixed compute budget, the Chinchilla study put the best at about 20.", "最大的模型每个参数见过多少个训练词元？对固定的算力预算，Chinchilla 研究认为最佳约为 20 个。";
    TryScaleUnder1 => "Fewer than 1", "少于 1 个";
    TryScaleAbout20 => "Between 1 and 100, near Chinchilla's 20", "1 到 100 个之间，接近 Chinchilla 的 20";
    TryScaleOver100 => "More than 100", "多于 100 个";
    TryScaleHow2 => "Run reads the experiment's last finished run (or starts one) and divides the tokens the largest model trained on by its parameters.", "运行会读取规模实验最近一次完成的结果（没有的话就启动一次），用最大模型训练过的词元数除以它的参数量。";
    TryScaleWhy2 => "The largest model trained on {tokens} tokens with {params} parameters: {per} tokens per parameter.", "最大的模型有 {params} 个参数，训练了 {tokens} 个词元：每个参数 {per} 个词元。";
    ListSep => ", ", "、";
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::is_han;

    #[test]
    fn no_entry_is_blank_in_either_language() {
        for m in Msg::ALL {
            for l in Lang::ALL {
                assert!(!m.get(l).trim().is_empty(), "{m:?} is blank in {l:?}");
            }
        }
    }

    /// The first place where `zh` writes Chinese the English way: an ASCII colon, comma or
    /// semicolon beside a Chinese character ("1956 年夏: …"), a Chinese character run into a
    /// Latin letter or digit ("32在"), a space between two Chinese words, or a space beside
    /// full-width punctuation, which already holds its own gap ("步数： 4").
    fn english_punctuation_in(zh: &str) -> Option<String> {
        let chars: Vec<char> = zh.chars().collect();
        let full_width = |c: char| matches!(c, '\u{3000}'..='\u{303F}' | '\u{FF00}'..='\u{FFEF}');
        let latin = |c: char| c.is_ascii_alphanumeric();
        // Past either end reads as a letter-less, space-less '\0', which matches nothing.
        let at = |i: usize| chars.get(i).copied().unwrap_or('\0');
        (0..chars.len()).find_map(|i| {
            let (a, b, after_space) = (at(i), at(i + 1), at(i + 2));
            let ascii_sep = matches!(a, ':' | ',' | ';');
            let bad = (ascii_sep && i > 0 && is_han(at(i - 1)))
                || (ascii_sep && (is_han(b) || (b == ' ' && is_han(after_space))))
                || (is_han(a) && latin(b))
                || (latin(a) && is_han(b))
                || (is_han(a) && b == ' ' && is_han(after_space))
                || (full_width(a) && b == ' ')
                || (a == ' ' && full_width(b));
            bad.then(|| {
                chars[i.saturating_sub(4)..(i + 4).min(chars.len())]
                    .iter()
                    .collect()
            })
        })
    }

    #[test]
    fn chinese_entries_use_chinese_punctuation_and_spacing() {
        // Words spaced on purpose: the attention lab splits its sentence at spaces.
        let spaced_words = [Msg::AttnDefaultSentence];
        for m in Msg::ALL.iter().filter(|m| !spaced_words.contains(m)) {
            if let Some(at) = english_punctuation_in(m.get(Lang::Zh)) {
                panic!("{m:?} writes Chinese the English way near “{at}”");
            }
        }
    }

    #[test]
    fn the_checker_catches_what_the_accessibility_review_found() {
        for bad in [
            "1956 年夏: …",
            "显示的步数: 4",
            "训练集 尚无数据点",
            "宽度 32在批量大小",
        ] {
            assert!(english_punctuation_in(bad).is_some(), "{bad}");
        }
        assert_eq!(
            english_punctuation_in("宽度 32 在批量大小 128 时为 0.5"),
            None
        );
    }

    #[test]
    fn chinese_separators_are_full_width() {
        for m in [
            Msg::NameSep,
            Msg::ListSep,
            Msg::ChartSep,
            Msg::FullStop,
            Msg::AnnounceFigureSep,
        ] {
            let zh = m.get(Lang::Zh);
            assert!(
                zh.chars().all(|c| !c.is_ascii()),
                "{m:?} is {zh:?} in Chinese"
            );
        }
    }
}
