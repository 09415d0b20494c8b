//! What the three experiments (fine-tuning, scale, sequence fine-tuning) have in common: a state
//! machine advanced one unit of work at a time, whose progress is counted in optimiser steps.

use super::StepCount;
use crate::error::Error;

pub trait Sweep {
    /// One unit of work: an optimiser step, or scoring one chunk of held-out data. Does nothing
    /// once done.
    fn work(&mut self) -> Result<(), Error>;

    fn is_done(&self) -> bool;

    /// Optimiser steps taken so far, and planned in all.
    fn steps(&self) -> StepCount;

    /// The same progress in units of compute, for the time a run has left: a sweep whose
    /// steps grow costlier as it goes (the scale sweep's sizes) counts each step at its cost,
    /// so the estimate does not stall on the larger models. Steps, by default.
    fn cost(&self) -> StepCount {
        self.steps()
    }

    /// Runs until done or until `max_steps` more optimiser steps were taken. Scoring takes no
    /// step, so a slice may end with held-out scoring still to do.
    fn advance(&mut self, max_steps: usize) -> Result<(), Error> {
        let target = self.steps().done.saturating_add(max_steps);
        while !self.is_done() && self.steps().done < target {
            self.work()?;
        }
        Ok(())
    }
}
