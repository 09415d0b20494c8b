//! Computations the chapters show step by step, done by the same core that trains the models.
//!
//! Pure like the core: the page calls these on its own thread because they are small enough to
//! answer as the visitor types.

mod self_attention;
mod trained;

pub use self_attention::{
    mean_entropy, tokenize, HeadSteps, Matrix, SeededAttention, TokenError, Walkthrough,
    WalkthroughConfig, MAX_TOKENS,
};
pub use trained::{AttentionWeights, Projection, TrainedAttention};
