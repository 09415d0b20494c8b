//! Long-running work for the worker, cut into time slices.
//!
//! A job does a bounded amount of work per call and returns, so the worker's event loop can answer
//! a Cancel or a Ping between slices. Jobs never read a clock of their own: the caller passes one
//! (`std::time::Instant` panics on wasm32), which also lets tests drive them with a fake clock.

pub mod determinism;
pub mod experiment;
#[cfg(test)]
mod fake_clock;
mod gemm_bench;
pub mod lab;
mod train_bench;
pub mod translate;

pub use gemm_bench::{GemmBench, GemmBenchConfig, GemmResult, GemmShape};
pub use train_bench::{TrainBench, TrainBenchConfig, TrainResult};

use crate::protocol::Event;

/// What a job may ask of the place it runs in. The worker fills it from `performance.now()` and
/// `WebAssembly.Memory`; tests fill it with fakes.
pub struct Env<'a> {
    /// Milliseconds on a monotonic clock.
    pub now: &'a dyn Fn() -> f64,
    /// Bytes of linear memory the module holds now (0 where there is no such figure).
    pub memory_bytes: &'a dyn Fn() -> usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Progress {
    Running,
    Done,
}

pub trait Job {
    /// Works until `env.now()` passes `deadline` or the job is done, pushing events for the page
    /// into `out`. Must return soon after the deadline: a slice is the unit of responsiveness.
    fn run_slice(&mut self, env: &Env, deadline: f64, out: &mut Vec<Event>) -> Progress;
}
