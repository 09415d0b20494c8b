//! A trained encoder's weights, detached from the autoencoder that learned them: the hand-over
//! from unsupervised pretraining to the classifiers, whether the pretraining ran in this
//! experiment or in the Autoencoder chapter. A plain serde struct, so the weights can also
//! travel between the worker and the page.

use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::models::{Autoencoder, AutoencoderConfig, AutoencoderTrainer};
use crate::nn::Mlp;
use crate::tensor::{ParamId, ParamStore};

use super::named_tensor::{load_named, NamedTensor};

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
        EncoderWeights {
            config: model.config.clone(),
            tensors: mlp_ids(&model.encoder)
                .iter()
                .map(|&id| NamedTensor::of(params, id))
                .collect(),
        }
    }

    /// The encoder of a trainer as it stands, for instance the Autoencoder chapter's.
    pub fn from_trainer(trainer: &AutoencoderTrainer) -> EncoderWeights {
        Self::from_autoencoder(&trainer.model, &trainer.params)
    }

    /// Overwrites `encoder`'s parameters in `params` with these, matched by name; every
    /// parameter must be found with the same shape. An encoder of fewer layers takes the
    /// first ones.
    pub fn load(&self, encoder: &Mlp, params: &mut ParamStore) -> Result<(), Error> {
        load_named(&self.tensors, &mlp_ids(encoder), params)
    }
}

/// Every parameter of an MLP, layer by layer, weight before bias.
fn mlp_ids(mlp: &Mlp) -> Vec<ParamId> {
    mlp.layers
        .iter()
        .flat_map(|layer| std::iter::once(layer.weight).chain(layer.bias))
        .collect()
}
