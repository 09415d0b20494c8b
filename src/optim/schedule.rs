//! Learning-rate schedules: constant, and linear warm-up followed by cosine decay (Loshchilov &
//! Hutter 2017, "SGDR"; the warm-up of Goyal et al. 2017), as nanoGPT's `get_lr`.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub enum LrSchedule {
    Constant,
    /// Rises linearly to the base rate over `warmup_steps`, then follows half a cosine down to
    /// `min_factor`·base at `total_steps`, and stays there.
    WarmupCosine {
        warmup_steps: usize,
        total_steps: usize,
        min_factor: f64,
    },
}

impl LrSchedule {
    /// The rate for step `step` (counted from 0).
    pub fn lr(&self, base: f64, step: usize) -> f64 {
        match *self {
            LrSchedule::Constant => base,
            LrSchedule::WarmupCosine {
                warmup_steps,
                total_steps,
                min_factor,
            } => {
                if step < warmup_steps {
                    return base * (step + 1) as f64 / warmup_steps as f64;
                }
                let decay_steps = total_steps.saturating_sub(warmup_steps).max(1);
                let progress = ((step - warmup_steps) as f64 / decay_steps as f64).min(1.0);
                let cosine = 0.5 * (1.0 + (std::f64::consts::PI * progress).cos());
                base * (min_factor + (1.0 - min_factor) * cosine)
            }
        }
    }

    /// The step the decay ends at: the "steps" a form shows; 0 for a constant rate, which has
    /// none.
    pub fn total_steps(&self) -> usize {
        match *self {
            LrSchedule::Constant => 0,
            LrSchedule::WarmupCosine { total_steps, .. } => total_steps,
        }
    }

    /// The same schedule ending at step `total`, its warm-up cut to fit (a warm-up longer than
    /// the run is refused by `validate`); a constant rate stays constant.
    pub fn with_total_steps(self, total: usize) -> LrSchedule {
        match self {
            LrSchedule::Constant => LrSchedule::Constant,
            LrSchedule::WarmupCosine {
                warmup_steps,
                min_factor,
                ..
            } => LrSchedule::WarmupCosine {
                warmup_steps: warmup_steps.min(total),
                total_steps: total,
                min_factor,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn warmup_cosine_rises_then_falls_to_the_floor() {
        let s = LrSchedule::WarmupCosine {
            warmup_steps: 10,
            total_steps: 110,
            min_factor: 0.1,
        };
        // Warm-up: (step + 1)/10 of the base.
        assert!((s.lr(1.0, 0) - 0.1).abs() < 1e-6);
        assert!((s.lr(1.0, 9) - 1.0).abs() < 1e-6);
        // Halfway through the decay, cos(π/2) = 0: 0.1 + 0.9·0.5.
        assert!((s.lr(1.0, 60) - 0.55).abs() < 1e-6);
        assert!((s.lr(1.0, 110) - 0.1).abs() < 1e-6);
        assert!((s.lr(1.0, 500) - 0.1).abs() < 1e-6);
        assert_eq!(LrSchedule::Constant.lr(0.3, 1000), 0.3);
    }

    #[test]
    fn a_new_length_keeps_the_warmup_unless_it_no_longer_fits() {
        let s = LrSchedule::WarmupCosine {
            warmup_steps: 100,
            total_steps: 1500,
            min_factor: 0.1,
        };
        assert_eq!(s.total_steps(), 1500);
        let longer = s.clone().with_total_steps(3000);
        assert_eq!(
            longer,
            LrSchedule::WarmupCosine {
                warmup_steps: 100,
                total_steps: 3000,
                min_factor: 0.1
            }
        );
        let shorter = s.with_total_steps(40);
        assert_eq!(shorter.total_steps(), 40);
        assert!(matches!(
            shorter,
            LrSchedule::WarmupCosine {
                warmup_steps: 40,
                ..
            }
        ));
        assert_eq!(
            LrSchedule::Constant.with_total_steps(9),
            LrSchedule::Constant
        );
        assert_eq!(LrSchedule::Constant.total_steps(), 0);
    }
}
