//! The core's errors in the visitor's language. The worker sends the `Error` value itself
//! (`Report::Failed`), so a Chinese page shows a Chinese sentence; the names in it (an op, a
//! setting, a tensor) and a free-text detail stay as the code wrote them.

use crate::error::Error;
use crate::export::problem::dims;
use crate::i18n::Msg;
use crate::view::format::{fill, over_budget_text, range_text};
use crate::view::weights_state::problem_text;

/// What the core found corrupt, by the name the code gives it, in the language of `t`; a name
/// with no entry as it is.
fn thing(t: impl Fn(Msg) -> &'static str, what: &'static str) -> &'static str {
    let msg = match what {
        "MNIST asset" => Msg::CoreWhatMnist,
        "own images" => Msg::CoreWhatOwnImages,
        "pretrained weights" => Msg::CoreWhatPretrained,
        "saved run" => Msg::CoreWhatSavedRun,
        "worker message" => Msg::CoreWhatMessage,
        "state_dict" => Msg::CoreWhatStateDict,
        _ => return what,
    };
    t(msg)
}

/// `e` in the language of `t`.
pub fn core_error_text(t: impl Fn(Msg) -> &'static str, e: &Error) -> String {
    let op_pair = |m: Msg, op: &str, a: (&str, String), b: (&str, String)| {
        fill(t(m), &[("op", op), (a.0, &a.1), (b.0, &b.1)])
    };
    match e {
        Error::ShapeMismatch { op, lhs, rhs } => {
            op_pair(Msg::CoreShapes, op, ("lhs", dims(lhs)), ("rhs", dims(rhs)))
        }
        Error::AxisOutOfRange { op, axis, shape } => op_pair(
            Msg::CoreAxis,
            op,
            ("axis", axis.to_string()),
            ("shape", dims(shape)),
        ),
        Error::IndexOutOfRange { op, index, len } => op_pair(
            Msg::CoreIndex,
            op,
            ("index", index.to_string()),
            ("len", len.to_string()),
        ),
        Error::UnknownVar { op, index, len } => op_pair(
            Msg::CoreUnknownVar,
            op,
            ("index", index.to_string()),
            ("len", len.to_string()),
        ),
        Error::UnknownParam { op, index, len } => op_pair(
            Msg::CoreUnknownParam,
            op,
            ("index", index.to_string()),
            ("len", len.to_string()),
        ),
        Error::InvalidConfig { field, detail } => {
            fill(t(Msg::CoreInvalid), &[("field", field), ("detail", detail)])
        }
        Error::Corrupt { what, detail } => fill(
            t(Msg::CoreCorrupt),
            &[("what", thing(&t, what)), ("detail", detail)],
        ),
        Error::DigitsUnavailable { detail } => fill(t(Msg::CoreDigits), &[("detail", detail)]),
        Error::ReplicaLost { detail } => fill(t(Msg::CoreReplicaLost), &[("detail", detail)]),
        Error::Weights(p) => fill(t(Msg::CoreWeights), &[("problem", &problem_text(&t, p))]),
        Error::OutOfRange {
            field,
            value,
            min,
            max,
        } => fill(
            t(Msg::CoreRange),
            &[
                ("field", field),
                ("value", &value.to_string()),
                ("range", &range_text(*min, *max)),
            ],
        ),
        Error::OverBudget {
            bytes,
            seconds,
            max_bytes,
            max_seconds,
            ..
        } => over_budget_text(
            t(Msg::LabErrBudget),
            *bytes,
            *seconds,
            *max_bytes,
            *max_seconds,
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::samples;
    use crate::i18n::Lang;

    fn has_cjk(s: &str) -> bool {
        s.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c))
    }

    #[test]
    fn every_error_reads_in_both_languages_with_its_numbers() {
        for e in samples() {
            let en = core_error_text(|m| m.get(Lang::En), &e);
            let zh = core_error_text(|m| m.get(Lang::Zh), &e);
            assert!(!en.contains('{') && !zh.contains('{'), "{en} / {zh}");
            assert!(!has_cjk(&en), "{en}");
            assert!(has_cjk(&zh), "not Chinese: {zh}");
            // The numbers the English sentence gives, the Chinese one gives too.
            let digits = |s: &str| -> Vec<String> {
                s.split(|c: char| !c.is_ascii_digit())
                    .filter(|d| !d.is_empty())
                    .map(String::from)
                    .collect()
            };
            let (mut a, mut b) = (digits(&en), digits(&zh));
            a.sort();
            b.sort();
            assert_eq!(a, b, "{en} / {zh}");
        }
    }

    #[test]
    fn a_corrupt_thing_is_named_in_chinese_when_it_has_a_name() {
        let zh = |what| {
            let e = Error::Corrupt {
                what,
                detail: "truncated".into(),
            };
            core_error_text(|m| m.get(Lang::Zh), &e)
        };
        assert_eq!(zh("MNIST asset"), "MNIST 数据文件已损坏：truncated");
        assert_eq!(zh("state_dict"), "state_dict 权重文件已损坏：truncated");
    }

    #[test]
    fn the_english_words_are_the_cores_own() {
        // One wording per error: the page's English is what `Display` writes for the logs,
        // except where the page writes shapes, ranges and weights as its forms do.
        for e in samples() {
            let en = core_error_text(|m| m.get(Lang::En), &e);
            match e {
                Error::ShapeMismatch { .. }
                | Error::AxisOutOfRange { .. }
                | Error::OutOfRange { .. }
                | Error::Weights(_) => {}
                _ => assert_eq!(en, e.to_string()),
            }
        }
    }
}
