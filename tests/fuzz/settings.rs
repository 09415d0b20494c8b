//! Every settings parser: the text fields' readers (`jobs::lab::fields`, which the labs' forms,
//! the Transformer's and the fine-tuning budget call) and every `validate` a config passes through
//! before the worker builds from it. Any text and any numbers give a value or a refusal, never a
//! panic; a refusal names a field the page can show it next to (`fields::from_core`); a setting
//! outside its range is refused by the name of a field that really is out of range; and small
//! settings inside every range are accepted.

use gradlab::error::Error;
use gradlab::experiments::{FinetuneConfig, ScaleConfig, SeqFinetuneConfig};
use gradlab::jobs::lab::config::{
    AeLabConfig, DataMode, LabConfig, OptimizerKind, TrainSettings, VaeLabConfig, BATCH_RANGE,
    BETA_RANGE, DEPTH_RANGE, LATENT_RANGE, LR_RANGE, SEED_MAX, WIDTH_RANGE,
};
use gradlab::jobs::lab::fields::{
    from_core, parse_number, parse_whole, parse_widths, widths_text, FieldError,
};
use gradlab::jobs::translate;
use gradlab::models::{
    AutoencoderConfig, Positions, ReconLoss, TransformerConfig, TransformerPreset,
};
use gradlab::tasks::TaskConfig;
use proptest::collection::vec;
use proptest::prelude::*;

use crate::task;

use crate::{config, CASES};

/// Text as typed or pasted: anything, and things that look like numbers.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "\\s*[+-]?[0-9]{0,25}(\\.[0-9]{0,6})?([eE][+-]?[0-9]{1,4})?\\s*",
        "(inf|-inf|infinity|NaN|nan|1e999|-1e999|0x10|1_000|--1|1e|\\.|-0|\\+0|１２|٣)",
        "[0-9 ,→\\-]{0,40}",
    ]
}

/// Sizes near every range and across the whole type.
fn size() -> impl Strategy<Value = usize> {
    prop_oneof![0..40usize, 0..2048usize, any::<usize>(), Just(usize::MAX)]
}

fn rate() -> impl Strategy<Value = f64> {
    prop_oneof![
        any::<f64>(),
        -1.0..20.0f64,
        1e-7..1e-3f64,
        Just(f64::NAN),
        Just(f64::INFINITY),
        Just(-0.0),
    ]
}

fn ratio() -> impl Strategy<Value = f32> {
    prop_oneof![
        any::<f32>(),
        -1.0..12.0f32,
        Just(f32::NAN),
        Just(f32::NEG_INFINITY)
    ]
}

fn seed() -> impl Strategy<Value = u64> {
    prop_oneof![any::<u64>(), 0..=SEED_MAX + 2]
}

fn train_settings() -> impl Strategy<Value = TrainSettings> {
    let optimizer = prop_oneof![Just(OptimizerKind::Adam), Just(OptimizerKind::Sgd)];
    let data = prop_oneof![
        Just(DataMode::Digits),
        Just(DataMode::Own),
        Just(DataMode::Mixed)
    ];
    (rate(), size(), optimizer, seed(), data).prop_map(|(lr, batch, optimizer, seed, data)| {
        TrainSettings {
            lr,
            batch,
            optimizer,
            seed,
            data,
        }
    })
}

fn layers() -> impl Strategy<Value = Vec<usize>> {
    prop_oneof![vec(size(), 0..11), vec(1..80usize, 1..9)]
}

pub(crate) fn lab_config() -> impl Strategy<Value = LabConfig> {
    let loss = prop_oneof![Just(ReconLoss::Mse), Just(ReconLoss::Bce)];
    prop_oneof![
        (layers(), loss, train_settings()).prop_map(|(layers, loss, train)| LabConfig::Ae(
            AeLabConfig {
                layers,
                loss,
                train
            }
        )),
        (layers(), ratio(), train_settings()).prop_map(|(layers, beta, train)| LabConfig::Vae(
            VaeLabConfig {
                layers,
                beta,
                train
            }
        )),
    ]
}

fn within<T: PartialOrd>(v: T, (lo, hi): (T, T)) -> bool {
    lo <= v && v <= hi
}

/// The lab fields out of range, by the names `validate` gives them; empty if all are in range.
fn lab_fields_out_of_range(c: &LabConfig) -> Vec<&'static str> {
    let (layers, t) = match c {
        LabConfig::Ae(c) => (&c.layers, &c.train),
        LabConfig::Vae(c) => (&c.layers, &c.train),
    };
    let min_depth = if matches!(c, LabConfig::Vae(_)) {
        2
    } else {
        DEPTH_RANGE.0
    };
    let checks = [
        ("depth", within(layers.len(), (min_depth, DEPTH_RANGE.1))),
        ("widths", layers.iter().all(|&w| within(w, WIDTH_RANGE))),
        (
            "latent",
            layers.last().is_some_and(|&w| within(w, LATENT_RANGE)),
        ),
        (
            "beta",
            !matches!(c, LabConfig::Vae(v) if !within(v.beta, BETA_RANGE)),
        ),
        ("lr", within(t.lr, LR_RANGE)),
        ("batch", within(t.batch, BATCH_RANGE)),
        ("seed", t.seed <= SEED_MAX),
    ];
    checks
        .iter()
        .filter(|(_, ok)| !ok)
        .map(|(f, _)| *f)
        .collect()
}

/// The field `e` names, checking the page can show the refusal next to one.
fn field_of(e: &Error) -> Result<&'static str, TestCaseError> {
    let field = match e {
        Error::OutOfRange { field, .. } | Error::InvalidConfig { field, .. } => *field,
        other => return Err(TestCaseError::fail(format!("no field named: {other}"))),
    };
    prop_assert!(from_core(e).is_some(), "{}", e);
    prop_assert!(!field.is_empty());
    Ok(field)
}

/// `result` accepts, or refuses by a field.
fn accepted_or_named(result: Result<(), Error>) -> Result<(), TestCaseError> {
    if let Err(e) = result {
        field_of(&e)?;
    }
    Ok(())
}

fn transformer_config() -> impl Strategy<Value = TransformerConfig> {
    let small = || prop_oneof![size(), 0..10usize].boxed();
    (
        [
            small(),
            small(),
            small(),
            size().boxed(),
            size().boxed(),
            size().boxed(),
        ],
        ratio(),
        any::<bool>(),
    )
        .prop_map(|(s, dropout, learned)| TransformerConfig {
            enc_layers: s[0],
            dec_layers: s[1],
            heads: s[2],
            d_model: s[3],
            d_ff: s[4],
            dropout,
            positions: if learned {
                Positions::Learned
            } else {
                Positions::Sinusoidal
            },
            max_len: s[5],
        })
}

/// The Transformer's fields out of range (the ranges of `models/transformer_config.rs`, written
/// out again here so that a change to them is a decision a test sees).
fn transformer_fields_out_of_range(c: &TransformerConfig) -> Vec<&'static str> {
    let checks = [
        ("enc_layers", within(c.enc_layers, (1, 4))),
        ("dec_layers", within(c.dec_layers, (1, 4))),
        (
            "heads",
            within(c.heads, (1, 8)) && c.d_model.is_multiple_of(c.heads),
        ),
        ("d_model", within(c.d_model, (16, 256))),
        ("d_ff", within(c.d_ff, (16, 1024))),
        ("dropout", within(c.dropout, (0.0, 0.5))),
        ("max_len", within(c.max_len, (4, 256))),
    ];
    checks
        .iter()
        .filter(|(_, ok)| !ok)
        .map(|(f, _)| *f)
        .collect()
}

/// A preset as the Transformer form builds one: the task's, with every field typed in.
pub(crate) fn preset() -> impl Strategy<Value = TransformerPreset> {
    (
        task(),
        transformer_config(),
        rate(),
        [size(), size(), size(), size()],
        seed(),
    )
        .prop_map(|(task, model, lr, [train, test, batch, steps], seed)| {
            let mut p = TransformerPreset::for_task(task);
            p.trainer.model = model;
            p.trainer.optimizer.lr = lr;
            if let gradlab::optim::LrSchedule::WarmupCosine {
                warmup_steps,
                min_factor,
                ..
            } = p.trainer.schedule
            {
                p.trainer.schedule = gradlab::optim::LrSchedule::WarmupCosine {
                    warmup_steps: warmup_steps.min(steps),
                    total_steps: steps,
                    min_factor,
                };
            }
            p.task.train_size = train;
            p.task.test_size = test;
            p.batch_size = batch;
            p.trainer.seed = seed;
            p.task.seed = seed;
            p
        })
}

proptest! {
    #![proptest_config(config(CASES))]

    #[test]
    fn any_text_is_a_finite_number_or_not_a_number(s in text()) {
        match parse_number(&s) {
            Ok(v) => {
                prop_assert!(v.is_finite());
                prop_assert_eq!(s.trim().parse::<f64>(), Ok(v));
            }
            Err(e) => {
                prop_assert_eq!(e, FieldError::NotNumber);
                prop_assert!(s.trim().parse::<f64>().map_or(true, |v| !v.is_finite()));
            }
        }
    }

    #[test]
    fn any_finite_number_reads_back_from_its_text(v in any::<f64>(), pad in "\\s{0,3}") {
        prop_assume!(v.is_finite());
        prop_assert_eq!(parse_number(&format!("{pad}{v}{pad}")), Ok(v));
        prop_assert_eq!(parse_number(&format!("{v:e}")), Ok(v));
    }

    #[test]
    fn any_text_is_a_whole_number_or_says_why_not(s in text()) {
        let t = s.trim();
        match parse_whole(&s) {
            Ok(n) => prop_assert_eq!(t.parse::<u64>(), Ok(n)),
            Err(FieldError::NotWhole) => {
                prop_assert!(t.parse::<f64>().is_ok() && t.parse::<u64>().is_err());
            }
            Err(FieldError::NotNumber) => prop_assert!(t.parse::<f64>().is_err()),
            Err(other) => prop_assert!(false, "{:?}", other),
        }
    }

    #[test]
    fn any_whole_number_reads_back_from_its_text(n in any::<u64>()) {
        prop_assert_eq!(parse_whole(&format!(" {n} ")), Ok(n));
    }

    #[test]
    fn any_text_is_a_list_of_widths_or_refused(s in text()) {
        match parse_widths(&s) {
            Ok(widths) => {
                prop_assert!(!widths.is_empty());
                prop_assert_eq!(parse_widths(&widths_text(&widths)), Ok(widths));
            }
            Err(e) => prop_assert_eq!(e, FieldError::Widths),
        }
    }

    #[test]
    fn any_widths_read_back_from_their_text(widths in vec(any::<usize>(), 1..10)) {
        prop_assert_eq!(parse_widths(&widths_text(&widths)), Ok(widths.clone()));
        let spaced = widths.iter().map(|w| w.to_string()).collect::<Vec<_>>().join(" , ");
        prop_assert_eq!(parse_widths(&spaced), Ok(widths));
    }

    /// The autoencoder and VAE labs: a refusal names a field that is out of range; small
    /// settings inside every range pass (whatever budget a later check adds, these fit).
    #[test]
    fn a_lab_config_is_accepted_or_refused_by_a_wrong_field(c in lab_config()) {
        let wrong = lab_fields_out_of_range(&c);
        match c.validate() {
            Ok(()) => prop_assert!(wrong.is_empty(), "accepted, but {:?} are out of range", wrong),
            Err(e) => {
                let field = field_of(&e)?;
                let small = c.train().batch <= 64
                    && match &c {
                        LabConfig::Ae(a) => a.layers.iter().all(|&w| w <= 128),
                        LabConfig::Vae(v) => v.layers.iter().all(|&w| w <= 128),
                    };
                prop_assert!(wrong.contains(&field) || !small, "{} refused, but {:?} are out of range", e, wrong);
                prop_assert!(!wrong.is_empty() || !small, "small and in range, but refused: {}", e);
            }
        }
    }

    #[test]
    fn a_transformer_config_is_accepted_or_refused_by_a_wrong_field(c in transformer_config()) {
        let wrong = transformer_fields_out_of_range(&c);
        match c.validate() {
            Ok(()) => prop_assert!(wrong.is_empty(), "accepted, but {:?} are wrong", wrong),
            Err(e) => {
                let field = field_of(&e)?;
                prop_assert!(wrong.contains(&field), "{} refused, but {:?} are wrong", e, wrong);
            }
        }
    }

    /// The whole Transformer form (task sizes, model, rate, schedule, batch): any values are
    /// accepted or refused by a field, and a wrong model is always refused.
    #[test]
    fn a_transformer_preset_is_accepted_or_refused_by_a_field(p in preset()) {
        let result = translate::validate(&p);
        if !transformer_fields_out_of_range(&p.trainer.model).is_empty() {
            prop_assert!(result.is_err());
        }
        accepted_or_named(result)?;
    }

    #[test]
    fn every_other_config_is_accepted_or_refused_by_a_field(
        task in task(),
        n in [size(), size(), size(), size(), size()],
        lr in [rate(), rate(), rate()],
        widths in vec(size(), 0..18),
        model in transformer_config(),
    ) {
        let data = TaskConfig { task, train_size: n[0], test_size: n[1], seed: 0, pairs: None };
        accepted_or_named(data.validate())?;

        let autoencoder = AutoencoderConfig { widths: widths.clone(), ..AutoencoderConfig::seed() };
        accepted_or_named(autoencoder.validate())?;

        let mut finetune = FinetuneConfig::chapter();
        finetune.autoencoder = autoencoder;
        finetune.ks = widths;
        [finetune.pretrain_steps, finetune.batch, finetune.eval_every] = [n[2], n[3], n[4]];
        [finetune.lr, finetune.encoder_lr, finetune.scratch_lr] = lr;
        accepted_or_named(finetune.validate())?;

        let mut scale = ScaleConfig::chapter();
        scale.task = data;
        [scale.tokens, scale.batch, scale.evals] = [n[2], n[3], n[4]];
        scale.sizes[0].model = model.clone();
        scale.sizes[1].lr = lr[0];
        scale.sizes.truncate(n[4] % 10);
        accepted_or_named(scale.validate())?;

        let mut seq = SeqFinetuneConfig::chapter();
        seq.model = model;
        [seq.pretrain_examples, seq.examples, seq.test_size, seq.steps, seq.batch] = n;
        [seq.pretrain_lr, seq.finetune_lr, seq.scratch_lr] = lr;
        accepted_or_named(seq.validate())?;
    }
}
