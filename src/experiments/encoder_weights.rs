//! A trained encoder's weights, detached from the autoencoder that learned them: the hand-over
//! from unsupervised pretraining to the classifiers, whether the pretraining ran in this
//! experiment or in the Autoencoder chapter. A plain serde struct, so the weights can also
//! travel between the worker and the page.

use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::models::{Autoencoder, AutoencoderConfig, AutoencoderTrainer};
use crate::nn::Mlp;
use crate::tensor::{ParamId, ParamStore};

/// One parameter: its store name, shape and row-major values.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NamedTensor {
    pub name: String,
    pub shape: Vec<usize>,
    pub data: Vec<f32>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EncoderWeights {
    /// The autoencoder they come from; the classifier rebuilds its encoder from it.
    pub config: AutoencoderConfig,
    /// `encoder.{i}.weight` (in, out) and `encoder.{i}.bias` (out), layer by layer.
    pub tensors: Vec<NamedTensor>,
}

impl EncoderWeights {
    /// Copies the encoder half of `model`, whose values live in `params`.
    pub fn from_autoencoder(model: &Autoencoder, params: &ParamStore) -> EncoderWeights {
        let tensors = mlp_ids(&model.encoder)
            .map(|id| {
                let value = params.value(id);
                NamedTensor {
                    name: params.name(id).to_string(),
                    shape: value.shape().to_vec(),
                    data: value.iter().copied().collect(),
                }
            })
            .collect();
        EncoderWeights {
            config: model.config.clone(),
            tensors,
        }
    }

    /// The encoder of a trainer as it stands, for instance the Autoencoder chapter's.
    pub fn from_trainer(trainer: &AutoencoderTrainer) -> EncoderWeights {
        Self::from_autoencoder(&trainer.model, &trainer.params)
    }

    /// Overwrites `encoder`'s parameters in `params` with these, matched by name; every
    /// parameter must be found with the same shape.
    pub fn load(&self, encoder: &Mlp, params: &mut ParamStore) -> Result<(), Error> {
        for id in mlp_ids(encoder) {
            let name = params.name(id).to_string();
            let tensor = self
                .tensors
                .iter()
                .find(|t| t.name == name)
                .ok_or_else(|| Error::Corrupt {
                    what: "encoder weights",
                    detail: format!("no tensor named {name}"),
                })?;
            let shape = params.value(id).shape().to_vec();
            if tensor.shape != shape || tensor.data.len() != shape.iter().product::<usize>() {
                return Err(Error::ShapeMismatch {
                    op: "EncoderWeights::load",
                    lhs: shape,
                    rhs: tensor.shape.clone(),
                });
            }
            params.set(id, &tensor.data)?;
        }
        Ok(())
    }
}

/// Every parameter of an MLP, layer by layer, weight before bias.
fn mlp_ids(mlp: &Mlp) -> impl Iterator<Item = ParamId> + '_ {
    mlp.layers
        .iter()
        .flat_map(|layer| std::iter::once(layer.weight).chain(layer.bias))
}
