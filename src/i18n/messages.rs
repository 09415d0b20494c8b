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
