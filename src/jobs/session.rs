//! The one shape of everything that runs in the worker: a session takes its own typed commands,
//! emits its own typed events, works in time slices and can be paused. The worker keeps every
//! session in one map keyed by [`Target`] (see `sessions::Sessions`), so a new lab is one new
//! `Session` and one new `Target`, not a new branch in the worker's loop.

use serde::{Deserialize, Serialize};

use super::orders::Order;
use super::team::Team;
use crate::error::Error;

/// Which session a command is for or an event comes from. Each lab keeps its own model while
/// the visitor is elsewhere; the experiment and the bench are jobs, dropped once they finish.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Target {
    Ae,
    Vae,
    Tf,
    Experiment,
    Bench,
}

impl Target {
    pub const ALL: [Target; 5] = [
        Target::Ae,
        Target::Vae,
        Target::Tf,
        Target::Experiment,
        Target::Bench,
    ];

    /// A job runs to its end and is dropped; a lab stays, paused, until it is reset.
    pub fn is_job(self) -> bool {
        matches!(self, Target::Experiment | Target::Bench)
    }

    /// Who gets the next slice when several could run: the bench first (its figures are timed),
    /// then the experiment, then the labs. Lower is earlier.
    pub fn priority(self) -> u8 {
        match self {
            Target::Bench => 0,
            Target::Experiment => 1,
            Target::Ae | Target::Vae | Target::Tf => 2,
        }
    }
}

/// What a session may ask of the place it runs in. The worker fills it from `performance.now()`
/// and `WebAssembly.Memory`; tests fill it with fakes. Sessions never read a clock of their own
/// (`std::time::Instant` panics on wasm32).
pub struct Env<'a> {
    /// Milliseconds on a monotonic clock.
    pub now: &'a dyn Fn() -> f64,
    /// Bytes of linear memory the module holds now (0 where there is no such figure).
    pub memory_bytes: &'a dyn Fn() -> usize,
    /// The replicas a data-parallel job trains with ([`super::team::Solo`] for one).
    pub team: &'a dyn Team,
}

/// Long work cut into slices, so the worker's event loop answers a Pause, a Cancel or a Ping
/// between two of them.
///
/// Saving and restoring a session (weights, optimiser moments, step, RNG state, history) belongs
/// here too, as `fn snapshot(&self) -> Result<Vec<u8>, Error>` and
/// `fn restore(bytes: &[u8], …) -> Result<Self, Error>`: the scheduler would answer a
/// `Save(Target)` or `Restore(Target, bytes)` for any session without knowing which lab it is.
pub trait Session {
    type Command;
    type Event;

    /// Handles a command between two slices; `now` is the clock in milliseconds.
    fn command(
        &mut self,
        cmd: Self::Command,
        now: f64,
        out: &mut Vec<Self::Event>,
    ) -> Result<(), Error>;

    /// Works until `env.now()` passes `deadline` or the session stops running. Must return soon
    /// after the deadline: a slice is the unit of responsiveness. The loop inside checks the
    /// clock per step; nothing else may be added per step. An error means the session stopped
    /// (`running()` is false afterwards) and the page is told why.
    fn run_slice(
        &mut self,
        env: &Env,
        deadline: f64,
        out: &mut Vec<Self::Event>,
    ) -> Result<(), Error>;

    /// Whether it wants slices to train.
    fn running(&self) -> bool;

    /// Whether it wants slices to get ready (a new lab drawing its data and scoring its
    /// untrained model): unlike training, that does not pause the other labs.
    fn preparing(&self) -> bool {
        false
    }

    /// Stops training, reporting where it stopped if it was running. A job cannot be paused
    /// (it is cancelled instead), so the default does nothing.
    fn pause(&mut self, _now: f64, _out: &mut Vec<Self::Event>) {}

    /// Asked once a job has finished: the command to run next, if its work comes in stages that
    /// wait for different things (the Performance chapter's GEMM, then training on the digits).
    fn follow_up(&mut self) -> Option<Order> {
        None
    }
}
