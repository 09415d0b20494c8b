//! Neural-network layers built from tensor ops. Each layer has a plain serde config whose
//! `init` adds the layer's parameters to a `ParamStore` under stable names and returns the layer
//! (after burn's `LinearConfig` → `init` → `Linear`); `forward` records onto a `Graph`.

mod attention;
mod embedding;
mod feed_forward;
mod init;
mod layer_norm;
mod linear;
mod mlp;
mod positional;

pub use attention::{AttentionOutput, MultiHeadAttention, MultiHeadAttentionConfig};
pub use embedding::{Embedding, EmbeddingConfig};
pub use feed_forward::{FeedForward, FeedForwardConfig};
pub use init::Init;
pub use layer_norm::{LayerNorm, LayerNormConfig};
pub use linear::{Linear, LinearConfig};
pub use mlp::{Mlp, MlpConfig};
pub use positional::{LearnedPositional, LearnedPositionalConfig, SinusoidalEncoding};

pub use crate::tensor::Activation;

use crate::error::Error;

/// Refuses a size of zero (or above `max`), the one check every layer config needs.
pub(crate) fn check_size(field: &'static str, value: usize, max: usize) -> Result<(), Error> {
    crate::error::check_range(field, value, 1, max)
}

/// The largest width any layer accepts: far above what a browser can train, small enough that a
/// typo in a URL cannot ask for gigabytes.
pub(crate) const MAX_WIDTH: usize = 1 << 16;
