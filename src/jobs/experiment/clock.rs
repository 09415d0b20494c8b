//! The experiments' clock, kept in the worker that runs them: time spent, time left at the pace
//! so far, and each model size's wall time in the scale sweep.

use serde::{Deserialize, Serialize};

use crate::experiments::StepCount;

/// Where a run stands in time, with every report.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RunClock {
    /// Milliseconds since the run's first slice.
    pub elapsed_ms: f64,
    /// At the pace so far; `None` before the first step.
    pub time_left_ms: Option<f64>,
}

impl RunClock {
    pub fn at(elapsed_ms: f64, steps: StepCount) -> RunClock {
        RunClock {
            elapsed_ms,
            time_left_ms: time_left_ms(elapsed_ms, steps),
        }
    }
}

/// The steps still to do at the mean time a step has taken so far.
pub fn time_left_ms(elapsed_ms: f64, steps: StepCount) -> Option<f64> {
    (steps.done > 0 && elapsed_ms > 0.0)
        .then(|| elapsed_ms / steps.done as f64 * steps.remaining() as f64)
}

/// The wall time of each finished item of a sweep (the scale sweep's model sizes), read once
/// per slice: each is exact to within a slice.
#[derive(Clone, Debug, Default)]
pub struct ItemClock {
    current: usize,
    since: f64,
    done_ms: Vec<f64>,
}

impl ItemClock {
    pub fn new(start: f64) -> ItemClock {
        ItemClock {
            current: 0,
            since: start,
            done_ms: Vec::new(),
        }
    }

    /// `item` is the position of the item in progress now, `None` once all are done.
    pub fn observe(&mut self, item: Option<usize>, now: f64) {
        let item = item.unwrap_or(usize::MAX);
        if item != self.current {
            if self.done_ms.len() == self.current {
                self.done_ms.push(now - self.since);
            }
            self.current = item;
            self.since = now;
        }
    }

    pub fn done_ms(&self) -> &[f64] {
        &self.done_ms
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_left_follows_the_pace_so_far() {
        let s = StepCount {
            done: 25,
            total: 100,
        };
        assert_eq!(time_left_ms(1000.0, s), Some(3000.0));
        assert_eq!(time_left_ms(1000.0, StepCount::default()), None);
        assert_eq!(RunClock::at(0.0, s).time_left_ms, None);
    }

    #[test]
    fn each_item_gets_the_time_between_its_start_and_the_next() {
        let mut c = ItemClock::new(100.0);
        c.observe(Some(0), 150.0);
        c.observe(Some(1), 400.0);
        c.observe(Some(1), 500.0);
        c.observe(None, 1000.0);
        assert_eq!(c.done_ms(), [300.0, 600.0]);
        c.observe(None, 2000.0);
        assert_eq!(c.done_ms().len(), 2);
    }
}
