//! Models assembled from nn layers, and the training step the lab runs for them.

mod autoencoder;
pub mod budget;
mod train_step;
pub mod trainer_state;
mod transformer;
mod transformer_attention;
pub mod transformer_config;
mod transformer_cost;
mod transformer_decode;
mod transformer_layers;
mod transformer_preset;
mod transformer_trainer;
mod vae;
mod vae_trainer;

pub use autoencoder::{Autoencoder, AutoencoderConfig, LAB_WIDTH_RANGE};
pub use train_step::{AutoencoderTrainer, ReconLoss};
pub use trainer_state::TrainerState;
pub use transformer::{Decoded, Encoded, PositionTable, Transformer, TransformerOutput};
pub use transformer_attention::{AttentionKind, AttentionMaps, AttentionStack};
pub use transformer_config::{FlopsPerToken, Positions, TransformerConfig, MAX_LEN};
pub use transformer_decode::{greedy_decode, next_probs, NextProbs};
pub use transformer_layers::{DecoderLayer, DecoderLayerOutput, Dropout, EncoderLayer};
pub use transformer_preset::TransformerPreset;
pub use transformer_trainer::{
    Evaluation, TransformerTrainer, TransformerTrainerConfig, Translation,
};
pub use vae::{Vae, VaeConfig, VaeLoss};
pub use vae_trainer::{Losses, VaeTrainer};
