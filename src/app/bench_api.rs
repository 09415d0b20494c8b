//! What the benchmark harness (bench/systems.mjs) needs of the wire, exported from the page's
//! own module (Trunk publishes its exports as `window.wasmBindings`), so that the bench encodes
//! and decodes with the Rust types themselves: no second definition of the protocol in
//! JavaScript. The page, not the worker: the page already decodes every event, while decoding
//! them in the worker added 28 KB gzipped to it.

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::JsValue;

use crate::jobs::{BenchCommand, BenchEvent, GemmBenchConfig, GemmShape, Order, Report};
use crate::jobs::{GemmResult, TrainBenchConfig, TrainResult};
use crate::protocol::{decode, encode, Command, Event};

/// One window of the training benchmark at one batch size on `replicas` workers, after the
/// default warm-up steps.
pub fn train_command(batch: u32, millis: f64, seed: u32, replicas: u32) -> Vec<u8> {
    let config = TrainBenchConfig {
        batches: vec![batch as usize],
        millis_per_batch: millis,
        seed: u64::from(seed),
        replicas: replicas as usize,
        ..TrainBenchConfig::default()
    };
    encode(&Command::Order(Order::Bench(BenchCommand::Train(config))))
}

/// The determinism check's 100 steps on `replicas` workers.
pub fn determinism_command(replicas: u32) -> Vec<u8> {
    let replicas = replicas as usize;
    encode(&Command::Order(Order::Bench(BenchCommand::Determinism {
        replicas,
    })))
}

/// One window of the GEMM benchmark at n³.
pub fn gemm_command(n: u32, millis: f64) -> Vec<u8> {
    let config = GemmBenchConfig {
        shapes: vec![GemmShape::cube(n as usize)],
        millis_per_shape: millis,
    };
    encode(&Command::Order(Order::Bench(BenchCommand::Gemm(config))))
}

fn object(fields: &[(&str, JsValue)]) -> JsValue {
    let o = Object::new();
    for (k, v) in fields {
        // Setting a property on a fresh plain object cannot fail.
        let _ = Reflect::set(&o, &JsValue::from_str(k), v);
    }
    o.into()
}

fn gemm(r: &GemmResult) -> JsValue {
    object(&[
        ("label", r.label.as_str().into()),
        ("m", (r.m as f64).into()),
        ("n", (r.n as f64).into()),
        ("k", (r.k as f64).into()),
        ("gflops", r.gflops.into()),
    ])
}

fn train(r: &TrainResult) -> JsValue {
    object(&[
        ("batch", (r.batch as f64).into()),
        ("steps", (r.steps as f64).into()),
        ("samplesPerSec", r.samples_per_sec.into()),
        ("gflops", r.gflops.into()),
        ("firstLoss", r.first_loss.into()),
        ("lastLoss", r.last_loss.into()),
        ("memoryBytes", (r.memory_bytes as f64).into()),
        ("replicas", r.replicas.into()),
    ])
}

fn results<T>(items: &[T], one: fn(&T) -> JsValue) -> JsValue {
    items.iter().map(one).collect::<Array>().into()
}

/// An event as a plain object: `{ kind, results }` for the bench's answers, `{ kind, message }`
/// for a failure, `{ kind }` for anything else.
pub fn decode_event(bytes: &[u8]) -> Result<JsValue, JsValue> {
    let event: Event = decode(bytes).map_err(|e| JsValue::from_str(&e.to_string()))?;
    let kind = |k: &str| ("kind", JsValue::from_str(k));
    let message = |m: &str| ("message", JsValue::from_str(m));
    Ok(match &event {
        Event::Report(Report::Bench(BenchEvent::GemmDone(r))) => {
            object(&[kind("GemmDone"), ("results", results(r, gemm))])
        }
        Event::Report(Report::Bench(BenchEvent::TrainDone(r))) => {
            object(&[kind("TrainDone"), ("results", results(r, train))])
        }
        Event::Report(Report::Bench(BenchEvent::Losses(losses))) => {
            let losses: Array = losses.iter().map(|&l| JsValue::from(l)).collect();
            object(&[kind("Losses"), ("results", losses.into())])
        }
        Event::Report(Report::Failed { error, .. }) => {
            object(&[kind("Failed"), message(&error.to_string())])
        }
        Event::Refused { message: m } => object(&[kind("Refused"), message(m)]),
        Event::Panicked { message: m } => object(&[kind("Panicked"), message(m)]),
        Event::Ready { .. } => object(&[kind("Ready")]),
        _ => object(&[kind("Other")]),
    })
}

/// The exports, as a macro: `#[wasm_bindgen]` functions are exported reliably only from the
/// binary's own crate.
#[macro_export]
macro_rules! bench_exports {
    () => {
        /// The bytes of a one-window training benchmark command on `replicas` workers.
        #[wasm_bindgen::prelude::wasm_bindgen]
        pub fn bench_train_command(batch: u32, millis: f64, seed: u32, replicas: u32) -> Vec<u8> {
            $crate::app::bench_api::train_command(batch, millis, seed, replicas)
        }

        /// The bytes of the determinism check on `replicas` workers.
        #[wasm_bindgen::prelude::wasm_bindgen]
        pub fn bench_determinism_command(replicas: u32) -> Vec<u8> {
            $crate::app::bench_api::determinism_command(replicas)
        }

        /// The bytes of a one-window GEMM benchmark command at n³.
        #[wasm_bindgen::prelude::wasm_bindgen]
        pub fn bench_gemm_command(n: u32, millis: f64) -> Vec<u8> {
            $crate::app::bench_api::gemm_command(n, millis)
        }

        /// A worker event as a plain object.
        #[wasm_bindgen::prelude::wasm_bindgen]
        pub fn bench_decode_event(
            bytes: &[u8],
        ) -> Result<wasm_bindgen::JsValue, wasm_bindgen::JsValue> {
            $crate::app::bench_api::decode_event(bytes)
        }
    };
}
