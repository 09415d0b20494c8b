//! Unsupervised pretraining: the seed autoencoder learns to reconstruct the training digits,
//! labels unseen (Hinton & Salakhutdinov 2006; Erhan et al. 2010, "Why Does Unsupervised
//! Pre-training Help Deep Learning?"), one step per call, and hands over its encoder.

use std::rc::Rc;

use crate::data::mnist::PIXELS;
use crate::data::{Mnist, Sampler};
use crate::error::Error;
use crate::models::{AutoencoderConfig, AutoencoderTrainer, ReconLoss};
use crate::optim::{AdamConfig, OptimizerConfig};

use super::EncoderWeights;

pub(crate) struct Pretraining {
    trainer: AutoencoderTrainer,
    data: Rc<Mnist>,
    sampler: Sampler,
    indices: Vec<u32>,
    batch: Vec<f32>,
    pub(crate) steps: usize,
    pub(crate) loss: Option<f32>,
}

impl Pretraining {
    /// Batches of `batch` digits from `pool` (the training split), weights and order from
    /// `seed`.
    pub(crate) fn new(
        config: &AutoencoderConfig,
        loss: ReconLoss,
        lr: f64,
        batch: usize,
        data: Rc<Mnist>,
        pool: Vec<u32>,
        seed: u64,
    ) -> Result<Pretraining, Error> {
        let adam = OptimizerConfig::Adam(AdamConfig {
            lr,
            ..AdamConfig::default()
        });
        Ok(Pretraining {
            trainer: AutoencoderTrainer::with(config, &adam, loss, seed)?,
            data,
            sampler: Sampler::new(pool, seed)?,
            indices: vec![0; batch],
            batch: vec![0.0; batch * PIXELS],
            steps: 0,
            loss: None,
        })
    }

    pub(crate) fn step(&mut self) -> Result<f32, Error> {
        self.sampler.fill(&mut self.indices);
        self.data.images_into(&self.indices, &mut self.batch)?;
        let loss = self.trainer.step(&self.batch)?;
        self.steps += 1;
        self.loss = Some(loss);
        Ok(loss)
    }

    pub(crate) fn encoder(&self) -> EncoderWeights {
        EncoderWeights::from_trainer(&self.trainer)
    }
}
