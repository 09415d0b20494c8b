//! The Transformer chapter's guided prediction: the reversal task, trained in the lab, asks
//! where cross-attention looks and whether the kind of position encoding matters. Judged from
//! the watched example's attention maps and the held-out exact match the lab shows.

use crate::i18n::Msg;
use crate::models::{AttentionMaps, Evaluation, Positions, TransformerPreset};
use crate::view::arm_runner::Arm;
use crate::view::format::{fixed, group_thousands};
use crate::view::guide::{Question, Verdict};

pub type TfArm = Arm<TransformerPreset>;

/// What a reversal run ended with.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TfResult {
    /// The step of the held-out evaluation read.
    pub step: u64,
    pub exact_match: f32,
    pub shape: CrossShape,
}

impl TfResult {
    /// From the latest held-out evaluation and attention, once both are from step `at` or
    /// later (the model keeps training until they are).
    pub fn read(
        at: u64,
        test: Option<&(u64, Evaluation)>,
        attention: Option<(u64, &AttentionMaps)>,
    ) -> Option<TfResult> {
        let (step, eval) = test.filter(|(s, _)| *s >= at)?;
        let (_, maps) = attention.filter(|(s, _)| *s >= at)?;
        Some(TfResult {
            step: *step,
            exact_match: eval.exact_match,
            shape: cross_shape(maps)?,
        })
    }
}

/// Where cross-attention puts its weight while the decoder writes the reversed string: the
/// last decoder layer, heads averaged, over the rows that write a source character.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CrossShape {
    /// Mean weight on the mirrored source position (row t, column n − 1 − t): an anti-diagonal.
    pub mirrored: f32,
    /// Mean weight on the same position (row t, column t): a diagonal.
    pub same: f32,
    /// The weight of an even spread, 1 / n.
    pub even: f32,
}

/// The index of the longest of the watched examples (source, target): its map has the most
/// rows to tell a diagonal from an anti-diagonal.
pub fn longest(watched: &[(String, String)]) -> u8 {
    let best = watched
        .iter()
        .enumerate()
        .max_by_key(|(i, (source, _))| (source.chars().count(), std::cmp::Reverse(*i)))
        .map_or(0, |(i, _)| i);
    u8::try_from(best).unwrap_or(0)
}

/// The decoder input is BOS then the target, so row t predicts target character t, which in a
/// reversal is source character n − 1 − t. The middle row of an odd-length string is both, so
/// it is left out.
pub fn cross_shape(maps: &AttentionMaps) -> Option<CrossShape> {
    let c = &maps.cross;
    let n = c.keys;
    if n == 0 || c.queries < n || c.layers == 0 || c.heads == 0 {
        return None;
    }
    let layer = c.layers - 1;
    let at = |t: usize, j: usize| -> Option<f32> {
        let sum: f32 = (0..c.heads)
            .map(|h| c.map(layer, h).map(|m| m[t * n + j]))
            .sum::<Option<f32>>()?;
        Some(sum / c.heads as f32)
    };
    let rows: Vec<usize> = (0..n).filter(|&t| 2 * t + 1 != n).collect();
    if rows.is_empty() {
        return None;
    }
    let mean = |col: &dyn Fn(usize) -> usize| -> Option<f32> {
        Some(rows.iter().map(|&t| at(t, col(t))).sum::<Option<f32>>()? / rows.len() as f32)
    };
    Some(CrossShape {
        mirrored: mean(&|t| n - 1 - t)?,
        same: mean(&|t| t)?,
        even: 1.0 / n as f32,
    })
}

/// Reversal as the chapter's preset has it, trained to the end of its schedule.
fn reversal(positions: Positions) -> TfArm {
    let mut config = TransformerPreset::reversal();
    config.trainer.model.positions = positions;
    let steps = match config.trainer.schedule {
        crate::optim::LrSchedule::WarmupCosine { total_steps, .. } => total_steps as u64,
        crate::optim::LrSchedule::Constant => 1000,
    };
    Arm { config, steps }
}

fn percent(v: f32) -> String {
    fixed(100.0 * v, 0)
}

pub type TfQuestion = crate::view::arm_runner::ArmQuestion<TransformerPreset, TfResult>;

pub const TF_QUESTIONS: &[TfQuestion] = &[
    TfQuestion {
        question: Question {
            ask: Msg::TryTfQ1,
            choices: &[Msg::TryTfSame, Msg::TryTfMirrored, Msg::TryTfSpread],
            how: Msg::TryTfHow1,
        },
        arms: || vec![reversal(Positions::Sinusoidal)],
        judge: |r| {
            let s = r[0].shape;
            // A clear preference: twice the other position and well above an even spread.
            let actual = if s.mirrored >= 2.0 * s.same && s.mirrored >= 1.5 * s.even {
                1
            } else if s.same >= 2.0 * s.mirrored && s.same >= 1.5 * s.even {
                0
            } else {
                2
            };
            Verdict {
                actual: Some(actual),
                why: Msg::TryTfWhy1,
                values: vec![
                    ("steps", group_thousands(r[0].step)),
                    ("mirrored", percent(s.mirrored)),
                    ("same", percent(s.same)),
                    ("even", percent(s.even)),
                ],
            }
        },
    },
    TfQuestion {
        question: Question {
            ask: Msg::TryTfQ2,
            choices: &[Msg::TryTfSinusoids, Msg::TryTfLearned, Msg::TryAboutSame],
            how: Msg::TryTfHow2,
        },
        arms: || {
            vec![
                reversal(Positions::Sinusoidal),
                reversal(Positions::Learned),
            ]
        },
        judge: |r| {
            let (sin, learned) = (r[0].exact_match, r[1].exact_match);
            let actual = if (sin - learned).abs() <= 0.05 {
                2
            } else if sin > learned {
                0
            } else {
                1
            };
            Verdict {
                actual: Some(actual),
                why: Msg::TryTfWhy2,
                values: vec![
                    ("steps", group_thousands(r[0].step)),
                    ("sin", percent(sin)),
                    ("learned", percent(learned)),
                ],
            }
        },
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::AttentionStack;

    /// One layer, `heads` heads, 3 source characters, decoder input BOS + 3.
    fn maps(rows: [[f32; 3]; 4], heads: usize) -> AttentionMaps {
        let one: Vec<f32> = rows.iter().flatten().copied().collect();
        let stack = AttentionStack {
            layers: 1,
            heads,
            queries: 4,
            keys: 3,
            weights: one.repeat(heads),
        };
        AttentionMaps {
            source: vec!["a".into(), "b".into(), "c".into()],
            decoder_input: vec!["<s>".into(), "c".into(), "b".into(), "a".into()],
            decoder_output: vec!["c".into(), "b".into(), "a".into(), "</s>".into()],
            encoder_self: stack.clone(),
            decoder_self: stack.clone(),
            cross: stack,
        }
    }

    fn result(shape: CrossShape, exact_match: f32) -> TfResult {
        TfResult {
            step: 1000,
            exact_match,
            shape,
        }
    }

    #[test]
    fn an_anti_diagonal_reads_as_mirrored() {
        let anti = maps(
            [
                [0.0, 0.0, 1.0],
                [0.0, 1.0, 0.0],
                [1.0, 0.0, 0.0],
                [0.3, 0.3, 0.4],
            ],
            2,
        );
        let s = cross_shape(&anti).unwrap();
        assert_eq!(s.mirrored, 1.0);
        assert_eq!(s.same, 0.0, "the middle row, both at once, is left out");
        assert_eq!((TF_QUESTIONS[0].judge)(&[result(s, 0.9)]).actual, Some(1));
    }

    #[test]
    fn a_diagonal_and_an_even_spread_are_told_apart() {
        let diag = maps(
            [
                [1.0, 0.0, 0.0],
                [0.0, 1.0, 0.0],
                [0.0, 0.0, 1.0],
                [0.3, 0.3, 0.4],
            ],
            1,
        );
        let s = cross_shape(&diag).unwrap();
        assert_eq!((TF_QUESTIONS[0].judge)(&[result(s, 0.1)]).actual, Some(0));
        let third = 1.0 / 3.0;
        let flat = maps([[third; 3]; 4], 4);
        let s = cross_shape(&flat).unwrap();
        assert!((s.even - third).abs() < 1e-6);
        assert_eq!((TF_QUESTIONS[0].judge)(&[result(s, 0.0)]).actual, Some(2));
    }

    #[test]
    fn the_longest_watched_string_is_chosen_first_on_a_tie() {
        let w = |s: &str| (s.to_string(), s.chars().rev().collect());
        assert_eq!(longest(&[w("abc"), w("abcdef"), w("fedcba"), w("ab")]), 1);
        assert_eq!(longest(&[]), 0);
    }

    #[test]
    fn results_wait_for_an_evaluation_and_maps_from_the_planned_step() {
        let m = maps(
            [
                [0.0, 0.0, 1.0],
                [0.0, 1.0, 0.0],
                [1.0, 0.0, 0.0],
                [0.3, 0.3, 0.4],
            ],
            1,
        );
        let eval = |step| {
            (
                step,
                Evaluation {
                    loss: 0.1,
                    token_accuracy: 0.9,
                    exact_match: 0.8,
                    examples: 100,
                },
            )
        };
        assert!(TfResult::read(1000, Some(&eval(900)), Some((1000, &m))).is_none());
        assert!(TfResult::read(1000, Some(&eval(1000)), Some((950, &m))).is_none());
        assert!(TfResult::read(1000, None, Some((1000, &m))).is_none());
        let r = TfResult::read(1000, Some(&eval(1010)), Some((1012, &m))).unwrap();
        assert_eq!((r.step, r.exact_match), (1010, 0.8));
    }

    #[test]
    fn the_positions_question_is_judged_from_exact_match() {
        let s = CrossShape {
            mirrored: 0.9,
            same: 0.1,
            even: 0.1,
        };
        let judge = TF_QUESTIONS[1].judge;
        assert_eq!(judge(&[result(s, 0.9), result(s, 0.5)]).actual, Some(0));
        assert_eq!(judge(&[result(s, 0.5), result(s, 0.9)]).actual, Some(1));
        assert_eq!(judge(&[result(s, 0.90), result(s, 0.87)]).actual, Some(2));
    }

    #[test]
    fn both_arms_are_valid_presets_ending_with_the_schedule() {
        for arm in (TF_QUESTIONS[1].arms)() {
            arm.config
                .trainer
                .validate_for(arm.config.task.task)
                .unwrap();
            assert_eq!(arm.steps, 1000);
        }
        assert_eq!((TF_QUESTIONS[0].arms)()[0], (TF_QUESTIONS[1].arms)()[0]);
    }
}
