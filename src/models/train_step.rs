//! One training step of an autoencoder as a reusable object: model, parameters, optimiser and
//! tape together, so the worker and the benchmarks call `step(batch)` and nothing else. After
//! the first step at a batch size, a step allocates nothing.
//!
//! A second tape serves evaluation and display (test loss, codes, decodes), so looking at the
//! model between two steps never disturbs the training tape's buffers.

use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::optim::{AdamConfig, Optimizer, OptimizerConfig};
use crate::rng::Rng;
use crate::tensor::{Graph, ParamStore, Var};

use super::{Autoencoder, AutoencoderConfig, TrainerState};

/// How a reconstruction is scored, per pixel and averaged over the batch.
#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub enum ReconLoss {
    /// Mean squared error of the sigmoid output.
    Mse,
    /// Binary cross-entropy, computed from the decoder's logits (the pixels are read as
    /// probabilities of ink).
    Bce,
}

pub struct AutoencoderTrainer {
    pub model: Autoencoder,
    pub params: ParamStore,
    pub optimizer: Box<dyn Optimizer>,
    pub loss: ReconLoss,
    graph: Graph,
    eval: Graph,
}

impl AutoencoderTrainer {
    /// The seed setting: MSE and Adam, weights drawn from `seed`.
    pub fn new(
        config: &AutoencoderConfig,
        adam: AdamConfig,
        seed: u64,
    ) -> Result<AutoencoderTrainer, Error> {
        Self::with(config, &OptimizerConfig::Adam(adam), ReconLoss::Mse, seed)
    }

    pub fn with(
        config: &AutoencoderConfig,
        optimizer: &OptimizerConfig,
        loss: ReconLoss,
        seed: u64,
    ) -> Result<AutoencoderTrainer, Error> {
        let mut params = ParamStore::new();
        let model = Autoencoder::new(config, &mut params, &mut Rng::seed(seed))?;
        let optimizer = optimizer.build(&params);
        Ok(AutoencoderTrainer {
            model,
            params,
            optimizer,
            loss,
            graph: Graph::new(),
            eval: Graph::new(),
        })
    }

    fn rows(&self, op: &'static str, data: &[f32], width: usize) -> Result<usize, Error> {
        if data.is_empty() || !data.len().is_multiple_of(width) {
            return Err(Error::ShapeMismatch {
                op,
                lhs: vec![data.len()],
                rhs: vec![width],
            });
        }
        Ok(data.len() / width)
    }

    /// One optimiser step on the reconstruction loss of `batch`, row-major (B, input width).
    /// Returns the loss before the update.
    pub fn step(&mut self, batch: &[f32]) -> Result<f32, Error> {
        let loss = self.record_training_loss("AutoencoderTrainer::step", batch)?;
        let grads = self.graph.backward(loss, &self.params)?;
        self.optimizer.step(&mut self.params, &grads)?;
        Ok(self.graph.scalar(loss))
    }

    /// Records the loss of `rows` (b, input width) on the training tape, afresh.
    fn record_training_loss(&mut self, op: &'static str, rows: &[f32]) -> Result<Var, Error> {
        let width = self.model.config.input_width();
        let n = self.rows(op, rows, width)?;
        let g = &mut self.graph;
        g.reset();
        let x = g.input_from_slice(&[n, width], rows); // (b, 784)
        Ok(record_loss(g, &self.model, &self.params, x, self.loss).1)
    }

    /// One replica's share of a data-parallel step (`jobs::team`): the gradients of `weight` ×
    /// the loss of `rows` (its rows of the batch, (b, input width)), flattened in parameter
    /// order into `grads` (`params.num_scalars()` floats), and that weighted loss. Nothing is
    /// updated until [`AutoencoderTrainer::apply`].
    pub fn share(&mut self, rows: &[f32], weight: f32, grads: &mut [f32]) -> Result<f32, Error> {
        let loss = self.record_training_loss("AutoencoderTrainer::share", rows)?;
        let g = &mut self.graph;
        g.backward(loss, &self.params)?
            .flatten_into(weight, grads)?;
        Ok(weight * g.scalar(loss))
    }

    /// The optimiser step on `grads`, the replicas' shares summed: the same step on every
    /// replica, so their weights stay identical. After [`AutoencoderTrainer::share`].
    pub fn apply(&mut self, grads: &[f32]) -> Result<(), Error> {
        let mut summed = self.graph.last_grads(&self.params);
        summed.load_flat(grads)?;
        self.optimizer.step(&mut self.params, &summed)
    }

    /// The loss of `batch` (B, input width) without training on it, and its codes (B, latent)
    /// from the same forward pass.
    pub fn evaluate(&mut self, batch: &[f32], codes: &mut Vec<f32>) -> Result<f32, Error> {
        let width = self.model.config.input_width();
        let rows = self.rows("AutoencoderTrainer::evaluate", batch, width)?;
        let g = &mut self.eval;
        g.reset();
        let x = g.input_from_slice(&[rows, width], batch);
        let (z, loss) = record_loss(g, &self.model, &self.params, x, self.loss);
        g.read_into(z, codes)?;
        Ok(g.scalar(loss))
    }

    /// The codes of `batch`: (B, input width) → `codes` (B, latent).
    pub fn encode(&mut self, batch: &[f32], codes: &mut Vec<f32>) -> Result<(), Error> {
        let width = self.model.config.input_width();
        let rows = self.rows("AutoencoderTrainer::encode", batch, width)?;
        let g = &mut self.eval;
        g.reset();
        let x = g.input_from_slice(&[rows, width], batch);
        let z = self.model.encode(g, &self.params, x);
        g.read_into(z, codes)
    }

    /// The images of `codes`: (B, latent) → `images` (B, input width), values in [0, 1] for the
    /// sigmoid output.
    pub fn decode(&mut self, codes: &[f32], images: &mut Vec<f32>) -> Result<(), Error> {
        let latent = self.model.config.latent_width();
        let rows = self.rows("AutoencoderTrainer::decode", codes, latent)?;
        let g = &mut self.eval;
        g.reset();
        let z = g.input_from_slice(&[rows, latent], codes);
        let y = self.model.decode(g, &self.params, z);
        g.read_into(y, images)
    }

    /// Everything the next step depends on besides the batch, to save a run.
    pub fn state(&self) -> TrainerState {
        TrainerState::capture(&self.params, self.optimizer.as_ref(), None)
    }

    /// Takes a saved `state`, or refuses it and changes nothing (see [`TrainerState::restore`]).
    pub fn load_state(&mut self, state: TrainerState) -> Result<(), Error> {
        state.restore(&mut self.params, self.optimizer.as_mut(), None)
    }
}

/// The codes of `x` and the scalar loss of reconstructing it.
fn record_loss(
    g: &mut Graph,
    model: &Autoencoder,
    params: &ParamStore,
    x: Var,
    loss: ReconLoss,
) -> (Var, Var) {
    let z = model.encode(g, params, x); // (B, latent)
    let loss = match loss {
        ReconLoss::Mse => {
            let y = model.decode(g, params, z); // (B, 784)
            g.mse(y, x)
        }
        ReconLoss::Bce => {
            let logits = model.decode_logits(g, params, z); // (B, 784)
            g.bce_with_logits(logits, x)
        }
    };
    (z, loss)
}
