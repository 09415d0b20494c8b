//! Parity with PyTorch: the engine against the reference fixtures in `tests/pytorch/` (their
//! schema, error metric and tolerances are in `tests/pytorch/README.md`; the fixtures are made
//! by hand with `tests/pytorch/make_fixtures.py`).
//!
//! Every op case of `ops.json` belongs to one test in `ops.rs` (one test per op family), so a missing
//! or wrong op shows as its own failing test, with the per-case errors in the panic message.
//! Run `cargo test --test core_parity -- --nocapture` to see the error of every case.

mod attention_module;
mod fixtures;
mod metric;
mod ops;
mod optim;
mod record;
mod seed_ae;

/// Per op: output and every gradient.
pub(crate) const OP_TOL: f64 = 1e-5;
/// The seed autoencoder's 51 losses.
pub(crate) const TRAJECTORY_TOL: f64 = 1e-4;
/// Elements smaller than this fraction of the tensor's largest are judged against that floor.
pub(crate) const FLOOR: f64 = 1e-2;
