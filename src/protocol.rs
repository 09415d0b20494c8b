//! The wire between the page and the worker: commands in, events out. It only wraps the
//! sessions' own types (`crate::jobs`), each naming its target; what is added here is what
//! belongs to the worker as a whole (liveness, the digits, the build id, a crash).
//!
//! Messages travel as postcard bytes (serde's compact binary format), never as JSON strings, and
//! only summaries cross the boundary: a few events per second, never one per training step.
//! Both ends come from one build (the handshake checks it), and the bench encodes through the
//! worker's own exports, so the enums can change freely.

use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::jobs::{Order, Report, Target};

/// Identifies the build both binaries came from: a hash of the sources (see build.rs). A page
/// and a worker whose ids differ may not speak the same wire.
pub const BUILD_ID: &str = env!("GRADLAB_BUILD_ID");

/// What the page asks of the worker.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Command {
    /// Answered at once with `Pong`, even while a session runs: the liveness check.
    Ping { id: u32 },
    /// A command for one session.
    Order(Order),
    /// Stop the session at this target (or take back its command waiting for the digits);
    /// answered by `Cancelled`.
    Cancel(Target),
    /// Hidden self-tests, reachable only through a `?selftest=` flag.
    SelfTest(SelfTest),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SelfTest {
    /// Panic inside the worker, to prove the page recovers.
    Panic,
    /// Train the seed autoencoder 100 steps from a fixed seed and report the losses, to compare
    /// with the native run (`jobs::determinism`); runs as the bench session.
    Determinism,
    /// Stop answering (a busy loop of a minute), to prove the page notices and restarts it.
    Hang,
    /// Allocate until memory runs out, to prove the page is told why the worker died.
    OutOfMemory,
}

/// What the worker tells the page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
// A report is as large as a lab's summary; an event is built, posted and dropped at once, a few
// per second, so boxing it would only add an allocation.
#[allow(clippy::large_enum_variant)]
pub enum Event {
    /// Sent once when the worker has started and can take commands: the build it came from, and
    /// which GEMM kernel the page got (relaxed-SIMD fused multiply-add, or plain SIMD128).
    Ready { build: String, relaxed_simd: bool },
    /// The answer to `Ping`, with the worker's wasm memory in bytes (what it has grown to).
    Pong { id: u32, memory: u64 },
    /// Part of the MNIST file has arrived: bytes so far, and expected (0 if unknown).
    DataProgress { received: u64, total: u64 },
    /// The MNIST digits are loaded and checked.
    DataReady { digits: u32 },
    /// A report of one session, its failures included.
    Report(Report),
    /// A message the worker could not read; no session saw it, and the worker is still usable.
    Refused { message: String },
    /// The worker panicked; it is dead and the page restarts it.
    Panicked { message: String },
    /// An allocation of `requested` bytes failed with `memory` bytes of wasm memory in use: the
    /// worker dies next (a failed allocation cannot be recovered from) and the page says why.
    OutOfMemory { requested: u64, memory: u64 },
}

pub fn encode<T: Serialize>(msg: &T) -> Vec<u8> {
    // Serialising these plain enums into a Vec cannot fail: there is no I/O and no map keys.
    postcard::to_stdvec(msg).unwrap_or_default()
}

pub fn decode<'a, T: Deserialize<'a>>(bytes: &'a [u8]) -> Result<T, Error> {
    postcard::from_bytes(bytes).map_err(|e| Error::Corrupt {
        what: "worker message",
        detail: e.to_string(),
    })
}

/// Whether a worker that said `Ready { build, .. }` came from the page's own build.
pub fn same_build(worker_build: &str) -> bool {
    worker_build == BUILD_ID
}

#[cfg(test)]
mod tests;
