//! The live numbers spoken to a screen reader: what the sentence says, and how often it may
//! change. A lab sends two summaries a second; a reader that spoke each would speak nothing
//! else, so a running lab is announced at most every [`EVERY_MS`] (the latest text then), and
//! a pause at once.

use crate::i18n::Msg;
use crate::view::format::{fill, group_thousands};

/// The least time between two announcements of a running lab.
pub const EVERY_MS: f64 = 5000.0;

/// When a new text may be spoken.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Pacer {
    last_ms: Option<f64>,
    waiting: bool,
}

/// What to do with a new text.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Pace {
    /// Speak it now.
    Now,
    /// Speak the latest text after this many milliseconds.
    After(f64),
    /// A later announcement is already due: it will speak the latest text.
    Waiting,
}

impl Pacer {
    /// A new text at `now_ms`; `urgent` (a pause, a stop) is spoken at once.
    pub fn offer(&mut self, now_ms: f64, urgent: bool) -> Pace {
        match self.last_ms {
            Some(last) if !urgent && now_ms - last < EVERY_MS => {
                if self.waiting {
                    Pace::Waiting
                } else {
                    self.waiting = true;
                    Pace::After(last + EVERY_MS - now_ms)
                }
            }
            _ => {
                self.spoke(now_ms);
                Pace::Now
            }
        }
    }

    /// A text was spoken at `now_ms` (also when a due announcement comes).
    pub fn spoke(&mut self, now_ms: f64) {
        self.last_ms = Some(now_ms);
        self.waiting = false;
    }
}

/// Whether a lab's last summary is news to speak, given whether the lab runs now (`running`),
/// whether that summary came from a running model, and its step. A model that never trained
/// says nothing. A Pause is spoken with the stopped model's own summary, which follows the
/// Paused event within a slice: spoken on the event too, the reader said "Paused" twice, the
/// first time with the step of the summary before.
pub fn speaks(running: bool, summary_running: bool, step: u64) -> bool {
    running || (!summary_running && step > 0)
}

/// "Training, step 1,200: Test loss 0.04300" or "Paused at step 1,200: …"; `numbers` are
/// (name, value) pairs, as the live numbers show them.
pub fn lab_sentence(
    tr: &dyn Fn(Msg) -> &'static str,
    running: bool,
    step: u64,
    numbers: &[(Msg, String)],
) -> String {
    let said: Vec<String> = numbers
        .iter()
        .map(|(name, value)| format!("{} {value}", tr(*name)))
        .collect();
    let template = if running {
        Msg::AnnounceRunning
    } else {
        Msg::AnnouncePaused
    };
    fill(
        tr(template),
        &[
            ("step", &group_thousands(step)),
            ("numbers", &said.join(tr(Msg::ChartSep))),
        ],
    )
}

/// What is said when an experiment's run ends: that it finished (or was stopped), and what its
/// figures show now (`figures`, their accessible names), so a screen reader hears the result a
/// sighted visitor sees drawn.
pub fn finished_sentence(
    tr: &dyn Fn(Msg) -> &'static str,
    what: &str,
    stopped: bool,
    figures: &[String],
) -> String {
    let template = if stopped {
        Msg::AnnounceStopped
    } else {
        Msg::AnnounceFinished
    };
    // Each figure is a phrase: a sentence's own full stop would double the separator's.
    let figures: Vec<&str> = figures
        .iter()
        .map(|f| f.trim().trim_end_matches(['.', '。']))
        .filter(|f| !f.is_empty())
        .collect();
    fill(
        tr(template),
        &[
            ("what", what),
            ("figures", &figures.join(tr(Msg::AnnounceFigureSep))),
        ],
    )
    .trim_end()
    .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn a_running_lab_is_spoken_at_most_every_five_seconds_and_a_pause_at_once() {
        let mut p = Pacer::default();
        assert_eq!(p.offer(0.0, false), Pace::Now);
        assert_eq!(p.offer(500.0, false), Pace::After(4500.0));
        assert_eq!(p.offer(1000.0, false), Pace::Waiting);
        p.spoke(5000.0);
        assert_eq!(p.offer(5500.0, false), Pace::After(4500.0));
        assert_eq!(p.offer(6000.0, true), Pace::Now, "a pause");
        assert_eq!(p.offer(12_000.0, false), Pace::Now);
    }

    #[test]
    fn a_finished_run_is_said_with_what_its_figures_show() {
        let figures = [
            "accuracy (%) against step: probe 21.10 at step 30".to_string(),
            String::new(),
            "accuracy (%) against K: nothing plotted yet".to_string(),
        ];
        assert_eq!(
            finished_sentence(
                &|m| m.get(Lang::En),
                "Experiment: few labels",
                false,
                &figures
            ),
            "Finished. Experiment: few labels. accuracy (%) against step: probe 21.10 at step 30. \
             accuracy (%) against K: nothing plotted yet"
        );
        assert_eq!(
            finished_sentence(&|m| m.get(Lang::Zh), "实验", true, &[]),
            "已停止。实验。"
        );
    }

    #[test]
    fn a_pause_is_spoken_once_with_the_stopped_models_summary() {
        assert!(speaks(true, true, 40), "training");
        assert!(
            speaks(true, false, 0),
            "a run just taken, on the summary before it"
        );
        assert!(
            !speaks(false, true, 40),
            "paused, before the stopped model's summary"
        );
        assert!(speaks(false, false, 41), "the stopped model's summary");
        assert!(!speaks(false, false, 0), "a new model that never trained");
    }

    #[test]
    fn the_sentence_names_the_state_the_step_and_the_numbers() {
        let numbers = [(Msg::LabTestLoss, "0.04300".to_string())];
        assert_eq!(
            lab_sentence(&|m| m.get(Lang::En), true, 1200, &numbers),
            "Training, step 1,200: Test loss 0.04300"
        );
        assert_eq!(
            lab_sentence(&|m| m.get(Lang::Zh), false, 1200, &numbers),
            "已暂停，第 1,200 步：测试损失 0.04300"
        );
    }
}
