//! Guided predictions in the self-attention chapter: what dividing by √dₖ does. The seeded layer
//! is small enough to compute on the page, so each question computes the visitor's own sentence
//! under the settings it compares, and judges from the mean entropy of the attention weights.

use crate::explain::{mean_entropy, tokenize, SeededAttention, Walkthrough, WalkthroughConfig};
use crate::i18n::Msg;
use crate::view::format::fixed;
use crate::view::guide::{lower_of, Question, Verdict};

/// What every question keeps from the visitor's settings.
#[derive(Clone, Debug, PartialEq)]
pub struct Sentence {
    pub text: String,
    pub heads: usize,
    pub seed: u64,
    pub causal: bool,
    /// The head whose weights are shown, and judged.
    pub head: usize,
}

/// The mean row entropy of the shown head's weights, in nats, as the chapter shows it beside the
/// heatmap: how spread out the attention is (ln T when uniform, 0 when each token looks at one).
pub fn entropy(s: &Sentence, d_head: usize, scaled: bool) -> Result<f32, String> {
    let tokens = tokenize(&s.text).map_err(|e| format!("{e:?}"))?;
    let layer = SeededAttention::new(s.heads, d_head, s.seed).map_err(|e| e.to_string())?;
    let (_, x) = layer.embed(&tokens).map_err(|e| e.to_string())?;
    let config = WalkthroughConfig {
        causal: s.causal,
        scaled,
    };
    let walk = Walkthrough::run(&tokens, &x, &layer.attention, &layer.params, &config)
        .map_err(|e| e.to_string())?;
    let head = walk.heads.len().saturating_sub(1).min(s.head);
    walk.heads
        .get(head)
        .map(|h| mean_entropy(&h.weights))
        .ok_or_else(|| "no head".to_string())
}

/// A question of this chapter: the settings it ends on (shown to the visitor), and its answer.
pub struct AttentionQuestion {
    pub question: Question,
    /// dₖ and whether the scale is on, once the run is done.
    pub shows: (usize, bool),
    pub judge: fn(&Sentence) -> Result<Verdict, String>,
}

/// How much of the entropy switching the scale off takes away at `d_head`.
fn drop(s: &Sentence, d_head: usize) -> Result<(f32, f32, f32), String> {
    let on = entropy(s, d_head, true)?;
    let off = entropy(s, d_head, false)?;
    let fraction = if on > 0.0 { (on - off) / on } else { 0.0 };
    Ok((on, off, fraction))
}

pub const ATTENTION_QUESTIONS: &[AttentionQuestion] = &[
    AttentionQuestion {
        question: Question {
            ask: Msg::TryAttnQ1,
            choices: &[Msg::TryAttnPeaked, Msg::TryAttnFlatter, Msg::TryAttnSame],
            how: Msg::TryAttnHow1,
        },
        shows: (64, false),
        judge: |s| {
            let (on, off, _) = drop(s, 64)?;
            let actual = if off < 0.8 * on {
                0
            } else if off > 1.1 * on {
                1
            } else {
                2
            };
            Ok(Verdict {
                actual: Some(actual),
                why: Msg::TryAttnWhy1,
                values: vec![("on", fixed(on, 3)), ("off", fixed(off, 3))],
            })
        },
    },
    AttentionQuestion {
        question: Question {
            ask: Msg::TryAttnQ2,
            choices: &[Msg::TryAttnLessAt2, Msg::TryAttnMoreAt2, Msg::TryAboutSame],
            how: Msg::TryAttnHow2,
        },
        shows: (2, false),
        judge: |s| {
            let (on2, off2, drop2) = drop(s, 2)?;
            let (on64, off64, drop64) = drop(s, 64)?;
            Ok(Verdict {
                actual: Some(lower_of(drop2, drop64, 0.1)),
                why: Msg::TryAttnWhy2,
                values: vec![
                    ("on2", fixed(on2, 3)),
                    ("off2", fixed(off2, 3)),
                    ("on64", fixed(on64, 3)),
                    ("off64", fixed(off64, 3)),
                ],
            })
        },
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    fn sentence() -> Sentence {
        Sentence {
            text: "the cat sat on the mat because it was tired".into(),
            heads: 2,
            seed: 1,
            causal: false,
            head: 0,
        }
    }

    #[test]
    fn entropy_stays_between_zero_and_uniform() {
        let s = sentence();
        let uniform = 10f32.ln();
        for d in [2, 64] {
            for scaled in [true, false] {
                let h = entropy(&s, d, scaled).unwrap();
                assert!((0.0..=uniform + 1e-4).contains(&h), "{d} {scaled}: {h}");
            }
        }
    }

    #[test]
    fn the_scale_off_at_64_is_judged_from_the_computed_entropies() {
        let s = sentence();
        let v = (ATTENTION_QUESTIONS[0].judge)(&s).unwrap();
        let on = entropy(&s, 64, true).unwrap();
        let off = entropy(&s, 64, false).unwrap();
        assert_eq!(v.values[0].1, fixed(on, 3));
        // Whatever the seeded layer gives, the verdict follows the two numbers.
        let expected = if off < 0.8 * on {
            0
        } else if off > 1.1 * on {
            1
        } else {
            2
        };
        assert_eq!(v.actual, Some(expected));
    }

    #[test]
    fn the_second_question_compares_the_drop_at_two_widths() {
        let v = (ATTENTION_QUESTIONS[1].judge)(&sentence()).unwrap();
        assert_eq!(v.values.len(), 4);
        assert!(v.actual.is_some());
    }

    #[test]
    fn a_sentence_the_lab_refuses_gives_a_reason() {
        let empty = Sentence {
            text: "  ".into(),
            ..sentence()
        };
        assert!((ATTENTION_QUESTIONS[0].judge)(&empty).is_err());
    }
}
