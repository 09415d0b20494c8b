//! The page's end of the worker: spawn it, send commands, turn events into signals, and bring
//! it back when it dies. `lifecycle` spawns, watches and restarts; this file reads events.

mod lifecycle;

use leptos::prelude::*;

use super::experiment_store::ExperimentStore;
use super::lab_store::LabStore;
use super::translate_store::TranslateStore;
use crate::error::Error;
use crate::i18n::Msg;
use crate::jobs::experiment::ExperimentEvent;
use crate::jobs::lab::config::{AeLabConfig, LabConfig, VaeLabConfig};
use crate::jobs::lab::{LabEvent, LabId};
use crate::jobs::speed_sweep::SpeedResult;
use crate::jobs::translate::TranslateEvent;
use crate::jobs::{BenchEvent, GemmResult, Report, Target, TrainResult};
use crate::protocol::{same_build, Command, Event, BUILD_ID};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WorkerState {
    Starting,
    Ready,
    Busy,
    Down,
    /// The worker came from another build than the page: nothing is sent until a reload.
    Outdated,
}

/// A message for the error banner: a translated explanation and the detail. The detail of a
/// refused task (a corrupt file, a bad setting) is the answer itself and is shown; the detail of
/// a crash is technical and sits behind "Details".
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    pub msg: Msg,
    pub detail: String,
    /// The core's error, when that is the detail: worded in the language the page shows.
    pub cause: Option<Error>,
}

impl Problem {
    pub fn detail_is_the_message(&self) -> bool {
        // A refusal, a file that did not load, settings too big: the detail is the answer.
        matches!(
            self.msg,
            Msg::ErrorJobFailed | Msg::ErrorWorkerLoad | Msg::ErrorOutOfMemory
        )
    }
}

/// What the page knows about the worker, as signals. Copy, so any component can hold it.
#[derive(Clone, Copy)]
pub struct WorkerLink {
    pub state: RwSignal<WorkerState>,
    pub problem: RwSignal<Option<Problem>>,
    pub gemm_progress: RwSignal<Option<(u32, u32)>>,
    pub gemm_results: RwSignal<Option<Vec<GemmResult>>>,
    pub gemm_cancelled: RwSignal<bool>,
    /// The worker's wasm memory in bytes, from its last answer to a ping.
    pub memory: RwSignal<Option<u64>>,
    /// Whether the running worker multiplies with relaxed-SIMD FMA; `None` until it says.
    pub relaxed_simd: RwSignal<Option<bool>>,
    /// The worker holds the MNIST digits (it fetches them on the first command that needs them).
    pub digits_loaded: RwSignal<bool>,
    /// (bytes received, bytes expected or 0) while the digits download.
    pub data_progress: RwSignal<Option<(u64, u64)>>,
    /// (done, total) batch sizes while the training benchmark runs.
    pub train_progress: RwSignal<Option<(u32, u32)>>,
    pub train_results: RwSignal<Option<Vec<TrainResult>>>,
    /// (done, total) runs while the FAQ's speed sweep runs, and its runs so far.
    pub speed_progress: RwSignal<Option<(u32, u32)>>,
    pub speed_results: RwSignal<Vec<SpeedResult>>,
    /// The determinism self-test's losses.
    pub selftest_losses: RwSignal<Option<Vec<f32>>>,
    /// The autoencoder and VAE chapters' labs.
    pub ae: LabStore,
    pub vae: LabStore,
    /// The Transformer chapter's lab.
    pub tf: TranslateStore,
    /// The fine-tuning and scale experiments.
    pub exp: ExperimentStore,
}

thread_local! {
    /// The page's one link, for event handlers that run outside any component (where
    /// `use_context` finds nothing).
    static LINK: std::cell::Cell<Option<WorkerLink>> = const { std::cell::Cell::new(None) };
}

pub fn use_worker() -> WorkerLink {
    expect_context::<WorkerLink>()
}

/// The link, from anywhere on the page thread (an event handler, a callback).
pub fn worker_link() -> Option<WorkerLink> {
    LINK.with(|l| l.get())
}

impl WorkerLink {
    pub fn spawn() -> WorkerLink {
        let link = WorkerLink {
            state: RwSignal::new(WorkerState::Starting),
            problem: RwSignal::new(None),
            gemm_progress: RwSignal::new(None),
            gemm_results: RwSignal::new(None),
            gemm_cancelled: RwSignal::new(false),
            memory: RwSignal::new(None),
            relaxed_simd: RwSignal::new(None),
            digits_loaded: RwSignal::new(false),
            data_progress: RwSignal::new(None),
            train_progress: RwSignal::new(None),
            train_results: RwSignal::new(None),
            speed_progress: RwSignal::new(None),
            speed_results: RwSignal::new(Vec::new()),
            selftest_losses: RwSignal::new(None),
            ae: LabStore::new(LabId::Ae, LabConfig::Ae(AeLabConfig::seed())),
            vae: LabStore::new(LabId::Vae, LabConfig::Vae(VaeLabConfig::latent_2d())),
            tf: TranslateStore::new(),
            exp: ExperimentStore::new(),
        };
        lifecycle::spawn(link);
        LINK.with(|l| l.set(Some(link)));
        link
    }

    pub fn send(self, cmd: Command) {
        // With no worker at all, the banner already says why (it did not load, or kept
        // crashing): a command sent since must not replace that reason with a vaguer one.
        if !lifecycle::send(cmd) && self.problem.with_untracked(Option::is_none) {
            self.problem.set(Some(Problem {
                msg: Msg::ErrorWorkerGaveUp,
                detail: String::new(),
                cause: None,
            }));
        }
    }

    pub fn lab(self, id: LabId) -> LabStore {
        match id {
            LabId::Ae => self.ae,
            LabId::Vae => self.vae,
        }
    }

    fn apply(self, event: Event) {
        match event {
            Event::Ready {
                build,
                relaxed_simd,
            } => self.ready(&build, relaxed_simd),
            Event::Pong { memory, .. } => self.memory.set(Some(memory)),
            Event::DataProgress { received, total } => {
                self.data_progress.set(Some((received, total)))
            }
            Event::DataReady { .. } => {
                self.data_progress.set(None);
                self.digits_loaded.set(true);
            }
            Event::Report(report) => self.report(report),
            Event::Refused { message } => self.problem.set(Some(Problem {
                msg: Msg::ErrorJobFailed,
                detail: message,
                cause: None,
            })),
            Event::Panicked { message } => lifecycle::crashed(self, message),
            Event::OutOfMemory { requested, memory } => lifecycle::out_of_memory(requested, memory),
        }
    }

    /// The worker can take commands, unless it came from another build than the page (a page
    /// kept open across a deploy): then nothing is sent, and the visitor is asked to reload.
    fn ready(self, build: &str, relaxed_simd: bool) {
        if !same_build(build) {
            self.state.set(WorkerState::Outdated);
            self.problem.set(Some(Problem {
                msg: Msg::ErrorNewVersion,
                detail: format!("page {BUILD_ID}, worker {build}"),
                cause: None,
            }));
            return;
        }
        self.relaxed_simd.set(Some(relaxed_simd));
        self.state.set(WorkerState::Ready);
        for cmd in lifecycle::ready() {
            self.send(cmd);
        }
    }

    /// A session's report goes to that session's store alone.
    fn report(self, report: Report) {
        match report {
            Report::Ae(e) => self.lab_event(self.ae, e),
            Report::Vae(e) => self.lab_event(self.vae, e),
            Report::Tf(e) => self.tf_event(e),
            Report::Experiment(ExperimentEvent::Finetune(r)) => self.exp.finetune(r),
            Report::Experiment(ExperimentEvent::Scale(r)) => self.exp.scale(r),
            Report::Experiment(ExperimentEvent::SeqFinetune(r)) => self.exp.seq(r),
            Report::Bench(e) => self.bench(e),
            Report::Cancelled { target } => self.stopped(target, true),
            Report::Failed { target, error } => {
                self.stopped(target, false);
                self.data_progress.set(None);
                self.problem.set(Some(Problem {
                    msg: Msg::ErrorJobFailed,
                    detail: error.to_string(),
                    cause: Some(error),
                }));
            }
        }
    }

    /// To the lab's store, then to what keeps its run in the browser.
    fn lab_event(self, lab: LabStore, event: LabEvent) {
        let kept = matches!(
            event,
            LabEvent::Checkpoint { .. }
                | LabEvent::RestoreRefused { .. }
                | LabEvent::Summary(_)
                | LabEvent::Paused { .. }
        );
        if kept {
            lab.apply(event.clone());
            super::saved_runs::after_lab(lab, &event);
        } else {
            lab.apply(event);
        }
    }

    /// [`Self::lab_event`] for the Transformer.
    fn tf_event(self, event: TranslateEvent) {
        let kept = matches!(
            event,
            TranslateEvent::Checkpoint { .. }
                | TranslateEvent::RestoreRefused { .. }
                | TranslateEvent::Summary(_)
        );
        if kept {
            self.tf.apply(event.clone());
            super::saved_runs::after_tf(self.tf, &event);
        } else {
            self.tf.apply(event);
        }
    }

    fn bench(self, event: BenchEvent) {
        match event {
            BenchEvent::GemmProgress { done, total } => {
                self.state.set(WorkerState::Busy);
                self.gemm_progress.set(Some((done, total)));
            }
            BenchEvent::GemmDone(results) => {
                self.state.set(WorkerState::Ready);
                self.gemm_progress.set(None);
                self.gemm_results.set(Some(results));
            }
            BenchEvent::TrainProgress { done, total } => {
                self.state.set(WorkerState::Busy);
                self.train_progress.set(Some((done, total)));
            }
            BenchEvent::TrainDone(results) => {
                self.state.set(WorkerState::Ready);
                self.train_progress.set(None);
                self.train_results.set(Some(results));
            }
            BenchEvent::SpeedPoint {
                result,
                done,
                total,
            } => {
                self.speed_results.update(|r| r.push(result));
                if done < total {
                    self.state.set(WorkerState::Busy);
                    self.speed_progress.set(Some((done, total)));
                } else {
                    self.state.set(WorkerState::Ready);
                    self.speed_progress.set(None);
                }
            }
            BenchEvent::Losses(losses) => self.selftest_losses.set(Some(losses)),
        }
    }

    /// The session at `target` stopped: cancelled, or failed (its store shows why).
    fn stopped(self, target: Target, cancelled: bool) {
        match target {
            Target::Ae if !cancelled => self.ae.failed(),
            Target::Vae if !cancelled => self.vae.failed(),
            Target::Tf if !cancelled => self.tf.failed(),
            Target::Ae | Target::Vae | Target::Tf => {}
            Target::Experiment => self.exp.stopped(),
            Target::Bench => {
                self.state.set(WorkerState::Ready);
                if cancelled && self.gemm_progress.get_untracked().is_some() {
                    self.gemm_cancelled.set(true);
                }
                self.gemm_progress.set(None);
                self.train_progress.set(None);
                self.speed_progress.set(None);
            }
        }
    }
}
