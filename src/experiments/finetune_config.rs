//! The settings of the image fine-tuning experiment: pretraining, the labelled-set sizes K, and
//! the one step budget and schedule all three methods share.

use serde::{Deserialize, Serialize};

use crate::error::{check_range, Error};
use crate::models::budget::{Cost, LAB};
use crate::models::{AutoencoderConfig, ReconLoss, LAB_WIDTH_RANGE};

use super::classifier::{Method, Rates};
use super::finetune_run::EVAL_CHUNK as EVAL_ROWS;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FinetuneConfig {
    /// The autoencoder pretrained here when no trained encoder is handed in.
    pub autoencoder: AutoencoderConfig,
    /// Adam steps of reconstruction (MSE) on the unlabelled training digits.
    pub pretrain_steps: usize,
    pub pretrain_batch: usize,
    pub pretrain_lr: f64,
    pub pretrain_loss: ReconLoss,
    /// How many of the encoder's layers the classifier keeps under its head; None keeps all,
    /// and the head reads the code.
    pub encoder_layers: Option<usize>,
    /// Labelled digits per run, in the order they run.
    pub ks: Vec<usize>,
    /// Steps per method and K.
    pub steps: usize,
    /// At most K.
    pub batch: usize,
    /// The head's rate, over a pretrained encoder.
    pub lr: f64,
    /// The pretrained encoder's rate in full fine-tuning.
    pub encoder_lr: f64,
    /// Every layer's rate when training from scratch.
    pub scratch_lr: f64,
    /// Held-out accuracy is measured every this many steps, and after the last.
    pub eval_every: usize,
    /// Draws the weights, the labelled subsets and the batches.
    pub seed: u64,
}

pub const MAX_STEPS: usize = 100_000;
pub const MAX_BATCH: usize = 512;
pub const MAX_KS: usize = 8;
/// Every class needs one example; 9,000 is the whole training split.
pub const K_RANGE: (usize, usize) = (10, 9_000);
pub const LR_RANGE: (f64, f64) = (1e-6, 1.0);

impl FinetuneConfig {
    /// The chapter's run: the seed autoencoder, K from 10 to 1,000. The budgets come from the
    /// measurements in `tests/core_experiments.rs`.
    pub fn chapter() -> FinetuneConfig {
        FinetuneConfig {
            autoencoder: AutoencoderConfig::seed(),
            pretrain_steps: 3_000,
            pretrain_batch: 64,
            pretrain_lr: 3e-3,
            pretrain_loss: ReconLoss::Mse,
            encoder_layers: None,
            ks: vec![10, 50, 100, 500, 1000],
            steps: 300,
            batch: 32,
            lr: 3e-2,
            encoder_lr: 3e-4,
            scratch_lr: 1e-2,

            eval_every: 20,
            seed: 0,
        }
    }

    pub fn validate(&self) -> Result<(), Error> {
        self.autoencoder.validate()?;
        // The pretrained autoencoder is a lab's model: the labs' widths, not any describable one.
        let (lo, hi) = LAB_WIDTH_RANGE;
        self.autoencoder
            .widths
            .iter()
            .try_for_each(|&w| check_range("autoencoder.widths", w, lo, hi))?;
        let counts = |field, value: usize, max: usize| check_range(field, value, 1, max);
        counts("pretrain_steps", self.pretrain_steps, MAX_STEPS)?;
        counts("pretrain_batch", self.pretrain_batch, MAX_BATCH)?;
        counts("steps", self.steps, MAX_STEPS)?;
        counts("batch", self.batch, MAX_BATCH)?;
        counts("eval_every", self.eval_every, MAX_STEPS)?;
        counts("ks", self.ks.len(), MAX_KS)?;
        let (lo, hi) = K_RANGE;
        for &k in &self.ks {
            check_range("k", k, lo, hi)?;
        }
        let (lo, hi) = LR_RANGE;
        check_range("pretrain_lr", self.pretrain_lr, lo, hi)?;
        check_range("lr", self.lr, lo, hi)?;
        check_range("encoder_lr", self.encoder_lr, lo, hi)?;
        check_range("scratch_lr", self.scratch_lr, lo, hi)?;
        let at = |batch| self.autoencoder.dense_shape().cost(batch, EVAL_ROWS);
        let batch = self.pretrain_batch.max(self.batch);
        LAB.check_batch_or_model(at(batch), at(1), "batch", "autoencoder.widths")
    }

    /// The autoencoder trained at the larger of the two batches (the classifiers are its
    /// encoder and a head, so cost less), scoring a chunk of test digits at a time.
    pub fn cost(&self) -> Cost {
        let batch = self.pretrain_batch.max(self.batch);
        self.autoencoder.dense_shape().cost(batch, EVAL_ROWS)
    }

    /// Optimiser steps the whole sweep takes, pretraining included when it runs here.
    pub fn total_steps(&self, pretraining: bool) -> usize {
        let pretrain = if pretraining { self.pretrain_steps } else { 0 };
        pretrain + self.ks.len() * Method::ALL.len() * self.steps
    }

    /// From scratch every layer learns at one rate: a slower encoder is a choice made to
    /// protect pretrained features, and a random encoder has none to protect.
    pub fn rates(&self, method: Method) -> Rates {
        match method {
            Method::LinearProbe | Method::FullFinetune => Rates {
                head: self.lr,
                encoder: self.encoder_lr,
            },
            Method::Scratch => Rates {
                head: self.scratch_lr,
                encoder: self.scratch_lr,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(c: &FinetuneConfig) -> Option<&'static str> {
        match c.validate() {
            Err(Error::OutOfRange { field, .. }) => Some(field),
            _ => None,
        }
    }

    #[test]
    fn the_pretrained_autoencoder_is_held_to_the_labs_widths() {
        let mut c = FinetuneConfig::chapter();
        assert_eq!(c.validate(), Ok(()));
        // Describable (nn's own limit is 65,536), but far beyond what a browser should train.
        c.autoencoder.widths = vec![784, 65_536, 4];
        assert_eq!(field(&c), Some("autoencoder.widths"));
        c.autoencoder.widths = vec![784, 1025, 4];
        assert_eq!(field(&c), Some("autoencoder.widths"));
        c.autoencoder.widths = vec![784, 1024, 4];
        assert_eq!(c.validate(), Ok(()));
    }
}
