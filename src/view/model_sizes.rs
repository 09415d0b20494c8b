//! What "large" means: the lab's own models beside well-known ones, by parameter count on a
//! log axis. The lab's sizes are computed from the code that builds them (the configs' own
//! counts, which tests hold equal to the built models'); the published ones are the figures
//! their papers give.

use crate::experiments::ScaleConfig;
use crate::i18n::history::Both;
use crate::jobs::lab::config::{AeLabConfig, VaeLabConfig};
use crate::models::TransformerPreset;

/// Whose model a row is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// A model this lab trains, with its default settings.
    Lab,
    /// A model from a paper, at the size it gives.
    Published,
    /// The model the visitor has configured now.
    Yours,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ModelSize {
    pub name: Both,
    pub params: f64,
    pub origin: Origin,
    /// The reference key that gives a published size.
    pub source: Option<&'static str>,
}

/// GPT-3's size, which the chapter's question measures the visitor's model against.
pub const GPT3_PARAMS: f64 = 1.75e11;

/// How many models of `params` parameters hold as many as GPT-3, or `None` for a count that
/// is not a positive number.
pub fn times_in_gpt3(params: f64) -> Option<f64> {
    (params.is_finite() && params > 0.0).then(|| (GPT3_PARAMS / params).round())
}

/// Published sizes, as each paper states them.
pub const PUBLISHED: &[(Both, f64, &str)] = &[
    // "340,908 connections, but only 60,000 trainable free parameters" (section II-B).
    (("LeNet-5 (1998)", "LeNet-5（1998）"), 6.0e4, "lecun1998"),
    // "The neural network, which has 60 million parameters" (abstract).
    (
        ("AlexNet (2012)", "AlexNet（2012）"),
        6.0e7,
        "krizhevsky2012",
    ),
    // BERT_BASE "Total Parameters=110M", BERT_LARGE "340M" (section 3).
    (
        ("BERT-base (2018)", "BERT-base（2018）"),
        1.1e8,
        "devlin2018",
    ),
    (
        ("BERT-large (2018)", "BERT-large（2018）"),
        3.4e8,
        "devlin2018",
    ),
    // "Our largest model, GPT-2, is a 1.5B parameter Transformer" (abstract).
    (("GPT-2 (2019)", "GPT-2（2019）"), 1.5e9, "radford2019"),
    // "GPT-3, an autoregressive language model with 175 billion parameters" (abstract).
    (("GPT-3 (2020)", "GPT-3（2020）"), GPT3_PARAMS, "brown2020"),
    // "Chinchilla ... with 70B parameters" (abstract).
    (
        ("Chinchilla (2022)", "Chinchilla（2022）"),
        7.0e10,
        "hoffmann2022",
    ),
];

fn lab(name: Both, params: f64) -> ModelSize {
    ModelSize {
        name,
        params,
        origin: Origin::Lab,
        source: None,
    }
}

fn transformer(preset: &TransformerPreset) -> f64 {
    let vocab = preset.task.task.vocab().len();
    preset.trainer.model.param_count(vocab) as f64
}

/// The lab's own models at their default settings, and the scale experiment's five sizes.
pub fn lab_models() -> Vec<ModelSize> {
    let mut rows = vec![
        lab(
            ("Autoencoder, 4-number code", "自编码器（4 维编码）"),
            AeLabConfig::seed().model().dense_shape().params,
        ),
        lab(
            ("VAE, 2-number code", "变分自编码器（2 维编码）"),
            VaeLabConfig::latent_2d().model().dense_shape().params,
        ),
        lab(
            ("Transformer, dates", "Transformer（日期）"),
            transformer(&TransformerPreset::dates()),
        ),
        lab(
            ("Transformer, numbers", "Transformer（数字）"),
            transformer(&TransformerPreset::numbers()),
        ),
    ];
    let scale = ScaleConfig::chapter();
    let vocab = scale.task.task.vocab().len();
    let (smallest, largest) = scale
        .sizes
        .iter()
        .map(|s| s.model.param_count(vocab) as f64)
        .fold((f64::INFINITY, 0.0_f64), |(lo, hi), p| {
            (lo.min(p), hi.max(p))
        });
    if largest > 0.0 {
        rows.push(lab(
            ("Scale experiment, smallest", "规模实验（最小）"),
            smallest,
        ));
        rows.push(lab(
            ("Scale experiment, largest", "规模实验（最大）"),
            largest,
        ));
    }
    rows
}

/// Every row, smallest first: the lab's models, the published ones and the visitor's own.
pub fn all(yours: Option<f64>) -> Vec<ModelSize> {
    let mut rows = lab_models();
    rows.extend(PUBLISHED.iter().map(|&(name, params, source)| ModelSize {
        name,
        params,
        origin: Origin::Published,
        source: Some(source),
    }));
    if let Some(params) = yours.filter(|p| p.is_finite() && *p > 0.0) {
        rows.push(ModelSize {
            name: ("Your autoencoder, as set now", "你现在设置的自编码器"),
            params,
            origin: Origin::Yours,
            source: None,
        });
    }
    rows.sort_by(|a, b| a.params.total_cmp(&b.params));
    rows
}

/// The log axis the bars are drawn on: whole powers of ten around every row.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LogAxis {
    pub low: i32,
    pub high: i32,
}

impl LogAxis {
    pub fn around(rows: &[ModelSize]) -> LogAxis {
        let exps = rows
            .iter()
            .filter(|r| r.params > 0.0)
            .map(|r| r.params.log10());
        let (lo, hi) = exps.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), e| {
            (lo.min(e), hi.max(e))
        });
        if !lo.is_finite() {
            return LogAxis { low: 0, high: 1 };
        }
        LogAxis {
            low: lo.floor() as i32,
            high: (hi.ceil() as i32).max(lo.floor() as i32 + 1),
        }
    }

    /// A bar's length in percent of the axis, for `params` parameters.
    pub fn percent(&self, params: f64) -> f64 {
        let span = f64::from(self.high - self.low);
        ((params.max(1.0).log10() - f64::from(self.low)) / span * 100.0).clamp(0.0, 100.0)
    }
}

/// "60 thousand", "1.5 billion": a count in words a learner reads at a glance, in English;
/// Chinese counts in 万 (10⁴) and 亿 (10⁸).
pub fn count_words(params: f64, chinese: bool) -> String {
    let short = |v: f64| {
        if v >= 100.0 || (v - v.round()).abs() < 0.05 {
            format!("{v:.0}")
        } else {
            format!("{v:.1}")
        }
    };
    if chinese {
        match params {
            p if p >= 1e8 => format!("{} 亿", short(p / 1e8)),
            p if p >= 1e4 => format!("{} 万", short(p / 1e4)),
            p => format!("{p:.0}"),
        }
    } else {
        match params {
            p if p >= 1e9 => format!("{} billion", short(p / 1e9)),
            p if p >= 1e6 => format!("{} million", short(p / 1e6)),
            p if p >= 1e3 => format!("{} thousand", short(p / 1e3)),
            p => format!("{p:.0}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::REFERENCES;

    #[test]
    fn the_lab_sizes_are_computed_from_the_configs() {
        // The chapter's default autoencoder, as its live numbers show it.
        assert_eq!(lab_models()[0].params, 223_812.0);
        // The scale experiment runs from 7.8k to 524k parameters (ScaleConfig::chapter).
        let scale: Vec<f64> = lab_models()
            .iter()
            .filter(|r| r.name.0.starts_with("Scale"))
            .map(|r| r.params)
            .collect();
        assert_eq!(scale.len(), 2);
        assert!((7_000.0..9_000.0).contains(&scale[0]), "{scale:?}");
        assert!((500_000.0..550_000.0).contains(&scale[1]), "{scale:?}");
    }

    #[test]
    fn rows_run_smallest_first_and_every_published_size_cites_a_listed_work() {
        let rows = all(Some(1_000.0));
        for w in rows.windows(2) {
            assert!(w[0].params <= w[1].params);
        }
        assert_eq!(rows[0].origin, Origin::Yours);
        assert_eq!(rows.last().map(|r| r.params), Some(1.75e11));
        for r in rows.iter().filter(|r| r.origin == Origin::Published) {
            let key = r.source.expect("a published size has a source");
            assert!(REFERENCES.iter().any(|w| w.key == key), "{key}");
        }
        // No visitor's row for a missing or absurd count.
        assert!(all(None).iter().all(|r| r.origin != Origin::Yours));
        assert!(all(Some(f64::NAN))
            .iter()
            .all(|r| r.origin != Origin::Yours));
    }

    #[test]
    fn the_axis_spans_whole_decades_and_bars_grow_with_the_log() {
        let axis = LogAxis::around(&all(None));
        assert_eq!(axis.low, 3);
        assert_eq!(axis.high, 12);
        assert!((axis.percent(1e3) - 0.0).abs() < 1e-9);
        assert!((axis.percent(1e12) - 100.0).abs() < 1e-9);
        assert!((axis.percent(1e6) - 100.0 / 3.0).abs() < 1e-9);
    }

    #[test]
    fn the_answer_counts_models_in_one_gpt3() {
        // 175e9 / 202,258 = 865,231.8: the e2e test's 784-128-2 autoencoder.
        assert_eq!(times_in_gpt3(202_258.0), Some(865_232.0));
        assert_eq!(times_in_gpt3(0.0), None);
        assert_eq!(times_in_gpt3(f64::NAN), None);
    }

    #[test]
    fn counts_read_in_words_in_both_languages() {
        assert_eq!(count_words(6.0e4, false), "60 thousand");
        assert_eq!(count_words(1.5e9, false), "1.5 billion");
        assert_eq!(count_words(1.75e11, false), "175 billion");
        assert_eq!(count_words(223_812.0, false), "224 thousand");
        assert_eq!(count_words(6.0e4, true), "6 万");
        assert_eq!(count_words(1.75e11, true), "1750 亿");
        assert_eq!(count_words(1.5e9, true), "15 亿");
        assert_eq!(count_words(7_800.0, true), "7800");
    }
}
