//! The Transformer's input box as plain logic: what is sent for a paste of any size, which
//! refusal shows under the field, and the one line that sums up unknown characters.

use super::translate_state::Typed;
use crate::i18n::{Lang, Msg};
use crate::models::MAX_LEN;
use crate::tasks::{DateLanguages, TaskConfig};
use crate::view::format::lead_in;

/// Unknown characters named in the refusal; more end in "…".
pub const LISTED_UNKNOWN: usize = 10;

/// What is sent for `text`: at most one character more than any model reads, so a pasted
/// megabyte still comes back "too long" but never travels, or is walked, whole.
pub fn clipped(text: &str) -> String {
    text.chars().take(MAX_LEN.1 + 1).collect()
}

/// What the input box holds until the visitor types: an input of the task the model is
/// trained on, in the page's language where the task reads both (dates), so the first
/// Translate shows the model at work rather than a refusal.
pub fn example_input(task: &TaskConfig, lang: Lang) -> String {
    use crate::tasks::Task;
    const EN: &str = "Saturday, 28 November 2026";
    const ZH: &str = "2026年11月28日星期六";
    match task.task {
        Task::Dates(DateLanguages::English) => EN.into(),
        Task::Dates(DateLanguages::Chinese) => ZH.into(),
        Task::Dates(DateLanguages::Both) => match lang {
            Lang::En => EN.into(),
            Lang::Zh => ZH.into(),
        },
        Task::Numbers => crate::tasks::numbers::example(40_207).source,
        Task::Reversal => "gradlab".into(),
        Task::Pairs(_) => task
            .pairs
            .as_ref()
            .and_then(|p| p.pairs().first())
            .map_or_else(String::new, |e| e.source.clone()),
    }
}

/// Why the model did not translate what was typed.
#[derive(Clone, Debug, PartialEq)]
pub enum Refusal {
    Empty,
    TooLong {
        max: u32,
    },
    /// The distinct unknown characters, in order of first appearance.
    Unknown(Vec<char>),
}

/// The refusal to show under a field holding `field`: none once the field is cleared (an old
/// complaint about text that is gone helps nobody), and "type a sentence" only while it is empty.
pub fn shown_refusal(field: &str, typed: Option<&Typed>) -> Option<Refusal> {
    let refusal = match typed? {
        Typed::Empty => Refusal::Empty,
        Typed::TooLong { max } => Refusal::TooLong { max: *max },
        Typed::Unknown { chars, .. } => Refusal::Unknown(distinct(chars)),
        Typed::Output { .. } => return None,
    };
    (field.is_empty() == (refusal == Refusal::Empty)).then_some(refusal)
}

/// The distinct characters of `chars`, in order of first appearance.
pub fn distinct(chars: &[(u32, char)]) -> Vec<char> {
    let mut seen = Vec::new();
    for &(_, c) in chars {
        if !seen.contains(&c) {
            seen.push(c);
        }
    }
    seen
}

/// "4 characters this model does not know: “é”, “ü”, “ß”, “ø”", naming at most
/// `LISTED_UNKNOWN` of the distinct characters.
pub fn unknown_text(lang: Lang, distinct: &[char]) -> String {
    let mut listed: Vec<String> = distinct
        .iter()
        .take(LISTED_UNKNOWN)
        .map(|c| format!("“{c}”"))
        .collect();
    if distinct.len() > LISTED_UNKNOWN {
        listed.push("…".into());
    }
    let msg = if distinct.len() == 1 {
        Msg::TfUnknownOne
    } else {
        Msg::TfUnknown
    };
    lead_in(
        &format!("{} {}", distinct.len(), msg.get(lang)),
        &listed.join(Msg::ListSep.get(lang)),
    )
}

/// The line under the field for a refusal.
pub fn refusal_text(lang: Lang, refusal: &Refusal) -> String {
    match refusal {
        Refusal::Empty => Msg::TfEmpty.get(lang).to_string(),
        Refusal::TooLong { max } => lead_in(Msg::TfTooLong.get(lang), &max.to_string()),
        Refusal::Unknown(chars) => unknown_text(lang, chars),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tasks::Task;

    #[test]
    fn the_example_follows_the_task_and_the_language_and_the_model_can_read_it() {
        let tasks = [
            Task::Dates(DateLanguages::Both),
            Task::Dates(DateLanguages::English),
            Task::Dates(DateLanguages::Chinese),
            Task::Numbers,
            Task::Reversal,
        ];
        for task in tasks {
            for lang in Lang::ALL {
                let example = example_input(&TaskConfig::new(task, 0), lang);
                assert!(
                    task.vocab().encode(&example).is_ok(),
                    "{task:?} {lang:?}: {example}"
                );
                let max_len = crate::models::TransformerPreset::for_task(task)
                    .trainer
                    .model
                    .max_len;
                assert!(example.chars().count() <= max_len, "{task:?}: {example}");
            }
        }
        let both = TaskConfig::new(Task::Dates(DateLanguages::Both), 0);
        assert_eq!(example_input(&both, Lang::Zh), "2026年11月28日星期六");
        assert_eq!(example_input(&both, Lang::En), "Saturday, 28 November 2026");
        let numbers = example_input(&TaskConfig::new(Task::Numbers, 0), Lang::Zh);
        assert!(numbers.starts_with("forty thousand"), "{numbers}");
    }

    fn unknown(text: &str) -> Typed {
        Typed::Unknown {
            input: text.into(),
            chars: text
                .chars()
                .enumerate()
                .map(|(i, c)| (i as u32, c))
                .collect(),
        }
    }

    #[test]
    fn a_pasted_megabyte_is_clipped_to_one_past_the_longest_model() {
        let sent = clipped(&"é".repeat(1 << 20));
        assert_eq!(sent.chars().count(), MAX_LEN.1 + 1);
        assert_eq!(clipped("Saturday"), "Saturday");
    }

    #[test]
    fn unknown_characters_are_summed_up_in_one_line_of_distinct_characters() {
        let chars: Vec<(u32, char)> = "éüßøéüßø"
            .chars()
            .enumerate()
            .map(|(i, c)| (i as u32, c))
            .collect();
        let chars = distinct(&chars);
        assert_eq!(
            unknown_text(Lang::En, &chars),
            "4 characters this model does not know: “é”, “ü”, “ß”, “ø”"
        );
        assert_eq!(
            unknown_text(Lang::Zh, &chars[..1]),
            "1 个字符是该模型不认识的：“é”"
        );
        assert_eq!(
            unknown_text(Lang::Zh, &chars[..2]),
            "2 个字符是该模型不认识的：“é”、“ü”"
        );
        // 84 unknown characters, 26 of them distinct: ten named, then "…".
        let many: Vec<(u32, char)> = ('a'..='z')
            .cycle()
            .take(84)
            .enumerate()
            .map(|(i, c)| (i as u32, c))
            .collect();
        let text = unknown_text(Lang::En, &distinct(&many));
        assert!(text.starts_with("26 characters"), "{text}");
        assert!(text.ends_with("“j”, …"), "{text}");
        assert_eq!(text.matches('“').count(), LISTED_UNKNOWN);
    }

    #[test]
    fn each_refusal_has_its_own_text() {
        let long = Refusal::TooLong { max: 32 };
        for lang in [Lang::En, Lang::Zh] {
            let empty = refusal_text(lang, &Refusal::Empty);
            assert_eq!(empty, Msg::TfEmpty.get(lang));
            assert!(refusal_text(lang, &long).ends_with("32"));
            assert!(!empty.contains("32"), "empty is not 'too long'");
        }
        // A space after the English colon, none after the Chinese one.
        assert!(refusal_text(Lang::En, &long).ends_with(": 32"));
        assert!(refusal_text(Lang::Zh, &long).ends_with("：32"));
        assert_eq!(
            refusal_text(Lang::En, &Refusal::Empty),
            "Type a sentence to translate."
        );
    }

    #[test]
    fn clearing_the_field_clears_an_old_refusal() {
        let typed = unknown("é");
        assert_eq!(
            shown_refusal("é", Some(&typed)),
            Some(Refusal::Unknown(vec!['é']))
        );
        assert_eq!(shown_refusal("", Some(&typed)), None);
        assert_eq!(shown_refusal("", Some(&Typed::TooLong { max: 32 })), None);
        // Empty is said while the field is empty, and goes once something is typed.
        assert_eq!(shown_refusal("", Some(&Typed::Empty)), Some(Refusal::Empty));
        assert_eq!(shown_refusal("S", Some(&Typed::Empty)), None);
        assert_eq!(shown_refusal("S", None), None);
    }
}
