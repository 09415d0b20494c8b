//! A seeded training set and a held-out test set that share no source string. The test set is
//! drawn first, so it depends on the seed and its own size only: runs with different training
//! sizes are scored on the same examples.

use std::collections::HashSet;
use std::sync::Arc;

use super::{Batch, Example, OwnPairs, Task, TaskConfig, Vocab};
use crate::error::Error;
use crate::rng::Rng;

#[derive(Clone, Debug)]
pub struct Dataset {
    pub task: Task,
    pub vocab: Vocab,
    pub train: Vec<Example>,
    pub test: Vec<Example>,
}

impl Dataset {
    /// The whole data set at once; [`DatasetBuilder`] draws the same one a piece at a time.
    pub fn generate(config: &TaskConfig) -> Result<Dataset, Error> {
        let mut builder = DatasetBuilder::new(config)?;
        builder.advance(usize::MAX)?;
        builder.finish()
    }

    /// Fills `batch` with the training examples at `indices` (as a
    /// [`crate::data::Sampler`] hands them out).
    pub fn train_batch(&self, indices: &[u32], batch: &mut Batch) -> Result<(), Error> {
        let mut examples = Vec::with_capacity(indices.len());
        for &i in indices {
            let e = self.train.get(i as usize).ok_or(Error::IndexOutOfRange {
                op: "Dataset::train_batch",
                index: i as usize,
                len: self.train.len(),
            })?;
            examples.push(e);
        }
        batch.fill(&self.vocab, examples)
    }
}

/// A data set drawn a few examples at a time, so that the worker answers a Pause or a Cancel
/// while a large one is generated. The draws are the same, in the same order, however the work
/// is cut: the test set first, then the training set, from one seeded generator. The visitor's
/// pairs are not drawn: they are split at once (`OwnPairs::split`) and the builder is done.
pub struct DatasetBuilder {
    task: Task,
    rng: Rng,
    seen: HashSet<String>,
    test: Draw,
    train: Draw,
    /// The visitor's pairs, whose characters are the vocabulary; `None` for a task with its
    /// own (`Task::vocab`).
    pairs: Option<Arc<OwnPairs>>,
}

impl DatasetBuilder {
    pub fn new(config: &TaskConfig) -> Result<DatasetBuilder, Error> {
        config.validate()?;
        let mut builder = DatasetBuilder {
            task: config.task,
            rng: Rng::seed(config.seed),
            seen: HashSet::new(),
            test: Draw::new(config.test_size),
            train: Draw::new(config.train_size),
            pairs: None,
        };
        // `validate` saw the pairs there, split as the sizes say, for a pairs task.
        if let (Task::Pairs(_), Some(pairs)) = (config.task, &config.pairs) {
            (builder.train.out, builder.test.out) = pairs.split(config.seed);
            builder.pairs = Some(pairs.clone());
        }
        Ok(builder)
    }

    /// Makes at most `max_draws` more draws (each one example, kept if its source is new).
    pub fn advance(&mut self, max_draws: usize) -> Result<(), Error> {
        let left = self
            .test
            .advance(self.task, max_draws, &mut self.seen, &mut self.rng)?;
        self.train
            .advance(self.task, left, &mut self.seen, &mut self.rng)?;
        Ok(())
    }

    pub fn is_done(&self) -> bool {
        self.test.is_full() && self.train.is_full()
    }

    /// Examples kept so far, and examples asked for.
    pub fn progress(&self) -> (usize, usize) {
        let done = self.test.out.len() + self.train.out.len();
        (done, self.test.count + self.train.count)
    }

    /// The data set, once every example is drawn.
    pub fn finish(self) -> Result<Dataset, Error> {
        if !self.is_done() {
            let (done, total) = self.progress();
            return Err(Error::InvalidConfig {
                field: "train_size",
                detail: format!("the data set is not finished: {done} of {total} examples"),
            });
        }
        Ok(Dataset {
            task: self.task,
            vocab: self.pairs.map_or_else(|| self.task.vocab(), |p| p.vocab()),
            train: self.train.out,
            test: self.test.out,
        })
    }
}

/// `count` examples whose sources were not seen before, drawn by rejection.
struct Draw {
    count: usize,
    /// TaskConfig::validate keeps requests to half the pool, where a draw is new at least half
    /// the time; this many tries failing means the pool is far smaller than it claims.
    budget: usize,
    tries: usize,
    out: Vec<Example>,
}

impl Draw {
    fn new(count: usize) -> Draw {
        Draw {
            count,
            budget: 1000 + 20 * count,
            tries: 0,
            out: Vec::with_capacity(count),
        }
    }

    fn is_full(&self) -> bool {
        self.out.len() == self.count
    }

    /// Draws until full or `max_draws` were made; returns the draws left unused. Fails once
    /// the budget of tries is spent.
    fn advance(
        &mut self,
        task: Task,
        max_draws: usize,
        seen: &mut HashSet<String>,
        rng: &mut Rng,
    ) -> Result<usize, Error> {
        let mut left = max_draws;
        while !self.is_full() && self.tries < self.budget && left > 0 {
            let Some(e) = task.sample(rng) else {
                break;
            };
            self.tries += 1;
            left -= 1;
            if seen.insert(e.source.clone()) {
                self.out.push(e);
            }
        }
        if !self.is_full() && self.tries == self.budget {
            return Err(Error::InvalidConfig {
                field: "train_size",
                detail: format!(
                    "found only {} distinct examples of {} in {} draws",
                    self.out.len(),
                    self.count,
                    self.budget
                ),
            });
        }
        Ok(left)
    }
}
