//! Where the lab's ideas are used, and with what tools: the Applications chapter's list.
//!
//! Every item names only what its cited works say (sizes and figures are the papers' own), and
//! links the chapter where the visitor can try the idea at small scale.

use super::history::Both;
use super::Lang;
use crate::routes::Chapter;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Use {
    /// Stable id: `data-use` on the page.
    pub id: &'static str,
    pub title: Both,
    pub text: Both,
    pub refs: &'static [&'static str],
    /// Where the idea can be tried here, and what to try.
    pub chapter: Chapter,
    pub try_it: Both,
}

fn pick(text: Both, lang: Lang) -> &'static str {
    match lang {
        Lang::En => text.0,
        Lang::Zh => text.1,
    }
}

impl Use {
    pub fn title(&self, lang: Lang) -> &'static str {
        pick(self.title, lang)
    }

    pub fn text(&self, lang: Lang) -> &'static str {
        pick(self.text, lang)
    }

    pub fn try_it(&self, lang: Lang) -> &'static str {
        pick(self.try_it, lang)
    }
}

/// The works the three questions cite, listed under each.
pub const FAQ_SPEED_SOURCES: &[&str] = &["micikevicius2017", "goyal2017", "shoeybi2019"];
pub const FAQ_DATA_SOURCES: &[&str] = &["hestness2017", "howard2018", "hoffmann2022"];
pub const FAQ_INTERPRET_SOURCES: &[&str] = &["alain2016", "jain2019", "wiegreffe2019"];

pub const USES: &[Use] = &[
    Use {
        id: "translation",
        title: ("Translation", "机器翻译"),
        text: (
            "Encoder-decoders with attention replaced phrase-based translation: Google's GNMT in \
             2016, then the Transformer, trained on the WMT 2014 English–German data (about 4.5 \
             million sentence pairs) and English–French data (36 million sentences).",
            "带注意力的编码器-解码器取代了基于短语的翻译：先是 2016 年谷歌的 GNMT，然后是 \
             Transformer，它在 WMT 2014 英德数据（约 450 万个句对）和英法数据（3600 万个句子）上训练。",
        ),
        refs: &["bahdanau2014", "wu2016", "vaswani2017", "bojar2014"],
        chapter: Chapter::Transformer,
        try_it: (
            "train the same kind of encoder-decoder on a toy translation task and watch its \
             cross-attention line up.",
            "在玩具翻译任务上训练同一类编码器-解码器，看它的交叉注意力如何对齐。",
        ),
    },
    Use {
        id: "vision",
        title: ("Vision Transformers", "视觉 Transformer"),
        text: (
            "ViT cuts an image into 16×16-pixel patches and treats each patch as a token. \
             Pretrained on ImageNet-21k (14 million images) or JFT-300M (303 million), a plain \
             Transformer encoder approaches or beats the best image classifiers of its day.",
            "ViT 把图像切成 16×16 像素的小块，把每一块当作一个词元。在 ImageNet-21k（1400 万张图像）\
             或 JFT-300M（3.03 亿张）上预训练之后，一个普通的 Transformer 编码器就接近或超过了当时\
             最好的图像分类器。",
        ),
        refs: &["dosovitskiy2020", "deng2009"],
        chapter: Chapter::Attention,
        try_it: (
            "step through the same softmax(QKᵀ/√dₖ)V that ViT computes over patches, here over \
             the words of your sentence.",
            "一步步演算 ViT 在图像块上计算的同一个 softmax(QKᵀ/√dₖ)V，这里换成你句子中的词。",
        ),
    },
    Use {
        id: "speech",
        title: ("Speech recognition", "语音识别"),
        text: (
            "Whisper turns audio into a log-Mel spectrogram, encodes it with a Transformer \
             encoder, and its decoder writes the transcript one token at a time. It was trained \
             on 680,000 hours of audio paired with transcripts from the internet; LibriSpeech's \
             1,000 hours of read audiobooks are the usual yardstick.",
            "Whisper 把音频转成对数梅尔频谱，用 Transformer 编码器编码，再由解码器逐个词元地写出\
             转录文本。它在 68 万小时来自互联网、配有转录文本的音频上训练；LibriSpeech 的 1000 小时\
             有声书朗读是常用的评测标尺。",
        ),
        refs: &["radford2022", "panayotov2015"],
        chapter: Chapter::Transformer,
        try_it: (
            "watch a decoder write its output one character at a time, with the probabilities \
             of the next one.",
            "看解码器逐个字符地写出输出，以及下一个字符的概率。",
        ),
    },
    Use {
        id: "latent-diffusion",
        title: ("The VAE inside image generators", "图像生成器里的 VAE"),
        text: (
            "Latent diffusion first trains an autoencoder whose codes a slight KL penalty keeps \
             near a standard normal, as in a VAE. The slow diffusion model then works on the \
             small codes instead of the pixels; codes 4 or 8 times smaller per side worked best.",
            "潜在扩散模型先训练一个自编码器，像 VAE 那样用轻微的 KL 惩罚让编码接近标准正态分布。\
             随后，缓慢的扩散模型在这些小编码上工作，而不是在像素上；每边缩小 4 或 8 倍的编码效果\
             最好。",
        ),
        refs: &["rombach2021", "kingma2013"],
        chapter: Chapter::Vae,
        try_it: (
            "raise β and see how a stronger KL term pulls the codes towards a standard normal, \
             and what the reconstructions lose.",
            "调高 β，看更强的 KL 项如何把编码拉向标准正态分布，以及重建因此损失了什么。",
        ),
    },
    Use {
        id: "frameworks",
        title: ("Frameworks", "框架"),
        text: (
            "Real systems are written in PyTorch, TensorFlow or JAX. Each holds what this lab's \
             Rust core holds, tensors, reverse-mode autograd and optimisers, plus kernels for \
             GPUs and TPUs and the code that spreads one model over many of them.",
            "真实的系统用 PyTorch、TensorFlow 或 JAX 编写。它们都包含本实验室 Rust 核心所包含的\
             东西：张量、反向模式自动求导和优化器；此外还有面向 GPU 和 TPU 的计算内核，以及把一个\
             模型分布到许多设备上的代码。",
        ),
        refs: &["paszke2019", "abadi2016", "bradbury2018"],
        chapter: Chapter::Performance,
        try_it: (
            "measure the matrix multiplies and training steps these frameworks are built on, in \
             this browser.",
            "在这个浏览器里测量这些框架赖以构建的矩阵乘法和训练步。",
        ),
    },
    Use {
        id: "datasets",
        title: ("Datasets", "数据集"),
        text: (
            "Each field grew around shared data: MNIST's handwritten digits, ImageNet's labelled \
             photographs, WMT's translations, LibriSpeech's audiobooks, and for language models \
             web-scale text such as the Pile, 825 GiB from 22 sources.",
            "每个领域都围绕共享的数据成长：MNIST 的手写数字、ImageNet 的带标注照片、WMT 的译文、\
             LibriSpeech 的有声书，以及供语言模型使用的网络规模文本，例如来自 22 个来源、共 825 GiB \
             的 Pile。",
        ),
        refs: &["lecun1998mnist", "deng2009", "bojar2014", "panayotov2015", "gao2020"],
        chapter: Chapter::Autoencoder,
        try_it: (
            "train on 10,000 real MNIST digits, or on digits you draw yourself.",
            "在 10,000 个真实的 MNIST 数字上训练，或用你自己画的数字训练。",
        ),
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::REFERENCES;
    use std::collections::HashSet;

    fn cjk(c: char) -> bool {
        ('\u{4E00}'..='\u{9FFF}').contains(&c)
    }

    #[test]
    fn every_use_cites_listed_works_and_links_another_chapter() {
        let mut ids = HashSet::new();
        for u in USES {
            assert!(ids.insert(u.id), "duplicate id {}", u.id);
            assert!(!u.refs.is_empty(), "{}: cites nothing", u.id);
            for key in u.refs {
                assert!(
                    REFERENCES.iter().any(|r| r.key == *key),
                    "{}: unknown reference {key}",
                    u.id
                );
            }
            assert_ne!(
                u.chapter,
                Chapter::Applications,
                "{}: links to itself",
                u.id
            );
            for (en, zh) in [u.title, u.text, u.try_it] {
                assert!(!en.trim().is_empty() && !zh.trim().is_empty(), "{}", u.id);
                assert!(zh.chars().any(cjk), "{}: {zh}", u.id);
                assert!(
                    !en.contains("  ") && !zh.contains("  "),
                    "{}: double space",
                    u.id
                );
                let touching = zh.chars().collect::<Vec<_>>().windows(2).any(|w| {
                    (cjk(w[0]) && w[1].is_ascii_alphanumeric())
                        || (w[0].is_ascii_alphanumeric() && cjk(w[1]))
                });
                assert!(!touching, "{}: Chinese and Latin run together: {zh}", u.id);
            }
        }
        // A source list drops a key it cannot find, so every key must be listed.
        for key in [FAQ_SPEED_SOURCES, FAQ_DATA_SOURCES, FAQ_INTERPRET_SOURCES].concat() {
            assert!(
                REFERENCES.iter().any(|r| r.key == key),
                "unknown reference {key}"
            );
        }
        // The list: translation, vision, speech, latent diffusion, tools.
        for id in [
            "translation",
            "vision",
            "speech",
            "latent-diffusion",
            "frameworks",
            "datasets",
        ] {
            assert!(ids.contains(id), "missing {id}");
        }
    }
}
