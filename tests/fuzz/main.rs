//! Fuzz and property tests (issue 16, "Hardened"): every parser that reads what a visitor, a URL,
//! a file or the other thread sends, fed arbitrary and mutated input with proptest; and the
//! promise `validate` makes, that a config it passes builds a lab whose first step succeeds.
//!
//! One file per target. Every property runs [`CASES`] cases from a fixed seed, so a run is the
//! same on every machine and CI cannot flake; a failure is shrunk and printed, never written
//! into the tree. Run one target with `cargo test --test fuzz protocol::`.

mod alloc;
mod builds;
mod checkpoint;
mod mnist;
mod mutate;
mod own_images;
mod own_pairs;
mod protocol;
mod routes;
mod safetensors;
mod settings;
mod share_link;

use gradlab::tasks::{DateLanguages, Task};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, RngSeed};

/// Cases per property: the issue asks for at least 10⁴ per target in `make test`.
pub(crate) const CASES: u32 = 10_000;

/// A deterministic run of `cases` cases that writes no regression files.
pub(crate) fn config(cases: u32) -> Config {
    Config {
        cases,
        failure_persistence: None,
        rng_algorithm: RngAlgorithm::ChaCha,
        rng_seed: RngSeed::Fixed(0x5eed_f022),
        ..Config::default()
    }
}

/// Any of the Transformer's tasks, each date language apart.
pub(crate) fn task() -> impl Strategy<Value = Task> {
    prop_oneof![
        Just(Task::Dates(DateLanguages::Both)),
        Just(Task::Dates(DateLanguages::English)),
        Just(Task::Dates(DateLanguages::Chinese)),
        Just(Task::Numbers),
        Just(Task::Reversal),
    ]
}
