//! One training step of the seed autoencoder as a reusable object: model, parameters, optimiser
//! and tape together, so the worker and the benchmarks call `step(batch)` and nothing else. After
//! the first step at a batch size, a step allocates nothing.

use crate::error::Error;
use crate::optim::{Adam, AdamConfig, Optimizer};
use crate::rng::Rng;
use crate::tensor::{Graph, ParamStore};

use super::{Autoencoder, AutoencoderConfig};

pub struct AutoencoderTrainer {
    pub model: Autoencoder,
    pub params: ParamStore,
    pub optimizer: Adam,
    graph: Graph,
}

impl AutoencoderTrainer {
    /// A fresh model with weights drawn from `seed`.
    pub fn new(
        config: &AutoencoderConfig,
        adam: AdamConfig,
        seed: u64,
    ) -> Result<AutoencoderTrainer, Error> {
        let mut params = ParamStore::new();
        let model = Autoencoder::new(config, &mut params, &mut Rng::seed(seed))?;
        let optimizer = Adam::new(adam, &params);
        Ok(AutoencoderTrainer {
            model,
            params,
            optimizer,
            graph: Graph::new(),
        })
    }

    /// One Adam step on the MSE of reconstructing `batch`, row-major (B, input width). Returns
    /// the loss before the update.
    pub fn step(&mut self, batch: &[f32]) -> Result<f32, Error> {
        let width = self.model.config.input_width();
        if batch.is_empty() || !batch.len().is_multiple_of(width) {
            return Err(Error::ShapeMismatch {
                op: "AutoencoderTrainer::step",
                lhs: vec![batch.len()],
                rhs: vec![width],
            });
        }
        let g = &mut self.graph;
        g.reset();
        let x = g.input_from_slice(&[batch.len() / width, width], batch); // (B, 784)
        let y = self.model.forward(g, &self.params, x); // (B, 784)
        let loss = g.mse(y, x);
        let grads = g.backward(loss, &self.params)?;
        self.optimizer.step(&mut self.params, &grads)?;
        Ok(g.scalar(loss))
    }
}
