//! Which toy translation a run learns, and how many examples it draws: the one place that
//! dispatches to the task generators, so a new task is a new variant here and nothing else.

use serde::{Deserialize, Serialize};

use super::dates::{self, DateLanguages};
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
}

impl Task {
    /// The same for every seed and every subset of date styles, so weights carry over between
    /// runs of one task.
    pub fn vocab(self) -> Vocab {
        let alphabet = match self {
            Task::Dates(_) => dates::alphabet(),
            Task::Numbers => numbers::alphabet(),
            Task::Reversal => reversal::alphabet(),
        };
        Vocab::from_alphabet(&alphabet)
    }

    pub fn sample(self, rng: &mut Rng) -> Example {
        match self {
            Task::Dates(languages) => dates::sample(languages, rng),
            Task::Numbers => numbers::sample(rng),
            Task::Reversal => reversal::sample(rng),
        }
    }

    /// The longest source in characters, over every language subset.
    pub fn max_source_len(self) -> usize {
        match self {
            Task::Dates(_) => dates::MAX_SOURCE_LEN,
            Task::Numbers => numbers::MAX_SOURCE_LEN,
            Task::Reversal => reversal::MAX_LEN,
        }
    }

    /// The longest target in characters, without BOS or EOS.
    pub fn max_target_len(self) -> usize {
        match self {
            Task::Dates(_) => dates::MAX_TARGET_LEN,
            Task::Numbers => numbers::MAX_TARGET_LEN,
            Task::Reversal => reversal::MAX_LEN,
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
        }
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
}
