//! Toy character-level translation tasks, generated in Rust from a seed so nothing is
//! downloaded and a seed always names the same data: dates in many English and Chinese styles
//! to ISO 8601, English number words to Chinese numerals, and string reversal. Each has a fixed
//! vocabulary, a training set and a held-out test set that share no source, and padded batches
//! for an encoder-decoder Transformer (`crate::models::Transformer`). The visitor's own pairs
//! (`own_pairs`) are a task too, split rather than drawn.

mod batch;
pub mod calendar;
pub mod chinese_numerals;
mod dataset;
pub mod dates;
pub mod english_numbers;
pub mod numbers;
pub mod own_pairs;
pub mod reversal;
mod task;
mod vocab;

pub use batch::Batch;
pub use dataset::{Dataset, DatasetBuilder};
pub use dates::{DateLanguages, DateStyle};
pub use own_pairs::{OwnPairs, PairsShape};
pub use task::{Task, TaskConfig, MAX_TEST_SIZE, MAX_TRAIN_SIZE};
pub use vocab::{Vocab, BOS, EOS, PAD};

use serde::{Deserialize, Serialize};

/// One source string and the translation the model should produce.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Example {
    pub source: String,
    pub target: String,
}

#[cfg(test)]
mod tests;
