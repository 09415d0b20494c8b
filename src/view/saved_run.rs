//! A lab's run as the page keeps it in the browser's storage (issue 14, "Training survives a
//! reload"): the settings the form shows, the loss history the page drew, and the worker's
//! sealed snapshot of the model (`jobs::checkpoint`), in one postcard record per lab. Also
//! when to save, and what the lab's status line (`<lab>-saved`) says.

use serde::{Deserialize, Serialize};

use super::format::fill;
use super::lab_state::{HistoryPoint, LabStatus};
use super::translate_state::TfPoint;
use super::weights_state::problem_text;
use crate::i18n::Msg;
use crate::jobs::checkpoint::{self, RestoreProblem};
use crate::jobs::lab::config::LabConfig;
use crate::models::budget::size_text;
use crate::models::TransformerPreset;

const TAG: [u8; 8] = *b"GLRECORD";
/// Raised when a record's fields change meaning; older records are then set aside with a
/// message, not misread.
pub const VERSION: u32 = 1;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum SavedSettings {
    Lab(LabConfig),
    Tf(TransformerPreset),
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum SavedHistory {
    Lab(Vec<HistoryPoint>),
    Tf(Vec<TfPoint>),
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SavedRun {
    pub settings: SavedSettings,
    pub history: SavedHistory,
    /// The worker's `Checkpoint` bytes, given back to it as they are.
    pub snapshot: Vec<u8>,
    pub step: u64,
    /// Milliseconds since the Unix epoch, when it was saved.
    pub saved_at_ms: f64,
}

impl SavedRun {
    pub fn encode(&self) -> Vec<u8> {
        // Serialising plain data into a Vec cannot fail: no I/O, no map keys.
        checkpoint::seal(TAG, VERSION, self).unwrap_or_default()
    }

    /// The record, or why it cannot be read (another version's, or damaged).
    pub fn decode(bytes: &[u8]) -> Result<SavedRun, RestoreProblem> {
        checkpoint::open(bytes, TAG, VERSION)
    }
}

/// What `<lab>-saved` says.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum SavedStatus {
    /// Nothing of this lab is stored (a visit alone stores nothing).
    #[default]
    Never,
    /// Stored at `step`, at `time` (hh:mm, the visitor's clock).
    Saved { step: u64, time: String },
    /// The page opened on a stored run, paused at `step`.
    Restored { step: u64 },
    /// The worker died, and the run came back from its last save, at `step`, paused.
    Recovered { step: u64 },
    /// The browser refused to store more; training goes on.
    Full,
    /// The browser lets the page store nothing (no IndexedDB, or it would not open).
    Blocked,
    /// A stored run could not be taken; a fresh model started instead.
    Unreadable(RestoreProblem),
    /// "Start over" deleted the stored run.
    Forgotten,
}

/// The status line in the language of `t`.
pub fn saved_text(t: impl Fn(Msg) -> &'static str, status: &SavedStatus) -> String {
    match status {
        SavedStatus::Never => t(Msg::SavedNever).to_string(),
        SavedStatus::Saved { step, time } => fill(
            t(Msg::SavedAt),
            &[("step", &step.to_string()), ("time", time)],
        ),
        SavedStatus::Restored { step } => {
            fill(t(Msg::SavedRestored), &[("step", &step.to_string())])
        }
        SavedStatus::Recovered { step } => {
            fill(t(Msg::SavedRecovered), &[("step", &step.to_string())])
        }
        SavedStatus::Full => t(Msg::SavedFull).to_string(),
        SavedStatus::Blocked => t(Msg::SavedBlocked).to_string(),
        SavedStatus::Unreadable(p) => fill(
            t(Msg::SavedUnreadable),
            &[("why", &restore_problem_text(&t, p))],
        ),
        SavedStatus::Forgotten => t(Msg::SavedForgotten).to_string(),
    }
}

/// Why a saved run was not taken, in the language of `t`.
pub fn restore_problem_text(t: &impl Fn(Msg) -> &'static str, p: &RestoreProblem) -> String {
    match p {
        RestoreProblem::TooLarge { bytes, max } => fill(
            t(Msg::RpTooLarge),
            &[("size", &size_text(*bytes)), ("max", &size_text(*max))],
        ),
        RestoreProblem::NotASavedRun => t(Msg::RpNotASavedRun).to_string(),
        RestoreProblem::Version { found, expected } => fill(
            t(Msg::RpVersion),
            &[
                ("found", &found.to_string()),
                ("expected", &expected.to_string()),
            ],
        ),
        RestoreProblem::Malformed { detail } => fill(t(Msg::RpMalformed), &[("detail", detail)]),
        RestoreProblem::Settings { detail } => fill(t(Msg::RpSettings), &[("detail", detail)]),
        RestoreProblem::Weights(w) => fill(t(Msg::RpWeights), &[("detail", &problem_text(t, w))]),
        RestoreProblem::State { detail } => fill(t(Msg::RpState), &[("detail", detail)]),
    }
}

/// When a lab's run is worth saving: it has trained since it was last saved (or restored),
/// nothing is on its way already, and it has not diverged (its weights may be NaN, which no
/// restore would take).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SaveGate {
    saved_step: Option<u64>,
    in_flight: bool,
}

impl SaveGate {
    pub fn wants(&self, status: LabStatus, step: u64) -> bool {
        let trained = matches!(status, LabStatus::Running | LabStatus::Paused) && step > 0;
        trained && !self.in_flight && self.saved_step != Some(step)
    }

    /// A snapshot of the current model was asked for and has not come back yet.
    pub fn awaited(&self) -> bool {
        self.in_flight
    }

    /// A snapshot was asked for: no other until it is written or lost.
    pub fn asked(&mut self) {
        self.in_flight = true;
    }

    /// The snapshot of `step` was written (`Some`), or could not be (`None`).
    pub fn done(&mut self, step: Option<u64>) {
        self.in_flight = false;
        if step.is_some() {
            self.saved_step = step;
        }
    }

    /// A new model (a reset, a restore at `step`, a worker that died): what was saved of the
    /// old one says nothing of it, and an answer still on its way is lost.
    pub fn new_model(&mut self, step: Option<u64>) {
        *self = SaveGate {
            saved_step: step,
            in_flight: false,
        };
    }
}

#[cfg(test)]
#[path = "saved_run_tests.rs"]
mod tests;
