//! The page's end of the worker: spawn it, send commands, turn events into signals, and bring
//! it back when it dies.

use std::cell::RefCell;

use js_sys::Uint8Array;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{ErrorEvent, MessageEvent, Worker, WorkerOptions, WorkerType};

use super::experiment_store::ExperimentStore;
use super::lab_store::LabStore;
use super::translate_store::TranslateStore;
use crate::i18n::Msg;
use crate::jobs::experiment::ExperimentEvent;
use crate::jobs::lab::config::{AeLabConfig, LabConfig, VaeLabConfig};
use crate::jobs::lab::LabId;
use crate::jobs::{BenchEvent, GemmResult, Report, Target, TrainResult};
use crate::protocol::{decode, encode, same_build, Command, Event, BUILD_ID};

/// Trunk writes the workers' loaders beside index.html; relative URLs keep sub-paths working.
/// The relaxed-SIMD build uses fused multiply-add; browsers without it would reject that module.
const WORKER_URL: &str = "./worker_loader.js";
const WORKER_RELAXED_URL: &str = "./worker_relaxed_loader.js";

/// The smallest module that uses a relaxed-SIMD instruction: `f32x4.relaxed_madd` on three
/// zero vectors. `WebAssembly.validate` accepts it only where relaxed SIMD is supported.
const RELAXED_SIMD_PROBE: &[u8] = &[
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // magic, version
    0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7b, // type section: () -> v128
    0x03, 0x02, 0x01, 0x00, // function section: one function of type 0
    0x0a, 0x3d, 0x01, 0x3b, 0x00, // code section: one body of 59 bytes, no locals
    0xfd, 0x0c, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, // v128.const 0
    0xfd, 0x0c, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, // v128.const 0
    0xfd, 0x0c, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, // v128.const 0
    0xfd, 0x85, 0x02, // f32x4.relaxed_madd (0xfd 261)
    0x0b, // end
];

/// `?simd=plain` in the address forces the plain build, to compare the two in one browser.
fn use_relaxed_simd() -> bool {
    let search = window().location().search().unwrap_or_default();
    let forced_plain = search
        .trim_start_matches('?')
        .split('&')
        .any(|kv| kv == "simd=plain");
    !forced_plain
        && js_sys::WebAssembly::validate(&Uint8Array::from(RELAXED_SIMD_PROBE).into())
            .unwrap_or(false)
}
/// More crashes than this within `RESTART_WINDOW_MS` and we stop restarting: it would only loop.
const MAX_RESTARTS: usize = 3;
const RESTART_WINDOW_MS: f64 = 10_000.0;

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
}

impl Problem {
    pub fn detail_is_the_message(&self) -> bool {
        self.msg == Msg::ErrorJobFailed
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
    /// Whether the running worker multiplies with relaxed-SIMD FMA; `None` until it says.
    pub relaxed_simd: RwSignal<Option<bool>>,
    /// The worker holds the MNIST digits (it fetches them on the first command that needs them).
    pub digits_loaded: RwSignal<bool>,
    /// (bytes received, bytes expected or 0) while the digits download.
    pub data_progress: RwSignal<Option<(u64, u64)>>,
    /// (done, total) batch sizes while the training benchmark runs.
    pub train_progress: RwSignal<Option<(u32, u32)>>,
    pub train_results: RwSignal<Option<Vec<TrainResult>>>,
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

/// The live JS objects. Not `Send`, so they stay in a thread-local on the one page thread.
struct Live {
    worker: Worker,
    ready: bool,
    /// Commands sent before the worker said Ready.
    queue: Vec<Command>,
    crashes: Vec<f64>,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(ErrorEvent)>,
}

thread_local! {
    /// The page's one link, for event handlers that run outside any component (where
    /// `use_context` finds nothing).
    static LINK: std::cell::Cell<Option<WorkerLink>> = const { std::cell::Cell::new(None) };
    static LIVE: RefCell<Option<Live>> = const { RefCell::new(None) };
    static RETIRED: RefCell<Option<Live>> = const { RefCell::new(None) };
}

pub fn use_worker() -> WorkerLink {
    expect_context::<WorkerLink>()
}

/// The link, from anywhere on the page thread (an event handler, a callback).
pub fn worker_link() -> Option<WorkerLink> {
    LINK.with(|l| l.get())
}

fn now() -> f64 {
    window().performance().map_or(0.0, |p| p.now())
}

impl WorkerLink {
    pub fn spawn() -> WorkerLink {
        let link = WorkerLink {
            state: RwSignal::new(WorkerState::Starting),
            problem: RwSignal::new(None),
            gemm_progress: RwSignal::new(None),
            gemm_results: RwSignal::new(None),
            gemm_cancelled: RwSignal::new(false),
            relaxed_simd: RwSignal::new(None),
            digits_loaded: RwSignal::new(false),
            data_progress: RwSignal::new(None),
            train_progress: RwSignal::new(None),
            train_results: RwSignal::new(None),
            selftest_losses: RwSignal::new(None),
            ae: LabStore::new(LabId::Ae, LabConfig::Ae(AeLabConfig::seed())),
            vae: LabStore::new(LabId::Vae, LabConfig::Vae(VaeLabConfig::latent_2d())),
            tf: TranslateStore::new(),
            exp: ExperimentStore::new(),
        };
        link.start(Vec::new());
        LINK.with(|l| l.set(Some(link)));
        link
    }

    pub fn send(self, cmd: Command) {
        let sent = LIVE.with_borrow_mut(|live| match live {
            Some(l) if l.ready => post(&l.worker, &cmd),
            Some(l) => {
                l.queue.push(cmd.clone());
                true
            }
            None => false,
        });
        if !sent {
            self.problem.set(Some(Problem {
                msg: Msg::ErrorWorkerGaveUp,
                detail: String::new(),
            }));
        }
    }

    fn start(self, crashes: Vec<f64>) {
        self.state.set(WorkerState::Starting);
        let options = WorkerOptions::new();
        options.set_type(WorkerType::Module);
        let url = if use_relaxed_simd() {
            WORKER_RELAXED_URL
        } else {
            WORKER_URL
        };
        let worker = match Worker::new_with_options(url, &options) {
            Ok(w) => w,
            Err(e) => {
                self.state.set(WorkerState::Down);
                self.problem.set(Some(Problem {
                    msg: Msg::ErrorWorkerLoad,
                    detail: format!("{e:?}"),
                }));
                return;
            }
        };
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
            let bytes = Uint8Array::new(&e.data()).to_vec();
            match decode::<Event>(&bytes) {
                Ok(event) => self.apply(event),
                Err(err) => self.problem.set(Some(Problem {
                    msg: Msg::ErrorTitle,
                    detail: err.to_string(),
                })),
            }
        });
        let on_error = Closure::<dyn FnMut(ErrorEvent)>::new(move |e: ErrorEvent| {
            // The worker died (a panic traps) or never loaded. Handled here, so the browser
            // need not report it as uncaught.
            e.prevent_default();
            self.crashed(e.message());
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        LIVE.with_borrow_mut(|live| {
            *live = Some(Live {
                worker,
                ready: false,
                queue: Vec::new(),
                crashes,
                _on_message: on_message,
                _on_error: on_error,
            })
        });
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
            Event::Pong { .. } => {}
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
            })),
            Event::Panicked { message } => self.crashed(message),
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
            }));
            return;
        }
        self.relaxed_simd.set(Some(relaxed_simd));
        let queued = LIVE.with_borrow_mut(|live| {
            live.as_mut().map(|l| {
                l.ready = true;
                std::mem::take(&mut l.queue)
            })
        });
        self.state.set(WorkerState::Ready);
        for cmd in queued.unwrap_or_default() {
            self.send(cmd);
        }
    }

    /// A session's report goes to that session's store alone.
    fn report(self, report: Report) {
        match report {
            Report::Ae(e) => self.ae.apply(e),
            Report::Vae(e) => self.vae.apply(e),
            Report::Tf(e) => self.tf.apply(e),
            Report::Experiment(ExperimentEvent::Finetune(r)) => self.exp.finetune(r),
            Report::Experiment(ExperimentEvent::Scale(r)) => self.exp.scale(r),
            Report::Experiment(ExperimentEvent::SeqFinetune(r)) => self.exp.seq(r),
            Report::Bench(e) => self.bench(e),
            Report::Cancelled { target } => self.stopped(target, true),
            Report::Failed { target, message } => {
                self.stopped(target, false);
                self.data_progress.set(None);
                self.problem.set(Some(Problem {
                    msg: Msg::ErrorJobFailed,
                    detail: message,
                }));
            }
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
            }
        }
    }

    /// The worker died: a panic (its message arrives first, then an error event) or a failed
    /// load. Restart it, unless it keeps dying.
    fn crashed(self, detail: String) {
        let Some(old) = LIVE.with_borrow_mut(|live| live.take()) else {
            return;
        };
        // Silence the dead worker so its trailing error event is not taken for a second crash.
        old.worker.set_onmessage(None);
        old.worker.set_onerror(None);
        old.worker.terminate();
        self.gemm_progress.set(None);
        self.train_progress.set(None);
        self.digits_loaded.set(false);
        self.ae.lost();
        self.vae.lost();
        self.exp.stopped();
        self.tf.lost();
        let t = now();
        let mut crashes: Vec<f64> = old
            .crashes
            .iter()
            .copied()
            .filter(|c| t - c < RESTART_WINDOW_MS)
            .collect();
        crashes.push(t);
        // This may run inside one of `old`'s own closures: keep them alive until the next crash.
        RETIRED.with_borrow_mut(|r| *r = Some(old));
        if crashes.len() > MAX_RESTARTS {
            self.state.set(WorkerState::Down);
            self.problem.set(Some(Problem {
                msg: Msg::ErrorWorkerGaveUp,
                detail,
            }));
            return;
        }
        self.problem.set(Some(Problem {
            msg: Msg::ErrorWorkerRestarted,
            detail,
        }));
        self.start(crashes);
    }
}

fn post(worker: &Worker, cmd: &Command) -> bool {
    let bytes = encode(cmd);
    worker
        .post_message(&Uint8Array::from(bytes.as_slice()))
        .is_ok()
}
