//! The page's copy of one lab (autoencoder or VAE): what the worker last reported, as signals.
//! It lives as long as the page, so a chapter that is left and revisited finds its curves.

use leptos::prelude::*;

use crate::jobs::lab::config::LabConfig;
use crate::jobs::lab::{Divergence, LabEvent, LabId, LabSetup, LabSummary};
use crate::models::Losses;

/// More points than this in a loss curve and every other one is dropped: a long run keeps
/// its whole shape at half the resolution, and drawing stays cheap.
const MAX_HISTORY: usize = 4000;

/// The worker reported a failure of this lab: its reset was refused (no model), or a training
/// step failed (the model stopped). Either way only a reset trains again.
pub fn start_failed(status: RwSignal<LabStatus>) {
    if matches!(
        status.get_untracked(),
        LabStatus::Starting | LabStatus::Running
    ) {
        status.set(LabStatus::Failed);
    }
}

/// The worker died and took a lab's model with it; the curves stay, and its chapter makes a
/// new model (resuming training if it was training).
pub fn model_lost(status: RwSignal<LabStatus>, resume: RwSignal<bool>) {
    resume.set(status.get_untracked() == LabStatus::Running);
    status.set(LabStatus::Empty);
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum LabStatus {
    /// No model in the worker (never made, or lost with a crashed worker).
    Empty,
    /// A reset was sent; waiting for the digits and the first summary.
    Starting,
    Paused,
    Running,
    Diverged(Divergence),
    /// The worker refused to build the model, could not load the digits, or a training step
    /// failed (the banner says why); Reset tries again.
    Failed,
}

/// One summary's point on the loss curves.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct HistoryPoint {
    pub step: u64,
    pub train: Option<Losses>,
    pub test: Losses,
}

#[derive(Clone, Copy)]
pub struct LabStore {
    pub id: LabId,
    /// The configuration of the model in the worker (the form may differ until applied).
    pub config: RwSignal<LabConfig>,
    pub status: RwSignal<LabStatus>,
    pub setup: RwSignal<Option<LabSetup>>,
    pub summary: RwSignal<Option<LabSummary>>,
    pub history: RwSignal<Vec<HistoryPoint>>,
    pub decoded: RwSignal<Option<([f32; 2], Vec<u8>)>>,
    pub drawn: RwSignal<Option<([f32; 2], Vec<u8>)>>,
    pub samples: RwSignal<Option<Vec<u8>>>,
    pub manifold: RwSignal<Option<Vec<u8>>>,
    pub interpolation: RwSignal<Option<Vec<u8>>>,
    /// The run was training when its chapter was left, and resumes on return.
    pub resume: RwSignal<bool>,
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
        }
    }

    pub fn apply(self, event: LabEvent) {
        match event {
            LabEvent::Setup(setup) => {
                self.setup.set(Some(setup));
                self.history.set(Vec::new());
                self.summary.set(None);
                self.decoded.set(None);
                self.drawn.set(None);
                self.samples.set(None);
                self.manifold.set(None);
                self.interpolation.set(None);
            }
            LabEvent::Summary(s) => {
                self.history.update(|h| {
                    h.push(HistoryPoint {
                        step: s.step,
                        train: s.train,
                        test: s.test,
                    });
                    if h.len() > MAX_HISTORY {
                        let kept: Vec<HistoryPoint> = h.iter().copied().step_by(2).collect();
                        *h = kept;
                    }
                });
                if !matches!(self.status.get_untracked(), LabStatus::Diverged(_)) {
                    self.status.set(if s.running {
                        LabStatus::Running
                    } else {
                        LabStatus::Paused
                    });
                }
                self.summary.set(Some(s));
            }
            LabEvent::Decoded { point, image } => self.decoded.set(Some((point, image))),
            LabEvent::Drawn { point, image } => self.drawn.set(Some((point, image))),
            LabEvent::Samples(images) => self.samples.set(Some(images)),
            LabEvent::Manifold { images, .. } => self.manifold.set(Some(images)),
            LabEvent::Interpolation(images) => self.interpolation.set(Some(images)),
            LabEvent::Paused { .. } => {
                if self.status.get_untracked() == LabStatus::Running {
                    self.status.set(LabStatus::Paused);
                }
            }
            LabEvent::Diverged { reason, .. } => self.status.set(LabStatus::Diverged(reason)),
        }
    }

    pub fn failed(self) {
        start_failed(self.status);
    }

    pub fn lost(self) {
        model_lost(self.status, self.resume);
    }

    pub fn running(self) -> bool {
        self.status.get() == LabStatus::Running
    }
}
