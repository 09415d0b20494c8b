//! The scale experiment: the date Transformer at several sizes, each trained on the same
//! tokens, one after another; held-out loss against training FLOPs as each learns, and at the
//! end the loss against parameters, to which [`PowerLaw`] fits a line in log-log space
//! (Kaplan et al. 2020, "Scaling Laws for Neural Language Models", Figure 1).
//!
//! An incremental state machine like the fine-tuning sweep: `work` does one training step or
//! scores one chunk of the held-out examples.

use serde::{Deserialize, Serialize};

use crate::data::Sampler;
use crate::error::Error;
use crate::models::{TransformerConfig, TransformerTrainer};
use crate::tasks::{Batch, Dataset};

use super::held_out::{HeldOut, Scratch};
use super::{PowerLaw, ScaleConfig, StepCount};

/// One point of a size's curve, taken after `step` training steps.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct LossPoint {
    pub step: usize,
    pub tokens: usize,
    /// Training FLOPs so far, padding included (see `TransformerConfig::training_flops`).
    pub flops: f64,
    /// Held-out cross-entropy per target token (nats).
    pub loss: f32,
}

/// One size of the sweep: what it cost and how well it did.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScalePoint {
    pub model: TransformerConfig,
    pub params: usize,
    pub steps: usize,
    pub tokens: usize,
    pub flops: f64,
    /// Held-out loss after the last step; the latest curve point's while the size trains.
    pub loss: Option<f32>,
    /// Held-out outputs decoded exactly, once the size is done.
    pub exact_match: Option<f32>,
    pub curve: Vec<LossPoint>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ScaleStage {
    /// Size number `size` (from 0) of the configuration.
    Training {
        size: usize,
        params: usize,
    },
    Done,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScaleProgress {
    pub stage: ScaleStage,
    /// Training steps over every size; held-out scoring is not counted.
    pub steps: StepCount,
}

/// The size being trained.
struct SizeRun {
    index: usize,
    trainer: TransformerTrainer,
    sampler: Sampler,
    indices: Vec<u32>,
    batch: Batch,
    /// The steps after which held-out loss is measured, ascending; the last is the final step.
    eval_at: Vec<usize>,
    scoring: Option<HeldOut>,
    point: ScalePoint,
}

pub struct ScaleSweep {
    config: ScaleConfig,
    data: Dataset,
    /// Tokens of each training example: source, target and EOS.
    example_tokens: Vec<usize>,
    /// Steps every size takes to see `config.tokens`.
    steps_per_size: usize,
    run: Option<Box<SizeRun>>,
    scratch: Scratch,
    /// Finished sizes, and the one in progress last.
    results: Vec<ScalePoint>,
    steps: StepCount,
}

impl ScaleSweep {
    /// Draws the data set (a few hundred milliseconds for the chapter's 20,000 examples) and
    /// plans the steps.
    pub fn new(config: ScaleConfig) -> Result<ScaleSweep, Error> {
        config.validate()?;
        let data = Dataset::generate(&config.task)?;
        let example_tokens: Vec<usize> = data
            .train
            .iter()
            .map(|e| e.source.chars().count() + e.target.chars().count() + 1)
            .collect();
        let steps_per_size = plan_steps(&example_tokens, &config)?;
        let mut sweep = ScaleSweep {
            steps: StepCount {
                done: 0,
                total: steps_per_size * config.sizes.len(),
            },
            config,
            data,
            example_tokens,
            steps_per_size,
            run: None,
            scratch: Scratch::default(),
            results: Vec::new(),
        };
        sweep.run = sweep.start(0)?;
        Ok(sweep)
    }

    pub fn config(&self) -> &ScaleConfig {
        &self.config
    }

    pub fn steps_per_size(&self) -> usize {
        self.steps_per_size
    }

    pub fn is_done(&self) -> bool {
        self.run.is_none()
    }

    pub fn progress(&self) -> ScaleProgress {
        let stage = match &self.run {
            Some(run) => ScaleStage::Training {
                size: run.index,
                params: run.point.params,
            },
            None => ScaleStage::Done,
        };
        ScaleProgress {
            stage,
            steps: self.steps,
        }
    }

    /// One point per size begun; the last grows until the sweep is done.
    pub fn results(&self) -> &[ScalePoint] {
        &self.results
    }

    /// Final held-out loss against parameters over the finished sizes.
    pub fn fit(&self) -> Result<PowerLaw, Error> {
        let points: Vec<(f64, f64)> = self
            .results
            .iter()
            .filter(|p| p.exact_match.is_some())
            .filter_map(|p| Some((p.params as f64, f64::from(p.loss?))))
            .collect();
        PowerLaw::fit(&points)
    }

    /// Runs until done or until `max_steps` more training steps were taken.
    pub fn advance(&mut self, max_steps: usize) -> Result<(), Error> {
        let target = self.steps.done + max_steps;
        while !self.is_done() && self.steps.done < target {
            self.work()?;
        }
        Ok(())
    }

    /// One unit of work: a training step, or scoring one chunk of held-out examples. Does
    /// nothing once done.
    pub fn work(&mut self) -> Result<(), Error> {
        let Some(run) = &mut self.run else {
            return Ok(());
        };
        if let Some(scoring) = &mut run.scoring {
            let finished = scoring.work(&mut run.trainer, &self.data.test, &mut self.scratch)?;
            let (loss, exact) = (scoring.loss(), scoring.exact_match());
            if finished {
                let p = &mut run.point;
                p.curve.push(LossPoint {
                    step: p.steps,
                    tokens: p.tokens,
                    flops: p.flops,
                    loss,
                });
                p.loss = Some(loss);
                p.exact_match = exact;
                run.scoring = None;
            }
        } else {
            run.sampler.fill(&mut run.indices);
            self.data.train_batch(&run.indices, &mut run.batch)?;
            run.trainer.step(&run.batch)?;
            self.steps.done += 1;
            let p = &mut run.point;
            p.steps += 1;
            p.tokens += run
                .indices
                .iter()
                .map(|&i| self.example_tokens[i as usize])
                .sum::<usize>();
            p.flops = run.trainer.flops();
            if run.eval_at.contains(&p.steps) {
                let last = run.eval_at.last() == Some(&p.steps);
                run.scoring = Some(HeldOut::new(last));
            }
        }
        let (index, point, done) = (
            run.index,
            run.point.clone(),
            run.point.exact_match.is_some(),
        );
        if let Some(last) = self.results.last_mut() {
            *last = point;
        }
        if done {
            self.run = self.start(index + 1)?;
        }
        Ok(())
    }

    /// The run of size number `index`, or None past the last.
    fn start(&mut self, index: usize) -> Result<Option<Box<SizeRun>>, Error> {
        let Some(size) = self.config.sizes.get(index) else {
            return Ok(None);
        };
        let steps = self.steps_per_size;
        let trainer = TransformerTrainer::new(&self.config.trainer(size, steps), self.data.task)?;
        let evals = self.config.evals.min(steps);
        let point = ScalePoint {
            model: size.model.clone(),
            params: trainer.params.num_scalars(),
            steps: 0,
            tokens: 0,
            flops: 0.0,
            loss: None,
            exact_match: None,
            curve: Vec::new(),
        };
        self.results.push(point.clone());
        Ok(Some(Box::new(SizeRun {
            index,
            trainer,
            sampler: sampler(&self.example_tokens, &self.config)?,
            indices: vec![0; self.config.batch],
            batch: Batch::default(),
            eval_at: (1..=evals).map(|i| i * steps / evals).collect(),
            scoring: None,
            point,
        })))
    }
}

/// The order of the training batches, the same for every size.
fn sampler(example_tokens: &[usize], config: &ScaleConfig) -> Result<Sampler, Error> {
    Sampler::new((0..example_tokens.len() as u32).collect(), config.seed)
}

/// The steps whose batches first add up to `config.tokens`: drawn from the sampler every size
/// uses, so every size takes the same steps over the same examples.
fn plan_steps(example_tokens: &[usize], config: &ScaleConfig) -> Result<usize, Error> {
    let mut sampler = sampler(example_tokens, config)?;
    let mut indices = vec![0; config.batch];
    let (mut steps, mut seen) = (0, 0);
    while seen < config.tokens {
        sampler.fill(&mut indices);
        seen += indices
            .iter()
            .map(|&i| example_tokens[i as usize])
            .sum::<usize>();
        steps += 1;
    }
    Ok(steps)
}
