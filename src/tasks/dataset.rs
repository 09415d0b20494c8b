//! A seeded training set and a held-out test set that share no source string. The test set is
//! drawn first, so it depends on the seed and its own size only: runs with different training
//! sizes are scored on the same examples.

use std::collections::HashSet;

use super::{Batch, Example, Task, TaskConfig, Vocab};
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
    pub fn generate(config: &TaskConfig) -> Result<Dataset, Error> {
        config.validate()?;
        let mut rng = Rng::seed(config.seed);
        let mut seen = HashSet::new();
        let test = draw(config.task, config.test_size, &mut seen, &mut rng)?;
        let train = draw(config.task, config.train_size, &mut seen, &mut rng)?;
        Ok(Dataset {
            task: config.task,
            vocab: config.task.vocab(),
            train,
            test,
        })
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

/// `count` examples whose sources are not in `seen`, adding them to it.
fn draw(
    task: Task,
    count: usize,
    seen: &mut HashSet<String>,
    rng: &mut Rng,
) -> Result<Vec<Example>, Error> {
    let mut out = Vec::with_capacity(count);
    // TaskConfig::validate keeps requests to half the pool, where a draw is new at least half
    // the time; this many tries failing means the pool is far smaller than it claims.
    let budget = 1000 + 20 * count;
    for _ in 0..budget {
        if out.len() == count {
            return Ok(out);
        }
        let e = task.sample(rng);
        if seen.insert(e.source.clone()) {
            out.push(e);
        }
    }
    if out.len() == count {
        return Ok(out);
    }
    Err(Error::InvalidConfig {
        field: "train_size",
        detail: format!(
            "found only {} distinct examples of {count} in {budget} draws",
            out.len()
        ),
    })
}
