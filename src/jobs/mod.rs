//! Everything that runs in the worker, as sessions: the labs, the experiments and the benches,
//! each taking its own commands and reporting its own events, in time slices, under one
//! scheduler (`Sessions`). Nothing here knows how messages travel: `crate::protocol` wraps these
//! types for the wire.

mod ae_run;
pub mod bench;
#[cfg(test)]
mod budget_tests;
pub mod checkpoint;
pub mod determinism;
pub mod experiment;
#[cfg(test)]
mod fake_clock;
mod gemm_bench;
pub mod lab;
pub mod orders;
pub mod session;
pub mod sessions;
pub mod speed_sweep;
pub mod team;
mod train_bench;
pub mod translate;

pub use bench::{BenchCommand, BenchEvent};
pub use gemm_bench::{GemmBench, GemmBenchConfig, GemmResult, GemmShape};
pub use orders::{Order, Report};
pub use session::{Env, Session, Target};
pub use sessions::Sessions;
pub use train_bench::{TrainBench, TrainBenchConfig, TrainResult};

/// The seed of the train/test split every chapter shares.
pub const SPLIT_SEED: u64 = 0;
