//! The Transformer lab's run as bytes, and a session rebuilt from them that trains on exactly
//! as the saved one would have (issue 14, "Training survives a reload"): its preset, weights,
//! AdamW moments, dropout stream, the schedule's position (the step), where the batches had
//! got to, and the clock of its held-out scoring. The data set is not saved: it is drawn again
//! from the preset's seed, in the session's slices, as for a new lab.

use serde::{Deserialize, Serialize};

use super::{validate, TransformerPreset, TranslateLab};
use crate::error::Error;
use crate::jobs::checkpoint::{self, RestoreProblem};
use crate::models::{TrainerState, TransformerTrainer};

const TAG: [u8; 8] = *b"GLTRANSF";
const VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
struct TranslateSnapshot {
    preset: TransformerPreset,
    trainer: TrainerState,
    steps: usize,
    flops: f64,
    /// The sampler's (epoch, position): its order follows from the preset's seed.
    sampler: (u64, usize),
    train_ms: f64,
    next_eval_ms: f64,
    next_snapshot: usize,
}

/// What a restored lab takes over once its data set is drawn again.
pub struct Resume {
    trainer: TransformerTrainer,
    sampler: (u64, usize),
    train_ms: f64,
    next_eval_ms: f64,
    next_snapshot: usize,
}

impl TranslateLab {
    /// The run so far, sealed (see `jobs::checkpoint`).
    pub fn checkpoint(&self) -> Result<Vec<u8>, Error> {
        let body = TranslateSnapshot {
            preset: self.preset.clone(),
            trainer: self.trainer.state(),
            steps: self.trainer.steps(),
            flops: self.trainer.flops(),
            sampler: self.sampler.position(),
            train_ms: self.train_ms,
            next_eval_ms: self.next_eval_ms,
            next_snapshot: self.next_snapshot,
        };
        checkpoint::seal(TAG, VERSION, &body)
    }

    /// Goes on from `resume`: its model, optimiser and position in the batches.
    pub fn resume(&mut self, resume: Resume) -> Result<(), Error> {
        let (epoch, at) = resume.sampler;
        self.sampler.seek(epoch, at)?;
        self.trainer = resume.trainer;
        self.train_ms = resume.train_ms;
        self.next_eval_ms = resume.next_eval_ms;
        self.next_snapshot = resume.next_snapshot;
        Ok(())
    }
}

/// The preset of a saved run and the trainer it had, or why not: everything is checked here,
/// before the session that asked is replaced, but the data set, which is drawn later.
pub fn open(bytes: &[u8]) -> Result<(TransformerPreset, Resume), RestoreProblem> {
    let saved: TranslateSnapshot = checkpoint::open(bytes, TAG, VERSION)?;
    validate(&saved.preset).map_err(RestoreProblem::settings)?;
    let preset = saved.preset;
    if saved.sampler.1 >= preset.task.train_size {
        return Err(RestoreProblem::State {
            detail: format!(
                "batch position {} in a data set of {} examples",
                saved.sampler.1, preset.task.train_size
            ),
        });
    }
    // The visitor's pairs bring their own vocabulary, as when the lab was new.
    let mut trainer =
        TransformerTrainer::with_vocab(&preset.trainer, preset.task.task, preset.task.vocab())
            .map_err(RestoreProblem::settings)?;
    trainer
        .load_state(saved.trainer, saved.steps, saved.flops)
        .map_err(RestoreProblem::of)?;
    let resume = Resume {
        trainer,
        sampler: saved.sampler,
        train_ms: saved.train_ms,
        next_eval_ms: saved.next_eval_ms,
        next_snapshot: saved.next_snapshot,
    };
    Ok((preset, resume))
}

#[cfg(test)]
#[path = "snapshot_tests.rs"]
mod tests;
