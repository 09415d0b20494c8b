//! What the page says about the visitor's pairs (`tasks::own_pairs`), in either language: how
//! many were read and held out, which lines were skipped and why (by number), or why the text
//! was refused. Kept here, in plain Rust, so that the wording is tested natively.

use crate::i18n::Msg;
use crate::models::budget::size_text;
use crate::tasks::own_pairs::{
    LineProblem, OwnPairs, PairsRead, PairsRefusal, Skipped, MAX_SIDE_CHARS,
};
use crate::view::format::{fill, group_thousands};

/// The status line of a read, in the language of `t`.
pub fn pairs_status(
    t: impl Fn(Msg) -> &'static str,
    read: &Result<PairsRead, PairsRefusal>,
) -> String {
    let n = |v: usize| group_thousands(v as u64);
    match read {
        Ok(r) => {
            let count = r.pairs.len();
            let mut out = fill(
                t(Msg::PairsReady),
                &[
                    ("pairs", &n(count)),
                    ("chars", &n(r.pairs.vocab().chars().len())),
                    ("held", &n(OwnPairs::test_size(count))),
                ],
            );
            if r.skipped.count > 0 {
                out += " ";
                out += &skipped_text(&t, &r.skipped);
            }
            if r.duplicates > 0 {
                out += " ";
                out += &fill(t(Msg::PairsDuplicates), &[("n", &n(r.duplicates))]);
            }
            out
        }
        Err(PairsRefusal::TooLarge { bytes, max }) => fill(
            t(Msg::PairsTooLarge),
            &[("size", &size_text(*bytes)), ("max", &size_text(*max))],
        ),
        Err(PairsRefusal::NotText { line }) => fill(t(Msg::PairsNotText), &[("line", &n(*line))]),
        Err(PairsRefusal::TooManyPairs { max, line }) => fill(
            t(Msg::PairsTooMany),
            &[
                ("max", &n(*max)),
                ("next", &n(max + 1)),
                ("line", &n(*line)),
            ],
        ),
        Err(PairsRefusal::TooFew {
            found,
            min,
            skipped,
        }) => {
            let mut out = fill(
                t(Msg::PairsTooFew),
                &[("found", &n(*found)), ("min", &n(*min))],
            );
            if skipped.count > 0 {
                out += " ";
                out += &skipped_text(&t, skipped);
            }
            out
        }
    }
}

/// "3 lines skipped: line 4: …; line 9: … (and 1 more)".
fn skipped_text(t: &impl Fn(Msg) -> &'static str, skipped: &Skipped) -> String {
    let lines: Vec<String> = skipped
        .listed
        .iter()
        .map(|b| {
            fill(
                t(Msg::PairsLine),
                &[
                    ("line", &b.line.to_string()),
                    ("problem", &problem_text(t, &b.problem)),
                ],
            )
        })
        .collect();
    let more = skipped.count.saturating_sub(skipped.listed.len());
    let more = match more {
        0 => String::new(),
        m => fill(t(Msg::WpMore), &[("n", &m.to_string())]),
    };
    let listed = lines.join(t(Msg::PairsSeparator)) + &more;
    let count = skipped.count.to_string();
    fill(t(Msg::PairsSkipped), &[("n", &count), ("lines", &listed)])
}

fn problem_text(t: &impl Fn(Msg) -> &'static str, p: &LineProblem) -> String {
    match p {
        LineProblem::NoSeparator => t(Msg::PairsNoSeparator).to_string(),
        LineProblem::EmptySide => t(Msg::PairsEmptySide).to_string(),
        LineProblem::TooLong { chars } => fill(
            t(Msg::PairsTooLong),
            &[
                ("chars", &chars.to_string()),
                ("max", &MAX_SIDE_CHARS.to_string()),
            ],
        ),
        LineProblem::Control { code } => {
            fill(t(Msg::PairsControl), &[("code", &format!("{code:04X}"))])
        }
        LineProblem::Conflict { first_line } => {
            fill(t(Msg::PairsConflict), &[("first", &first_line.to_string())])
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use crate::tasks::own_pairs::{read_bytes, read_text};

    fn lines(n: usize) -> String {
        (0..n).map(|i| format!("w{i},{i}\n")).collect()
    }

    fn both(read: &Result<PairsRead, PairsRefusal>) -> (String, String) {
        (
            pairs_status(|m| m.get(Lang::En), read),
            pairs_status(|m| m.get(Lang::Zh), read),
        )
    }

    #[test]
    fn should_count_pairs_characters_and_the_held_out_tenth() {
        let text = include_str!("../../assets/pairs/en-zh-animals.tsv");
        let (en, zh) = both(&read_text(text));
        assert!(
            en.starts_with("500 pairs, ") && en.ends_with("; 50 held out."),
            "{en}"
        );
        assert!(
            zh.starts_with("500 个句对") && zh.contains("留出 50 个"),
            "{zh}"
        );
    }

    #[test]
    fn should_name_skipped_lines_by_number_in_both_languages() {
        let text = format!("no separator\na\tb\u{7}\nx,1\nx,2\n{}", lines(20));
        let (en, zh) = both(&read_text(&text));
        assert!(
            en.contains("3 lines skipped: line 1: no tab or comma")
                && en.contains("line 2: a control character (U+0007)")
                && en.contains("line 4: the same source as line 3"),
            "{en}"
        );
        assert!(
            zh.contains("跳过了 3 行：第 1 行") && zh.contains("第 4 行"),
            "{zh}"
        );
    }

    #[test]
    fn should_say_why_a_text_is_refused() {
        let (en, _) = both(&read_text("a,1\nb\n"));
        assert!(
            en.starts_with("Not enough to train: 1 usable pairs, at least 20"),
            "{en}"
        );
        assert!(en.contains("line 2: no tab or comma"), "{en}");
        let (en, zh) = both(&read_bytes(&[b'a', b',', b'1', b'\n', 0xff, 0xfe]));
        assert!(en.contains("not UTF-8 text (from line 2 on)"), "{en}");
        assert!(zh.contains("第 2 行"), "{zh}");
        let big = vec![b'a'; 3 * 1024 * 1024];
        let (en, zh) = both(&read_bytes(&big));
        assert!(en.starts_with("Not read: the file is "), "{en}");
        assert!(zh.starts_with("未读取"), "{zh}");
    }
}
