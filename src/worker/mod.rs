//! The worker's event loop: decode commands, run the current job in time slices, post events.
//!
//! Between two slices the loop yields to the browser through a `MessageChannel` (not
//! `setTimeout`, which browsers clamp to 4 ms when nested), so a Cancel or Ping that arrived
//! meanwhile is handled within one slice, about 15 ms.

mod fetch;
mod oom;
mod team;

pub use oom::Guarded;

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::Uint8Array;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, MessageChannel, MessageEvent, MessagePort};

use crate::data::mnist;
use crate::error::Error;
use crate::jobs::bench::BenchCommand;
use crate::jobs::team::Solo;
use crate::jobs::{Env, Order, Report, Sessions, Target};
use crate::protocol::{decode, encode, Command, Event, SelfTest, BUILD_ID};

/// How long one slice of a session may run before the loop looks at its mailbox again.
const SLICE_MS: f64 = 15.0;
/// Relative to the worker script, which Trunk puts beside index.html.
const MNIST_URL: &str = "./assets/mnist/mnist-10k.bin.gz";

struct Runtime {
    scope: DedicatedWorkerGlobalScope,
    /// Posting anything on this port schedules the next slice.
    tick: MessagePort,
    /// Every session, and the policy of which runs (`jobs::sessions`).
    sessions: Sessions,
    slice_pending: bool,
}

fn scope() -> DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

fn post(scope: &DedicatedWorkerGlobalScope, event: &Event) {
    if team::is_helper() {
        if let Some(why) = team::helper_says(event) {
            let _ = scope.post_message(&why);
        }
        return;
    }
    let bytes = encode(event);
    // post_message only fails for uncloneable values; a Uint8Array always clones.
    let _ = scope.post_message(&Uint8Array::from(bytes.as_slice()));
}

/// Entry point of the worker binary.
pub fn start() {
    oom::reserve();
    // The page learns of a panic from this message, then sees the worker die and restarts it.
    std::panic::set_hook(Box::new(|info| {
        post(
            &scope(),
            &Event::Panicked {
                message: info.to_string(),
            },
        );
    }));

    let scope = scope();
    let channel = MessageChannel::new().expect("MessageChannel exists in every worker");
    let runtime = Rc::new(RefCell::new(Runtime {
        scope: scope.clone(),
        tick: channel.port2(),
        sessions: Sessions::new(),
        slice_pending: false,
    }));

    let rt = runtime.clone();
    let on_command = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
        let data = e.data();
        // From the page a command's bytes; from a lead, also its port or a job to join.
        let bytes = match data.dyn_ref::<Uint8Array>() {
            Some(bytes) => Ok(Some(bytes.to_vec())),
            None => team::on_control(&data, waker(&rt)),
        };
        let decoded = bytes.map(|b| b.map(|b| decode::<Command>(&b).map_err(|e| e.to_string())));
        match decoded {
            Ok(None) => {}
            Ok(Some(Ok(cmd))) => handle(&rt, cmd),
            Ok(Some(Err(message))) => post(&rt.borrow().scope, &Event::Refused { message }),
            Err(err) => post(
                &rt.borrow().scope,
                &Event::Refused {
                    message: err.to_string(),
                },
            ),
        }
    });
    scope.set_onmessage(Some(on_command.as_ref().unchecked_ref()));
    on_command.forget();

    let rt = runtime.clone();
    let on_tick = Closure::<dyn FnMut(MessageEvent)>::new(move |_: MessageEvent| run_slice(&rt));
    channel
        .port1()
        .set_onmessage(Some(on_tick.as_ref().unchecked_ref()));
    on_tick.forget();

    post(
        &scope,
        &Event::Ready {
            build: BUILD_ID.into(),
            relaxed_simd: cfg!(feature = "relaxed-simd"),
        },
    );
}

fn handle(rt: &Rc<RefCell<Runtime>>, cmd: Command) {
    let mut r = rt.borrow_mut();
    let t = now(&r.scope);
    let mut out = Vec::new();
    match cmd {
        Command::Ping { id } => {
            let memory = memory_bytes() as u64;
            post(&r.scope, &Event::Pong { id, memory })
        }
        Command::Order(order) => {
            if let Err(error) = form_team(rt, &order) {
                out.push(Report::Failed {
                    target: order.target(),
                    error,
                });
            } else {
                r.sessions.order(order, t, &mut out);
            }
        }
        Command::Cancel(target) => {
            if target == Target::Bench {
                team::with_helpers(|h| h.forward(&encode(&Command::Cancel(target))));
            }
            r.sessions.cancel(target, &mut out)
        }
        Command::SelfTest(SelfTest::Determinism) => {
            let order = Order::Bench(BenchCommand::Determinism { replicas: 1 });
            r.sessions.order(order, t, &mut out);
        }
        Command::SelfTest(SelfTest::Panic) => {
            drop(r);
            panic!("self-test: a deliberate panic inside the worker");
        }
        Command::SelfTest(SelfTest::Hang) => {
            let until = t + 60_000.0;
            while now(&r.scope) < until {}
        }
        Command::SelfTest(SelfTest::OutOfMemory) => {
            drop(r);
            // Reserved, never touched: wasm memory grows until the engine's 4 GiB limit,
            // without the machine's RAM filling.
            let mut held: Vec<Vec<u8>> = Vec::new();
            loop {
                held.push(Vec::with_capacity(1 << 30));
            }
        }
    }
    settle(rt, r, out);
}

/// Posts what the sessions reported, starts the digits' fetch if one asked for it, and
/// schedules a slice if any session runs.
fn settle(rt: &Rc<RefCell<Runtime>>, mut r: std::cell::RefMut<Runtime>, out: Vec<Report>) {
    post_reports(&r.scope, out);
    // A replica parked for a message is woken by its arrival, not by spinning slices.
    let parked = current_team().is_some_and(|t| t.parked());
    if r.sessions.busy() && !parked {
        schedule(&mut r);
    }
    let fetch = r.sessions.take_fetch();
    drop(r);
    if fetch {
        load_mnist(rt.clone());
    }
}

fn post_reports(scope: &DedicatedWorkerGlobalScope, reports: Vec<Report>) {
    for report in reports {
        post(scope, &Event::Report(report));
    }
}

/// The worker's wasm memory, in bytes: what it has grown to, not what is in use.
fn memory_bytes() -> usize {
    let memory: js_sys::WebAssembly::Memory = wasm_bindgen::memory().unchecked_into();
    memory
        .buffer()
        .unchecked_into::<js_sys::ArrayBuffer>()
        .byte_length() as usize
}

fn now(scope: &DedicatedWorkerGlobalScope) -> f64 {
    scope.performance().map_or(0.0, |p| p.now())
}

/// Fetches and checks the digits, then runs the commands that were waiting for them.
fn load_mnist(rt: Rc<RefCell<Runtime>>) {
    wasm_bindgen_futures::spawn_local(async move {
        let scope = rt.borrow().scope.clone();
        // A few reports are enough for a progress bar: one per 1/16 of the file, and the end.
        let reported = std::cell::Cell::new(0u64);
        let on_progress = |received: u64, total: u64| {
            let step = (total / 16).max(1 << 16);
            if received == total || received >= reported.get() + step {
                reported.set(received);
                post(&scope, &Event::DataProgress { received, total });
            }
        };
        let parsed = fetch::fetch_bytes(MNIST_URL, on_progress)
            .await
            .map_err(|detail| Error::DigitsUnavailable { detail })
            .and_then(|bytes| mnist::parse(&bytes));
        if let Ok(data) = &parsed {
            let digits = data.len() as u32;
            post(&scope, &Event::DataReady { digits });
        }
        let mut r = rt.borrow_mut();
        let t = now(&r.scope);
        let mut out = Vec::new();
        r.sessions.digits_arrived(parsed, t, &mut out);
        settle(&rt, r, out);
    });
}

fn schedule(r: &mut Runtime) {
    if !r.slice_pending {
        r.slice_pending = true;
        let _ = r.tick.post_message(&JsValue::NULL);
    }
}

fn run_slice(rt: &Rc<RefCell<Runtime>>) {
    let mut r = rt.borrow_mut();
    r.slice_pending = false;
    let perf = r.scope.performance();
    let now = move || perf.as_ref().map_or(0.0, |p| p.now());
    let team = current_team();
    let env = Env {
        now: &now,
        memory_bytes: &memory_bytes,
        team: team
            .as_deref()
            .map_or(&Solo, |t| t as &dyn crate::jobs::team::Team),
    };
    let deadline = now() + SLICE_MS;
    let mut out = Vec::new();
    r.sessions.run_slice(&env, deadline, &mut out);
    settle(rt, r, out);
}

/// The team of this worker's data-parallel job: as a helper, the one it joined; as the lead,
/// the one it formed.
fn current_team() -> Option<Rc<team::WorkerTeam>> {
    team::follower_team().or_else(|| team::with_helpers(|h| h.team()))
}

/// Runs a slice at once: for a message that a parked replica waited for. At once rather than
/// scheduled, since a scheduled slice is one more trip through the event loop per step.
fn waker(rt: &Rc<RefCell<Runtime>>) -> Rc<dyn Fn()> {
    let rt = Rc::downgrade(rt);
    Rc::new(move || {
        if let Some(rt) = rt.upgrade() {
            if rt.try_borrow_mut().is_ok() {
                run_slice(&rt);
            }
        }
    })
}

/// A bench order replaces the bench job, so it also forms that job's team: helpers for a
/// data-parallel order, none for any other. Helpers never form teams of their own.
fn form_team(rt: &Rc<RefCell<Runtime>>, order: &Order) -> Result<(), Error> {
    if order.target() != Target::Bench || team::follower_team().is_some() {
        return Ok(());
    }
    let (size, len) = order.team().unwrap_or((1, 0));
    if size == 1 {
        // A bench order replaces the bench job: the helpers drop theirs too.
        team::with_helpers(|h| h.forward(&encode(&Command::Cancel(Target::Bench))));
    }
    let bytes = encode(&Command::Order(order.clone()));
    let wake = waker(rt);
    team::with_helpers(|h| h.form(size, len, &bytes, wake))
}
