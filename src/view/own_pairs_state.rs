//! The Transformer page's own-pairs panel (`tasks::own_pairs`) as plain Rust: which data the
//! lab trains on, the text in the box, its last read, and what the page says about it in either
//! language (how many pairs were read and held out, which lines were skipped and why, by
//! number, or why the text or the model was refused). Kept here so that the wording and the
//! panel's decisions are tested natively; the component is markup around it.

use std::sync::Arc;

use crate::i18n::Msg;
use crate::jobs::lab::fields::{from_core, FieldError};
use crate::jobs::translate::validate;
use crate::models::budget::size_text;
use crate::models::TransformerPreset;
use crate::tasks::own_pairs::{
    check_size, read_bytes, read_text, LineProblem, OwnPairs, PairsRead, PairsRefusal, Skipped,
    MAX_SIDE_CHARS,
};
use crate::tasks::{DateLanguages, Task};
use crate::view::format::{fill, group_thousands};

/// Pairs shown in the preview table.
pub const PREVIEW_PAIRS: usize = 8;

/// Where the Transformer's examples come from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum DataSource {
    /// The built-in tasks, drawn afresh from a seed (dates, numbers, reversal).
    #[default]
    Builtin,
    /// The visitor's pairs, pasted, picked or the shipped example.
    Pairs,
}

impl DataSource {
    /// The source a lab with `task` trains on.
    pub fn of(task: Task) -> DataSource {
        match task {
            Task::Pairs(_) => DataSource::Pairs,
            _ => DataSource::Builtin,
        }
    }

    /// The task the form should show once this source is picked while it shows `form` and the
    /// lab trains on `model`: back to the dates from pairs, back to the pairs in use from a
    /// built-in task (either applied by Apply and reset, like any task picked); `None` to leave
    /// the form alone (new pairs become the task only when they are read and used).
    pub fn form_task(self, form: Task, model: Task) -> Option<Task> {
        match (self, form, model) {
            (DataSource::Builtin, Task::Pairs(_), _) => Some(Task::Dates(DateLanguages::Both)),
            (DataSource::Pairs, f, Task::Pairs(_)) if f != model => Some(model),
            _ => None,
        }
    }
}

/// Why the panel has no pairs to show, besides the text's own refusals.
#[derive(Clone, Debug, PartialEq)]
pub enum PanelProblem {
    /// The pairs were read, and the model they need was refused (memory or time budget):
    /// the lab keeps its model.
    Model(FieldError),
    /// The browser could not read the picked file.
    Unreadable,
    /// The shipped example could not be fetched: the browser's reason.
    Fetch(String),
}

/// The panel as the page holds it, outliving the chapter in the translate store.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PairsPanel {
    pub source: DataSource,
    /// What is in the box: pasted, or the text of the file or example read into it.
    pub text: String,
    /// The last read, of the box, a file or the example.
    pub read: Option<Result<PairsRead, PairsRefusal>>,
    pub problem: Option<PanelProblem>,
    /// A file or the example is being read: the buttons wait.
    pub busy: bool,
}

impl PairsPanel {
    /// The panel of a run that comes back from this browser's storage training on `pairs`:
    /// they fill the box, one tab-separated pair a line, read as they were used.
    pub fn restored(pairs: &OwnPairs) -> PairsPanel {
        let text: Vec<String> = pairs
            .pairs()
            .iter()
            .map(|e| format!("{}\t{}", e.source, e.target))
            .collect();
        PairsPanel {
            source: DataSource::Pairs,
            text: text.join("\n"),
            read: Some(Ok(PairsRead {
                pairs: pairs.clone(),
                skipped: Skipped::default(),
                duplicates: 0,
            })),
            problem: None,
            busy: false,
        }
    }

    /// Read and use is offered for text in the box, when nothing else is being read.
    pub fn can_read(&self) -> bool {
        !self.busy && !self.text.trim().is_empty()
    }

    /// Whether a file of `size` bytes is read at all: past the limit it is refused unread.
    pub fn admit_file(&mut self, size: u64) -> bool {
        self.problem = None;
        if let Err(refusal) = check_size(size) {
            self.read = Some(Err(refusal));
            return false;
        }
        self.busy = true;
        true
    }

    /// Reads the box; the preset to reset the lab with, if the pairs can be trained on.
    pub fn read_box(&mut self) -> Option<TransformerPreset> {
        let read = read_text(&self.text);
        self.take(read)
    }

    /// Reads a file's or the example's bytes into the box (when they are text) and uses them.
    pub fn read_file(&mut self, bytes: &[u8]) -> Option<TransformerPreset> {
        let read = read_bytes(bytes);
        if read.is_ok() {
            // `read_bytes` took them as UTF-8: nothing is lost.
            self.text = String::from_utf8_lossy(bytes).into_owned();
        }
        self.take(read)
    }

    pub fn failed(&mut self, problem: PanelProblem) {
        self.busy = false;
        self.problem = Some(problem);
    }

    /// Keeps `read` for the status line; pairs within the lab's budget give the preset that
    /// trains on them, others say why not and the lab keeps its model.
    fn take(&mut self, read: Result<PairsRead, PairsRefusal>) -> Option<TransformerPreset> {
        self.busy = false;
        self.problem = None;
        let preset = read
            .as_ref()
            .ok()
            .map(|r| TransformerPreset::for_pairs(Arc::new(r.pairs.clone())));
        self.read = Some(read);
        let preset = preset?;
        match validate(&preset) {
            Ok(()) => Some(preset),
            Err(e) => {
                let reason = from_core(&e).map_or(FieldError::Invalid(e.to_string()), |f| f.1);
                self.problem = Some(PanelProblem::Model(reason));
                None
            }
        }
    }

    /// The first pairs read, (source, target), for the preview table.
    pub fn preview(&self) -> Vec<(String, String)> {
        let Some(Ok(read)) = &self.read else {
            return Vec::new();
        };
        let first = read.pairs.pairs().iter().take(PREVIEW_PAIRS);
        first
            .map(|e| (e.source.clone(), e.target.clone()))
            .collect()
    }

    /// The status line and whether it is a refusal, in the language of `t`; `reason` words a
    /// refused model's field error as the forms do.
    pub fn status(
        &self,
        t: impl Fn(Msg) -> &'static str,
        reason: impl Fn(&FieldError) -> String,
    ) -> (String, bool) {
        if self.busy {
            return (t(Msg::TfDataReading).to_string(), false);
        }
        let read = self.read.as_ref().map(|r| pairs_status(&t, r));
        match (&self.problem, read) {
            (Some(PanelProblem::Unreadable), _) => (t(Msg::TfDataUnreadable).to_string(), true),
            (Some(PanelProblem::Fetch(detail)), _) => {
                (fill(t(Msg::TfDataFetchFailed), &[("detail", detail)]), true)
            }
            (Some(PanelProblem::Model(e)), read) => {
                let refused = fill(t(Msg::TfDataModelRefused), &[("reason", &reason(e))]);
                (read.map_or(refused.clone(), |r| r + " " + &refused), true)
            }
            (None, Some(read)) => (read, matches!(self.read, Some(Err(_)))),
            (None, None) => (t(Msg::TfDataEmpty).to_string(), false),
        }
    }
}

/// The status line of a read, in the language of `t`.
pub fn pairs_status(
    t: &impl Fn(Msg) -> &'static str,
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
                out += &skipped_text(t, &r.skipped);
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
                out += &skipped_text(t, skipped);
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
            pairs_status(&|m| m.get(Lang::En), read),
            pairs_status(&|m| m.get(Lang::Zh), read),
        )
    }

    #[test]
    fn a_restored_panel_reads_back_the_pairs_it_shows() {
        let text = include_str!("../../assets/pairs/en-zh-animals.tsv");
        let pairs = read_text(text).unwrap().pairs;
        let panel = PairsPanel::restored(&pairs);
        assert_eq!(panel.source, DataSource::Pairs);
        assert!(panel.can_read());
        assert_eq!(read_text(&panel.text).unwrap().pairs, pairs);
        assert_eq!(panel.read.unwrap().unwrap().pairs, pairs);
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

    fn en(panel: &PairsPanel) -> (String, bool) {
        panel.status(|m| m.get(Lang::En), |e| format!("{e:?}"))
    }

    #[test]
    fn should_use_the_example_and_preview_its_first_pairs() {
        let mut panel = PairsPanel {
            source: DataSource::Pairs,
            ..PairsPanel::default()
        };
        assert!(!panel.can_read(), "nothing to read yet");
        assert!(en(&panel).0.starts_with("Paste pairs"), "{:?}", en(&panel));
        let bytes = include_bytes!("../../assets/pairs/en-zh-animals.tsv");
        let preset = panel.read_file(bytes).expect("the example trains");
        assert!(matches!(preset.task.task, Task::Pairs(s) if s.count == 500));
        assert_eq!(preset.task.pairs.as_ref().map(|p| p.len()), Some(500));
        assert!(panel.can_read(), "the box holds the example's text");
        let (status, bad) = en(&panel);
        assert!(!bad && status.starts_with("500 pairs, "), "{status}");
        let preview = panel.preview();
        assert_eq!(preview.len(), PREVIEW_PAIRS);
        assert!(preview.iter().all(|(s, t)| !s.is_empty() && !t.is_empty()));
    }

    #[test]
    fn should_refuse_a_large_file_unread_and_keep_the_box() {
        let mut panel = PairsPanel {
            text: "kept".into(),
            ..PairsPanel::default()
        };
        assert!(!panel.admit_file(3 * 1024 * 1024));
        assert!(!panel.busy);
        let (status, bad) = en(&panel);
        assert!(
            bad && status.starts_with("Not read: the file is 3"),
            "{status}"
        );
        assert_eq!(panel.text, "kept");
        assert!(panel.admit_file(1000) && panel.busy && !panel.can_read());
        assert_eq!(en(&panel).0, "Reading…");
        // Binary bytes: refused, the box not overwritten.
        assert!(panel.read_file(&[0, 159, 146, 150, 0xff]).is_none());
        assert_eq!(panel.text, "kept");
        assert!(en(&panel).1);
        panel.failed(PanelProblem::Unreadable);
        assert!(en(&panel).0.contains("could not read"));
    }

    #[test]
    fn should_name_bad_lines_of_a_pasted_text_and_still_use_the_rest() {
        let mut panel = PairsPanel {
            text: format!("cat\n{}dog;hund\n", lines(25)),
            ..PairsPanel::default()
        };
        let preset = panel.read_box();
        let preset = preset.unwrap_or_else(|| panic!("{:?}", en(&panel)));
        assert_eq!(preset.task.pairs.map(|p| p.len()), Some(25));
        let (status, bad) = en(&panel);
        assert!(!bad, "{status}");
        assert!(status.contains("line 1: no tab or comma"), "{status}");
        assert!(status.contains("line 27: no tab or comma"), "{status}");
        panel.text = "a,b\n".into();
        assert!(panel.read_box().is_none());
        assert!(en(&panel).1, "too few is a refusal");
    }

    #[test]
    fn should_switch_the_form_between_the_dates_and_the_pairs_in_use() {
        let pairs =
            TransformerPreset::for_pairs(Arc::new(read_text(&lines(30)).expect("pairs").pairs));
        let task = pairs.task.task;
        assert_eq!(DataSource::of(task), DataSource::Pairs);
        let dates = Task::Dates(DateLanguages::Both);
        assert_eq!(DataSource::Builtin.form_task(task, task), Some(dates));
        assert_eq!(DataSource::Builtin.form_task(Task::Numbers, task), None);
        // Back to the pairs in use, or, with none in use, wait for some to be read.
        assert_eq!(DataSource::Pairs.form_task(dates, task), Some(task));
        assert_eq!(DataSource::Pairs.form_task(task, task), None);
        assert_eq!(DataSource::Pairs.form_task(Task::Numbers, dates), None);
    }
}
