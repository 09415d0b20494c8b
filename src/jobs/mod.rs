//! Long-running work for the worker, cut into time slices.
//!
//! A job does a bounded amount of work per call and returns, so the worker's event loop can answer
//! a Cancel or a Ping between slices. Jobs never read a clock of their own: the caller passes one
//! (`std::time::Instant` panics on wasm32), which also lets tests drive them with a fake clock.

mod gemm_bench;

pub use gemm_bench::{GemmBench, GemmBenchConfig, GemmResult, GemmShape};

use crate::protocol::Event;

/// Milliseconds on a monotonic clock.
pub type Clock<'a> = &'a dyn Fn() -> f64;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Progress {
    Running,
    Done,
}

pub trait Job {
    /// Works until the clock passes `deadline` or the job is done, pushing events for the page
    /// into `out`. Must return soon after the deadline: a slice is the unit of responsiveness.
    fn run_slice(&mut self, clock: Clock, deadline: f64, out: &mut Vec<Event>) -> Progress;
}
