//! One Transformer trained for a fixed number of steps on a data set's training examples, its
//! held-out loss measured at planned steps: the unit both Transformer experiments (scale, and
//! sequence fine-tuning) are made of. Each call to `work` does one training step or scores one
//! chunk of the held-out examples; the last scoring also decodes, for exact match.

use serde::{Deserialize, Serialize};

use crate::data::Sampler;
use crate::error::Error;
use crate::models::{TransformerConfig, TransformerTrainer, TransformerTrainerConfig};
use crate::optim::{AdamConfig, LrSchedule};
use crate::tasks::{Batch, Dataset, Example};

use super::held_out::{HeldOut, Scratch};

/// One point of a curve, taken after `step` training steps.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct LossPoint {
    pub step: usize,
    pub tokens: usize,
    /// Training FLOPs so far, padding included (see `TransformerConfig::training_flops`).
    pub flops: f64,
    /// Held-out cross-entropy per target token (nats).
    pub loss: f32,
}

/// Tokens of a training example: source, target and EOS; padding is not counted.
pub fn example_tokens(e: &Example) -> usize {
    e.source.chars().count() + e.target.chars().count() + 1
}

/// The recipe of every run here, the date preset's scaled to the run's length: AdamW at peak
/// rate `lr`, a warm-up of a tenth of the run (at most 100 steps), cosine decay to a tenth,
/// clipping at norm 1.
pub fn trainer_config(
    model: &TransformerConfig,
    lr: f64,
    steps: usize,
    seed: u64,
) -> TransformerTrainerConfig {
    TransformerTrainerConfig {
        model: model.clone(),
        optimizer: AdamConfig {
            lr,
            ..AdamConfig::adamw()
        },
        schedule: LrSchedule::WarmupCosine {
            warmup_steps: (steps / 10).min(100),
            total_steps: steps.max(1),
            min_factor: 0.1,
        },
        clip_norm: Some(1.0),
        seed,
    }
}

pub(crate) struct TransformerRun {
    pub(crate) trainer: TransformerTrainer,
    sampler: Sampler,
    indices: Vec<u32>,
    batch: Batch,
    /// Steps after which held-out loss is measured, ascending; the last is the final step.
    eval_at: Vec<usize>,
    scoring: Option<HeldOut>,
    pub(crate) tokens: usize,
    pub(crate) curve: Vec<LossPoint>,
    /// Set by the final scoring.
    pub(crate) exact_match: Option<f32>,
}

impl TransformerRun {
    /// `steps` of `batch` examples out of `train_len`, in an order drawn by `seed`; held-out
    /// loss after step 0 when `score_start`, then at `evals` evenly spaced steps.
    pub(crate) fn new(
        trainer: TransformerTrainer,
        train_len: usize,
        batch: usize,
        steps: usize,
        evals: usize,
        score_start: bool,
        seed: u64,
    ) -> Result<TransformerRun, Error> {
        let evals = evals.clamp(1, steps.max(1));
        let eval_at = (1..=evals).map(|i| i * steps / evals).collect();
        Ok(TransformerRun {
            trainer,
            sampler: Sampler::new((0..train_len as u32).collect(), seed)?,
            indices: vec![0; batch],
            batch: Batch::default(),
            eval_at,
            scoring: (score_start || steps == 0).then(|| HeldOut::new(steps == 0)),
            tokens: 0,
            curve: Vec::new(),
            exact_match: None,
        })
    }

    pub(crate) fn steps(&self) -> usize {
        self.trainer.steps()
    }

    pub(crate) fn is_done(&self) -> bool {
        self.exact_match.is_some()
    }

    /// One unit of work on `data`'s training examples and `test`; true if it was a training
    /// step.
    pub(crate) fn work(
        &mut self,
        data: &Dataset,
        test: &[Example],
        scratch: &mut Scratch,
    ) -> Result<bool, Error> {
        if let Some(scoring) = &mut self.scoring {
            if scoring.work(&mut self.trainer, test, scratch)? {
                self.curve.push(LossPoint {
                    step: self.trainer.steps(),
                    tokens: self.tokens,
                    flops: self.trainer.flops(),
                    loss: scoring.loss(),
                });
                self.exact_match = scoring.exact_match();
                self.scoring = None;
            }
            return Ok(false);
        }
        if self.is_done() {
            return Ok(false);
        }
        self.sampler.fill(&mut self.indices);
        data.train_batch(&self.indices, &mut self.batch)?;
        self.trainer.step(&self.batch)?;
        self.tokens += self
            .indices
            .iter()
            .map(|&i| example_tokens(&data.train[i as usize]))
            .sum::<usize>();
        let step = self.trainer.steps();
        if self.eval_at.contains(&step) {
            self.scoring = Some(HeldOut::new(self.eval_at.last() == Some(&step)));
        }
        Ok(true)
    }
}
