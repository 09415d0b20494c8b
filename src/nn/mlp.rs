//! A multi-layer perceptron from a list of widths and one activation per layer: the building
//! block of the autoencoders.

use serde::{Deserialize, Serialize};

use super::{Init, Linear, LinearConfig};
use crate::error::Error;
use crate::rng::Rng;
use crate::tensor::{Activation, Graph, ParamStore, Var};

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct MlpConfig {
    /// Input width, then each layer's output width.
    pub widths: Vec<usize>,
    /// One per layer, applied to its output.
    pub activations: Vec<Activation>,
    pub init: Init,
}

impl MlpConfig {
    /// `hidden` after every layer but the last, `output` after the last.
    pub fn new(widths: &[usize], hidden: Activation, output: Activation) -> MlpConfig {
        let layers = widths.len().saturating_sub(1);
        let activations = (0..layers)
            .map(|i| if i + 1 == layers { output } else { hidden })
            .collect();
        MlpConfig {
            widths: widths.to_vec(),
            activations,
            init: Init::KaimingUniform,
        }
    }

    /// Adds `{name}.{i}.weight` and `{name}.{i}.bias` for each layer i.
    pub fn init(&self, name: &str, params: &mut ParamStore, rng: &mut Rng) -> Result<Mlp, Error> {
        if self.widths.len() < 2 || self.activations.len() != self.widths.len() - 1 {
            return Err(Error::InvalidConfig {
                field: "mlp",
                detail: format!(
                    "{} widths need {} activations, got {}",
                    self.widths.len(),
                    self.widths.len().saturating_sub(1).max(1),
                    self.activations.len()
                ),
            });
        }
        let layers = self
            .widths
            .windows(2)
            .enumerate()
            .map(|(i, w)| {
                let config = LinearConfig {
                    init: self.init,
                    ..LinearConfig::new(w[0], w[1])
                };
                config.init(&format!("{name}.{i}"), params, rng)
            })
            .collect::<Result<_, _>>()?;
        Ok(Mlp {
            layers,
            activations: self.activations.clone(),
        })
    }
}

#[derive(Clone, Debug)]
pub struct Mlp {
    pub layers: Vec<Linear>,
    pub activations: Vec<Activation>,
}

impl Mlp {
    /// # Shapes
    /// - x: (…, widths[0]) → (…, widths[last])
    pub fn forward(&self, g: &mut Graph, params: &ParamStore, x: Var) -> Var {
        self.layers
            .iter()
            .zip(&self.activations)
            .fold(x, |h, (layer, &act)| layer.forward_act(g, params, h, act))
    }

    /// As `forward`, but without the last layer's activation: the logits a loss such as
    /// `bce_with_logits` wants, which is steadier than a log of a saturated sigmoid.
    ///
    /// # Shapes
    /// - x: (…, widths[0]) → (…, widths[last])
    pub fn forward_logits(&self, g: &mut Graph, params: &ParamStore, x: Var) -> Var {
        let last = self.layers.len().saturating_sub(1);
        self.layers
            .iter()
            .zip(&self.activations)
            .enumerate()
            .fold(x, |h, (i, (layer, &act))| {
                let act = if i == last { Activation::Identity } else { act };
                layer.forward_act(g, params, h, act)
            })
    }
}
