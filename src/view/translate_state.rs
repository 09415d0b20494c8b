//! The page's copy of the Transformer lab as plain data, and what each of its events does to
//! it. The Leptos store (`app::translate_store`) keeps each field in a signal.

use super::lab_state::{model_lost, push_thinned, LabStatus};
use super::weights_state::WeightsState;
use crate::jobs::lab::Divergence;
use crate::jobs::translate::{
    Inspection, Preparation, TranslateEvent, TranslateSetup, TranslateSummary,
};
use crate::models::{AttentionMaps, Evaluation, NextProbs};

/// Saved with a run (`view::saved_run`).
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct TfPoint {
    pub step: u64,
    pub train_loss: Option<f32>,
    /// Present on the summaries that carry a new held-out score.
    pub test: Option<Evaluation>,
}

/// The answer to the visitor's own input.
// One value lives in one signal, never in a collection: boxing the big variant would save nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq)]
pub enum Typed {
    Output {
        input: String,
        output: String,
        maps: AttentionMaps,
        next: Vec<NextProbs<String>>,
    },
    Unknown {
        input: String,
        chars: Vec<(u32, char)>,
    },
    TooLong {
        max: u32,
    },
    Empty,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct TranslateState {
    pub status: LabStatus,
    pub setup: Option<TranslateSetup>,
    pub summary: Option<TranslateSummary>,
    pub history: Vec<TfPoint>,
    /// The watched example's attention now: (example, step, maps).
    pub attention: Option<(u8, u64, AttentionMaps)>,
    /// The watched example's attention at log-spaced steps, in order of step.
    pub snapshots: Vec<(u64, AttentionMaps)>,
    pub watching: u8,
    pub typed: Option<Typed>,
    /// The first encoder attention on the Self-attention chapter's input: (input, answer).
    pub inspected: Option<(String, Inspection)>,
    pub resume: bool,
    /// How far a new lab has got, from its reset to its step-0 summary.
    pub preparing: Option<Preparation>,
    pub files: WeightsState,
}

/// Which fields of a [`TranslateState`] an event may have changed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TranslateChanges {
    pub status: bool,
    pub setup: bool,
    pub summary: bool,
    pub history: bool,
    pub attention: bool,
    pub snapshots: bool,
    pub watching: bool,
    pub typed: bool,
    pub inspected: bool,
    pub preparing: bool,
    pub files: bool,
}

impl TranslateState {
    pub fn apply(&mut self, event: TranslateEvent) -> TranslateChanges {
        let before = self.status;
        let mut changed = TranslateChanges::default();
        match event {
            TranslateEvent::Setup(setup) => {
                *self = TranslateState {
                    status: self.status,
                    setup: Some(setup),
                    resume: self.resume,
                    preparing: self.preparing,
                    ..TranslateState::default()
                };
                changed = TranslateChanges {
                    setup: true,
                    summary: true,
                    history: true,
                    attention: true,
                    snapshots: true,
                    watching: true,
                    typed: true,
                    inspected: true,
                    files: true,
                    ..changed
                };
            }
            TranslateEvent::Summary(s) => {
                self.push_summary(&s);
                self.status = self.status.after_summary(s.running);
                self.summary = Some(s);
                changed.history = true;
                changed.summary = true;
                changed.preparing = self.preparing.take().is_some();
            }
            TranslateEvent::Attention {
                example,
                step,
                maps,
            } => {
                self.attention = Some((example, step, maps));
                changed.attention = true;
            }
            TranslateEvent::Snapshot {
                example,
                step,
                maps,
            } => changed.snapshots = self.keep_snapshot(example, step, maps),
            TranslateEvent::Translation {
                input,
                output,
                maps,
                next,
            } => {
                self.typed = Some(Typed::Output {
                    input,
                    output,
                    maps,
                    next,
                });
                changed.typed = true;
            }
            TranslateEvent::Unknown { input, chars } => {
                self.typed = Some(Typed::Unknown { input, chars });
                changed.typed = true;
            }
            TranslateEvent::TooLong { max, .. } => {
                self.typed = Some(Typed::TooLong { max });
                changed.typed = true;
            }
            TranslateEvent::Empty => {
                self.typed = Some(Typed::Empty);
                changed.typed = true;
            }
            TranslateEvent::Inspected { input, inspection } => {
                self.inspected = Some((input, inspection));
                changed.inspected = true;
            }
            TranslateEvent::Running { .. } => self.status = self.status.after_run(),
            TranslateEvent::Paused { .. } => self.status = self.status.after_pause(),
            TranslateEvent::Diverged { step } => {
                self.status = LabStatus::Diverged {
                    reason: Divergence::NonFinite,
                    step,
                }
            }
            TranslateEvent::Preparing(p) => {
                self.preparing = Some(p);
                changed.preparing = true;
            }
            // New weights train again; the lab is paused, and their score comes as
            // preparation and a summary.
            TranslateEvent::Imported(imported) => {
                if matches!(self.status, LabStatus::Diverged { .. }) {
                    self.status = LabStatus::Paused;
                }
                self.files.imported(imported);
                changed.files = true;
            }
            TranslateEvent::ImportRefused { problem } => {
                self.files.refused(problem);
                changed.files = true;
            }
            TranslateEvent::Exported(file) => {
                self.files.exported(file);
                changed.files = true;
            }
            // Kept in the browser's storage, or told, by `app::saved_runs`.
            TranslateEvent::Checkpoint { .. } | TranslateEvent::RestoreRefused { .. } => {}
        }
        changed.status = self.status != before;
        changed
    }

    /// A summary's point; its held-out score only when it is a new one (the worker repeats the
    /// latest score until the next evaluation). The last summary says which score is old: the
    /// history may have thinned away the point that carried it.
    fn push_summary(&mut self, s: &TranslateSummary) {
        let last_test = self
            .summary
            .as_ref()
            .and_then(|p| p.test.map(|(step, _)| step));
        let fresh = s.test.filter(|(step, _)| last_test != Some(*step));
        let point = TfPoint {
            step: s.step,
            train_loss: s.train_loss,
            test: fresh.map(|(_, e)| e),
        };
        // Every point that carries a score is kept, and every other one else.
        push_thinned(&mut self.history, point, |p| p.test.is_some());
    }

    /// Keeps a snapshot of the watched example, replacing one of the same step. Whether it
    /// was kept.
    fn keep_snapshot(&mut self, example: u8, step: u64, maps: AttentionMaps) -> bool {
        if example != self.watching {
            return false;
        }
        self.snapshots.retain(|(k, _)| *k != step);
        self.snapshots.push((step, maps));
        self.snapshots.sort_by_key(|(k, _)| *k);
        true
    }

    /// A reset was sent.
    pub fn starting(&mut self) {
        self.status = LabStatus::Starting;
        self.resume = false;
        self.preparing = None;
    }

    /// The worker reported a failure of this lab: a refused reset or a failed step.
    pub fn failed(&mut self) {
        self.status = self.status.after_failure();
    }

    /// The worker died; the curves stay.
    pub fn lost(&mut self) {
        (self.status, self.resume) = model_lost(self.status);
    }
}

/// The curves of a restored run: the `kept` ones, then what the restored model reported since.
/// A restored model scores its held-out set afresh at the kept step, and that score joins the
/// kept point of the same step, which carries the training loss.
pub fn resumed_history(mut kept: Vec<TfPoint>, now: &[TfPoint]) -> Vec<TfPoint> {
    for p in now {
        match kept.last_mut() {
            Some(last) if p.step < last.step => {}
            Some(last) if p.step == last.step => last.test = last.test.or(p.test),
            _ => kept.push(*p),
        }
    }
    kept
}

#[cfg(test)]
#[path = "translate_state_tests.rs"]
mod tests;
