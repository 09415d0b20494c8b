//! The worker's event loop: decode commands, run the current job in time slices, post events.
//!
//! Between two slices the loop yields to the browser through a `MessageChannel` (not
//! `setTimeout`, which browsers clamp to 4 ms when nested), so a Cancel or Ping that arrived
//! meanwhile is handled within one slice, about 15 ms.

mod fetch;

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::Uint8Array;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, MessageChannel, MessageEvent, MessagePort};

use crate::data::{mnist, Mnist};
use crate::experiments::{ScaleSweep, SeqFinetune};
use crate::jobs::experiment::{ExperimentJob, Finetune, Pretrained};
use crate::jobs::lab::{Lab, LabCommand, LabEvent, LabId};
use crate::jobs::translate::{TranslateCommand, TranslateEvent, TranslateLab};
use crate::jobs::{determinism, Env, GemmBench, Job, Progress, TrainBench};
use crate::protocol::{decode, encode, Command, Event, SelfTest};

/// How long one slice of a job may run before the loop looks at its mailbox again.
const SLICE_MS: f64 = 15.0;
/// Relative to the worker script, which Trunk puts beside index.html.
const MNIST_URL: &str = "./assets/mnist/mnist-10k.bin.gz";
/// The seed of the train/test split every chapter shares.
pub const SPLIT_SEED: u64 = 0;

struct Runtime {
    scope: DedicatedWorkerGlobalScope,
    /// Posting anything on this port schedules the next slice.
    tick: MessagePort,
    job: Option<Box<dyn Job>>,
    /// The autoencoder and VAE labs, each kept while the visitor is elsewhere. They train only
    /// while no job runs, and at most one at a time.
    labs: [Option<Lab>; 2],
    /// The Transformer lab; it needs no MNIST, and trains under the same one-at-a-time rule.
    translate: Option<TranslateLab>,
    slice_pending: bool,
    mnist: Data,
    /// The encoder the last fine-tuning run pretrained, for the next one.
    pretrained: Pretrained,
}

fn slot(id: LabId) -> usize {
    match id {
        LabId::Ae => 0,
        LabId::Vae => 1,
    }
}

const LAB_IDS: [LabId; 2] = [LabId::Ae, LabId::Vae];

/// The MNIST digits: fetched once, on the first command that needs them.
enum Data {
    Absent,
    /// Fetching; the commands that asked wait here, in order, and run when the digits arrive.
    /// A Cancel takes back a waiting benchmark.
    Loading(Vec<Command>),
    Ready(Rc<Mnist>),
}

fn scope() -> DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

fn post(scope: &DedicatedWorkerGlobalScope, event: &Event) {
    let bytes = encode(event);
    // post_message only fails for uncloneable values; a Uint8Array always clones.
    let _ = scope.post_message(&Uint8Array::from(bytes.as_slice()));
}

/// Entry point of the worker binary.
pub fn start() {
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
        job: None,
        labs: [None, None],
        translate: None,
        slice_pending: false,
        mnist: Data::Absent,
        pretrained: Pretrained::default(),
    }));

    let rt = runtime.clone();
    let on_command = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
        let bytes = Uint8Array::new(&e.data()).to_vec();
        match decode::<Command>(&bytes) {
            Ok(cmd) => handle(&rt, cmd),
            Err(err) => post(
                &rt.borrow().scope,
                &Event::Failed {
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
            relaxed_simd: cfg!(feature = "relaxed-simd"),
        },
    );
}

fn handle(rt: &Rc<RefCell<Runtime>>, cmd: Command) {
    let mut r = rt.borrow_mut();
    match cmd {
        Command::Ping { id } => post(&r.scope, &Event::Pong { id }),
        Command::BenchGemm(config) => {
            r.job = Some(Box::new(GemmBench::new(config)));
            schedule(&mut r);
        }
        Command::Scale(config) => {
            let sweep = ScaleSweep::new(config).map(ExperimentJob::new);
            start_experiment(&mut r, sweep);
        }
        Command::SeqFinetune(config) => {
            let sweep = SeqFinetune::new(config).map(ExperimentJob::new);
            start_experiment(&mut r, sweep);
        }
        Command::BenchTrain(_)
        | Command::SelfTest(SelfTest::Determinism)
        | Command::Lab(..)
        | Command::Finetune(_) => {
            let data = match &mut r.mnist {
                Data::Ready(data) => data.clone(),
                Data::Loading(waiting) => {
                    waiting.push(cmd);
                    return;
                }
                Data::Absent => {
                    r.mnist = Data::Loading(vec![cmd]);
                    drop(r);
                    load_mnist(rt.clone());
                    return;
                }
            };
            with_data(&mut r, cmd, data);
        }
        Command::Translate(cmd) => translate_command(&mut r, cmd),
        Command::Cancel => {
            let mut took_back = false;
            if let Data::Loading(waiting) = &mut r.mnist {
                let before = waiting.len();
                waiting.retain(|c| matches!(c, Command::Lab(..)));
                took_back = waiting.len() < before;
            }
            if r.job.take().is_some() || took_back {
                post(&r.scope, &Event::Cancelled);
            }
        }
        Command::SelfTest(SelfTest::Panic) => {
            drop(r);
            panic!("self-test: a deliberate panic inside the worker");
        }
    }
}

/// The commands that train on MNIST, once the digits are here.
fn with_data(r: &mut Runtime, cmd: Command, data: Rc<Mnist>) {
    match cmd {
        Command::BenchTrain(config) => {
            let train = data.split(SPLIT_SEED).train;
            r.job = Some(Box::new(TrainBench::new(config, data, train)));
            schedule(r);
        }
        Command::Lab(id, cmd) => lab_command(r, id, cmd, data),
        Command::Finetune(config) => {
            let split = data.split(SPLIT_SEED);
            let run = Finetune::new(config, data, &split, r.pretrained.clone());
            start_experiment(r, run.map(ExperimentJob::new));
        }
        Command::SelfTest(SelfTest::Determinism) => {
            // About 0.2 s of training: short enough to run outside the slicing.
            let event = match determinism::seed_autoencoder_losses(&data) {
                Ok(losses) => Event::Losses(losses),
                Err(e) => Event::Failed {
                    message: e.to_string(),
                },
            };
            post(&r.scope, &event);
        }
        _ => {}
    }
}

/// An experiment becomes the job: the labs pause (and say so), or the page hears why not.
fn start_experiment<J: Job + 'static>(r: &mut Runtime, job: Result<J, crate::error::Error>) {
    match job {
        Ok(job) => {
            let t = now(&r.scope);
            pause_all(r, t);
            r.job = Some(Box::new(job));
            schedule(r);
        }
        Err(e) => post(
            &r.scope,
            &Event::Failed {
                message: e.to_string(),
            },
        ),
    }
}

fn now(scope: &DedicatedWorkerGlobalScope) -> f64 {
    scope.performance().map_or(0.0, |p| p.now())
}

fn post_lab(scope: &DedicatedWorkerGlobalScope, id: LabId, events: Vec<LabEvent>) {
    for e in events {
        post(scope, &Event::Lab(id, e));
    }
}

fn lab_command(r: &mut Runtime, id: LabId, cmd: LabCommand, data: Rc<Mnist>) {
    let t = now(&r.scope);
    let mut out = Vec::new();
    match cmd {
        LabCommand::Reset(config) => {
            let split = data.split(SPLIT_SEED);
            match Lab::new(&config, data, &split) {
                Ok(mut lab) => {
                    lab.start(&mut out);
                    r.labs[slot(id)] = Some(lab);
                }
                Err(e) => {
                    post(
                        &r.scope,
                        &Event::Failed {
                            message: e.to_string(),
                        },
                    );
                    return;
                }
            }
        }
        LabCommand::Run => {
            // One lab trains at a time: the others pause, and say so.
            pause_all(r, t);
            if let Some(lab) = r.labs[slot(id)].as_mut() {
                lab.command(LabCommand::Run, t, &mut out);
            }
            schedule(r);
        }
        cmd => {
            if let Some(lab) = r.labs[slot(id)].as_mut() {
                lab.command(cmd, t, &mut out);
            }
        }
    }
    post_lab(&r.scope, id, out);
}

/// Pauses every lab (each reports it if it was running), before another one runs.
fn pause_all(r: &mut Runtime, t: f64) {
    for id in LAB_IDS {
        let mut paused = Vec::new();
        if let Some(lab) = r.labs[slot(id)].as_mut() {
            lab.pause(t, &mut paused);
        }
        post_lab(&r.scope, id, paused);
    }
    let mut paused = Vec::new();
    if let Some(lab) = r.translate.as_mut() {
        lab.pause(t, &mut paused);
    }
    post_translate(&r.scope, paused);
}

fn post_translate(scope: &DedicatedWorkerGlobalScope, events: Vec<TranslateEvent>) {
    for e in events {
        post(scope, &Event::Translate(e));
    }
}

fn translate_command(r: &mut Runtime, cmd: TranslateCommand) {
    let t = now(&r.scope);
    let mut out = Vec::new();
    match cmd {
        TranslateCommand::Reset(preset) => match TranslateLab::new(&preset) {
            Ok(mut lab) => {
                lab.start(&mut out);
                r.translate = Some(lab);
            }
            Err(e) => {
                post(
                    &r.scope,
                    &Event::Failed {
                        message: e.to_string(),
                    },
                );
                return;
            }
        },
        TranslateCommand::Run => {
            pause_all(r, t);
            if let Some(lab) = r.translate.as_mut() {
                lab.command(TranslateCommand::Run, t, &mut out);
            }
            schedule(r);
        }
        cmd => {
            if let Some(lab) = r.translate.as_mut() {
                lab.command(cmd, t, &mut out);
            }
        }
    }
    post_translate(&r.scope, out);
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
            .and_then(|bytes| mnist::parse(&bytes).map_err(|e| e.to_string()));
        let waiting = {
            let mut r = rt.borrow_mut();
            let waiting = match std::mem::replace(&mut r.mnist, Data::Absent) {
                Data::Loading(cmds) => cmds,
                _ => Vec::new(),
            };
            match parsed {
                Ok(data) => {
                    post(
                        &r.scope,
                        &Event::DataReady {
                            digits: data.len() as u32,
                        },
                    );
                    r.mnist = Data::Ready(Rc::new(data));
                    waiting
                }
                Err(message) => {
                    // Absent again, so the next command that needs the digits tries once more.
                    post(&r.scope, &Event::Failed { message });
                    Vec::new()
                }
            }
        };
        for cmd in waiting {
            handle(&rt, cmd);
        }
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
    let memory_bytes = || {
        let memory: js_sys::WebAssembly::Memory = wasm_bindgen::memory().unchecked_into();
        memory
            .buffer()
            .unchecked_into::<js_sys::ArrayBuffer>()
            .byte_length() as usize
    };
    let env = Env {
        now: &now,
        memory_bytes: &memory_bytes,
    };
    let deadline = now() + SLICE_MS;
    // A benchmark comes first: a lab that was training waits for it.
    if let Some(mut job) = r.job.take() {
        let mut events = Vec::new();
        let progress = job.run_slice(&env, deadline, &mut events);
        for e in &events {
            post(&r.scope, e);
        }
        if progress == Progress::Running {
            r.job = Some(job);
        }
    } else if let Some(i) = r
        .labs
        .iter()
        .position(|l| l.as_ref().is_some_and(Lab::running))
    {
        let mut events = Vec::new();
        if let Some(lab) = r.labs[i].as_mut() {
            lab.run_slice(&env, deadline, &mut events);
        }
        post_lab(&r.scope, LAB_IDS[i], events);
    } else if r.translate.as_ref().is_some_and(TranslateLab::running) {
        let mut events = Vec::new();
        if let Some(lab) = r.translate.as_mut() {
            lab.run_slice(&env, deadline, &mut events);
        }
        post_translate(&r.scope, events);
    }
    let translating = r.translate.as_ref().is_some_and(TranslateLab::running);
    if r.job.is_some() || r.labs.iter().flatten().any(Lab::running) || translating {
        schedule(&mut r);
    }
}
