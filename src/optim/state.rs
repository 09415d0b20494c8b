//! An optimiser's running state as plain data, so a saved run resumes with the same moments
//! (Adam's m, v and step counts; SGD's velocity) and its next update is the one it would have
//! made without the interruption. PyTorch keeps the same in `optimizer.state_dict()`.

use serde::{Deserialize, Serialize};

use super::check_state;
use crate::error::Error;
use crate::tensor::ParamStore;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum OptimizerState {
    /// Per parameter: first and second moments, and the steps t of its bias corrections.
    Adam {
        m: Vec<Vec<f32>>,
        v: Vec<Vec<f32>>,
        t: Vec<u32>,
    },
    /// Per parameter: the velocity, and whether it has started (the first step sets it).
    Sgd {
        velocity: Vec<Vec<f32>>,
        started: Vec<bool>,
    },
}

impl OptimizerState {
    pub(crate) fn kind(&self) -> &'static str {
        match self {
            OptimizerState::Adam { .. } => "Adam",
            OptimizerState::Sgd { .. } => "SGD",
        }
    }
}

/// The state a `load_state` was given is for another optimiser.
pub(crate) fn wrong_kind(expected: &'static str, found: &OptimizerState) -> Error {
    Error::InvalidConfig {
        field: "optimizer",
        detail: format!(
            "the saved state is {}'s, the run uses {expected}",
            found.kind()
        ),
    }
}

/// Buffers that fit `params` one for one, and a per-parameter list of the same count.
pub(crate) fn check_buffers<T>(
    op: &'static str,
    buffers: &[&[Vec<f32>]],
    per_param: &[T],
    params: &ParamStore,
) -> Result<(), Error> {
    buffers
        .iter()
        .try_for_each(|b| check_state(op, b, params))?;
    if per_param.len() != params.len() {
        return Err(Error::ShapeMismatch {
            op,
            lhs: vec![per_param.len()],
            rhs: vec![params.len()],
        });
    }
    Ok(())
}
