//! The Transformer's input box as plain logic: what is sent for a paste of any size, which
//! refusal shows under the field, and the one line that sums up unknown characters.

use super::translate_state::Typed;
use crate::i18n::{Lang, Msg};
use crate::models::MAX_LEN;

/// Unknown characters named in the refusal; more end in "…".
pub const LISTED_UNKNOWN: usize = 10;

/// What is sent for `text`: at most one character more than any model reads, so a pasted
/// megabyte still comes back "too long" but never travels, or is walked, whole.
pub fn clipped(text: &str) -> String {
    text.chars().take(MAX_LEN.1 + 1).collect()
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
    format!("{} {} {}", distinct.len(), msg.get(lang), listed.join(", "))
}

/// The line under the field for a refusal.
pub fn refusal_text(lang: Lang, refusal: &Refusal) -> String {
    match refusal {
        Refusal::Empty => Msg::TfEmpty.get(lang).to_string(),
        Refusal::TooLong { max } => format!("{} {max}", Msg::TfTooLong.get(lang)),
        Refusal::Unknown(chars) => unknown_text(lang, chars),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
            "1 个字符是该模型不认识的： “é”"
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
            assert!(refusal_text(lang, &long).ends_with(" 32"));
            assert!(!empty.contains("32"), "empty is not 'too long'");
        }
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
