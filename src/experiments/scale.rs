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
use crate::tasks::Dataset;

use super::held_out::Scratch;
use super::transformer_run::{example_tokens, LossPoint, TransformerRun};
use super::{PowerLaw, ScaleConfig, StepCount, Sweep};

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

impl ScalePoint {
    /// Kaplan et al. (2020)'s estimate of training compute, C ≈ 6·N·D: two FLOPs per parameter
    /// per token forward, four backward. Beside the FLOPs the trainer counted, it shows how
    /// good the rule of thumb is for models this small.
    pub fn six_nd(&self) -> f64 {
        6.0 * self.params as f64 * self.tokens as f64
    }

    /// Training tokens seen per parameter: Hoffmann et al. (2022) found about 20 compute-optimal.
    pub fn tokens_per_param(&self) -> f64 {
        self.tokens as f64 / self.params.max(1) as f64
    }

    fn of(model: &TransformerConfig, run: &TransformerRun) -> ScalePoint {
        ScalePoint {
            model: model.clone(),
            params: run.trainer.params.num_scalars(),
            steps: run.steps(),
            tokens: run.tokens,
            flops: run.trainer.flops(),
            loss: run.curve.last().map(|p| p.loss),
            exact_match: run.exact_match,
            curve: run.curve.clone(),
        }
    }
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

pub struct ScaleSweep {
    config: ScaleConfig,
    data: Dataset,
    /// Steps every size takes to see `config.tokens`.
    steps_per_size: usize,
    /// The size in training and its position in `config.sizes`.
    run: Option<(usize, Box<TransformerRun>)>,
    scratch: Scratch,
    /// Finished sizes, and the one in progress last.
    results: Vec<ScalePoint>,
    steps: StepCount,
    /// What a step of each size costs, about: its parameters + [`STEP_OVERHEAD_PARAMS`]
    /// (`Sweep::cost`).
    step_costs: Vec<usize>,
}

impl ScaleSweep {
    /// Draws the data set (a few hundred milliseconds for the chapter's 20,000 examples) and
    /// plans the steps.
    pub fn new(config: ScaleConfig) -> Result<ScaleSweep, Error> {
        config.validate()?;
        let data = Dataset::generate(&config.task)?;
        let steps_per_size = plan_steps(&data, &config)?;
        let vocab = config.task.task.vocab().len();
        let step_costs = config
            .sizes
            .iter()
            .map(|s| s.model.param_count(vocab) + STEP_OVERHEAD_PARAMS)
            .collect();
        let mut sweep = ScaleSweep {
            steps: StepCount {
                done: 0,
                total: steps_per_size * config.sizes.len(),
            },
            config,
            data,
            steps_per_size,
            run: None,
            scratch: Scratch::default(),
            results: Vec::new(),
            step_costs,
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

    pub fn progress(&self) -> ScaleProgress {
        let stage = match &self.run {
            Some((size, run)) => ScaleStage::Training {
                size: *size,
                params: run.trainer.params.num_scalars(),
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

    /// The run of size number `size`, or None past the last.
    fn start(&mut self, size: usize) -> Result<Option<(usize, Box<TransformerRun>)>, Error> {
        let Some(s) = self.config.sizes.get(size) else {
            return Ok(None);
        };
        let c = &self.config;
        let steps = self.steps_per_size;
        let trainer = TransformerTrainer::new(&c.trainer(s, steps), self.data.task)?;
        let train_len = self.data.train.len();
        let run = TransformerRun::new(trainer, train_len, c.batch, steps, c.evals, false, c.seed)?;
        self.results.push(ScalePoint::of(&s.model, &run));
        Ok(Some((size, Box::new(run))))
    }
}

impl Sweep for ScaleSweep {
    fn work(&mut self) -> Result<(), Error> {
        let Some((size, run)) = &mut self.run else {
            return Ok(());
        };
        let stepped = run.work(&self.data, &self.data.test, &mut self.scratch)?;
        self.steps.done += usize::from(stepped);
        let size = *size;
        let point = ScalePoint::of(&self.config.sizes[size].model, run);
        let done = run.is_done();
        if let Some(last) = self.results.last_mut() {
            *last = point;
        }
        if done {
            self.run = self.start(size + 1)?;
        }
        Ok(())
    }

    fn is_done(&self) -> bool {
        self.run.is_none()
    }

    fn steps(&self) -> StepCount {
        self.steps
    }

    /// A step of each size weighted by its parameters plus [`STEP_OVERHEAD_PARAMS`]: at a
    /// fixed token budget a size's compute grows with its parameters (6·N·D), and the largest
    /// takes half the sweep's time.
    fn cost(&self) -> StepCount {
        weighted_steps(self.steps.done, self.steps_per_size, &self.step_costs)
    }
}

/// What a step costs beyond its parameters (attention over the sequence, layer norms, the
/// held-out scoring), in parameters' worth. The chapter's sweep took 2.3, 3.9, 8.4, 22.7 and
/// 36.3 s for its sizes of 7.8k, 26k, 93k, 272k and 524k parameters (headless Chromium, the
/// 2-core machine): time ∝ N + 35k puts each within 2.1 s of the 74 s, where time ∝ N put
/// the first estimate at 2.5 times the run.
const STEP_OVERHEAD_PARAMS: usize = 35_000;

/// `done` steps of a sweep that takes `per_size` steps of each size in turn, a step of size
/// `i` counted `weights[i]` times.
fn weighted_steps(done: usize, per_size: usize, weights: &[usize]) -> StepCount {
    let done = weights
        .iter()
        .enumerate()
        .map(|(i, w)| w * done.saturating_sub(i * per_size).min(per_size))
        .sum();
    StepCount {
        done,
        total: weights.iter().map(|w| w * per_size).sum(),
    }
}

/// The steps whose batches first add up to `config.tokens`, drawn from a sampler seeded as
/// every run's: every size takes the same steps over the same examples.
fn plan_steps(data: &Dataset, config: &ScaleConfig) -> Result<usize, Error> {
    let per_example: Vec<usize> = data.train.iter().map(example_tokens).collect();
    let mut sampler = Sampler::new((0..per_example.len() as u32).collect(), config.seed)?;
    let mut indices = vec![0; config.batch];
    let (mut steps, mut seen) = (0, 0);
    while seen < config.tokens {
        sampler.fill(&mut indices);
        seen += indices
            .iter()
            .map(|&i| per_example[i as usize])
            .sum::<usize>();
        steps += 1;
    }
    Ok(steps)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_step_counts_at_the_cost_of_its_size() {
        // Two sizes of 10 steps, the second four times the first.
        let w = [1, 4];
        assert_eq!(weighted_steps(0, 10, &w), StepCount { done: 0, total: 50 });
        // Half the steps, a fifth of the compute: the time left is four times the time spent,
        // where counting steps would say it equals it.
        assert_eq!(
            weighted_steps(10, 10, &w),
            StepCount {
                done: 10,
                total: 50
            }
        );
        assert_eq!(
            weighted_steps(15, 10, &w),
            StepCount {
                done: 30,
                total: 50
            }
        );
        assert_eq!(
            weighted_steps(20, 10, &w),
            StepCount {
                done: 50,
                total: 50
            }
        );
        assert_eq!(weighted_steps(25, 10, &w).done, 50);
    }
}
