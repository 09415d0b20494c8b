//! A fake clock for job tests: every reading advances it a fixed tick, so a test controls how
//! much "time" a slice or a step takes, whatever the machine.

use std::cell::Cell;

use super::session::Env;

/// Calls `slice(env, deadline)` with 15 ms deadlines, as the worker does, until it returns
/// `false` (the job stopped) or `ms` of fake time have passed. Each clock reading advances the
/// clock `tick` ms. Returns the time at the end.
pub fn drive(ms: f64, tick: f64, slice: impl FnMut(&Env, f64) -> bool) -> f64 {
    drive_slices(15.0, ms, tick, slice)
}

/// [`drive`] with slices of `slice_ms`: longer ones let a slow clock (a large `tick`) take
/// several steps a slice.
pub fn drive_slices(
    slice_ms: f64,
    ms: f64,
    tick: f64,
    mut slice: impl FnMut(&Env, f64) -> bool,
) -> f64 {
    let t = Cell::new(0.0);
    let now = || {
        t.set(t.get() + tick);
        t.get()
    };
    let env = Env {
        now: &now,
        memory_bytes: &|| 0,
        team: &crate::jobs::team::Solo,
    };
    while t.get() < ms {
        let deadline = now() + slice_ms;
        if !slice(&env, deadline) {
            break;
        }
    }
    t.get()
}
