//! Sequence fine-tuning: the date Transformer pretrained on English formats only, then trained
//! on a few Chinese-format examples, against the same model trained on those few from scratch
//! (issue 7; the transfer-learning question of Howard & Ruder 2018, "Universal Language Model
//! Fine-tuning for Text Classification", in miniature). Both are scored on held-out
//! Chinese-format dates; the fine-tuned curve starts at the English model's zero-shot loss.
//!
//! An incremental state machine: `work` does one training step or scores one chunk.

use serde::{Deserialize, Serialize};

use crate::error::{check_range, Error};
use crate::models::budget::{Cost, LAB};
use crate::models::{TransformerConfig, TransformerTrainer};
use crate::tasks::{Dataset, DateLanguages, Task, TaskConfig, MAX_TEST_SIZE, MAX_TRAIN_SIZE};

use super::held_out::{Scratch, DECODE_CHUNK};
use super::named_tensor::{load_named, NamedTensor};
use super::transformer_run::{trainer_config, LossPoint, TransformerRun};
use super::{StepCount, Sweep};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SeqFinetuneConfig {
    pub model: TransformerConfig,
    /// English-format examples to pretrain on.
    pub pretrain_examples: usize,
    pub pretrain_steps: usize,
    pub pretrain_lr: f64,
    /// Chinese-format examples both methods train on.
    pub examples: usize,
    /// Held-out examples per language.
    pub test_size: usize,
    /// Steps of each method on the Chinese examples.
    pub steps: usize,
    pub finetune_lr: f64,
    pub scratch_lr: f64,
    pub batch: usize,
    /// Held-out loss measurements per run, evenly spaced, the last after the final step.
    pub evals: usize,
    /// Seeds the data, the weights and the batches.
    pub seed: u64,
}

pub const MAX_STEPS: usize = 100_000;
pub const MAX_BATCH: usize = 256;
pub const MAX_EVALS: usize = 100;

impl SeqFinetuneConfig {
    /// The date preset's model; 200 Chinese examples, as the issue asks. Measured (25 s
    /// natively): pretraining reaches 99.5% exact match on English dates; on Chinese dates the
    /// English model starts at loss 3.16 (scratch 4.62), is at 0.109 after 90 steps (scratch
    /// 0.401) and ends at 0.024 (scratch 0.045), both at 91% exact match. Fine-tuning at the
    /// usual lower rate, 10⁻³, fell behind: 0.118 after 300 steps, 71.5% exact.
    pub fn chapter() -> SeqFinetuneConfig {
        SeqFinetuneConfig {
            model: TransformerConfig::dates(),
            pretrain_examples: 20_000,
            pretrain_steps: 1_500,
            pretrain_lr: 3e-3,
            examples: 200,
            test_size: 200,
            steps: 300,
            finetune_lr: 3e-3,
            scratch_lr: 3e-3,
            batch: 16,
            evals: 10,
            seed: 0,
        }
    }

    pub fn validate(&self) -> Result<(), Error> {
        let range = |field, value: usize, max: usize| check_range(field, value, 1, max);
        range("pretrain_examples", self.pretrain_examples, MAX_TRAIN_SIZE)?;
        range("pretrain_steps", self.pretrain_steps, MAX_STEPS)?;
        range("examples", self.examples, MAX_TRAIN_SIZE)?;
        range("test_size", self.test_size, MAX_TEST_SIZE)?;
        range("steps", self.steps, MAX_STEPS)?;
        range("batch", self.batch, MAX_BATCH)?;
        range("evals", self.evals, MAX_EVALS)?;
        for lr in [self.pretrain_lr, self.finetune_lr, self.scratch_lr] {
            // Both runs read dates, whose longest sequences are the same in either language.
            trainer_config(&self.model, lr, 1, self.seed)
                .validate_for(Task::Dates(DateLanguages::Both))?;
        }
        let at = |batch| self.cost_at(batch);
        LAB.check_batch_or_model(at(self.batch), at(1), "batch", "model")
    }

    /// Two models at once (the pretrained one is kept while the fine-tuned copy trains), their
    /// steps and scoring, and the English and Chinese data sets.
    pub fn cost(&self) -> Cost {
        self.cost_at(self.batch)
    }

    fn cost_at(&self, batch: usize) -> Cost {
        let task = Task::Dates(DateLanguages::Both);
        let model = self.model.task_cost(task, batch, DECODE_CHUNK);
        let english = self.data(DateLanguages::English, self.pretrain_examples);
        let chinese = self.data(DateLanguages::Chinese, self.examples);
        model
            .with(model)
            .with(Cost::memory(english.bytes()))
            .with(Cost::memory(chinese.bytes()))
    }

    fn data(&self, languages: DateLanguages, train_size: usize) -> TaskConfig {
        TaskConfig {
            task: Task::Dates(languages),
            train_size,
            test_size: self.test_size,
            seed: self.seed,
            pairs: None,
        }
    }
}

/// The three runs, in the order they happen.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SeqPhase {
    /// On English formats, scored on English held-out dates.
    Pretraining,
    /// The pretrained model on the few Chinese examples.
    Finetune,
    /// A fresh model on the same few Chinese examples.
    Scratch,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SeqRunResult {
    pub phase: SeqPhase,
    pub steps: usize,
    /// Held-out loss; the fine-tuning and scratch curves start at step 0.
    pub curve: Vec<LossPoint>,
    /// Held-out exact match of greedy decoding, once the run is over.
    pub exact_match: Option<f32>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SeqFinetuneProgress {
    /// The run in progress, or None once all are done.
    pub phase: Option<SeqPhase>,
    /// Training steps of all three runs; scoring is not counted.
    pub steps: StepCount,
}

pub struct SeqFinetune {
    config: SeqFinetuneConfig,
    english: Dataset,
    chinese: Dataset,
    run: Option<(SeqPhase, Box<TransformerRun>)>,
    /// The English model's weights, kept once pretraining ends.
    pretrained: Vec<NamedTensor>,
    scratch: Scratch,
    results: Vec<SeqRunResult>,
    steps: StepCount,
}

impl SeqFinetune {
    /// Draws both data sets and starts pretraining.
    pub fn new(config: SeqFinetuneConfig) -> Result<SeqFinetune, Error> {
        config.validate()?;
        let english =
            Dataset::generate(&config.data(DateLanguages::English, config.pretrain_examples))?;
        let chinese = Dataset::generate(&config.data(DateLanguages::Chinese, config.examples))?;
        let mut experiment = SeqFinetune {
            steps: StepCount {
                done: 0,
                total: config.pretrain_steps + 2 * config.steps,
            },
            config,
            english,
            chinese,
            run: None,
            pretrained: Vec::new(),
            scratch: Scratch::default(),
            results: Vec::new(),
        };
        experiment.run = Some(experiment.start(SeqPhase::Pretraining)?);
        Ok(experiment)
    }

    pub fn config(&self) -> &SeqFinetuneConfig {
        &self.config
    }

    pub fn progress(&self) -> SeqFinetuneProgress {
        SeqFinetuneProgress {
            phase: self.run.as_ref().map(|(phase, _)| *phase),
            steps: self.steps,
        }
    }

    /// One result per run begun; the last grows until the experiment is done.
    pub fn results(&self) -> &[SeqRunResult] {
        &self.results
    }

    /// The final result of `phase`, once its run is over.
    pub fn result(&self, phase: SeqPhase) -> Option<&SeqRunResult> {
        self.results
            .iter()
            .find(|r| r.phase == phase && r.exact_match.is_some())
    }

    fn start(&mut self, phase: SeqPhase) -> Result<(SeqPhase, Box<TransformerRun>), Error> {
        let c = &self.config;
        let (lr, steps, data) = match phase {
            SeqPhase::Pretraining => (c.pretrain_lr, c.pretrain_steps, &self.english),
            SeqPhase::Finetune => (c.finetune_lr, c.steps, &self.chinese),
            SeqPhase::Scratch => (c.scratch_lr, c.steps, &self.chinese),
        };
        let mut trainer =
            TransformerTrainer::new(&trainer_config(&c.model, lr, steps, c.seed), data.task)?;
        if phase == SeqPhase::Finetune {
            // Every date language shares one vocabulary, so the English model fits as it is.
            let ids: Vec<_> = trainer.params.ids().collect();
            load_named(&self.pretrained, &ids, &mut trainer.params)?;
        }
        let score_start = phase != SeqPhase::Pretraining;
        let run = TransformerRun::new(
            trainer,
            data.train.len(),
            c.batch,
            steps,
            c.evals,
            score_start,
            c.seed,
        )?;
        self.results.push(SeqRunResult {
            phase,
            steps: 0,
            curve: Vec::new(),
            exact_match: None,
        });
        Ok((phase, Box::new(run)))
    }
}

impl Sweep for SeqFinetune {
    fn work(&mut self) -> Result<(), Error> {
        let Some((phase, run)) = &mut self.run else {
            return Ok(());
        };
        let phase = *phase;
        let data = match phase {
            SeqPhase::Pretraining => &self.english,
            SeqPhase::Finetune | SeqPhase::Scratch => &self.chinese,
        };
        let stepped = run.work(data, &data.test, &mut self.scratch)?;
        self.steps.done += usize::from(stepped);
        if let Some(last) = self.results.last_mut() {
            last.steps = run.steps();
            last.curve.clone_from(&run.curve);
            last.exact_match = run.exact_match;
        }
        if run.is_done() {
            if phase == SeqPhase::Pretraining {
                self.pretrained = NamedTensor::all(&run.trainer.params);
            }
            self.run = match phase {
                SeqPhase::Pretraining => Some(self.start(SeqPhase::Finetune)?),
                SeqPhase::Finetune => Some(self.start(SeqPhase::Scratch)?),
                SeqPhase::Scratch => None,
            };
        }
        Ok(())
    }

    fn is_done(&self) -> bool {
        self.run.is_none()
    }

    fn steps(&self) -> StepCount {
        self.steps
    }
}
