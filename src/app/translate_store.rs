//! The page's copy of the Transformer lab: `view::translate_state` held in signals, one per
//! field, that outlive the chapter.

use leptos::prelude::*;

use super::lab_store::LabStatus;
use super::signal_state::{put, take};
use crate::app::worker_client::worker_link;
use crate::jobs::lab::fields::FieldErrors;
use crate::jobs::translate::{
    Inspection, Preparation, TranslateCommand, TranslateEvent, TranslateSetup, TranslateSummary,
};
use crate::jobs::Order;
use crate::models::{AttentionMaps, TransformerPreset};
use crate::protocol::Command;
use crate::view::own_pairs_state::PairsPanel;
pub use crate::view::translate_state::{TfPoint, Typed};
use crate::view::translate_state::{TranslateChanges, TranslateState};
use crate::view::weights_state::WeightsState;

/// Sends a command to the Transformer lab in the worker; callable from event handlers.
pub fn send_translate(cmd: TranslateCommand) {
    if let Some(link) = worker_link() {
        link.send(Command::Order(Order::Tf(cmd)));
    }
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
    /// How far a new lab has got before its first summary.
    pub preparing: RwSignal<Option<Preparation>>,
    /// Why parameters of the link the page was opened with were not applied.
    pub link_refused: RwSignal<FieldErrors>,
    /// The last export and the last import's note.
    pub files: RwSignal<WeightsState>,
    /// The visitor's own pairs panel; the pairs in use travel in `preset`, so a rebuilt worker
    /// gets them again.
    pub pairs: RwSignal<PairsPanel>,
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
            preparing: RwSignal::new(None),
            link_refused: RwSignal::new(Vec::new()),
            files: RwSignal::new(WeightsState::default()),
            pairs: RwSignal::new(PairsPanel::default()),
        }
    }

    /// Runs `change` on the state moved out of the signals, then moves it back and notifies
    /// the fields that changed.
    fn with_state(self, change: impl FnOnce(&mut TranslateState) -> TranslateChanges) {
        let mut s = TranslateState {
            status: self.status.get_untracked(),
            setup: take(self.setup),
            summary: take(self.summary),
            history: take(self.history),
            attention: take(self.attention),
            snapshots: take(self.snapshots),
            watching: self.watching.get_untracked(),
            typed: take(self.typed),
            inspected: take(self.inspected),
            resume: self.resume.get_untracked(),
            preparing: self.preparing.get_untracked(),
            files: take(self.files),
        };
        let (status, watching, resume) = (s.status, s.watching, s.resume);
        let c = change(&mut s);
        put(self.status, s.status, s.status != status);
        put(self.setup, s.setup, c.setup);
        put(self.summary, s.summary, c.summary);
        put(self.history, s.history, c.history);
        put(self.attention, s.attention, c.attention);
        put(self.snapshots, s.snapshots, c.snapshots);
        put(
            self.watching,
            s.watching,
            c.watching || s.watching != watching,
        );
        put(self.typed, s.typed, c.typed);
        put(self.inspected, s.inspected, c.inspected);
        put(self.resume, s.resume, s.resume != resume);
        put(self.preparing, s.preparing, c.preparing);
        put(self.files, s.files, c.files);
    }

    /// A new model with `preset`.
    pub fn reset(self, preset: TransformerPreset) {
        self.preset.set(preset.clone());
        super::saved_runs::new_model(super::saved_runs::Kept::Tf);
        self.status.set(LabStatus::Starting);
        self.resume.set(false);
        self.preparing.set(None);
        send_translate(TranslateCommand::Reset(preset));
    }

    pub fn apply(self, event: TranslateEvent) {
        self.with_state(|s| s.apply(event));
    }

    pub fn failed(self) {
        self.with_state(|s| {
            s.failed();
            TranslateChanges::default()
        });
    }

    pub fn lost(self) {
        self.with_state(|s| {
            s.lost();
            TranslateChanges::default()
        });
    }
}
