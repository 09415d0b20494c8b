//! Layer normalisation with a learned gain and shift (Ba, Kiros & Hinton 2016), configured as
//! `torch.nn.LayerNorm` (ε = 10⁻⁵, γ = 1, β = 0).

use serde::{Deserialize, Serialize};

use super::{check_size, Init, MAX_WIDTH};
use crate::error::Error;
use crate::rng::Rng;
use crate::tensor::{Graph, ParamId, ParamStore, Var};

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct LayerNormConfig {
    pub d_model: usize,
    pub eps: f32,
}

impl LayerNormConfig {
    pub fn new(d_model: usize) -> LayerNormConfig {
        LayerNormConfig { d_model, eps: 1e-5 }
    }

    /// Adds `{name}.weight` (γ) and `{name}.bias` (β), PyTorch's names.
    pub fn init(
        &self,
        name: &str,
        params: &mut ParamStore,
        rng: &mut Rng,
    ) -> Result<LayerNorm, Error> {
        check_size("d_model", self.d_model, MAX_WIDTH)?;
        let d = self.d_model;
        Ok(LayerNorm {
            gamma: params.add(format!("{name}.weight"), Init::Ones.array(&[d], d, d, rng)?),
            beta: params.add(format!("{name}.bias"), Init::Zeros.array(&[d], d, d, rng)?),
            eps: self.eps,
        })
    }
}

#[derive(Clone, Debug)]
pub struct LayerNorm {
    pub gamma: ParamId,
    pub beta: ParamId,
    pub eps: f32,
}

impl LayerNorm {
    /// # Shapes
    /// - x: (…, d_model) → (…, d_model)
    pub fn forward(&self, g: &mut Graph, params: &ParamStore, x: Var) -> Var {
        let (gamma, beta) = (g.param(params, self.gamma), g.param(params, self.beta));
        g.layer_norm(x, gamma, beta, self.eps)
    }
}
