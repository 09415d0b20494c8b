//! The worker's life as the page sees it: spawn a build, fall back to the plain build when one
//! fails to load, ping it, and restart it when it crashes, runs out of memory or goes silent.
//! The decisions are plain Rust in `view::worker_health`; this file is their JS glue.

use std::cell::RefCell;

use js_sys::Uint8Array;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{ErrorEvent, MessageEvent, Worker, WorkerOptions, WorkerType};

use super::{Problem, WorkerLink, WorkerState};
use crate::i18n::Msg;
use crate::protocol::{decode, encode, Command, Event};
use crate::view::format::megabytes;
use crate::view::worker_health::{Check, Liveness, Loaders, WorkerBuild};

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
/// How often the liveness timer looks at the worker.
const TICK_MS: i32 = 1_000;

/// One spawned worker and its JS handlers.
struct Live {
    worker: Worker,
    build: WorkerBuild,
    /// It said Ready (from this build or another): commands may go to it.
    ready: bool,
    /// Commands sent before the worker said Ready.
    queue: Vec<Command>,
    liveness: Liveness,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

/// What outlives any one worker.
struct Watch {
    loaders: Loaders,
    /// When the recent crashes happened, to stop restarting a worker that keeps dying.
    crashes: Vec<f64>,
    /// The builds that failed to load and why, for the banner if none loads.
    load_failures: Vec<String>,
    /// The settings of the last order that built something: named if memory runs out.
    last_settings: Option<String>,
    /// (requested, in use) bytes when the worker said it ran out of memory; its death follows.
    out_of_memory: Option<(u64, u64)>,
}

thread_local! {
    static LIVE: RefCell<Option<Live>> = const { RefCell::new(None) };
    /// A worker just replaced: its closures may be running the replacement, so they live on
    /// until the next one.
    static RETIRED: RefCell<Option<Live>> = const { RefCell::new(None) };
    static WATCH: RefCell<Option<Watch>> = const { RefCell::new(None) };
}

fn now() -> f64 {
    window().performance().map_or(0.0, |p| p.now())
}

fn with_watch<R>(f: impl FnOnce(&mut Watch) -> R) -> Option<R> {
    WATCH.with_borrow_mut(|w| w.as_mut().map(f))
}

/// Spawns the first worker and starts the liveness timer, once per page.
pub(super) fn spawn(link: WorkerLink) {
    WATCH.with_borrow_mut(|w| {
        *w = Some(Watch {
            loaders: Loaders::new(use_relaxed_simd()),
            crashes: Vec::new(),
            load_failures: Vec::new(),
            last_settings: None,
            out_of_memory: None,
        })
    });
    start(link);
    let on_tick = Closure::<dyn FnMut()>::new(move || tick(link));
    let _ = window().set_interval_with_callback_and_timeout_and_arguments_0(
        on_tick.as_ref().unchecked_ref(),
        TICK_MS,
    );
    // The timer runs as long as the page.
    on_tick.forget();
}

/// Posts `cmd`, or queues it until the worker is ready. False if there is no worker at all.
pub(super) fn send(cmd: Command) -> bool {
    if let Command::Order(order) = &cmd {
        if let Some(settings) = order.settings() {
            with_watch(|w| w.last_settings = Some(settings));
        }
    }
    LIVE.with_borrow_mut(|live| match live {
        Some(l) if l.ready => post(&l.worker, &cmd),
        Some(l) => {
            l.queue.push(cmd);
            true
        }
        None => false,
    })
}

/// The worker of the page's own build said Ready: the commands it missed.
pub(super) fn ready() -> Vec<Command> {
    LIVE.with_borrow_mut(|live| live.as_mut().map(|l| std::mem::take(&mut l.queue)))
        .unwrap_or_default()
}

fn start(link: WorkerLink) {
    let Some(build) = with_watch(|w| w.loaders.current()).flatten() else {
        return;
    };
    link.state.set(WorkerState::Starting);
    let options = WorkerOptions::new();
    options.set_type(WorkerType::Module);
    let worker = match Worker::new_with_options(build.url(), &options) {
        Ok(w) => w,
        Err(e) => return load_failed(link, format!("{}: {e:?}", build.url())),
    };
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
        let event = decode_event(&e);
        heard(matches!(event, Ok(Event::Ready { .. })));
        match event {
            Ok(event) => link.apply(event),
            Err(detail) => link.problem.set(Some(Problem {
                msg: Msg::ErrorTitle,
                detail,
                cause: None,
            })),
        }
    });
    // A script that fails to load fires a plain `Event`, a script that throws an `ErrorEvent`.
    let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
        // Handled here, so the browser need not report it as uncaught.
        e.prevent_default();
        let message = e.dyn_ref::<ErrorEvent>().map(ErrorEvent::message);
        let started = LIVE.with_borrow(|l| l.as_ref().is_some_and(|l| l.ready));
        match message {
            Some(m) if started => crashed(link, m),
            Some(m) => load_failed(link, format!("{}: {m}", build.url())),
            None => load_failed(link, format!("{}: the script did not load", build.url())),
        }
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    LIVE.with_borrow_mut(|live| {
        *live = Some(Live {
            worker,
            build,
            ready: false,
            queue: Vec::new(),
            liveness: Liveness::spawned(now()),
            _on_message: on_message,
            _on_error: on_error,
        })
    });
}

fn decode_event(e: &MessageEvent) -> Result<Event, String> {
    let data = e.data();
    if !data.is_instance_of::<Uint8Array>() {
        return Err(format!("unexpected message from the worker: {data:?}"));
    }
    decode::<Event>(&Uint8Array::new(&data).to_vec()).map_err(|err| err.to_string())
}

/// Any message proves the worker alive; Ready also lets commands through.
fn heard(is_ready: bool) {
    LIVE.with_borrow_mut(|live| {
        if let Some(l) = live.as_mut() {
            if is_ready {
                l.ready = true;
                l.liveness.ready(now());
            } else {
                l.liveness.heard(now());
            }
        }
    });
}

fn tick(link: WorkerLink) {
    let check = LIVE.with_borrow_mut(|live| {
        let l = live.as_mut()?;
        let check = l.liveness.tick(now());
        if let Check::Ping(id) = check {
            post(&l.worker, &Command::Ping { id });
        }
        Some((check, l.build))
    });
    match check {
        Some((Check::Silent { silent_ms }, _)) => died(
            link,
            Msg::ErrorWorkerSilent,
            format!("no answer for {:.0} s", silent_ms / 1000.0),
        ),
        Some((Check::NeverStarted { waited_ms }, build)) => load_failed(
            link,
            format!(
                "{}: not started after {:.0} s",
                build.url(),
                waited_ms / 1000.0
            ),
        ),
        _ => {}
    }
}

/// Stops the current worker for good and keeps it until the next retirement (this may run
/// inside one of its own closures).
fn retire() -> Option<WorkerBuild> {
    let old = LIVE.with_borrow_mut(|live| live.take())?;
    // Silence it, so that its trailing error event is not taken for a second failure.
    old.worker.set_onmessage(None);
    old.worker.set_onerror(None);
    old.worker.terminate();
    let build = old.build;
    RETIRED.with_borrow_mut(|r| *r = Some(old));
    Some(build)
}

/// The worker's sessions are gone: every store forgets what it was running.
fn sessions_lost(link: WorkerLink) {
    link.gemm_progress.set(None);
    link.train_progress.set(None);
    link.digits_loaded.set(false);
    link.ae.lost();
    link.vae.lost();
    link.exp.stopped();
    link.tf.lost();
}

/// The current build never started: try the next one; with none left, say what failed.
fn load_failed(link: WorkerLink, what: String) {
    if retire().is_none() {
        return;
    }
    let next = with_watch(|w| {
        w.load_failures.push(what);
        w.loaders.failed_to_load()
    })
    .flatten();
    if next.is_some() {
        start(link);
        return;
    }
    sessions_lost(link);
    link.state.set(WorkerState::Down);
    let detail = with_watch(|w| w.load_failures.join("\n")).unwrap_or_default();
    link.problem.set(Some(Problem {
        msg: Msg::ErrorWorkerLoad,
        detail,
        cause: None,
    }));
}

/// The worker said it ran out of memory; its death follows, and `crashed` says so.
pub(super) fn out_of_memory(requested: u64, memory: u64) {
    with_watch(|w| w.out_of_memory = Some((requested, memory)));
}

/// The worker died: a panic (its message arrives first, then an error event) or an allocation
/// that failed. Restart it, unless it keeps dying.
pub(super) fn crashed(link: WorkerLink, detail: String) {
    let oom =
        with_watch(|w| w.out_of_memory.take().map(|m| (m, w.last_settings.clone()))).flatten();
    match oom {
        Some(((requested, memory), settings)) => {
            let mut detail = format!(
                "asked for {} MB more with {} MB in use",
                megabytes(requested),
                megabytes(memory),
            );
            if let Some(settings) = settings {
                detail += &format!("; settings: {settings}");
            }
            died(link, Msg::ErrorOutOfMemory, detail)
        }
        None => died(link, Msg::ErrorWorkerRestarted, detail),
    }
}

fn died(link: WorkerLink, msg: Msg, detail: String) {
    if retire().is_none() {
        return;
    }
    sessions_lost(link);
    let t = now();
    let gave_up = with_watch(|w| {
        w.crashes.retain(|c| t - c < RESTART_WINDOW_MS);
        w.crashes.push(t);
        w.crashes.len() > MAX_RESTARTS
    })
    .unwrap_or(true);
    if gave_up {
        link.state.set(WorkerState::Down);
        link.problem.set(Some(Problem {
            msg: Msg::ErrorWorkerGaveUp,
            detail,
            cause: None,
        }));
        return;
    }
    link.problem.set(Some(Problem {
        msg,
        detail,
        cause: None,
    }));
    start(link);
    // Queued until the new worker says Ready.
    crate::app::saved_runs::worker_replaced(link);
}

fn post(worker: &Worker, cmd: &Command) -> bool {
    let bytes = encode(cmd);
    worker
        .post_message(&Uint8Array::from(bytes.as_slice()))
        .is_ok()
}
