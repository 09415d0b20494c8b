//! Training a variational autoencoder step by step, and looking inside it between steps: the
//! VAE counterpart of [`super::AutoencoderTrainer`].

use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::optim::{Optimizer, OptimizerConfig};
use crate::rng::Rng;
use crate::tensor::{Graph, ParamStore};

use super::{TrainerState, Vae, VaeConfig};

/// The loss of one batch, each term averaged over the batch.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Losses {
    /// recon + β·kl: the negative ELBO when β = 1.
    pub total: f32,
    /// Binary cross-entropy summed over the pixels of an image (nats per image).
    pub recon: f32,
    /// KL(q(z|x) ‖ N(0, I)) summed over the latent axes (nats per image).
    pub kl: f32,
}

pub struct VaeTrainer {
    pub model: Vae,
    pub params: ParamStore,
    pub optimizer: Box<dyn Optimizer>,
    /// Draws the ε of each training step.
    rng: Rng,
    graph: Graph,
    eval: Graph,
}

impl VaeTrainer {
    pub fn new(
        config: &VaeConfig,
        optimizer: &OptimizerConfig,
        seed: u64,
    ) -> Result<VaeTrainer, Error> {
        let mut params = ParamStore::new();
        let mut rng = Rng::seed(seed);
        let model = Vae::new(config, &mut params, &mut rng)?;
        let optimizer = optimizer.build(&params);
        Ok(VaeTrainer {
            model,
            params,
            optimizer,
            rng,
            graph: Graph::new(),
            eval: Graph::new(),
        })
    }

    pub fn input_width(&self) -> usize {
        self.model.config.widths.first().copied().unwrap_or(0)
    }

    pub fn latent_width(&self) -> usize {
        self.model.config.widths.last().copied().unwrap_or(0)
    }

    /// The weight of the KL term; may change between steps.
    pub fn set_beta(&mut self, beta: f32) {
        self.model.config.beta = beta;
    }

    fn rows(op: &'static str, data: &[f32], width: usize) -> Result<usize, Error> {
        if data.is_empty() || width == 0 || !data.len().is_multiple_of(width) {
            return Err(Error::ShapeMismatch {
                op,
                lhs: vec![data.len()],
                rhs: vec![width],
            });
        }
        Ok(data.len() / width)
    }

    /// One optimiser step on the β-weighted negative ELBO of `batch` (B, input width); the
    /// losses before the update.
    pub fn step(&mut self, batch: &[f32]) -> Result<Losses, Error> {
        let width = self.input_width();
        let rows = Self::rows("VaeTrainer::step", batch, width)?;
        let g = &mut self.graph;
        g.reset();
        let x = g.input_from_slice(&[rows, width], batch);
        let loss = self.model.loss(g, &self.params, x, &mut self.rng);
        let grads = g.backward(loss.total, &self.params)?;
        self.optimizer.step(&mut self.params, &grads)?;
        Ok(Losses {
            total: g.scalar(loss.total),
            recon: g.scalar(loss.recon),
            kl: g.scalar(loss.kl),
        })
    }

    /// The losses of `batch` without training, with ε drawn from `rng` (pass a freshly seeded
    /// one to score every evaluation on the same noise), and μ and log σ² (B, latent) from the
    /// same pass.
    pub fn evaluate(
        &mut self,
        batch: &[f32],
        rng: &mut Rng,
        mu: &mut Vec<f32>,
        logvar: &mut Vec<f32>,
    ) -> Result<Losses, Error> {
        let width = self.input_width();
        let rows = Self::rows("VaeTrainer::evaluate", batch, width)?;
        let g = &mut self.eval;
        g.reset();
        let x = g.input_from_slice(&[rows, width], batch);
        let loss = self.model.loss(g, &self.params, x, rng);
        g.read_into(loss.mu, mu)?;
        g.read_into(loss.logvar, logvar)?;
        Ok(Losses {
            total: g.scalar(loss.total),
            recon: g.scalar(loss.recon),
            kl: g.scalar(loss.kl),
        })
    }

    /// μ and log σ² of q(z|x): (B, input width) → (B, latent) each.
    pub fn encode(
        &mut self,
        batch: &[f32],
        mu: &mut Vec<f32>,
        logvar: &mut Vec<f32>,
    ) -> Result<(), Error> {
        let width = self.input_width();
        let rows = Self::rows("VaeTrainer::encode", batch, width)?;
        let g = &mut self.eval;
        g.reset();
        let x = g.input_from_slice(&[rows, width], batch);
        let (m, lv) = self.model.encode(g, &self.params, x);
        g.read_into(m, mu)?;
        g.read_into(lv, logvar)
    }

    /// The mean image p(x|z) of each code: (B, latent) → (B, input width), values in [0, 1].
    pub fn decode(&mut self, codes: &[f32], images: &mut Vec<f32>) -> Result<(), Error> {
        let latent = self.latent_width();
        let rows = Self::rows("VaeTrainer::decode", codes, latent)?;
        let g = &mut self.eval;
        g.reset();
        let z = g.input_from_slice(&[rows, latent], codes);
        let logits = self.model.decode_logits(g, &self.params, z);
        let y = g.sigmoid(logits);
        g.read_into(y, images)
    }

    /// Everything the next step depends on besides the batch, ε's stream included.
    pub fn state(&self) -> TrainerState {
        TrainerState::capture(&self.params, self.optimizer.as_ref(), Some(&self.rng))
    }

    /// Takes a saved `state`, or refuses it and changes nothing (see [`TrainerState::restore`]).
    pub fn load_state(&mut self, state: TrainerState) -> Result<(), Error> {
        state.restore(
            &mut self.params,
            self.optimizer.as_mut(),
            Some(&mut self.rng),
        )
    }
}
