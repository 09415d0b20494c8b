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
}
