//! Guided predictions in the pretraining and scale chapter: the questions are answered by the
//! chapter's own experiments (the fine-tuning sweep over K, the scale sweep over model sizes),
//! judged from the rows and points those runs report.

use crate::experiments::{FinetuneResult, Method, ScalePoint};
use crate::i18n::Msg;
use crate::view::format::{fixed, format_loss, group_thousands};
use crate::view::guide::{lower_of, Question, Verdict};

/// A question answered by one experiment's finished results `R`.
pub struct SweepQuestion<R: ?Sized + 'static> {
    pub question: Question,
    /// For the fine-tuning questions, the K values whose rows the answer needs.
    pub ks: &'static [usize],
    /// `None` while the results lack what the question needs.
    pub judge: fn(&R) -> Option<Verdict>,
}

/// Fine-tuning's lead over scratch at K, in accuracy points, once both finished.
pub fn lead(row: &FinetuneResult) -> Option<f32> {
    Some(100.0 * (row.accuracy(Method::FullFinetune)? - row.accuracy(Method::Scratch)?))
}

pub fn signed(points: f32) -> String {
    let s = fixed(points, 1);
    if s.starts_with('-') || s == "0.0" {
        s.replace('-', "−")
    } else {
        format!("+{s}")
    }
}

fn row(rows: &[FinetuneResult], k: usize) -> Option<&FinetuneResult> {
    rows.iter().find(|r| r.k == k)
}

pub const FINETUNE_KS: &[usize] = &[10, 50, 100, 500, 1000];

pub const FINETUNE_QUESTIONS: &[SweepQuestion<[FinetuneResult]>] = &[
    SweepQuestion {
        question: Question {
            ask: Msg::TryFtQ1,
            choices: &[Msg::TryFtGrows, Msg::TryFtShrinks, Msg::TryFtOvertaken],
            how: Msg::TryFtHow1,
        },
        ks: FINETUNE_KS,
        judge: |rows| {
            let leads = FINETUNE_KS
                .iter()
                .map(|&k| Some((k, lead(row(rows, k)?)?)))
                .collect::<Option<Vec<_>>>()?;
            let (first, last) = (leads.first()?.1, leads.last()?.1);
            let actual = if last < 0.0 {
                2
            } else if last < first {
                1
            } else {
                0
            };
            let list = leads
                .iter()
                .map(|(k, l)| format!("K = {}: {}", group_thousands(*k as u64), signed(*l)))
                .collect::<Vec<_>>()
                .join(" · ");
            Some(Verdict {
                actual: Some(actual),
                why: Msg::TryFtWhy1,
                values: vec![("leads", list)],
            })
        },
    },
    SweepQuestion {
        question: Question {
            ask: Msg::TryFtQ2,
            choices: &[Msg::FtProbe, Msg::FtFull, Msg::TryAboutSame],
            how: Msg::TryFtHow2,
        },
        ks: &[10],
        judge: |rows| {
            let r = row(rows, 10)?;
            let probe = r.accuracy(Method::LinearProbe)?;
            let full = r.accuracy(Method::FullFinetune)?;
            // Higher is better: compare the other way round; within 2 points is a tie.
            let actual = if (probe - full).abs() <= 0.02 {
                2
            } else {
                lower_of(-probe, -full, 0.0)
            };
            Some(Verdict {
                actual: Some(actual),
                why: Msg::TryFtWhy2,
                values: vec![
                    ("probe", fixed(100.0 * probe, 1)),
                    ("full", fixed(100.0 * full, 1)),
                ],
            })
        },
    },
];

/// The finished sizes' final losses, smallest model first.
fn finals(points: &[ScalePoint]) -> Option<Vec<(usize, f32)>> {
    if points.is_empty() {
        return None;
    }
    points.iter().map(|p| Some((p.params, p.loss?))).collect()
}

pub const SCALE_QUESTIONS: &[SweepQuestion<[ScalePoint]>] = &[
    SweepQuestion {
        question: Question {
            ask: Msg::TryScaleQ1,
            choices: &[
                Msg::TryScaleLargest,
                Msg::TryScaleMiddle,
                Msg::TryScaleSmallest,
            ],
            how: Msg::TryScaleHow1,
        },
        ks: &[],
        judge: |points| {
            let finals = finals(points)?;
            let best = finals
                .iter()
                .enumerate()
                .min_by(|a, b| a.1 .1.total_cmp(&b.1 .1))?
                .0;
            let actual = if best + 1 == finals.len() {
                0
            } else if best == 0 {
                2
            } else {
                1
            };
            let list = finals
                .iter()
                .map(|(n, l)| format!("{} → {}", group_thousands(*n as u64), format_loss(*l)))
                .collect::<Vec<_>>()
                .join(" · ");
            Some(Verdict {
                actual: Some(actual),
                why: Msg::TryScaleWhy1,
                values: vec![("losses", list)],
            })
        },
    },
    SweepQuestion {
        question: Question {
            ask: Msg::TryScaleQ2,
            choices: &[
                Msg::TryScaleUnder1,
                Msg::TryScaleAbout20,
                Msg::TryScaleOver100,
            ],
            how: Msg::TryScaleHow2,
        },
        ks: &[],
        judge: |points| {
            let largest = points.last().filter(|p| p.loss.is_some())?;
            let per = largest.tokens as f64 / largest.params.max(1) as f64;
            let actual = if per < 1.0 {
                0
            } else if per <= 100.0 {
                1
            } else {
                2
            };
            Some(Verdict {
                actual: Some(actual),
                why: Msg::TryScaleWhy2,
                values: vec![
                    ("tokens", group_thousands(largest.tokens as u64)),
                    ("params", group_thousands(largest.params as u64)),
                    ("per", fixed(per as f32, 2)),
                ],
            })
        },
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::TransformerConfig;
    use crate::view::test_support::finetune_row as row;

    fn sweep(leads: [f32; 5]) -> Vec<FinetuneResult> {
        FINETUNE_KS
            .iter()
            .zip(leads)
            .map(|(&k, lead)| row(k, 0.5, 0.6 + lead / 100.0, 0.6))
            .collect()
    }

    #[test]
    fn the_crossover_is_read_from_the_lead_at_the_largest_k() {
        let judge = FINETUNE_QUESTIONS[0].judge;
        assert_eq!(
            judge(&sweep([5.0, 6.0, 7.0, 8.0, 9.0])).unwrap().actual,
            Some(0)
        );
        assert_eq!(
            judge(&sweep([9.0, 7.0, 5.0, 3.0, 1.0])).unwrap().actual,
            Some(1)
        );
        let crossed = judge(&sweep([9.0, 7.0, 5.0, -3.0, -5.0])).unwrap();
        assert_eq!(crossed.actual, Some(2));
        assert!(
            crossed.values[0].1.contains("K = 1,000: −5.0"),
            "{}",
            crossed.values[0].1
        );
        assert!(crossed.values[0].1.starts_with("K = 10: +9.0"));
    }

    #[test]
    fn a_sweep_missing_a_k_cannot_answer_yet() {
        let mut rows = sweep([1.0; 5]);
        rows.remove(3);
        assert!((FINETUNE_QUESTIONS[0].judge)(&rows).is_none());
        assert!(
            (FINETUNE_QUESTIONS[1].judge)(&rows).is_some(),
            "K = 10 is there"
        );
        assert!((FINETUNE_QUESTIONS[1].judge)(&[]).is_none());
    }

    #[test]
    fn probe_against_full_fine_tuning_at_k_10() {
        let judge = FINETUNE_QUESTIONS[1].judge;
        assert_eq!(judge(&[row(10, 0.60, 0.50, 0.4)]).unwrap().actual, Some(0));
        assert_eq!(judge(&[row(10, 0.50, 0.60, 0.4)]).unwrap().actual, Some(1));
        assert_eq!(judge(&[row(10, 0.55, 0.56, 0.4)]).unwrap().actual, Some(2));
    }

    fn point(params: usize, tokens: usize, loss: Option<f32>) -> ScalePoint {
        ScalePoint {
            model: TransformerConfig::dates(),
            params,
            steps: 10,
            tokens,
            flops: 0.0,
            loss,
            exact_match: None,
            curve: Vec::new(),
        }
    }

    #[test]
    fn the_best_size_is_read_from_the_final_losses() {
        let judge = SCALE_QUESTIONS[0].judge;
        let sizes = |losses: [f32; 5]| -> Vec<ScalePoint> {
            [8_000, 30_000, 100_000, 250_000, 500_000]
                .into_iter()
                .zip(losses)
                .map(|(n, l)| point(n, 250_000, Some(l)))
                .collect()
        };
        // The chapter's default run, as measured on 2026-12-04: the middle size wins.
        let default = judge(&sizes([0.193, 0.083, 0.036, 0.049, 0.043])).unwrap();
        assert_eq!(default.actual, Some(1));
        assert!(
            default.values[0].1.contains("100,000 → 0.03600"),
            "{}",
            default.values[0].1
        );
        assert_eq!(
            judge(&sizes([0.5, 0.4, 0.3, 0.2, 0.1])).unwrap().actual,
            Some(0)
        );
        assert_eq!(
            judge(&sizes([0.1, 0.2, 0.3, 0.4, 0.5])).unwrap().actual,
            Some(2)
        );
        let mut unfinished = sizes([0.5, 0.4, 0.3, 0.2, 0.1]);
        unfinished[4].loss = None;
        assert!(judge(&unfinished).is_none());
        assert!(judge(&[]).is_none());
    }

    #[test]
    fn tokens_per_parameter_of_the_largest_size() {
        let judge = SCALE_QUESTIONS[1].judge;
        let v = judge(&[
            point(8_000, 250_000, Some(0.2)),
            point(524_000, 250_000, Some(0.1)),
        ])
        .unwrap();
        assert_eq!(v.actual, Some(0));
        assert!(v.values.contains(&("per", "0.48".to_string())));
        assert_eq!(
            judge(&[point(10_000, 200_000, Some(0.1))]).unwrap().actual,
            Some(1)
        );
        assert_eq!(
            judge(&[point(1_000, 200_000, Some(0.1))]).unwrap().actual,
            Some(2)
        );
    }
}
