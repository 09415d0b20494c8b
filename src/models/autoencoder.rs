//! The lab's seed model: a deep, narrow autoencoder (Hinton & Salakhutdinov 2006, "Reducing the
//! Dimensionality of Data with Neural Networks") squeezing 784 pixels through a 4-number
//! bottleneck, trained with MSE and Adam. The decoder mirrors the encoder.

use serde::{Deserialize, Serialize};

use super::budget::DenseShape;
use crate::error::{check_range, Error};
use crate::nn::{check_size, Mlp, MlpConfig, MAX_WIDTH};
use crate::rng::Rng;
use crate::tensor::{Activation, Graph, ParamStore, Var};

/// The widths a lab in the browser trains, each layer after the input: `MAX_WIDTH` bounds
/// what can be described at all, this what a visitor may ask a 2-core laptop for.
pub const LAB_WIDTH_RANGE: (usize, usize) = (1, 1024);

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct AutoencoderConfig {
    /// Encoder widths from the input to the latent code; the decoder runs them backwards.
    pub widths: Vec<usize>,
    /// Between layers (not on the latent code).
    pub hidden: Activation,
    /// On the reconstruction.
    pub output: Activation,
}

impl AutoencoderConfig {
    /// 784→128→64→32→16→8→4 and back, ReLU between layers, sigmoid on the pixels.
    pub fn seed() -> AutoencoderConfig {
        AutoencoderConfig {
            widths: vec![784, 128, 64, 32, 16, 8, 4],
            hidden: Activation::Relu,
            output: Activation::Sigmoid,
        }
    }

    /// The seed model with a 2-D latent code, which can be drawn as a map.
    pub fn latent_2d() -> AutoencoderConfig {
        AutoencoderConfig {
            widths: vec![784, 128, 64, 32, 16, 8, 2],
            ..AutoencoderConfig::seed()
        }
    }

    pub fn input_width(&self) -> usize {
        self.widths.first().copied().unwrap_or(0)
    }

    pub fn latent_width(&self) -> usize {
        self.widths.last().copied().unwrap_or(0)
    }

    /// The encoder alone, linear on the code: what a classifier built on a pretrained encoder
    /// (the fine-tuning experiment) rebuilds without the decoder.
    pub fn encoder(&self) -> MlpConfig {
        MlpConfig::new(&self.widths, self.hidden, Activation::Identity)
    }

    /// Floating-point operations of one training step per sample: each multiply-add of a layer is
    /// 2 FLOPs forward and 4 backward (dx and dW), in encoder and decoder. The seed model's is
    /// 1 335 168.
    pub fn train_flops_per_sample(&self) -> u64 {
        let macs: usize = self.widths.windows(2).map(|w| w[0] * w[1]).sum();
        2 * 6 * macs as u64
    }

    /// The encoder and its mirrored decoder, with the output's sigmoid, as the tape records
    /// them (see [`DenseShape`]).
    pub fn dense_shape(&self) -> DenseShape {
        let w: Vec<f64> = self.widths.iter().map(|&w| w as f64).collect();
        let pairs: f64 = w.windows(2).map(|p| p[0] * p[1]).sum();
        let outputs: f64 = w.iter().skip(1).sum::<f64>() + w.iter().rev().skip(1).sum::<f64>();
        let input = w.first().copied().unwrap_or(0.0);
        DenseShape {
            params: 2.0 * pairs + outputs,
            macs: 2.0 * pairs,
            input,
            activations: outputs + input,
        }
    }

    pub fn validate(&self) -> Result<(), Error> {
        check_range("autoencoder.widths", self.widths.len(), 2, 16)?;
        self.widths
            .iter()
            .try_for_each(|&w| check_size("autoencoder.widths", w, MAX_WIDTH))
    }
}

#[derive(Clone, Debug)]
pub struct Autoencoder {
    pub config: AutoencoderConfig,
    pub encoder: Mlp,
    pub decoder: Mlp,
}

impl Autoencoder {
    /// Adds `encoder.{i}.*` and `decoder.{i}.*` to `params`.
    pub fn new(
        config: &AutoencoderConfig,
        params: &mut ParamStore,
        rng: &mut Rng,
    ) -> Result<Autoencoder, Error> {
        config.validate()?;
        let reversed: Vec<usize> = config.widths.iter().rev().copied().collect();
        let encoder = config.encoder();
        let decoder = MlpConfig::new(&reversed, config.hidden, config.output);
        Ok(Autoencoder {
            config: config.clone(),
            encoder: encoder.init("encoder", params, rng)?,
            decoder: decoder.init("decoder", params, rng)?,
        })
    }

    /// # Shapes
    /// - x: (B, widths[0]) → (B, latent)
    pub fn encode(&self, g: &mut Graph, params: &ParamStore, x: Var) -> Var {
        self.encoder.forward(g, params, x)
    }

    /// # Shapes
    /// - z: (B, latent) → (B, widths[0])
    pub fn decode(&self, g: &mut Graph, params: &ParamStore, z: Var) -> Var {
        self.decoder.forward(g, params, z)
    }

    /// The decoder's output before its last activation.
    ///
    /// # Shapes
    /// - z: (B, latent) → (B, widths[0])
    pub fn decode_logits(&self, g: &mut Graph, params: &ParamStore, z: Var) -> Var {
        self.decoder.forward_logits(g, params, z)
    }

    /// The reconstruction decode(encode(x)).
    ///
    /// # Shapes
    /// - x: (B, widths[0]) → (B, widths[0])
    pub fn forward(&self, g: &mut Graph, params: &ParamStore, x: Var) -> Var {
        let z = self.encode(g, params, x);
        self.decode(g, params, z)
    }
}
