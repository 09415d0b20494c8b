//! Telling a run that is learning from one that has blown up, so the page can stop it and say
//! why instead of drawing NaN.
//!
//! Two signs: a loss or a weight that is no longer finite, and a training loss that has climbed
//! far above where the run started. The second is read from a moving average, so one unlucky
//! batch (batch size 1 is allowed) does not stop a healthy run.

use serde::{Deserialize, Serialize};

use crate::tensor::ParamStore;

use super::events::Divergence;

/// How far above its starting loss a run may climb before it counts as diverged.
const EXPLODE_FACTOR: f32 = 4.0;
/// Weight of the newest step in the moving average of the training loss.
const EMA_WEIGHT: f32 = 0.1;
/// Healthy runs of these models keep every weight within ±10 and every code within ±100
/// (measured on the presets with Adam and SGD); runs whose updates overshoot reach thousands
/// and then saturate every unit, and their loss stops at that of the average digit.
const MAX_WEIGHT: f32 = 1e3;
const MAX_CODE: f32 = 1e4;

/// Serialisable, so a saved run keeps its reference loss and its average.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Watch {
    /// The untrained model's test loss.
    start: Option<f32>,
    ema: Option<f32>,
    diverged: Option<Divergence>,
}

impl Watch {
    pub fn diverged(&self) -> Option<Divergence> {
        self.diverged
    }

    /// Looks at one training loss; `Some` the first time the run diverges.
    pub fn step(&mut self, loss: f32) -> Option<Divergence> {
        if self.diverged.is_some() {
            return None;
        }
        if !loss.is_finite() {
            return self.stop(Divergence::NonFinite);
        }
        let ema = match self.ema {
            Some(e) => e + EMA_WEIGHT * (loss - e),
            None => loss,
        };
        self.ema = Some(ema);
        match self.start {
            Some(start) if start > 0.0 && ema > EXPLODE_FACTOR * start => {
                self.stop(Divergence::Exploded { loss: ema, start })
            }
            _ => None,
        }
    }

    /// Looks at a test loss, the weights and the test codes; the first test loss is where the
    /// run starts. `Some` the first time the run diverges.
    pub fn summary(
        &mut self,
        test_loss: f32,
        params: &ParamStore,
        codes: &[f32],
    ) -> Option<Divergence> {
        if self.diverged.is_some() {
            return None;
        }
        let largest = |values: &mut dyn Iterator<Item = f32>| {
            values.fold(
                0.0f32,
                |m, v| if v.is_nan() { f32::NAN } else { m.max(v.abs()) },
            )
        };
        let weight = params
            .ids()
            .map(|id| largest(&mut params.value(id).iter().copied()))
            .fold(0.0f32, |m, v| if v.is_nan() { f32::NAN } else { m.max(v) });
        let code = largest(&mut codes.iter().copied());
        if !test_loss.is_finite() || !weight.is_finite() || !code.is_finite() {
            return self.stop(Divergence::NonFinite);
        }
        if weight > MAX_WEIGHT || code > MAX_CODE {
            return self.stop(Divergence::Saturated { weight, code });
        }
        self.start.get_or_insert(test_loss);
        None
    }

    fn stop(&mut self, reason: Divergence) -> Option<Divergence> {
        self.diverged = Some(reason);
        Some(reason)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tensor::Tensor;

    #[test]
    fn a_nan_loss_diverges_once() {
        let mut w = Watch::default();
        assert_eq!(w.summary(0.2, &ParamStore::new(), &[]), None);
        assert_eq!(w.step(0.19), None);
        assert_eq!(w.step(f32::NAN), Some(Divergence::NonFinite));
        assert_eq!(w.step(f32::NAN), None, "reported once");
        assert_eq!(w.diverged(), Some(Divergence::NonFinite));
    }

    #[test]
    fn one_bad_batch_is_tolerated_but_a_climb_is_not() {
        let mut w = Watch::default();
        w.summary(1.0, &ParamStore::new(), &[]);
        w.step(1.0);
        assert_eq!(w.step(20.0), None, "the average moves a tenth of the way");
        let mut w = Watch::default();
        w.summary(1.0, &ParamStore::new(), &[]);
        let stopped = (0..100).find_map(|_| w.step(10.0));
        assert!(matches!(stopped, Some(Divergence::Exploded { start, .. }) if start == 1.0));
    }

    #[test]
    fn non_finite_weights_diverge() {
        let mut params = ParamStore::new();
        params.add("w", Tensor::new(&[2], vec![1.0, f32::INFINITY]).unwrap());
        assert_eq!(
            Watch::default().summary(0.5, &params, &[]),
            Some(Divergence::NonFinite)
        );
        assert_eq!(
            Watch::default().summary(0.5, &ParamStore::new(), &[1.0, f32::NAN]),
            Some(Divergence::NonFinite)
        );
    }

    #[test]
    fn huge_weights_or_codes_are_a_blow_up() {
        let mut params = ParamStore::new();
        params.add("w", Tensor::new(&[2], vec![1.0, -2e3]).unwrap());
        assert!(matches!(
            Watch::default().summary(0.1, &params, &[1.0]),
            Some(Divergence::Saturated { weight, .. }) if weight == 2e3
        ));
        assert!(matches!(
            Watch::default().summary(0.1, &ParamStore::new(), &[3.0, -5e4]),
            Some(Divergence::Saturated { code, .. }) if code == 5e4
        ));
        assert_eq!(
            Watch::default().summary(0.1, &ParamStore::new(), &[3.0, -50.0]),
            None
        );
    }
}
