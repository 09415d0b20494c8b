//! Which toy translation a run learns, and how many examples it draws: the one place that
//! dispatches to the task generators, so a new task is a new variant here and nothing else.
//! The visitor's own pairs are a task too, whose data travels beside it (`TaskConfig::pairs`).

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::dates::{self, DateLanguages};
use super::own_pairs::{OwnPairs, PairsShape};
use super::{numbers, reversal, Example, Vocab};
use crate::error::{check_range, Error};
use crate::rng::Rng;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Task {
    /// Dates in many styles → "YYYY-MM-DD".
    Dates(DateLanguages),
    /// English number words → Chinese numerals.
    Numbers,
    /// Random letters → the same letters reversed.
    Reversal,
    /// The visitor's own pairs (`TaskConfig::pairs`), of this shape.
    Pairs(PairsShape),
}

impl Task {
    /// The same for every seed and every subset of date styles, so weights carry over between
    /// runs of one task. The visitor's pairs have the vocabulary of their characters
    /// (`OwnPairs::vocab`), which the shape alone cannot give: here it is the special tokens
    /// only, and `TransformerTrainer::with_vocab` refuses it for not matching `vocab_len`.
    pub fn vocab(self) -> Vocab {
        let alphabet = match self {
            Task::Dates(_) => dates::alphabet(),
            Task::Numbers => numbers::alphabet(),
            Task::Reversal => reversal::alphabet(),
            Task::Pairs(_) => String::new(),
        };
        Vocab::from_alphabet(&alphabet)
    }

    /// Ids in use, special tokens included: the model's input and output width.
    pub fn vocab_len(self) -> usize {
        match self {
            Task::Pairs(shape) => Vocab::from_alphabet("").len() + usize::from(shape.chars),
            task => task.vocab().len(),
        }
    }

    /// A fresh example; `None` for the visitor's pairs, which are split rather than drawn.
    pub fn sample(self, rng: &mut Rng) -> Option<Example> {
        Some(match self {
            Task::Dates(languages) => dates::sample(languages, rng),
            Task::Numbers => numbers::sample(rng),
            Task::Reversal => reversal::sample(rng),
            Task::Pairs(_) => return None,
        })
    }

    /// The longest source in characters, over every language subset.
    pub fn max_source_len(self) -> usize {
        match self {
            Task::Dates(_) => dates::MAX_SOURCE_LEN,
            Task::Numbers => numbers::MAX_SOURCE_LEN,
            Task::Reversal => reversal::MAX_LEN,
            Task::Pairs(shape) => usize::from(shape.max_source_len),
        }
    }

    /// The longest target in characters, without BOS or EOS.
    pub fn max_target_len(self) -> usize {
        match self {
            Task::Dates(_) => dates::MAX_TARGET_LEN,
            Task::Numbers => numbers::MAX_TARGET_LEN,
            Task::Reversal => reversal::MAX_LEN,
            Task::Pairs(shape) => usize::from(shape.max_target_len),
        }
    }

    /// The positions a model must cover: the source, or the target with BOS (or EOS) added.
    pub fn max_len(self) -> usize {
        self.max_source_len().max(self.max_target_len() + 1)
    }

    /// How many distinct sources the generator can produce (a lower bound where exact counting
    /// is awkward), so a request for more than it can give fails at once.
    fn distinct_sources(self) -> u64 {
        match self {
            // Every style writes each of the century's days differently.
            Task::Dates(languages) => 36_525 * languages.styles().len() as u64,
            Task::Numbers => u64::from(numbers::MAX_NUMBER) + 1,
            Task::Reversal => (reversal::MIN_LEN..=reversal::MAX_LEN)
                .map(|len| 26u64.saturating_pow(len as u32))
                .fold(0, u64::saturating_add),
            Task::Pairs(shape) => u64::from(shape.count),
        }
    }
}

/// A task and the sizes and seed of its data set: a plain struct, so it can travel to the
/// worker and into the URL.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TaskConfig {
    pub task: Task,
    pub train_size: usize,
    pub test_size: usize,
    pub seed: u64,
    /// The visitor's pairs when `task` is `Task::Pairs`: they travel to the worker with the
    /// settings (never into a link, which names the settings only), shared, not copied, by the
    /// page's signals.
    pub pairs: Option<Arc<OwnPairs>>,
}

/// Above this, drawing a data set would keep the worker busy for seconds.
pub const MAX_TRAIN_SIZE: usize = 100_000;
pub const MAX_TEST_SIZE: usize = 10_000;

impl TaskConfig {
    /// 20,000 training and 500 held-out examples.
    pub fn new(task: Task, seed: u64) -> TaskConfig {
        TaskConfig {
            task,
            train_size: 20_000,
            test_size: 500,
            seed,
            pairs: None,
        }
    }

    /// The visitor's pairs, a tenth of them held out, split by `seed`.
    pub fn pairs(pairs: Arc<OwnPairs>, seed: u64) -> TaskConfig {
        let count = pairs.len();
        let test_size = OwnPairs::test_size(count);
        TaskConfig {
            task: Task::Pairs(pairs.shape()),
            train_size: count - test_size,
            test_size,
            seed,
            pairs: Some(pairs),
        }
    }

    /// The vocabulary of a model of this data: the task's own, or the visitor's pairs' characters.
    pub fn vocab(&self) -> Vocab {
        self.pairs
            .as_ref()
            .map_or_else(|| self.task.vocab(), |p| p.vocab())
    }

    /// Bytes the examples hold, and the set of sources seen while drawing them: per example
    /// two strings (24 bytes each, their heap rounded up by the allocator) of at most three
    /// UTF-8 bytes per character, and a hash-set entry with a copy of the source.
    pub fn bytes(&self) -> u64 {
        let (s, t) = (self.task.max_source_len(), self.task.max_target_len());
        let example = 2 * 24 + 3 * (s + t) + 2 * 16;
        let seen = 24 + 3 * s + 16 + 8;
        ((self.train_size + self.test_size) * (example + seen)) as u64
    }

    pub fn validate(&self) -> Result<(), Error> {
        if let Task::Pairs(shape) = self.task {
            return self.validate_pairs(shape);
        }
        check_range("train_size", self.train_size, 1, MAX_TRAIN_SIZE)?;
        check_range("test_size", self.test_size, 1, MAX_TEST_SIZE)?;
        // Rejection sampling of distinct sources slows down as the pool empties: ask for at
        // most half of it.
        let wanted = (self.train_size + self.test_size) as u64;
        let pool = self.task.distinct_sources();
        if 2 * wanted > pool {
            return Err(Error::InvalidConfig {
                field: "train_size",
                detail: format!(
                    "{wanted} examples asked for, but this task has about {pool} distinct \
                     sources; ask for at most half of them"
                ),
            });
        }
        Ok(())
    }

    /// The pairs are there, valid, of the task's shape, and split a tenth for testing.
    fn validate_pairs(&self, shape: PairsShape) -> Result<(), Error> {
        let invalid = |detail: &str| Error::InvalidConfig {
            field: "pairs",
            detail: detail.to_string(),
        };
        let pairs = self
            .pairs
            .as_ref()
            .ok_or_else(|| invalid("no pairs were loaded"))?;
        pairs.validate()?;
        if pairs.shape() != shape {
            return Err(invalid("the pairs do not match the task's shape"));
        }
        let test = OwnPairs::test_size(pairs.len());
        if (self.train_size, self.test_size) != (pairs.len() - test, test) {
            return Err(invalid("the pairs must be split nine tenths to one"));
        }
        Ok(())
    }
}
