//! Models assembled from nn layers, and the training step the lab runs for them.

mod autoencoder;
mod train_step;
mod vae;
mod vae_trainer;

pub use autoencoder::{Autoencoder, AutoencoderConfig};
pub use train_step::{AutoencoderTrainer, ReconLoss};
pub use vae::{Vae, VaeConfig, VaeLoss};
pub use vae_trainer::{Losses, VaeTrainer};
