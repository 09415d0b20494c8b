//! How far a long experiment has got, counted in optimiser steps rather than seconds: the core
//! has no clock (`std::time` panics on wasm), so the page turns steps into an ETA with its own.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepCount {
    pub done: usize,
    pub total: usize,
}

impl StepCount {
    /// done/total in [0, 1]; a plan with no steps counts as finished.
    pub fn fraction(&self) -> f32 {
        if self.total == 0 {
            1.0
        } else {
            (self.done.min(self.total) as f64 / self.total as f64) as f32
        }
    }

    /// What an ETA multiplies by the time a step has taken so far.
    pub fn remaining(&self) -> usize {
        self.total.saturating_sub(self.done)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn should_report_fraction_and_remaining() {
        let s = StepCount {
            done: 30,
            total: 120,
        };
        assert_eq!((s.fraction(), s.remaining()), (0.25, 90));
        assert_eq!(StepCount::default().fraction(), 1.0);
    }
}
