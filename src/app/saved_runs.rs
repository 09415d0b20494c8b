//! Training survives a reload and a worker crash (issue 14): each lab's run (autoencoder, VAE,
//! Transformer) is kept in IndexedDB (`app::idb`) about every 10 s while it trains, when it
//! pauses and when the page is hidden. A chapter whose lab has no model yet opens on the kept
//! run, paused, unless the page was opened with a link for that lab (the link's settings win,
//! and the kept run stays). When the worker dies, each lab comes back from its last save, from
//! memory, so this works even where the browser stores nothing. "Start over" deletes it. What
//! is kept and what the status line says are `view::saved_run`.

use std::cell::{Cell, RefCell};

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::spawn_local;

use super::idb::{self, StoreError};
use super::lab_store::{LabStatus, LabStore};
use super::lab_ui::{reset, send};
use super::translate_store::{send_translate, TranslateStore};
use super::worker_client::{worker_link, WorkerLink};
use crate::jobs::lab::config::LabConfig;
use crate::jobs::lab::{LabCommand, LabEvent, LabId};
use crate::jobs::translate::{TranslateCommand, TranslateEvent};
use crate::view::own_pairs_state::PairsPanel;
use crate::view::saved_run::{SaveGate, SavedHistory, SavedRun, SavedSettings, SavedStatus};

/// How often a running lab is saved.
const SAVE_EVERY_MS: i32 = 10_000;

/// A lab whose run is kept: the index of its slot and its key in the object store.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kept {
    Ae,
    Vae,
    Tf,
}

const ALL: [Kept; 3] = [Kept::Ae, Kept::Vae, Kept::Tf];

impl Kept {
    fn key(self) -> &'static str {
        match self {
            Kept::Ae => "ae",
            Kept::Vae => "vae",
            Kept::Tf => "tf",
        }
    }
}

impl From<LabId> for Kept {
    fn from(id: LabId) -> Kept {
        match id {
            LabId::Ae => Kept::Ae,
            LabId::Vae => Kept::Vae,
        }
    }
}

/// A lab's page store, whichever kind: what saving and restoring need of it.
#[derive(Clone, Copy)]
pub enum Slot {
    Lab(LabStore),
    Tf(TranslateStore),
}

impl Slot {
    pub fn kept(self) -> Kept {
        match self {
            Slot::Lab(lab) => lab.id.into(),
            Slot::Tf(_) => Kept::Tf,
        }
    }

    fn of(link: WorkerLink, kept: Kept) -> Slot {
        match kept {
            Kept::Ae => Slot::Lab(link.ae),
            Kept::Vae => Slot::Lab(link.vae),
            Kept::Tf => Slot::Tf(link.tf),
        }
    }

    pub fn status(self) -> RwSignal<LabStatus> {
        match self {
            Slot::Lab(lab) => lab.status,
            Slot::Tf(tf) => tf.status,
        }
    }

    fn resume(self) -> RwSignal<bool> {
        match self {
            Slot::Lab(lab) => lab.resume,
            Slot::Tf(tf) => tf.resume,
        }
    }

    fn step(self) -> u64 {
        match self {
            Slot::Lab(lab) => lab
                .summary
                .with_untracked(|s| s.as_ref().map_or(0, |s| s.step)),
            Slot::Tf(tf) => tf
                .summary
                .with_untracked(|s| s.as_ref().map_or(0, |s| s.step)),
        }
    }

    fn checkpoint(self) {
        match self {
            Slot::Lab(lab) => send(lab, LabCommand::Checkpoint),
            Slot::Tf(_) => send_translate(TranslateCommand::Checkpoint),
        }
    }

    fn restore(self, snapshot: Vec<u8>) {
        self.status().set(LabStatus::Starting);
        match self {
            Slot::Lab(lab) => send(lab, LabCommand::Restore(snapshot)),
            Slot::Tf(_) => send_translate(TranslateCommand::Restore(snapshot)),
        }
    }

    /// A fresh model from the store's current settings.
    fn fresh(self) {
        match self {
            Slot::Lab(lab) => reset(lab, lab.config.get_untracked()),
            Slot::Tf(tf) => tf.reset(tf.preset.get_untracked()),
        }
    }

    fn record(self, step: u64, snapshot: Vec<u8>) -> SavedRun {
        let (settings, history) = match self {
            Slot::Lab(lab) => (
                SavedSettings::Lab(lab.config.get_untracked()),
                SavedHistory::Lab(lab.history.get_untracked()),
            ),
            Slot::Tf(tf) => (
                SavedSettings::Tf(tf.preset.get_untracked()),
                SavedHistory::Tf(tf.history.get_untracked()),
            ),
        };
        SavedRun {
            settings,
            history,
            snapshot,
            step,
            saved_at_ms: js_sys::Date::now(),
        }
    }

    /// Puts a kept run's settings into the store; false if they are another lab's.
    fn take_settings(self, settings: SavedSettings) -> bool {
        match (self, settings) {
            (Slot::Lab(lab), SavedSettings::Lab(config))
                if matches!(
                    (lab.id, &config),
                    (LabId::Ae, LabConfig::Ae(_)) | (LabId::Vae, LabConfig::Vae(_))
                ) =>
            {
                lab.config.set(config);
                true
            }
            (Slot::Tf(tf), SavedSettings::Tf(preset)) => {
                // A run on the visitor's pairs shows them in their panel, as when it was saved.
                if let Some(pairs) = &preset.task.pairs {
                    tf.pairs.set(PairsPanel::restored(pairs));
                }
                tf.preset.set(preset);
                true
            }
            _ => false,
        }
    }

    fn put_history(self, history: SavedHistory) {
        match (self, history) {
            (Slot::Lab(lab), SavedHistory::Lab(h)) => lab.history.set(h),
            (Slot::Tf(tf), SavedHistory::Tf(h)) => {
                let now = tf.history.get_untracked();
                tf.history
                    .set(crate::view::translate_state::resumed_history(h, &now));
            }
            _ => {}
        }
    }

    fn clear_history(self) {
        match self {
            Slot::Lab(lab) => lab.history.set(Vec::new()),
            Slot::Tf(tf) => tf.history.set(Vec::new()),
        }
    }
}

#[derive(Default)]
struct Lab {
    gate: SaveGate,
    /// The kept curves, put back once the restored model's first summary is in.
    history: Option<SavedHistory>,
    /// The page was opened with a link for this lab.
    linked: bool,
    /// The last run kept (or restored) of the model in the worker: what a worker crash
    /// restores, from memory, even where the browser stores nothing.
    last: Option<SavedRun>,
}

thread_local! {
    static LABS: RefCell<[Lab; 3]> = RefCell::new(Default::default());
    static STATUS: Cell<Option<[RwSignal<SavedStatus>; 3]>> = const { Cell::new(None) };
    static FORMS: Cell<Option<[RwSignal<u32>; 3]>> = const { Cell::new(None) };
}

fn with<R>(kept: Kept, f: impl FnOnce(&mut Lab) -> R) -> R {
    LABS.with_borrow_mut(|labs| f(&mut labs[kept as usize]))
}

/// One signal per lab, made on first use (signals need the reactive owner of the page).
fn signals<T: Send + Sync + Clone + 'static>(
    cell: &'static std::thread::LocalKey<Cell<Option<[RwSignal<T>; 3]>>>,
    first: impl Fn() -> T,
) -> [RwSignal<T>; 3] {
    cell.with(|s| {
        s.get().unwrap_or_else(|| {
            let made = [(); 3].map(|()| RwSignal::new(first()));
            s.set(Some(made));
            made
        })
    })
}

/// What `<lab>-saved` says for a lab.
pub fn status(kept: impl Into<Kept>) -> RwSignal<SavedStatus> {
    signals(&STATUS, || SavedStatus::Never)[kept.into() as usize]
}

/// Counts the kept runs whose settings were put into a lab's store after its chapter drew
/// its form: the chapter draws the form again from them.
pub fn restored_forms(kept: impl Into<Kept>) -> RwSignal<u32> {
    signals(&FORMS, || 0)[kept.into() as usize]
}

/// Once per page: the status signals, the 10 s timer and the page-hidden listeners.
pub fn install() {
    for kept in ALL {
        status(kept);
        restored_forms(kept);
    }
    let tick = Closure::<dyn FnMut()>::new(|| save_all(true));
    let _ = window().set_interval_with_callback_and_timeout_and_arguments_0(
        tick.as_ref().unchecked_ref(),
        SAVE_EVERY_MS,
    );
    tick.forget();
    let hidden = Closure::<dyn FnMut()>::new(|| {
        if document().visibility_state() == web_sys::VisibilityState::Hidden {
            save_all(false);
        }
    });
    let _ = document()
        .add_event_listener_with_callback("visibilitychange", hidden.as_ref().unchecked_ref());
    hidden.forget();
    let gone = Closure::<dyn FnMut()>::new(|| save_all(false));
    let _ = window().add_event_listener_with_callback("pagehide", gone.as_ref().unchecked_ref());
    gone.forget();
}

/// Asks each lab with unsaved training for a snapshot (only running ones, for the timer).
fn save_all(running_only: bool) {
    let Some(link) = worker_link() else {
        return;
    };
    for kept in ALL {
        let slot = Slot::of(link, kept);
        if !running_only || slot.status().get_untracked() == LabStatus::Running {
            save(slot);
        }
    }
}

/// Asks the worker for a snapshot, if the lab trained since it was last kept.
pub fn save(slot: Slot) {
    let (status, step) = (slot.status().get_untracked(), slot.step());
    let ask = with(slot.kept(), |l| {
        let wants = l.gate.wants(status, step);
        if wants {
            l.gate.asked();
        }
        wants
    });
    if ask {
        slot.checkpoint();
    }
}

/// The page was opened with a link for a lab: its first model is the link's, not a kept run.
pub fn linked(kept: impl Into<Kept>) {
    with(kept.into(), |l| l.linked = true);
}

/// A new model from settings (a reset): what was kept says nothing of it.
pub fn new_model(kept: impl Into<Kept>) {
    with(kept.into(), |l| {
        l.gate.new_model(None);
        l.history = None;
        l.last = None;
    });
}

/// The chapter's first model: the kept run if there is one (and no link), else a fresh one.
pub fn start(slot: Slot) {
    let kept = slot.kept();
    if with(kept, |l| l.linked) {
        return slot.fresh();
    }
    slot.status().set(LabStatus::Starting);
    spawn_local(async move {
        let run = match idb::get(kept.key()).await {
            Ok(Some(bytes)) => SavedRun::decode(&bytes),
            Ok(None) | Err(StoreError::Failed | StoreError::Full) => return slot.fresh(),
            Err(StoreError::Blocked) => {
                status(kept).set(SavedStatus::Blocked);
                return slot.fresh();
            }
        };
        match run {
            Ok(run) => {
                let step = run.step;
                if !restore(slot, run) {
                    return slot.fresh();
                }
                status(kept).set(SavedStatus::Restored { step });
            }
            Err(problem) => {
                status(kept).set(SavedStatus::Unreadable(problem));
                slot.fresh();
            }
        }
    });
}

/// Brings `run` back into the lab: its settings into the store and the form, its curves once
/// the model is back, its snapshot to the worker. False if it is another lab's run.
fn restore(slot: Slot, run: SavedRun) -> bool {
    let kept = slot.kept();
    if !slot.take_settings(run.settings.clone()) {
        return false;
    }
    restored_forms(kept).update(|n| *n += 1);
    let snapshot = run.snapshot.clone();
    with(kept, |l| {
        l.gate.new_model(Some(run.step));
        l.history = Some(run.history.clone());
        l.last = Some(run);
    });
    slot.restore(snapshot);
    true
}

/// The worker died and a new one is starting: every lab with a kept run comes back from it,
/// paused (its commands wait for the new worker). Labs with none stay empty, as before, and
/// their chapters make a fresh model.
pub fn worker_replaced(link: WorkerLink) {
    for kept in ALL {
        let Some(run) = with(kept, |l| l.last.take()) else {
            continue;
        };
        let slot = Slot::of(link, kept);
        let step = run.step;
        // Paused, whatever it was doing: a run that crashed the worker should not start again
        // by itself.
        slot.resume().set(false);
        if restore(slot, run) {
            status(kept).set(SavedStatus::Recovered { step });
        }
    }
}

/// What the page does with a digit lab's event besides its store. Called after the store
/// took the event.
pub fn after_lab(lab: LabStore, event: &LabEvent) {
    let slot = Slot::Lab(lab);
    match event {
        LabEvent::Checkpoint { step, bytes } => keep(slot, *step, bytes.clone()),
        LabEvent::RestoreRefused { problem } => refused(slot, problem.clone()),
        LabEvent::Summary(s) => summarised(slot, s.running),
        _ => {}
    }
}

/// [`after_lab`] for the Transformer.
pub fn after_tf(tf: TranslateStore, event: &TranslateEvent) {
    let slot = Slot::Tf(tf);
    match event {
        TranslateEvent::Checkpoint { step, bytes } => keep(slot, *step, bytes.clone()),
        TranslateEvent::RestoreRefused { problem } => refused(slot, problem.clone()),
        TranslateEvent::Summary(s) => summarised(slot, s.running),
        _ => {}
    }
}

/// The worker would not take a kept run: a fresh model, and the reason on the status line.
fn refused(slot: Slot, problem: crate::jobs::checkpoint::RestoreProblem) {
    with(slot.kept(), |l| l.last = None);
    status(slot.kept()).set(SavedStatus::Unreadable(problem));
    slot.fresh();
}

/// Puts the kept curves back after a restore; otherwise keeps what a pause or a single step
/// trained.
fn summarised(slot: Slot, running: bool) {
    if let Some(history) = with(slot.kept(), |l| l.history.take()) {
        slot.put_history(history);
    } else if !running {
        save(slot);
    }
}

fn keep(slot: Slot, step: u64, snapshot: Vec<u8>) {
    let kept = slot.kept();
    // An answer asked of a model that has since been replaced (a reset, a restore) is not
    // this model's run: the worker answers in order, so it arrives before the new model.
    if !with(kept, |l| l.gate.awaited()) {
        return;
    }
    let run = slot.record(step, snapshot);
    let bytes = run.encode();
    let time = clock(run.saved_at_ms);
    with(kept, |l| l.last = Some(run));
    spawn_local(async move {
        let written = idb::put(kept.key(), Some(&bytes)).await;
        with(kept, |l| l.gate.done(written.ok().map(|()| step)));
        status(kept).set(match written {
            Ok(()) => SavedStatus::Saved { step, time },
            Err(StoreError::Full) => SavedStatus::Full,
            Err(StoreError::Blocked) => SavedStatus::Blocked,
            Err(StoreError::Failed) => return,
        });
    });
}

/// hh:mm on the visitor's clock.
fn clock(ms: f64) -> String {
    let d = js_sys::Date::new(&JsValue::from_f64(ms));
    format!("{:02}:{:02}", d.get_hours(), d.get_minutes())
}

/// "Start over": the kept run is deleted, and a fresh model starts from the current settings.
pub fn forget(slot: Slot) {
    let kept = slot.kept();
    new_model(kept);
    spawn_local(async move {
        let deleted = idb::put(kept.key(), None).await;
        status(kept).set(match deleted {
            Err(StoreError::Blocked) => SavedStatus::Blocked,
            _ => SavedStatus::Forgotten,
        });
    });
    slot.clear_history();
    slot.fresh();
}
