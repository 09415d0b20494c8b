//! The fully connected layer y = act(x·W + b), with W stored (in, out) so the forward pass is one
//! GEMM whose epilogue adds the bias and applies ReLU (burn's `Linear`, PyTorch's `nn.Linear`
//! with the weight transposed).

use serde::{Deserialize, Serialize};

use super::{check_size, Init, MAX_WIDTH};
use crate::error::Error;
use crate::rng::Rng;
use crate::tensor::{Activation, Graph, ParamId, ParamStore, Var};

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct LinearConfig {
    pub d_input: usize,
    pub d_output: usize,
    pub bias: bool,
    /// The weight's initialiser; the bias starts at zero.
    pub init: Init,
}

impl LinearConfig {
    pub fn new(d_input: usize, d_output: usize) -> LinearConfig {
        LinearConfig {
            d_input,
            d_output,
            bias: true,
            init: Init::KaimingUniform,
        }
    }

    /// Adds `{name}.weight` (and `{name}.bias`) to `params`.
    pub fn init(
        &self,
        name: &str,
        params: &mut ParamStore,
        rng: &mut Rng,
    ) -> Result<Linear, Error> {
        check_size("d_input", self.d_input, MAX_WIDTH)?;
        check_size("d_output", self.d_output, MAX_WIDTH)?;
        let (i, o) = (self.d_input, self.d_output);
        let weight = params.add(
            format!("{name}.weight"),
            self.init.array(&[i, o], i, o, rng)?,
        );
        let bias = if self.bias {
            let zeros = Init::Zeros.array(&[o], i, o, rng)?;
            Some(params.add(format!("{name}.bias"), zeros))
        } else {
            None
        };
        Ok(Linear {
            weight,
            bias,
            d_input: i,
            d_output: o,
        })
    }
}

#[derive(Clone, Debug)]
pub struct Linear {
    pub weight: ParamId,
    pub bias: Option<ParamId>,
    pub d_input: usize,
    pub d_output: usize,
}

impl Linear {
    /// x·W + b.
    ///
    /// # Shapes
    /// - x: (…, d_input) → (…, d_output)
    pub fn forward(&self, g: &mut Graph, params: &ParamStore, x: Var) -> Var {
        self.forward_act(g, params, x, Activation::Identity)
    }

    /// act(x·W + b); Identity and ReLU happen inside the matrix product.
    ///
    /// # Shapes
    /// - x: (…, d_input) → (…, d_output)
    pub fn forward_act(&self, g: &mut Graph, params: &ParamStore, x: Var, act: Activation) -> Var {
        let w = g.param(params, self.weight);
        let b = self.bias.map(|b| g.param(params, b));
        g.linear(x, w, b, act)
    }
}
