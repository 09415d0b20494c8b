//! The page's copy of one lab (autoencoder or VAE) as plain data, and what each of the lab's
//! events does to it. The Leptos store (`app::lab_store`) keeps each field in a signal and
//! notifies only the fields an event changed.

use super::format::{format_loss, group_thousands};
use super::weights_state::WeightsState;
use crate::i18n::Msg;
use crate::jobs::lab::{Divergence, LabEvent, LabSetup, LabSummary};
use crate::models::Losses;

/// More points than this in a loss curve and every other one is dropped: a long run keeps
/// its whole shape at half the resolution, and drawing stays cheap.
pub const MAX_HISTORY: usize = 4000;

#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub enum LabStatus {
    /// No model in the worker (never made, or lost with a crashed worker).
    #[default]
    Empty,
    /// A reset was sent; waiting for the digits and the first summary.
    Starting,
    Paused,
    Running,
    /// Stopped by the worker: why, and the step at which the loss diverged.
    Diverged {
        reason: Divergence,
        step: u64,
    },
    /// The worker refused to build the model or could not load the digits (the banner says
    /// why); Reset tries again.
    Failed,
}

/// A run whose step count has not moved for this long says that it is still working, so a
/// large model's slow step never reads as a stalled page.
pub const WORKING_AFTER_MS: f64 = 1000.0;

impl LabStatus {
    /// The word the bar shows: "Working" while a running lab's next step is `overdue` (its
    /// step count has not moved for [`WORKING_AFTER_MS`]), else [`Self::word`].
    pub fn shown(self, overdue: bool) -> (&'static str, Msg) {
        if self == LabStatus::Running && overdue {
            ("working", Msg::StateWorking)
        } else {
            self.word()
        }
    }

    /// The run bar's word for the state, and the `data-state` its dot is coloured by.
    pub fn word(self) -> (&'static str, Msg) {
        match self {
            LabStatus::Empty => ("empty", Msg::StateEmpty),
            LabStatus::Starting => ("starting", Msg::StateStarting),
            LabStatus::Paused => ("paused", Msg::StatePaused),
            LabStatus::Running => ("running", Msg::StateRunning),
            LabStatus::Diverged { .. } => ("failed", Msg::StateDiverged),
            LabStatus::Failed => ("failed", Msg::StateFailed),
        }
    }

    /// A model is in the worker: it can be exported, or take imported weights.
    pub fn has_model(self) -> bool {
        matches!(
            self,
            LabStatus::Paused | LabStatus::Running | LabStatus::Diverged { .. }
        )
    }

    /// After a summary: it says whether the run trains, unless the run already diverged (a
    /// diverged model stays so until a reset).
    pub fn after_summary(self, running: bool) -> LabStatus {
        match self {
            LabStatus::Diverged { .. } => self,
            _ if running => LabStatus::Running,
            _ => LabStatus::Paused,
        }
    }

    /// After the worker says it took a Run: only a paused run becomes running (a diverged or
    /// failed one stays so; a starting one becomes running with its first summary).
    pub fn after_run(self) -> LabStatus {
        if self == LabStatus::Paused {
            LabStatus::Running
        } else {
            self
        }
    }

    /// After the worker says the run paused: only a running run becomes paused.
    pub fn after_pause(self) -> LabStatus {
        if self == LabStatus::Running {
            LabStatus::Paused
        } else {
            self
        }
    }

    /// The worker reported a failure of this lab: its reset was refused (no model), or a
    /// training step failed (the model stopped, whether it was running or took one Step).
    /// Either way only a reset trains again. Only a step or a reset can fail, but for values a
    /// working page never sends (a NaN probe, ink or β), which the worker refuses by name.
    pub fn after_failure(self) -> LabStatus {
        if matches!(
            self,
            LabStatus::Starting | LabStatus::Running | LabStatus::Paused
        ) {
            LabStatus::Failed
        } else {
            self
        }
    }
}

/// What the divergence notice says: why (a message), the step the loss diverged at, and the
/// numbers behind the reason. Read from the status, so it follows the run that diverged.
#[derive(Clone, Debug, PartialEq)]
pub struct DivergedNotice {
    pub what: Msg,
    pub step: u64,
    pub detail: String,
}

pub fn diverged_notice(status: LabStatus) -> Option<DivergedNotice> {
    let LabStatus::Diverged { reason, step } = status else {
        return None;
    };
    let (what, detail) = match reason {
        Divergence::NonFinite => (Msg::LabDivergedNonFinite, String::new()),
        Divergence::Exploded { loss, start } => (
            Msg::LabDivergedExploded,
            format!(" · {} → {}", format_loss(start), format_loss(loss)),
        ),
        Divergence::Saturated { weight, code } => (
            Msg::LabDivergedSaturated,
            // Read as whole numbers, not "2.345e3": the check stops the run once weights pass
            // a few thousand, so these are thousands, and `as u64` saturates past that.
            format!(
                " · |w| ≤ {} · |z| ≤ {}",
                group_thousands(weight.round() as u64),
                group_thousands(code.round() as u64)
            ),
        ),
    };
    Some(DivergedNotice { what, step, detail })
}

/// Which of a lab's run buttons can be pressed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RunButtons {
    /// Start, Resume or Pause.
    pub train: bool,
    pub step: bool,
    pub reset: bool,
}

/// The run buttons for a lab in `status`, whose form has a refused field unless `form_ok`.
/// While a field is refused, Start and One step are off as well as Reset: they would train the
/// model of earlier settings while the form shows an error. Pause always works.
pub fn run_buttons(status: LabStatus, form_ok: bool) -> RunButtons {
    RunButtons {
        train: status == LabStatus::Running || (status == LabStatus::Paused && form_ok),
        step: status == LabStatus::Paused && form_ok,
        reset: form_ok && status != LabStatus::Starting,
    }
}

/// The worker died and took the model with it: (new status, whether to resume training once
/// the chapter has made a new model).
pub fn model_lost(status: LabStatus) -> (LabStatus, bool) {
    (LabStatus::Empty, status == LabStatus::Running)
}

/// One summary's point on the loss curves; saved with a run (`view::saved_run`).
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct HistoryPoint {
    pub step: u64,
    pub train: Option<Losses>,
    pub test: Losses,
}

/// Appends `point`; past `MAX_HISTORY` points, every other one is dropped (the first kept),
/// except those `keep` asks for. Should those alone fill most of the limit (a held-out score on
/// every summary), every other point goes whatever it is, so the history stays bounded, and
/// thinning stays rare (at most once per `MAX_HISTORY / 4` points).
pub fn push_thinned<T: Copy>(history: &mut Vec<T>, point: T, keep: impl Fn(&T) -> bool) {
    history.push(point);
    if history.len() > MAX_HISTORY {
        let kept: Vec<T> = every_other(history, keep);
        *history = if kept.len() > MAX_HISTORY * 3 / 4 {
            every_other(&kept, |_| false)
        } else {
            kept
        };
    }
}

/// The points at even indices, the last one, and those `keep` asks for.
fn every_other<T: Copy>(points: &[T], keep: impl Fn(&T) -> bool) -> Vec<T> {
    let last = points.len().saturating_sub(1);
    points
        .iter()
        .enumerate()
        .filter(|&(i, p)| i % 2 == 0 || i == last || keep(p))
        .map(|(_, p)| *p)
        .collect()
}

/// A probed or drawn point in the view and the decoded image there.
pub type Probe = ([f32; 2], Vec<u8>);

#[derive(Clone, Debug, Default, PartialEq)]
pub struct LabState {
    pub status: LabStatus,
    pub setup: Option<LabSetup>,
    pub summary: Option<LabSummary>,
    pub history: Vec<HistoryPoint>,
    pub decoded: Option<Probe>,
    pub drawn: Option<Probe>,
    pub samples: Option<Vec<u8>>,
    pub manifold: Option<Vec<u8>>,
    pub interpolation: Option<Vec<u8>>,
    /// The run was training when its chapter was left (or its worker died), and resumes.
    pub resume: bool,
    pub files: WeightsState,
}

/// Which fields of a [`LabState`] an event may have changed: the store notifies only those.
/// (`resume` changes only on the store's own calls, never on an event.)
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LabChanges {
    pub status: bool,
    pub setup: bool,
    pub summary: bool,
    pub history: bool,
    pub decoded: bool,
    pub drawn: bool,
    pub samples: bool,
    pub manifold: bool,
    pub interpolation: bool,
    pub files: bool,
}

impl LabState {
    pub fn apply(&mut self, event: LabEvent) -> LabChanges {
        let before = self.status;
        let mut changed = LabChanges::default();
        match event {
            LabEvent::Setup(setup) => {
                // A new model: what was shown of the old one goes.
                *self = LabState {
                    status: self.status,
                    setup: Some(setup),
                    resume: self.resume,
                    ..LabState::default()
                };
                changed = LabChanges {
                    setup: true,
                    summary: true,
                    history: true,
                    decoded: true,
                    drawn: true,
                    samples: true,
                    manifold: true,
                    interpolation: true,
                    files: true,
                    ..changed
                };
            }
            LabEvent::Summary(s) => {
                let point = HistoryPoint {
                    step: s.step,
                    train: s.train,
                    test: s.test,
                };
                push_thinned(&mut self.history, point, |_| false);
                self.status = self.status.after_summary(s.running);
                self.summary = Some(s);
                changed.history = true;
                changed.summary = true;
            }
            LabEvent::Decoded { point, image } => {
                self.decoded = Some((point, image));
                changed.decoded = true;
            }
            LabEvent::Drawn { point, image } => {
                self.drawn = Some((point, image));
                changed.drawn = true;
            }
            LabEvent::Samples(images) => {
                self.samples = Some(images);
                changed.samples = true;
            }
            LabEvent::Manifold { images, .. } => {
                self.manifold = Some(images);
                changed.manifold = true;
            }
            LabEvent::Interpolation(images) => {
                self.interpolation = Some(images);
                changed.interpolation = true;
            }
            LabEvent::Running { .. } => self.status = self.status.after_run(),
            LabEvent::Paused { .. } => self.status = self.status.after_pause(),
            LabEvent::Diverged { reason, step } => {
                self.status = LabStatus::Diverged { reason, step }
            }
            // New weights train again: the summary that follows says whether the run is on.
            LabEvent::Imported(imported) => {
                if matches!(self.status, LabStatus::Diverged { .. }) {
                    self.status = LabStatus::Paused;
                }
                self.files.imported(imported);
                changed.files = true;
            }
            LabEvent::ImportRefused { problem } => {
                self.files.refused(problem);
                changed.files = true;
            }
            LabEvent::Exported(file) => {
                self.files.exported(file);
                changed.files = true;
            }
            // Kept in the browser's storage, or told, by `app::saved_runs`.
            LabEvent::Checkpoint { .. } | LabEvent::RestoreRefused { .. } => {}
        }
        changed.status = self.status != before;
        changed
    }

    /// A reset was sent: a new model is on its way, and nothing waits to resume.
    pub fn starting(&mut self) {
        self.status = LabStatus::Starting;
        self.resume = false;
    }

    /// The worker reported a failure of this lab: a refused reset or a failed step.
    pub fn failed(&mut self) {
        self.status = self.status.after_failure();
    }

    /// The worker died; the curves stay, and the chapter makes a new model.
    pub fn lost(&mut self) {
        (self.status, self.resume) = model_lost(self.status);
    }
}

#[cfg(test)]
#[path = "lab_state_tests.rs"]
mod tests;
