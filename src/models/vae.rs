//! A variational autoencoder (Kingma & Welling 2014, "Auto-Encoding Variational Bayes"): the
//! encoder gives a Gaussian q(z|x) = N(μ, σ²) instead of a point, a sample z = μ + σ·ε is decoded,
//! and the loss adds β·KL(q(z|x) ‖ N(0, I)) to the reconstruction error (β-VAE: Higgins et al.
//! 2017).

use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::nn::{Linear, LinearConfig, Mlp, MlpConfig};
use crate::rng::Rng;
use crate::tensor::{Activation, Graph, ParamStore, Var};

use super::budget::DenseShape;
use super::AutoencoderConfig;

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct VaeConfig {
    /// From the input through the hidden layers to the latent size; the decoder runs them
    /// backwards. At least three: the two heads need a hidden layer to read.
    pub widths: Vec<usize>,
    pub hidden: Activation,
    /// Weight of the KL term.
    pub beta: f32,
}

impl VaeConfig {
    /// 784→256→64→2: a 2-D latent space to draw as a map.
    pub fn seed() -> VaeConfig {
        VaeConfig {
            widths: vec![784, 256, 64, 2],
            hidden: Activation::Relu,
            beta: 1.0,
        }
    }

    /// The trunk, the two heads, the sample z and the mirrored decoder, as the tape records
    /// them (see [`DenseShape`]); the loss's few scalars are left out.
    pub fn dense_shape(&self) -> DenseShape {
        let w: Vec<f64> = self.widths.iter().map(|&w| w as f64).collect();
        let n = w.len();
        let input = w.first().copied().unwrap_or(0.0);
        if n < 2 {
            return DenseShape {
                params: 0.0,
                macs: 0.0,
                input,
                activations: 0.0,
            };
        }
        let (hidden, latent) = (w[n - 2], w[n - 1]);
        let trunk: f64 = w[..n - 1].windows(2).map(|p| p[0] * p[1]).sum();
        let decoder: f64 = w.windows(2).map(|p| p[0] * p[1]).sum();
        let heads = 2.0 * hidden * latent;
        let trunk_out: f64 = w[1..n - 1].iter().sum();
        let decoder_out: f64 = w[..n - 1].iter().sum();
        DenseShape {
            params: trunk + heads + decoder + trunk_out + 2.0 * latent + decoder_out,
            macs: trunk + heads + decoder,
            input,
            // μ, log σ², z and ε, then the decoder's outputs.
            activations: trunk_out + 4.0 * latent + decoder_out,
        }
    }
}

#[derive(Clone, Debug)]
pub struct Vae {
    pub config: VaeConfig,
    pub encoder: Mlp,
    pub mu: Linear,
    pub logvar: Linear,
    pub decoder: Mlp,
}

/// The pieces of the loss, all scalars but `mu` and `logvar`.
#[derive(Clone, Copy, Debug)]
pub struct VaeLoss {
    /// recon + β·kl
    pub total: Var,
    /// Binary cross-entropy summed over pixels, averaged over the batch.
    pub recon: Var,
    /// KL(q(z|x) ‖ N(0, I)) summed over latent axes, averaged over the batch.
    pub kl: Var,
    /// (B, latent)
    pub mu: Var,
    pub logvar: Var,
}

impl Vae {
    /// Adds `encoder.{i}.*`, `mu.*`, `logvar.*` and `decoder.{i}.*` to `params`.
    pub fn new(config: &VaeConfig, params: &mut ParamStore, rng: &mut Rng) -> Result<Vae, Error> {
        let n = config.widths.len();
        if n < 3 {
            return Err(Error::InvalidConfig {
                field: "vae.widths",
                detail: format!("needs input, hidden and latent widths, got {n}"),
            });
        }
        // The same bounds as the plain autoencoder's.
        AutoencoderConfig {
            widths: config.widths.clone(),
            hidden: config.hidden,
            output: Activation::Sigmoid,
        }
        .validate()?;
        let (hidden, latent) = (config.widths[n - 2], config.widths[n - 1]);
        let trunk = MlpConfig::new(&config.widths[..n - 1], config.hidden, config.hidden);
        let reversed: Vec<usize> = config.widths.iter().rev().copied().collect();
        let decoder = MlpConfig::new(&reversed, config.hidden, Activation::Identity);
        let head = LinearConfig {
            init: crate::nn::Init::XavierUniform,
            ..LinearConfig::new(hidden, latent)
        };
        Ok(Vae {
            config: config.clone(),
            encoder: trunk.init("encoder", params, rng)?,
            mu: head.init("mu", params, rng)?,
            logvar: head.init("logvar", params, rng)?,
            decoder: decoder.init("decoder", params, rng)?,
        })
    }

    /// The parameters (μ, logσ²) of q(z|x).
    ///
    /// # Shapes
    /// - x: (B, widths[0]) → (B, latent) each
    pub fn encode(&self, g: &mut Graph, params: &ParamStore, x: Var) -> (Var, Var) {
        let h = self.encoder.forward(g, params, x); // (B, hidden)
        (
            self.mu.forward(g, params, h),
            self.logvar.forward(g, params, h),
        )
    }

    /// Pixel logits; `sigmoid` of them is the image.
    ///
    /// # Shapes
    /// - z: (B, latent) → (B, widths[0])
    pub fn decode_logits(&self, g: &mut Graph, params: &ParamStore, z: Var) -> Var {
        self.decoder.forward(g, params, z)
    }

    /// The negative evidence lower bound, with a fresh ε from `rng`.
    ///
    /// # Shapes
    /// - x: (B, widths[0]) with values in [0, 1] → scalars (see [`VaeLoss`])
    pub fn loss(&self, g: &mut Graph, params: &ParamStore, x: Var, rng: &mut Rng) -> VaeLoss {
        let (mu, logvar) = self.encode(g, params, x);
        let z = g.reparameterize(mu, logvar, rng); // (B, latent)
        let logits = self.decode_logits(g, params, z); // (B, D)
                                                       // bce_with_logits averages over B·D elements; ×D sums over pixels instead.
        let recon = g.bce_with_logits(logits, x);
        let recon = g.mul_scalar(recon, self.config.widths[0] as f32);
        let kl = g.kl_std_normal(mu, logvar);
        let weighted = g.mul_scalar(kl, self.config.beta);
        let total = g.add(recon, weighted);
        VaeLoss {
            total,
            recon,
            kl,
            mu,
            logvar,
        }
    }
}
