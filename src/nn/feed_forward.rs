//! The position-wise feed-forward block of a transformer (Vaswani et al. 2017, §3.3; nanoGPT's
//! `MLP`): widen, apply a nonlinearity, project back.

use serde::{Deserialize, Serialize};

use super::{Linear, LinearConfig};
use crate::error::Error;
use crate::rng::Rng;
use crate::tensor::{Activation, Graph, ParamStore, Var};

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct FeedForwardConfig {
    pub d_model: usize,
    /// Usually 4·d_model.
    pub d_hidden: usize,
    pub activation: Activation,
}

impl FeedForwardConfig {
    /// Adds `{name}.up.*` and `{name}.down.*`.
    pub fn init(
        &self,
        name: &str,
        params: &mut ParamStore,
        rng: &mut Rng,
    ) -> Result<FeedForward, Error> {
        Ok(FeedForward {
            up: LinearConfig::new(self.d_model, self.d_hidden).init(
                &format!("{name}.up"),
                params,
                rng,
            )?,
            down: LinearConfig::new(self.d_hidden, self.d_model).init(
                &format!("{name}.down"),
                params,
                rng,
            )?,
            activation: self.activation,
        })
    }
}

#[derive(Clone, Debug)]
pub struct FeedForward {
    pub up: Linear,
    pub down: Linear,
    pub activation: Activation,
}

impl FeedForward {
    /// down(act(up(x))).
    ///
    /// # Shapes
    /// - x: (…, d_model) → (…, d_model), through (…, d_hidden)
    pub fn forward(&self, g: &mut Graph, params: &ParamStore, x: Var) -> Var {
        let h = self.up.forward_act(g, params, x, self.activation); // (…, d_hidden)
        self.down.forward(g, params, h)
    }
}
