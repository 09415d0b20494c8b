//! Guided predictions in the autoencoder and VAE labs: each question trains one or two models
//! in the lab itself (`arm_runner`), for a fixed number of steps each, and judges the visitor's
//! prediction from the test losses and the latent map those runs end with.

use crate::i18n::Msg;
use crate::jobs::lab::config::{AeLabConfig, LabConfig, VaeLabConfig};
use crate::jobs::lab::{LabSetup, LabSummary};
use crate::models::Losses;
use crate::view::format::{fixed, format_loss, group_thousands};
use crate::view::guide::{lower_of, Question, Verdict};

pub type Arm = crate::view::arm_runner::Arm<LabConfig>;

/// What an arm ended with.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ArmResult {
    /// The step of the summary that was read (the first at or after `Arm::steps`).
    pub step: u64,
    pub test: Losses,
    /// How well the map shown separates the ten digits: see [`separation`].
    pub separation: f32,
    /// The lab stopped it because the loss diverged.
    pub diverged: bool,
}

impl ArmResult {
    /// The result of an arm from the lab's setup and the summary read at its end.
    pub fn read(setup: &LabSetup, summary: &LabSummary, diverged: bool) -> ArmResult {
        ArmResult {
            step: summary.step,
            test: summary.test,
            separation: separation(&summary.latent, &setup.test_labels),
            diverged,
        }
    }
}

/// A question of a lab guide: the models to train and how their results answer it.
pub type LabQuestion = crate::view::arm_runner::ArmQuestion<LabConfig, ArmResult>;

/// The fraction of points whose nearest class centre (in the map as drawn) is their own class:
/// 1 when the ten digits sit in ten separate clusters, about 0.1 when the map mixes them.
pub fn separation(points: &[[f32; 2]], labels: &[u8]) -> f32 {
    let n = points.len().min(labels.len());
    if n == 0 {
        return 0.0;
    }
    let mut sums = [[0f64; 3]; 256];
    for (p, &l) in points.iter().zip(labels) {
        let s = &mut sums[l as usize];
        s[0] += f64::from(p[0]);
        s[1] += f64::from(p[1]);
        s[2] += 1.0;
    }
    let centres: Vec<(u8, f64, f64)> = (0..=255u8)
        .filter(|&l| sums[l as usize][2] > 0.0)
        .map(|l| {
            let s = sums[l as usize];
            (l, s[0] / s[2], s[1] / s[2])
        })
        .collect();
    let nearest = |p: &[f32; 2]| {
        let d =
            |c: &(u8, f64, f64)| (f64::from(p[0]) - c.1).powi(2) + (f64::from(p[1]) - c.2).powi(2);
        centres
            .iter()
            .min_by(|a, b| d(a).total_cmp(&d(b)))
            .map(|c| c.0)
    };
    let hits = points
        .iter()
        .zip(labels)
        .filter(|(p, &l)| nearest(p) == Some(l))
        .count();
    hits as f32 / n as f32
}

/// Steps each autoencoder arm trains: a few seconds in the lab.
pub const AE_STEPS: u64 = 1500;
/// Steps each VAE arm trains.
pub const VAE_STEPS: u64 = 1000;

fn ae(latent: usize, lr: f64) -> Arm {
    let mut config = AeLabConfig {
        layers: vec![128, 64, latent],
        ..AeLabConfig::seed()
    };
    config.train.lr = lr;
    Arm {
        config: LabConfig::Ae(config),
        steps: AE_STEPS,
    }
}

fn vae(beta: f32) -> Arm {
    Arm {
        config: LabConfig::Vae(VaeLabConfig {
            beta,
            ..VaeLabConfig::latent_2d()
        }),
        steps: VAE_STEPS,
    }
}

fn loss(r: &ArmResult) -> String {
    if r.diverged {
        "∞".into()
    } else {
        format_loss(r.test.total)
    }
}

fn steps_value(r: &[ArmResult]) -> (&'static str, String) {
    ("steps", group_thousands(r.first().map_or(0, |r| r.step)))
}

const CODE_CHOICES: &[Msg] = &[Msg::TryAeCode2, Msg::TryAeCode32, Msg::TryAboutSame];

/// The autoencoder's questions: code size against reconstruction, against the map, and a
/// learning rate a hundred times larger.
pub const AE_QUESTIONS: &[LabQuestion] = &[
    LabQuestion {
        question: Question {
            ask: Msg::TryAeQ1,
            choices: CODE_CHOICES,
            how: Msg::TryAeHow1,
        },
        arms: || vec![ae(2, 1e-3), ae(32, 1e-3)],
        judge: |r| Verdict {
            actual: Some(lower_of(r[0].test.total, r[1].test.total, 0.05)),
            why: Msg::TryAeWhy1,
            values: vec![steps_value(r), ("a", loss(&r[0])), ("b", loss(&r[1]))],
        },
    },
    LabQuestion {
        question: Question {
            ask: Msg::TryAeQ2,
            choices: CODE_CHOICES,
            how: Msg::TryAeHow2,
        },
        arms: || vec![ae(2, 1e-3), ae(32, 1e-3)],
        judge: |r| Verdict {
            // Higher is better here, so the arms are compared the other way round.
            actual: Some(lower_of(-r[0].separation, -r[1].separation, 0.05)),
            why: Msg::TryAeWhy2,
            values: vec![
                ("a", fixed(100.0 * r[0].separation, 0)),
                ("b", fixed(100.0 * r[1].separation, 0)),
            ],
        },
    },
    LabQuestion {
        question: Question {
            ask: Msg::TryAeQ3,
            choices: &[Msg::TryLrFaster, Msg::TryLrWorse, Msg::TryAboutSame],
            how: Msg::TryAeHow3,
        },
        arms: || vec![ae(32, 1e-3), ae(32, 0.1)],
        judge: |r| Verdict {
            actual: Some(if r[1].diverged {
                1
            } else {
                lower_of(r[1].test.total, r[0].test.total, 0.1)
            }),
            why: Msg::TryAeWhy3,
            values: vec![steps_value(r), ("a", loss(&r[0])), ("b", loss(&r[1]))],
        },
    },
];

/// The VAE's questions: β from 1 to 4, and β = 0.
pub const VAE_QUESTIONS: &[LabQuestion] = &[
    LabQuestion {
        question: Question {
            ask: Msg::TryVaeQ1,
            choices: &[Msg::TryVaeKlDown, Msg::TryVaeKlUp, Msg::TryVaeBothSame],
            how: Msg::TryVaeHow1,
        },
        arms: || vec![vae(1.0), vae(4.0)],
        judge: |r| {
            let (a, b) = (r[0].test, r[1].test);
            // KL moves by tens of percent, the reconstruction by a few: each is read at the
            // scale it moves on, so a 2% worse reconstruction counts as worse.
            let kl = lower_of(b.kl, a.kl, 0.05);
            let recon = lower_of(b.recon, a.recon, 0.005);
            Verdict {
                actual: match (kl, recon) {
                    (0, 1) => Some(0),
                    (1, 0) => Some(1),
                    (2, 2) => Some(2),
                    _ => None,
                },
                why: Msg::TryVaeWhy1,
                values: vec![
                    steps_value(r),
                    ("kl1", fixed(a.kl, 2)),
                    ("kl4", fixed(b.kl, 2)),
                    ("rec1", fixed(a.recon, 1)),
                    ("rec4", fixed(b.recon, 1)),
                ],
            }
        },
    },
    LabQuestion {
        question: Question {
            ask: Msg::TryVaeQ2,
            choices: &[
                Msg::TryVaeKlMuchLarger,
                Msg::TryAboutSame,
                Msg::TryVaeKlSmaller,
            ],
            how: Msg::TryVaeHow2,
        },
        arms: || vec![vae(1.0), vae(0.0)],
        judge: |r| {
            let (one, zero) = (r[0].test.kl, r[1].test.kl);
            Verdict {
                actual: Some(if zero > 2.0 * one {
                    0
                } else if zero < 0.9 * one {
                    2
                } else {
                    1
                }),
                why: Msg::TryVaeWhy2,
                values: vec![
                    steps_value(r),
                    ("kl1", fixed(one, 2)),
                    ("kl0", fixed(zero, 2)),
                ],
            }
        },
    },
];

#[cfg(test)]
#[path = "guide_lab_tests.rs"]
mod tests;
