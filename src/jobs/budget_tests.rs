//! The budget at the corners of every validated range: each config's `validate` either passes
//! or refuses with `OverBudget`, and whatever passes costs no more than the budget allows.
//! Estimates only; nothing is built or trained.

use crate::error::Error;
use crate::experiments::{FinetuneConfig, ScaleConfig, SeqFinetuneConfig};
use crate::jobs::lab::config::{
    AeLabConfig, LabConfig, TrainSettings, VaeLabConfig, BATCH_RANGE, DEPTH_RANGE, LATENT_RANGE,
    WIDTH_RANGE,
};
use crate::jobs::translate;
use crate::models::budget::{Cost, LAB};
use crate::models::{AutoencoderConfig, Positions, TransformerConfig, TransformerPreset};
use crate::tasks::{DateLanguages, Task};

/// Tallies the corners: passed, and refused over budget.
#[derive(Default, Debug)]
struct Tally {
    passed: usize,
    refused: usize,
}

impl Tally {
    fn check(&mut self, what: &dyn std::fmt::Debug, validated: Result<(), Error>, cost: Cost) {
        match validated {
            Ok(()) => {
                assert!(LAB.admits(cost), "{what:?} passed at {cost:?}");
                self.passed += 1;
            }
            Err(Error::OverBudget { .. }) => {
                assert!(!LAB.admits(cost), "{what:?} refused at {cost:?}");
                self.refused += 1;
            }
            Err(e) => panic!("{what:?}: {e}"),
        }
    }
}

fn both<T: Copy>(range: (T, T)) -> [T; 2] {
    [range.0, range.1]
}

#[test]
fn should_pass_or_refuse_over_budget_at_every_lab_corner() {
    let mut tally = Tally::default();
    for width in both(WIDTH_RANGE) {
        for depth in both(DEPTH_RANGE) {
            for latent in both(LATENT_RANGE) {
                for batch in both(BATCH_RANGE) {
                    let mut layers = vec![width; depth - 1];
                    layers.push(latent);
                    let train = TrainSettings {
                        batch,
                        ..TrainSettings::default()
                    };
                    let ae = LabConfig::Ae(AeLabConfig {
                        layers: layers.clone(),
                        train: train.clone(),
                        ..AeLabConfig::seed()
                    });
                    tally.check(&ae, ae.validate(), ae.cost());
                    if depth >= 2 {
                        let vae = LabConfig::Vae(VaeLabConfig {
                            layers,
                            train,
                            ..VaeLabConfig::latent_2d()
                        });
                        tally.check(&vae, vae.validate(), vae.cost());
                    }
                }
            }
        }
    }
    assert!(tally.passed > 0 && tally.refused > 0, "{tally:?}");
}

/// Every combination of the ends of the Transformer's ranges, on `task`.
fn transformer_corners(task: Task) -> Vec<TransformerPreset> {
    use crate::models::transformer_config::{DROPOUT, D_FF, D_MODEL, HEADS, LAYERS, MAX_LEN};
    let mut out = Vec::new();
    for enc_layers in both(LAYERS) {
        for dec_layers in both(LAYERS) {
            // Both ends divide both ends of d_model.
            for heads in both(HEADS) {
                for d_model in both(D_MODEL) {
                    for d_ff in both(D_FF) {
                        for dropout in both(DROPOUT) {
                            // From the shortest length that holds the task's sequences.
                            for max_len in [task.max_len(), MAX_LEN.1] {
                                for batch in both(translate::BATCH_RANGE) {
                                    let mut p = TransformerPreset::for_task(task);
                                    p.trainer.model = TransformerConfig {
                                        enc_layers,
                                        dec_layers,
                                        heads,
                                        d_model,
                                        d_ff,
                                        dropout,
                                        positions: Positions::Learned,
                                        max_len,
                                    };
                                    p.batch_size = batch;
                                    out.push(p);
                                }
                            }
                        }
                    }
                }
            }
        }
    }
    out
}

const TASKS: [Task; 3] = [
    Task::Dates(DateLanguages::Both),
    Task::Numbers,
    Task::Reversal,
];

#[test]
fn should_pass_or_refuse_over_budget_at_every_transformer_corner() {
    for task in TASKS {
        let mut tally = Tally::default();
        for p in transformer_corners(task) {
            tally.check(&p, translate::validate(&p), translate::cost(&p));
        }
        assert!(tally.passed > 0 && tally.refused > 0, "{task:?}: {tally:?}");
    }
}

#[test]
fn should_pass_or_refuse_over_budget_at_every_experiment_corner() {
    let mut tally = Tally::default();
    for len in [2, 16] {
        for width in both(crate::models::LAB_WIDTH_RANGE) {
            for batch in [1, 512] {
                let mut widths = vec![width; len];
                widths[0] = 784;
                let c = FinetuneConfig {
                    autoencoder: AutoencoderConfig {
                        widths,
                        ..AutoencoderConfig::seed()
                    },
                    pretrain_batch: batch,
                    batch,
                    ..FinetuneConfig::chapter()
                };
                tally.check(&c, c.validate(), c.cost());
            }
        }
    }
    for p in transformer_corners(Task::Dates(DateLanguages::Both)) {
        let scale = ScaleConfig {
            sizes: vec![crate::experiments::ScaleSize {
                model: p.trainer.model.clone(),
                lr: 1e-3,
            }],
            batch: p.batch_size,
            ..ScaleConfig::chapter()
        };
        tally.check(&scale, scale.validate(), scale.cost());
        let seq = SeqFinetuneConfig {
            model: p.trainer.model.clone(),
            batch: p.batch_size,
            ..SeqFinetuneConfig::chapter()
        };
        tally.check(&seq, seq.validate(), seq.cost());
    }
    assert!(tally.passed > 0 && tally.refused > 0, "{tally:?}");
}

#[test]
fn should_admit_every_preset_and_chapter_run() {
    for c in [AeLabConfig::seed(), AeLabConfig::latent_2d()] {
        assert_eq!(c.validate(), Ok(()));
    }
    for c in [VaeLabConfig::latent_2d(), VaeLabConfig::latent_16d()] {
        assert_eq!(c.validate(), Ok(()));
    }
    for task in TASKS {
        assert_eq!(
            translate::validate(&TransformerPreset::for_task(task)),
            Ok(())
        );
    }
    assert_eq!(FinetuneConfig::chapter().validate(), Ok(()));
    assert_eq!(ScaleConfig::chapter().validate(), Ok(()));
    assert_eq!(SeqFinetuneConfig::chapter().validate(), Ok(()));
}

#[test]
fn should_refuse_the_issues_examples_and_blame_the_field_that_fixes_them() {
    // Issue 16: eight layers of 1024 at batch 512 take about 1 s a step. Scoring the 1,000
    // test digits alone takes longer than the budget, so even batch 1 is too slow.
    let mut ae = AeLabConfig::seed();
    ae.layers = vec![1024, 1024, 1024, 1024, 1024, 1024, 1024, 64];
    ae.train.batch = 512;
    let e = ae.validate().unwrap_err();
    assert!(
        matches!(
            e,
            Error::OverBudget {
                field: "widths",
                ..
            }
        ),
        "{e}"
    );
    // Issue 16: 4 + 4 layers, d_model 256, d_ff 1024, batch 256 on the numbers task.
    let mut p = TransformerPreset::for_task(Task::Numbers);
    let m = &mut p.trainer.model;
    (m.enc_layers, m.dec_layers, m.d_model, m.d_ff) = (4, 4, 256, 1024);
    p.batch_size = 256;
    let Err(Error::OverBudget { field, bytes, .. }) = translate::validate(&p) else {
        panic!("not refused");
    };
    assert_eq!(field, "d_model");
    assert!(bytes > LAB.max_bytes, "{bytes} bytes");
    // The date preset at batch 256 is too slow, and fits at batch 16: the batch is to blame.
    let mut p = TransformerPreset::for_task(Task::Dates(DateLanguages::Both));
    p.batch_size = 256;
    let e = translate::validate(&p).unwrap_err();
    assert!(matches!(e, Error::OverBudget { field: "batch", .. }), "{e}");
    assert!(e.to_string().starts_with("This model needs about"), "{e}");
}

#[test]
fn should_show_an_over_budget_refusal_next_to_its_field() {
    use crate::jobs::lab::fields::{from_core, FieldError};
    let e = Error::OverBudget {
        field: "batch",
        bytes: 2 << 30,
        seconds: 1.0,
        max_bytes: 1 << 30,
        max_seconds: 0.2,
    };
    assert_eq!(
        from_core(&e),
        Some((
            "batch",
            FieldError::OverBudget {
                bytes: 2 << 30,
                seconds: 1.0,
                max_bytes: 1 << 30,
                max_seconds: 0.2
            }
        ))
    );
    assert_eq!(
        e.to_string(),
        "This model needs about 2 GiB and about 1 s per step; the lab allows 1 GiB and 0.2 s. \
         Make it smaller: fewer layers, narrower layers or a smaller batch."
    );
}

/// Seven hidden layers of `width` and a 64-wide code, at batch 512.
fn deep_ae(width: usize) -> LabConfig {
    let mut layers = vec![width; 7];
    layers.push(64);
    LabConfig::Ae(AeLabConfig {
        layers,
        train: TrainSettings {
            batch: 512,
            ..TrainSettings::default()
        },
        ..AeLabConfig::seed()
    })
}

/// The browser test of Pause at the largest admitted settings (tests/e2e/autoencoder.test.mjs)
/// uses seven layers of 288: the widest multiple of 32 the budget admits at that depth.
#[test]
fn should_admit_seven_layers_of_288_at_batch_512_and_no_wider() {
    assert!(deep_ae(288).validate().is_ok());
    assert!(matches!(
        deep_ae(320).validate(),
        Err(Error::OverBudget { .. })
    ));
}

/// The date Transformer with `d_ff` and `batch` changed from its preset (2 + 2 layers, d_model 64).
fn dates(d_ff: usize, batch: usize) -> TransformerPreset {
    let mut p = TransformerPreset::for_task(Task::Dates(DateLanguages::Both));
    p.trainer.model.d_ff = d_ff;
    p.batch_size = batch;
    p
}

/// The browser test of Pause at the Transformer's largest settings (tests/e2e/transformer.test.mjs)
/// uses d_ff 256 and batch 64: admitted, and twice the batch is not.
#[test]
fn should_admit_the_date_transformer_at_d_ff_256_and_batch_64_and_not_128() {
    assert!(translate::validate(&dates(256, 64)).is_ok());
    assert!(matches!(
        translate::validate(&dates(256, 128)),
        Err(Error::OverBudget { field: "batch", .. })
    ));
}
