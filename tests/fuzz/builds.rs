//! What `validate` promises: a config it passes builds a lab, and the lab's first training step
//! succeeds with a finite loss. Drawn from the whole of every validated range except the sizes,
//! which stay small (widths and d_model up to 32, batches up to 8) so that 10⁴ steps of each lab
//! run in seconds: the autoencoder, the VAE and the Transformer, on every task.

use std::rc::Rc;

use gradlab::data::mnist::{parse, PIXELS};
use gradlab::data::Mnist;
use gradlab::jobs::lab::config::{
    AeLabConfig, DataMode, LabConfig, OptimizerKind, TrainSettings, VaeLabConfig, SEED_MAX,
};
use gradlab::jobs::lab::{Lab, LabCommand, LabEvent};
use gradlab::jobs::translate::{self, TranslateCommand, TranslateEvent, TranslateLab};
use gradlab::models::{Positions, ReconLoss, TransformerConfig, TransformerPreset};
use gradlab::optim::LrSchedule;
use gradlab::tasks::{DateLanguages, Task};
use proptest::collection::vec;
use proptest::prelude::*;

use crate::task;

use crate::mnist::bare;
use crate::{config, CASES};

/// 30 digits, three of each class, of random ink: enough for a split with test digits of
/// every class (the gallery the VAE interpolates between).
fn tiny_mnist() -> Mnist {
    let labels: Vec<u8> = (0..30).map(|i| i % 10).collect();
    let mut state = 0x2545_f491_u32;
    let pixels: Vec<u8> = (0..labels.len() * PIXELS)
        .map(|_| {
            // xorshift32 (Marsaglia 2003): any fixed ink will do.
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            (state >> 24) as u8
        })
        .collect();
    parse(&bare(&labels, &pixels)).expect("a valid tiny file")
}

/// A rate drawn log-uniformly from [lo, hi], both ends included.
fn log_uniform(lo: f64, hi: f64) -> impl Strategy<Value = f64> {
    prop_oneof![
        Just(lo),
        Just(hi),
        (lo.log10()..hi.log10()).prop_map(move |e| 10f64.powf(e).clamp(lo, hi)),
    ]
}

fn train_settings() -> impl Strategy<Value = TrainSettings> {
    let optimizer = prop_oneof![Just(OptimizerKind::Adam), Just(OptimizerKind::Sgd)];
    (log_uniform(1e-5, 10.0), 1..=8usize, optimizer, 0..=SEED_MAX).prop_map(
        |(lr, batch, optimizer, seed)| TrainSettings {
            lr,
            batch,
            optimizer,
            seed,
            data: DataMode::Digits,
        },
    )
}

/// Encoder widths after the pixels: `depth` layers of at most 32, the last a code of at most 32.
fn small_layers(depth: std::ops::RangeInclusive<usize>) -> impl Strategy<Value = Vec<usize>> {
    vec(1..=32usize, depth)
}

fn small_lab_config() -> impl Strategy<Value = LabConfig> {
    let loss = prop_oneof![Just(ReconLoss::Mse), Just(ReconLoss::Bce)];
    prop_oneof![
        (small_layers(1..=8), loss, train_settings()).prop_map(|(layers, loss, train)| {
            LabConfig::Ae(AeLabConfig {
                layers,
                loss,
                train,
            })
        }),
        (small_layers(2..=8), 0.0..=10.0f32, train_settings()).prop_map(|(layers, beta, train)| {
            LabConfig::Vae(VaeLabConfig {
                layers,
                beta,
                train,
            })
        }),
    ]
}

/// d_model of 16, 24 or 32 with any head count in range that divides it.
/// `max_len` is drawn up to 256 and raised to what `task` needs (and at least 4): the range
/// `validate` accepts.
fn small_model(task: Task) -> impl Strategy<Value = TransformerConfig> {
    let width = prop_oneof![Just(16usize), Just(24), Just(32)];
    (
        width,
        1..=4usize,
        1..=4usize,
        16..=32usize,
        0.0..=0.5f32,
        any::<bool>(),
        0..=256usize,
    )
        .prop_flat_map(
            move |(d_model, enc, dec, d_ff, dropout, learned, max_len)| {
                let heads: Vec<usize> = (1..=8).filter(|&h| d_model.is_multiple_of(h)).collect();
                prop::sample::select(heads).prop_map(move |heads| TransformerConfig {
                    enc_layers: enc,
                    dec_layers: dec,
                    heads,
                    d_model,
                    d_ff,
                    dropout,
                    positions: if learned {
                        Positions::Learned
                    } else {
                        Positions::Sinusoidal
                    },
                    max_len: max_len.max(task.max_len()).max(4),
                })
            },
        )
}

fn small_preset() -> impl Strategy<Value = TransformerPreset> {
    let schedule = prop_oneof![
        Just(LrSchedule::Constant),
        (1..=10_000_000usize, any::<usize>(), 0.0..=1.0f64).prop_map(|(total, warmup, min)| {
            LrSchedule::WarmupCosine {
                warmup_steps: warmup % (total + 1),
                total_steps: total,
                min_factor: min,
            }
        }),
    ];
    let clip = prop::option::of(prop_oneof![Just(1e-3f32), Just(1e3), 1e-3..1e3f32]);
    (
        (
            task().prop_flat_map(|t| (Just(t), small_model(t))),
            log_uniform(1e-6, 1.0),
            schedule,
            clip,
        ),
        (1..=48usize, 1..=8usize, 1..=8usize, any::<u64>()),
    )
        .prop_map(
            |(((task, model), lr, schedule, clip), (train, test, batch, seed))| {
                let mut p = TransformerPreset::for_task(task);
                p.trainer.model = model;
                p.trainer.optimizer.lr = lr;
                p.trainer.schedule = schedule;
                p.trainer.clip_norm = clip;
                p.trainer.seed = seed;
                p.task.seed = seed;
                p.task.train_size = train;
                p.task.test_size = test;
                p.batch_size = batch;
                p
            },
        )
}

proptest! {
    #![proptest_config(config(CASES))]

    #[test]
    fn a_valid_lab_config_builds_and_its_first_step_has_a_finite_loss(c in small_lab_config()) {
        prop_assert_eq!(c.validate(), Ok(()));
        let data = tiny_mnist();
        let split = data.split(0);
        let mut lab = Lab::new(&c, Rc::new(data), &split).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let mut out = Vec::new();
        lab.command(LabCommand::Step, 0.0, &mut out).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let summary = out.iter().find_map(|e| match e {
            LabEvent::Summary(s) => Some(s),
            _ => None,
        });
        let summary = summary.ok_or_else(|| TestCaseError::fail("no summary after a step"))?;
        prop_assert_eq!(summary.step, 1);
        let train = summary.train.ok_or_else(|| TestCaseError::fail("no training loss"))?;
        prop_assert!(train.total.is_finite() && train.recon.is_finite() && train.kl.is_finite(), "{:?}", train);
    }

    #[test]
    fn a_valid_transformer_preset_builds_and_its_first_step_has_a_finite_loss(p in small_preset()) {
        // Small as they are, a few deep ones on long tasks are over the time budget (their
        // scoring chunk): the property is about what validate admits.
        prop_assume!(translate::validate(&p).is_ok());
        let mut lab = TranslateLab::new(&p).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let mut out = Vec::new();
        lab.command(TranslateCommand::Step, 0.0, &mut out).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let loss = out.iter().find_map(|e| match e {
            TranslateEvent::Summary(s) => Some((s.step, s.train_loss)),
            _ => None,
        });
        match loss {
            Some((1, Some(loss))) => prop_assert!(loss.is_finite(), "{}", loss),
            other => prop_assert!(false, "after one step: {:?} in {:?}", other, out.len()),
        }
    }
}

/// Found by the property above: `max_len` 4 passed `validate`, then the lab refused to build,
/// so the page would enable Start for a model the worker then fails on. `validate` now refuses
/// it by its field, as `TransformerTrainer::new` does.
#[test]
fn a_max_len_too_short_for_the_task_is_refused_by_validate() {
    for task in [
        Task::Dates(DateLanguages::Both),
        Task::Numbers,
        Task::Reversal,
    ] {
        let mut p = TransformerPreset::for_task(task);
        p.trainer.model.max_len = task.max_len() - 1;
        let e = translate::validate(&p).expect_err("too short");
        assert!(
            matches!(
                e,
                gradlab::error::Error::InvalidConfig {
                    field: "max_len",
                    ..
                }
            ),
            "{e}"
        );
        p.trainer.model.max_len = task.max_len();
        assert_eq!(translate::validate(&p), Ok(()));
    }
}
