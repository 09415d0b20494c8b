//! Starting settings for each translation task: the data, the trainer and the batch size in one
//! plain struct, so the chapter, the worker and the URL share them.
//!
//! Measured natively (one core of the development machine, `cargo test` at opt-level 3,
//! held-out exact match of greedy decoding on 500 test examples, checked every 100 steps):
//! - dates, batch 16: 95% after 950, 1,100 and 950 steps (seeds 0, 1, 2; checked every 50),
//!   that is 11.1, 13.3 and 11.7 s of training; 12 ms a step, 33k tokens (source and target,
//!   padding excluded) a second. Scoring the 500 test examples takes 0.7 s more each time. Batch 32 needed 700 steps and 17–20 s, batch 64
//!   600 steps and 31 s: small batches reach the target in less compute.
//! - numbers, batch 32: 96% after 400 steps, 21 s.
//! - reversal, batch 32: 95% after 950 steps, 3 s.
//!
//! Learned positions start as N(0, 0.02²) against N(0, 1) token embeddings and learn the dates
//! more slowly (93% after 2,000 steps), so the presets use sinusoids.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::optim::LrSchedule;
use crate::tasks::{DateLanguages, OwnPairs, PairsShape, Task, TaskConfig};

use super::{Positions, TransformerConfig, TransformerTrainerConfig, MAX_LEN};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TransformerPreset {
    pub task: TaskConfig,
    pub trainer: TransformerTrainerConfig,
    pub batch_size: usize,
}

impl TransformerPreset {
    pub fn for_task(task: Task) -> TransformerPreset {
        let mut preset = match task {
            Task::Dates(_) => Self::dates(),
            Task::Numbers => Self::numbers(),
            Task::Reversal => Self::reversal(),
            Task::Pairs(shape) => Self::pairs_shaped(shape),
        };
        preset.task.task = task;
        preset
    }

    /// The visitor's pairs, split by seed 0: the date model with positions for the longest
    /// side (64 characters at most, so it stays near the date preset's cost), batch 32.
    pub fn for_pairs(pairs: Arc<OwnPairs>) -> TransformerPreset {
        let mut preset = Self::pairs_shaped(pairs.shape());
        preset.task = TaskConfig::pairs(pairs, preset.task.seed);
        preset
    }

    /// [`Self::for_pairs`] without the pairs themselves, which `validate` then asks for.
    fn pairs_shaped(shape: PairsShape) -> TransformerPreset {
        let mut trainer = TransformerTrainerConfig::dates();
        // Short pairs ("cat, 猫") still get the smallest table of positions a model takes.
        trainer.model.max_len = Task::Pairs(shape).max_len().max(MAX_LEN.0);
        let count = usize::from(shape.count);
        let test_size = OwnPairs::test_size(count);
        TransformerPreset {
            task: TaskConfig {
                train_size: count.saturating_sub(test_size),
                test_size,
                pairs: None,
                ..TaskConfig::new(Task::Pairs(shape), 0)
            },
            trainer,
            batch_size: 32,
        }
    }

    /// Dates in both languages: 2 + 2 layers of width 64 with 4 heads, batch 16.
    pub fn dates() -> TransformerPreset {
        TransformerPreset {
            task: TaskConfig::new(Task::Dates(DateLanguages::Both), 0),
            trainer: TransformerTrainerConfig::dates(),
            batch_size: 16,
        }
    }

    /// The date model with room for sources of up to 54 characters; batch 32, since each
    /// example teaches more here than in dates.
    pub fn numbers() -> TransformerPreset {
        let mut trainer = TransformerTrainerConfig::dates();
        trainer.model.max_len = 64;
        TransformerPreset {
            task: TaskConfig::new(Task::Numbers, 0),
            trainer,
            batch_size: 32,
        }
    }

    /// A smaller model, 1 + 1 layers of width 32: reversal needs positions more than capacity.
    pub fn reversal() -> TransformerPreset {
        let mut trainer = TransformerTrainerConfig::dates();
        trainer.model = TransformerConfig {
            enc_layers: 1,
            dec_layers: 1,
            d_model: 32,
            d_ff: 64,
            max_len: 16,
            positions: Positions::Sinusoidal,
            ..trainer.model
        };
        trainer.schedule = LrSchedule::WarmupCosine {
            warmup_steps: 100,
            total_steps: 1000,
            min_factor: 0.1,
        };
        TransformerPreset {
            task: TaskConfig::new(Task::Reversal, 0),
            trainer,
            batch_size: 32,
        }
    }
}
