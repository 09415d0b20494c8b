//! Training survives a reload (issue 14): each digit lab's run is kept in IndexedDB
//! (`app::idb`) about every 10 s while it trains, when it pauses and when the page is hidden;
//! a chapter whose lab has no model yet opens on the kept run, paused, unless the page was
//! opened with a link for that lab (the link's settings win, and the kept run stays). "Start
//! over" deletes it. What is kept and what the status line says are `view::saved_run`.

use std::cell::RefCell;

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::spawn_local;

use super::idb::{self, StoreError};
use super::lab_store::{HistoryPoint, LabStore};
use super::lab_ui::{reset, send};
use super::worker_client::worker_link;
use crate::jobs::lab::{LabCommand, LabEvent, LabId};
use crate::view::saved_run::{SaveGate, SavedHistory, SavedRun, SavedSettings, SavedStatus};

/// How often a running lab is saved.
const SAVE_EVERY_MS: i32 = 10_000;
const IDS: [LabId; 2] = [LabId::Ae, LabId::Vae];

fn key(id: LabId) -> &'static str {
    match id {
        LabId::Ae => "ae",
        LabId::Vae => "vae",
    }
}

#[derive(Default)]
struct Lab {
    gate: SaveGate,
    /// The kept curves, put back once the restored model's first summary is in.
    history: Option<Vec<HistoryPoint>>,
    /// The page was opened with a link for this lab.
    linked: bool,
}

thread_local! {
    static LABS: RefCell<[Lab; 2]> = RefCell::new(Default::default());
    static STATUS: std::cell::Cell<Option<[RwSignal<SavedStatus>; 2]>> =
        const { std::cell::Cell::new(None) };
    static FORMS: std::cell::Cell<Option<[RwSignal<u32>; 2]>> =
        const { std::cell::Cell::new(None) };
}

fn with<R>(id: LabId, f: impl FnOnce(&mut Lab) -> R) -> R {
    LABS.with_borrow_mut(|labs| f(&mut labs[id as usize]))
}

/// What `<lab>-saved` says for `id`.
pub fn status(id: LabId) -> RwSignal<SavedStatus> {
    let all = STATUS.with(|s| {
        s.get().unwrap_or_else(|| {
            let made = [
                RwSignal::new(SavedStatus::Never),
                RwSignal::new(SavedStatus::Never),
            ];
            s.set(Some(made));
            made
        })
    });
    all[id as usize]
}

/// Counts the kept runs whose settings were put into `id`'s store after its chapter drew its
/// form: the chapter draws the form again from them.
pub fn restored_forms(id: LabId) -> RwSignal<u32> {
    let all = FORMS.with(|s| {
        s.get().unwrap_or_else(|| {
            let made = [RwSignal::new(0), RwSignal::new(0)];
            s.set(Some(made));
            made
        })
    });
    all[id as usize]
}

/// Once per page: the status signals, the 10 s timer and the page-hidden listeners.
pub fn install() {
    for id in IDS {
        status(id);
        restored_forms(id);
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
    for id in IDS {
        let lab = link.lab(id);
        if !running_only || lab.status.get_untracked() == super::lab_store::LabStatus::Running {
            save(lab);
        }
    }
}

/// Asks the worker for a snapshot, if the lab trained since it was last kept.
pub fn save(lab: LabStore) {
    let step = lab
        .summary
        .with_untracked(|s| s.as_ref().map_or(0, |s| s.step));
    let status = lab.status.get_untracked();
    let ask = with(lab.id, |l| {
        let wants = l.gate.wants(status, step);
        if wants {
            l.gate.asked();
        }
        wants
    });
    if ask {
        send(lab, LabCommand::Checkpoint);
    }
}

/// The page was opened with a link for `id`: its first model is the link's, not a kept run.
pub fn linked(id: LabId) {
    with(id, |l| l.linked = true);
}

/// A new model from settings (a reset): what was kept says nothing of it.
pub fn new_model(id: LabId) {
    with(id, |l| {
        l.gate.new_model(None);
        l.history = None;
    });
}

/// The chapter's first model: the kept run if there is one (and no link), else a fresh one.
pub fn start(lab: LabStore) {
    if with(lab.id, |l| l.linked) {
        return reset(lab, lab.config.get_untracked());
    }
    lab.status.set(super::lab_store::LabStatus::Starting);
    spawn_local(async move {
        let read = idb::get(key(lab.id)).await;
        let run = match read {
            Ok(Some(bytes)) => SavedRun::decode(&bytes),
            Ok(None) | Err(StoreError::Failed | StoreError::Full) => {
                return reset(lab, lab.config.get_untracked())
            }
            Err(StoreError::Blocked) => {
                status(lab.id).set(SavedStatus::Blocked);
                return reset(lab, lab.config.get_untracked());
            }
        };
        match run {
            Ok(SavedRun {
                settings: SavedSettings::Lab(config),
                history: SavedHistory::Lab(history),
                snapshot,
                step,
                ..
            }) => {
                lab.config.set(config);
                restored_forms(lab.id).update(|n| *n += 1);
                with(lab.id, |l| {
                    l.gate.new_model(Some(step));
                    l.history = Some(history);
                });
                status(lab.id).set(SavedStatus::Restored { step });
                send(lab, LabCommand::Restore(snapshot));
            }
            Ok(_) => reset(lab, lab.config.get_untracked()),
            Err(problem) => {
                status(lab.id).set(SavedStatus::Unreadable(problem));
                reset(lab, lab.config.get_untracked());
            }
        }
    });
}

/// What the page does with a lab's event besides its store: keep a snapshot, fall back from
/// a refused restore, put the kept curves back, save on a pause. Called after the store took
/// the event.
pub fn after(lab: LabStore, event: &LabEvent) {
    match event {
        LabEvent::Checkpoint { step, bytes } => keep(lab, *step, bytes.clone()),
        LabEvent::RestoreRefused { problem } => {
            status(lab.id).set(SavedStatus::Unreadable(problem.clone()));
            reset(lab, lab.config.get_untracked());
        }
        LabEvent::Summary(s) => {
            if let Some(history) = with(lab.id, |l| l.history.take()) {
                lab.history.set(history);
            } else if !s.running {
                // After a pause or a single step: what the visitor trained is kept.
                save(lab);
            }
        }
        _ => {}
    }
}

fn keep(lab: LabStore, step: u64, snapshot: Vec<u8>) {
    let run = SavedRun {
        settings: SavedSettings::Lab(lab.config.get_untracked()),
        history: SavedHistory::Lab(lab.history.get_untracked()),
        snapshot,
        step,
        saved_at_ms: js_sys::Date::now(),
    };
    spawn_local(async move {
        let written = idb::put(key(lab.id), Some(&run.encode())).await;
        with(lab.id, |l| l.gate.done(written.ok().map(|()| step)));
        status(lab.id).set(match written {
            Ok(()) => SavedStatus::Saved {
                step,
                time: clock(run.saved_at_ms),
            },
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
pub fn forget(lab: LabStore) {
    new_model(lab.id);
    spawn_local(async move {
        let deleted = idb::put(key(lab.id), None).await;
        status(lab.id).set(match deleted {
            Err(StoreError::Blocked) => SavedStatus::Blocked,
            _ => SavedStatus::Forgotten,
        });
    });
    lab.history.set(Vec::new());
    reset(lab, lab.config.get_untracked());
}
