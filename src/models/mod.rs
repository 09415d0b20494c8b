//! Models assembled from nn layers, and the training step the lab runs for them.

mod autoencoder;
mod train_step;
mod vae;

pub use autoencoder::{Autoencoder, AutoencoderConfig};
pub use train_step::AutoencoderTrainer;
pub use vae::{Vae, VaeConfig, VaeLoss};
