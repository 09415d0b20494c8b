//! What a lab needs of the model it trains, so one loop (`super::Lab`) serves the autoencoder
//! and the VAE alike.

use crate::error::Error;
use crate::experiments::Digits;
use crate::export::{self, ExportFile, Imported};
use crate::models::{AutoencoderTrainer, Losses, TrainerState, VaeTrainer};
use crate::optim::OptimizerConfig;
use crate::rng::Rng;
use crate::tensor::ParamStore;

use super::config::LabConfig;

/// The seed of the noise the VAE's test loss is scored with, the same at every evaluation so
/// that the curve shows the model changing, not the noise.
const EVAL_NOISE_SEED: u64 = 0x5eed;

pub trait LabModel {
    fn latent_width(&self) -> usize;
    /// Whether codes have a prior to sample from (the VAE's N(0, I)).
    fn has_prior(&self) -> bool;
    fn params(&self) -> &ParamStore;
    /// One optimiser step on `batch` (B, 784); the losses before the update.
    fn train_step(&mut self, batch: &[f32]) -> Result<Losses, Error>;
    /// The losses of `batch` without training, with the codes (B, latent) and, for a VAE, their
    /// variances σ² (B, latent); `var` is left empty for a plain autoencoder.
    fn evaluate(
        &mut self,
        batch: &[f32],
        codes: &mut Vec<f32>,
        var: &mut Vec<f32>,
    ) -> Result<Losses, Error>;
    /// The codes (the means, for a VAE) of `batch`.
    fn encode(&mut self, batch: &[f32], codes: &mut Vec<f32>) -> Result<(), Error>;
    /// Images in [0, 1] from codes.
    fn decode(&mut self, codes: &[f32], images: &mut Vec<f32>) -> Result<(), Error>;
    /// The KL weight; ignored by models without one.
    fn set_beta(&mut self, beta: f32);
    /// The weights as a safetensors file, with the PyTorch script that runs them on `digits`.
    fn export(&self, digits: &Digits, step: u64) -> Result<ExportFile, Error>;
    /// Replaces the weights with a file's and gives the optimiser fresh state from `optimizer`,
    /// or refuses the file and changes nothing.
    fn import(&mut self, bytes: &[u8], optimizer: &OptimizerConfig) -> Result<Imported, Error>;
    /// Weights, optimiser state and random stream, to save a run.
    fn state(&self) -> TrainerState;
    /// Takes a saved state, or refuses it and changes nothing.
    fn load_state(&mut self, state: TrainerState) -> Result<(), Error>;
}

pub fn build(config: &LabConfig) -> Result<Box<dyn LabModel>, Error> {
    config.validate()?;
    let train = config.train();
    Ok(match config {
        LabConfig::Ae(c) => Box::new(AutoencoderTrainer::with(
            &c.model(),
            &train.optimizer_config(),
            c.loss,
            train.seed,
        )?),
        LabConfig::Vae(c) => Box::new(Vae {
            trainer: VaeTrainer::new(&c.model(), &train.optimizer_config(), train.seed)?,
            logvar: Vec::new(),
        }),
    })
}

impl LabModel for AutoencoderTrainer {
    fn latent_width(&self) -> usize {
        self.model.config.latent_width()
    }

    fn has_prior(&self) -> bool {
        false
    }

    fn params(&self) -> &ParamStore {
        &self.params
    }

    fn train_step(&mut self, batch: &[f32]) -> Result<Losses, Error> {
        self.step(batch).map(reconstruction_only)
    }

    fn evaluate(
        &mut self,
        batch: &[f32],
        codes: &mut Vec<f32>,
        var: &mut Vec<f32>,
    ) -> Result<Losses, Error> {
        var.clear();
        AutoencoderTrainer::evaluate(self, batch, codes).map(reconstruction_only)
    }

    fn encode(&mut self, batch: &[f32], codes: &mut Vec<f32>) -> Result<(), Error> {
        AutoencoderTrainer::encode(self, batch, codes)
    }

    fn decode(&mut self, codes: &[f32], images: &mut Vec<f32>) -> Result<(), Error> {
        AutoencoderTrainer::decode(self, codes, images)
    }

    fn set_beta(&mut self, _beta: f32) {}

    fn export(&self, digits: &Digits, step: u64) -> Result<ExportFile, Error> {
        export::autoencoder::export(self, digits, step)
    }

    fn import(&mut self, bytes: &[u8], optimizer: &OptimizerConfig) -> Result<Imported, Error> {
        let imported = export::autoencoder::import(self, bytes)?;
        self.optimizer = optimizer.build(&self.params);
        Ok(imported)
    }

    fn state(&self) -> TrainerState {
        AutoencoderTrainer::state(self)
    }

    fn load_state(&mut self, state: TrainerState) -> Result<(), Error> {
        AutoencoderTrainer::load_state(self, state)
    }
}

/// A plain autoencoder's loss is all reconstruction.
fn reconstruction_only(loss: f32) -> Losses {
    Losses {
        total: loss,
        recon: loss,
        kl: 0.0,
    }
}

/// The VAE with a buffer for the log-variances it reports as variances.
struct Vae {
    trainer: VaeTrainer,
    logvar: Vec<f32>,
}

impl LabModel for Vae {
    fn latent_width(&self) -> usize {
        self.trainer.latent_width()
    }

    fn has_prior(&self) -> bool {
        true
    }

    fn params(&self) -> &ParamStore {
        &self.trainer.params
    }

    fn train_step(&mut self, batch: &[f32]) -> Result<Losses, Error> {
        self.trainer.step(batch)
    }

    fn evaluate(
        &mut self,
        batch: &[f32],
        codes: &mut Vec<f32>,
        var: &mut Vec<f32>,
    ) -> Result<Losses, Error> {
        let mut noise = Rng::seed(EVAL_NOISE_SEED);
        let losses = self
            .trainer
            .evaluate(batch, &mut noise, codes, &mut self.logvar)?;
        var.clear();
        var.extend(self.logvar.iter().map(|lv| lv.exp()));
        Ok(losses)
    }

    fn encode(&mut self, batch: &[f32], codes: &mut Vec<f32>) -> Result<(), Error> {
        self.trainer.encode(batch, codes, &mut self.logvar)
    }

    fn decode(&mut self, codes: &[f32], images: &mut Vec<f32>) -> Result<(), Error> {
        self.trainer.decode(codes, images)
    }

    fn set_beta(&mut self, beta: f32) {
        self.trainer.set_beta(beta);
    }

    fn export(&self, digits: &Digits, step: u64) -> Result<ExportFile, Error> {
        export::vae::export(&self.trainer, digits, step)
    }

    fn import(&mut self, bytes: &[u8], optimizer: &OptimizerConfig) -> Result<Imported, Error> {
        let imported = export::vae::import(&mut self.trainer, bytes)?;
        self.trainer.optimizer = optimizer.build(&self.trainer.params);
        Ok(imported)
    }

    fn state(&self) -> TrainerState {
        self.trainer.state()
    }

    fn load_state(&mut self, state: TrainerState) -> Result<(), Error> {
        self.trainer.load_state(state)
    }
}
