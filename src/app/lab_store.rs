//! The page's copy of one lab (autoencoder or VAE): `view::lab_state` held in signals, one per
//! field, so that a new image does not redraw the loss curves. It lives as long as the page, so
//! a chapter that is left and revisited finds its curves.

use leptos::prelude::*;

use super::signal_state::{put, take};
use crate::jobs::lab::config::LabConfig;
use crate::jobs::lab::fields::FieldErrors;
use crate::jobs::lab::{LabEvent, LabId, LabSetup, LabSummary};
pub use crate::view::lab_state::{HistoryPoint, LabStatus};
use crate::view::lab_state::{LabChanges, LabState, Probe};
use crate::view::own_images_state::OwnImagesState;
use crate::view::weights_state::WeightsState;

#[derive(Clone, Copy)]
pub struct LabStore {
    pub id: LabId,
    /// The configuration of the model in the worker (the form may differ until applied).
    pub config: RwSignal<LabConfig>,
    pub status: RwSignal<LabStatus>,
    pub setup: RwSignal<Option<LabSetup>>,
    pub summary: RwSignal<Option<LabSummary>>,
    pub history: RwSignal<Vec<HistoryPoint>>,
    pub decoded: RwSignal<Option<Probe>>,
    pub drawn: RwSignal<Option<Probe>>,
    pub samples: RwSignal<Option<Vec<u8>>>,
    pub manifold: RwSignal<Option<Vec<u8>>>,
    pub interpolation: RwSignal<Option<Vec<u8>>>,
    /// The run was training when its chapter was left, and resumes on return.
    pub resume: RwSignal<bool>,
    /// Why parameters of the link the page was opened with were not applied (until the
    /// visitor applies settings of their own).
    pub link_refused: RwSignal<FieldErrors>,
    /// The last export and the last import's note.
    pub files: RwSignal<WeightsState>,
    /// The visitor's own pictures, prepared; kept here so that they outlive the chapter's
    /// components and the worker (a new worker is sent them again).
    pub own: RwSignal<OwnImagesState>,
    /// Whether the worker holds `own` as it is (false after the worker was lost).
    pub own_sent: StoredValue<bool>,
}

impl LabStore {
    pub fn new(id: LabId, config: LabConfig) -> LabStore {
        LabStore {
            id,
            config: RwSignal::new(config),
            status: RwSignal::new(LabStatus::Empty),
            setup: RwSignal::new(None),
            summary: RwSignal::new(None),
            history: RwSignal::new(Vec::new()),
            decoded: RwSignal::new(None),
            drawn: RwSignal::new(None),
            samples: RwSignal::new(None),
            manifold: RwSignal::new(None),
            interpolation: RwSignal::new(None),
            resume: RwSignal::new(false),
            link_refused: RwSignal::new(Vec::new()),
            files: RwSignal::new(WeightsState::default()),
            own: RwSignal::new(OwnImagesState::default()),
            own_sent: StoredValue::new(true),
        }
    }

    /// Runs `change` on the state moved out of the signals (no copy), then moves it back and
    /// notifies the fields that changed.
    fn with_state(self, change: impl FnOnce(&mut LabState) -> LabChanges) {
        let mut s = LabState {
            status: self.status.get_untracked(),
            setup: take(self.setup),
            summary: take(self.summary),
            history: take(self.history),
            decoded: take(self.decoded),
            drawn: take(self.drawn),
            samples: take(self.samples),
            manifold: take(self.manifold),
            interpolation: take(self.interpolation),
            resume: self.resume.get_untracked(),
            files: take(self.files),
        };
        let (status, resume) = (s.status, s.resume);
        let c = change(&mut s);
        put(self.status, s.status, s.status != status);
        put(self.setup, s.setup, c.setup);
        put(self.summary, s.summary, c.summary);
        put(self.history, s.history, c.history);
        put(self.decoded, s.decoded, c.decoded);
        put(self.drawn, s.drawn, c.drawn);
        put(self.samples, s.samples, c.samples);
        put(self.manifold, s.manifold, c.manifold);
        put(self.interpolation, s.interpolation, c.interpolation);
        put(self.resume, s.resume, s.resume != resume);
        put(self.files, s.files, c.files);
    }

    pub fn apply(self, event: LabEvent) {
        self.with_state(|s| s.apply(event));
    }

    /// The worker refused a task: if it was this lab's reset, the lab has no model.
    pub fn failed(self) {
        self.with_state(|s| {
            s.failed();
            LabChanges::default()
        });
    }

    /// The worker died and took the model with it; the curves stay, and the chapter makes a
    /// new model (resuming training if it was training).
    pub fn lost(self) {
        self.own_sent.set_value(false);
        self.with_state(|s| {
            s.lost();
            LabChanges::default()
        });
    }

    pub fn running(self) -> bool {
        self.status.get() == LabStatus::Running
    }
}
