//! Optimisers, gradient clipping and learning-rate schedules. Optimiser state is sized from the
//! parameter store when the optimiser is made, so `step` allocates nothing.

mod adam;
mod clip;
mod schedule;
mod sgd;
mod state;

pub use adam::{Adam, AdamConfig};
pub use clip::clip_grad_norm;
pub use schedule::LrSchedule;
pub use sgd::{Sgd, SgdConfig};
pub use state::OptimizerState;

use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::tensor::{Grads, ParamStore};

/// Which update rule to train with, chosen at run time (the labs let the visitor pick).
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub enum OptimizerConfig {
    Adam(AdamConfig),
    Sgd(SgdConfig),
}

impl OptimizerConfig {
    /// An optimiser whose state is sized for `params`.
    pub fn build(&self, params: &ParamStore) -> Box<dyn Optimizer> {
        match self {
            OptimizerConfig::Adam(c) => Box::new(Adam::new(c.clone(), params)),
            OptimizerConfig::Sgd(c) => Box::new(Sgd::new(c.clone(), params)),
        }
    }

    pub fn lr(&self) -> f64 {
        match self {
            OptimizerConfig::Adam(c) => c.lr,
            OptimizerConfig::Sgd(c) => c.lr,
        }
    }
}

/// One update rule: θ ← θ − f(∇θ, state).
pub trait Optimizer {
    /// Updates every parameter that has a gradient; parameters without one are left alone, as
    /// PyTorch skips parameters whose `.grad` is None.
    fn step(&mut self, params: &mut ParamStore, grads: &Grads) -> Result<(), Error>;
    fn lr(&self) -> f64;
    /// For schedules: the rate of the next steps.
    fn set_lr(&mut self, lr: f64);
    /// The running state (not the config), to save a run.
    fn state(&self) -> OptimizerState;
    /// Takes a saved `state` for `params`, or refuses it (another optimiser's, or sized for
    /// other parameters) and changes nothing.
    fn load_state(&mut self, state: OptimizerState, params: &ParamStore) -> Result<(), Error>;
}

/// One zeroed state buffer per parameter, matching its size.
pub(crate) fn zeros_like(params: &ParamStore) -> Vec<Vec<f32>> {
    params
        .ids()
        .map(|id| vec![0.0; params.value(id).len()])
        .collect()
}

/// The optimiser was made for another store: its state does not fit this one.
pub(crate) fn check_state(
    op: &'static str,
    state: &[Vec<f32>],
    params: &ParamStore,
) -> Result<(), Error> {
    let sizes_match = state.len() == params.len()
        && params
            .ids()
            .zip(state)
            .all(|(id, s)| params.value(id).len() == s.len());
    if sizes_match {
        Ok(())
    } else {
        Err(Error::ShapeMismatch {
            op,
            lhs: state.iter().map(Vec::len).collect(),
            rhs: params.ids().map(|id| params.value(id).len()).collect(),
        })
    }
}
