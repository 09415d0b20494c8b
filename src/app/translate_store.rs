//! The page's copy of the Transformer lab: what the worker last reported, as signals that
//! outlive the chapter.

use leptos::prelude::*;

use super::lab_store::{model_lost, start_failed, LabStatus};
use crate::app::worker_client::worker_link;
use crate::jobs::lab::Divergence;
use crate::jobs::translate::{
    Inspection, TranslateCommand, TranslateEvent, TranslateSetup, TranslateSummary,
};
use crate::jobs::Order;
use crate::models::{AttentionMaps, Evaluation, TransformerPreset};
use crate::protocol::Command;

/// Sends a command to the Transformer lab in the worker; callable from event handlers.
pub fn send_translate(cmd: TranslateCommand) {
    if let Some(link) = worker_link() {
        link.send(Command::Order(Order::Tf(cmd)));
    }
}

/// More summaries than this and every other one is dropped.
const MAX_HISTORY: usize = 4000;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TfPoint {
    pub step: u64,
    pub train_loss: Option<f32>,
    /// Present on the summaries that carry a new held-out score.
    pub test: Option<Evaluation>,
}

/// The answer to the visitor's own input.
#[derive(Clone, Debug, PartialEq)]
pub enum Typed {
    Output {
        input: String,
        output: String,
        maps: AttentionMaps,
    },
    Unknown {
        input: String,
        chars: Vec<(u32, char)>,
    },
    TooLong {
        max: u32,
    },
}

#[derive(Clone, Copy)]
pub struct TranslateStore {
    pub preset: RwSignal<TransformerPreset>,
    pub status: RwSignal<LabStatus>,
    pub setup: RwSignal<Option<TranslateSetup>>,
    pub summary: RwSignal<Option<TranslateSummary>>,
    pub history: RwSignal<Vec<TfPoint>>,
    /// The watched example's attention now: (example, step, maps).
    pub attention: RwSignal<Option<(u8, u64, AttentionMaps)>>,
    /// The watched example's attention at log-spaced steps.
    pub snapshots: RwSignal<Vec<(u64, AttentionMaps)>>,
    pub watching: RwSignal<u8>,
    pub typed: RwSignal<Option<Typed>>,
    /// The first encoder attention on the Self-attention chapter's input: (input, answer).
    pub inspected: RwSignal<Option<(String, Inspection)>>,
    pub resume: RwSignal<bool>,
}

impl TranslateStore {
    pub fn new() -> TranslateStore {
        TranslateStore {
            preset: RwSignal::new(TransformerPreset::dates()),
            status: RwSignal::new(LabStatus::Empty),
            setup: RwSignal::new(None),
            summary: RwSignal::new(None),
            history: RwSignal::new(Vec::new()),
            attention: RwSignal::new(None),
            snapshots: RwSignal::new(Vec::new()),
            watching: RwSignal::new(0),
            typed: RwSignal::new(None),
            inspected: RwSignal::new(None),
            resume: RwSignal::new(false),
        }
    }

    pub fn apply(self, event: TranslateEvent) {
        match event {
            TranslateEvent::Setup(setup) => {
                self.setup.set(Some(setup));
                self.summary.set(None);
                self.history.set(Vec::new());
                self.attention.set(None);
                self.snapshots.set(Vec::new());
                self.watching.set(0);
                self.typed.set(None);
                self.inspected.set(None);
            }
            TranslateEvent::Summary(s) => {
                let last_test = self
                    .history
                    .with_untracked(|h| h.iter().rev().find_map(|p| p.test.map(|_| p.step)));
                let fresh = s.test.filter(|(step, _)| last_test != Some(*step));
                self.history.update(|h| {
                    h.push(TfPoint {
                        step: s.step,
                        train_loss: s.train_loss,
                        test: fresh.map(|(_, e)| e),
                    });
                    if h.len() > MAX_HISTORY {
                        // Keep every point that carries a score, and every other one else.
                        let kept = h
                            .iter()
                            .enumerate()
                            .filter(|(i, p)| p.test.is_some() || i % 2 == 0)
                            .map(|(_, p)| *p)
                            .collect();
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
            TranslateEvent::Attention {
                example,
                step,
                maps,
            } => self.attention.set(Some((example, step, maps))),
            TranslateEvent::Snapshot {
                example,
                step,
                maps,
            } => {
                if example == self.watching.get_untracked() {
                    self.snapshots.update(|s| {
                        s.retain(|(k, _)| *k != step);
                        s.push((step, maps));
                        s.sort_by_key(|(k, _)| *k);
                    });
                }
            }
            TranslateEvent::Translation {
                input,
                output,
                maps,
            } => self.typed.set(Some(Typed::Output {
                input,
                output,
                maps,
            })),
            TranslateEvent::Unknown { input, chars } => {
                self.typed.set(Some(Typed::Unknown { input, chars }))
            }
            TranslateEvent::TooLong { max, .. } => self.typed.set(Some(Typed::TooLong { max })),
            TranslateEvent::Inspected { input, inspection } => {
                self.inspected.set(Some((input, inspection)))
            }
            TranslateEvent::Paused { .. } => {
                if self.status.get_untracked() == LabStatus::Running {
                    self.status.set(LabStatus::Paused);
                }
            }
            TranslateEvent::Diverged { .. } => {
                self.status.set(LabStatus::Diverged(Divergence::NonFinite))
            }
        }
    }

    pub fn failed(self) {
        start_failed(self.status);
    }

    pub fn lost(self) {
        model_lost(self.status, self.resume);
    }
}
