//! Training throughput of the seed autoencoder, in samples per second, on real MNIST digits:
//! the figure that says whether a model visibly learns in seconds in this browser.
//!
//! Each batch size gets a fresh model from the same seed, a few untimed warm-up steps (the tape
//! sizes its buffers on the first), then timed steps. Drawing the batch from the data set is
//! inside the timing: it is part of what training costs.

use std::rc::Rc;

use serde::{Deserialize, Serialize};

use super::ae_run::AeRun;
use super::bench::{BenchEvent, Progress};
use super::gemm_bench::BENCH_MILLIS_RANGE;
use super::lab::config::{BATCH_RANGE, SEED_MAX};
use super::team::{check_replicas, pays, Solo, Step, Team};
use super::Env;
use crate::data::Mnist;
use crate::error::{check_range, Error};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TrainBenchConfig {
    pub batches: Vec<usize>,
    pub millis_per_batch: f64,
    pub warmup_steps: usize,
    pub seed: u64,
    /// Workers that share each step (`jobs::team`): 1, or one per core.
    pub replicas: usize,
}

/// Batch sizes per run: the chapter measures 3.
pub const TRAIN_BATCHES_RANGE: (usize, usize) = (1, 8);
pub const WARMUP_RANGE: (usize, usize) = (0, 100);

impl TrainBenchConfig {
    /// Checked by the worker before it measures, with the lab's own batch range.
    pub fn validate(&self) -> Result<(), Error> {
        let (lo, hi) = TRAIN_BATCHES_RANGE;
        check_range("batches", self.batches.len(), lo, hi)?;
        let (lo, hi) = BATCH_RANGE;
        self.batches
            .iter()
            .try_for_each(|&b| check_range("batch", b, lo, hi))?;
        let (lo, hi) = BENCH_MILLIS_RANGE;
        check_range("millis_per_batch", self.millis_per_batch, lo, hi)?;
        let (lo, hi) = WARMUP_RANGE;
        check_range("warmup_steps", self.warmup_steps, lo, hi)?;
        check_range("seed", self.seed, 0, SEED_MAX)?;
        let smallest = self.batches.iter().copied().min().unwrap_or(1);
        check_replicas(self.replicas, smallest)
    }
}

impl Default for TrainBenchConfig {
    fn default() -> Self {
        TrainBenchConfig {
            batches: vec![32, 128, 256],
            millis_per_batch: 1500.0,
            warmup_steps: 3,
            seed: 0,
            replicas: 1,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TrainResult {
    pub batch: usize,
    pub steps: u64,
    pub samples_per_sec: f64,
    /// samples/s × the model's training FLOPs per sample.
    pub gflops: f64,
    /// MSE of the first and the last timed step: the model really trained.
    pub first_loss: f32,
    pub last_loss: f32,
    /// The worker's wasm memory after this batch size (0 natively).
    pub memory_bytes: u64,
    /// Workers that shared each step.
    pub replicas: u32,
}

/// The model, its optimiser and the sampler for one batch size.
struct Run {
    ae: AeRun,
    /// The batch is too small to split (`team::pays`): the first replica trains it alone.
    alone: bool,
    warmup_left: usize,
    steps: u64,
    /// When the first timed step began. The time is wall time from there, so a step that waits
    /// for other replicas between two slices counts whole.
    started: Option<f64>,
    spent_ms: f64,
    first_loss: Option<f32>,
    last_loss: f32,
}

pub struct TrainBench {
    config: TrainBenchConfig,
    data: Rc<Mnist>,
    train: Vec<u32>,
    next: usize,
    run: Option<Run>,
    results: Vec<TrainResult>,
}

impl TrainBench {
    /// `train` are the indices of the training digits (the split is the data's business).
    pub fn new(config: TrainBenchConfig, data: Rc<Mnist>, train: Vec<u32>) -> TrainBench {
        TrainBench {
            config,
            data,
            train,
            next: 0,
            run: None,
            results: Vec::new(),
        }
    }

    fn start_run(&self, batch: usize, team: &dyn Team) -> Result<Run, Error> {
        let (data, train, seed) = (self.data.clone(), self.train.clone(), self.config.seed);
        Ok(Run {
            ae: AeRun::new(data, train, seed, batch)?,
            alone: !pays(team.size(), batch),
            warmup_left: self.config.warmup_steps,
            steps: 0,
            started: None,
            spent_ms: 0.0,
            first_loss: None,
            last_loss: f32::NAN,
        })
    }

    /// Runs the current batch size until the deadline or its time budget; `Ok(true)` when done.
    fn advance(&mut self, env: &Env, deadline: f64) -> Result<bool, Error> {
        let batch = self.config.batches[self.next];
        if self.run.is_none() {
            self.run = Some(self.start_run(batch, env.team)?);
        }
        let Some(run) = self.run.as_mut() else {
            return Ok(false);
        };
        if run.alone && env.team.rank() > 0 {
            // The first replica trains this batch alone; this one has nothing to do.
            self.run = None;
            return Ok(true);
        }
        let team: &dyn Team = if run.alone { &Solo } else { env.team };
        while run.warmup_left > 0 {
            // `None`: the other replicas' shares are not in; yield so that they can arrive.
            if run.ae.step(team, deadline, false)? == Step::Waiting {
                return Ok(false);
            }
            run.warmup_left -= 1;
            if (env.now)() >= deadline {
                return Ok(false);
            }
        }
        loop {
            let t0 = (env.now)();
            if t0 >= deadline {
                return Ok(false);
            }
            let started = *run.started.get_or_insert(t0);
            let time_up = run.spent_ms >= self.config.millis_per_batch;
            if time_up && team.size() == 1 {
                break;
            }
            // A team stops together, on the first replica's clock (`team::Replica`).
            let stop = time_up && team.rank() == 0;
            let loss = match run.ae.step(team, deadline, stop)? {
                Step::Done(loss) => loss,
                Step::Stopped => break,
                Step::Waiting => return Ok(false),
            };
            run.spent_ms = (env.now)() - started;
            run.steps += 1;
            run.first_loss.get_or_insert(loss);
            run.last_loss = loss;
        }
        let samples_per_sec = (run.steps * batch as u64) as f64 / (run.spent_ms / 1e3).max(1e-9);
        let flops = run.ae.trainer.model.config.train_flops_per_sample() as f64;
        self.results.push(TrainResult {
            batch,
            steps: run.steps,
            samples_per_sec,
            gflops: samples_per_sec * flops / 1e9,
            first_loss: run.first_loss.unwrap_or(f32::NAN),
            last_loss: run.last_loss,
            memory_bytes: (env.memory_bytes)() as u64,
            replicas: team.size() as u32,
        });
        self.run = None;
        Ok(true)
    }
}

impl TrainBench {
    /// Measures until `deadline`, reporting each finished batch size; an error stops it.
    pub fn run_slice(
        &mut self,
        env: &Env,
        deadline: f64,
        out: &mut Vec<BenchEvent>,
    ) -> Result<Progress, Error> {
        let total = self.config.batches.len() as u32;
        while self.next < self.config.batches.len() {
            match self.advance(env, deadline) {
                Ok(true) => {
                    self.next += 1;
                    out.push(BenchEvent::TrainProgress {
                        done: self.next as u32,
                        total,
                    });
                }
                Ok(false) => return Ok(Progress::Running),
                Err(e) => return Err(e),
            }
        }
        out.push(BenchEvent::TrainDone(std::mem::take(&mut self.results)));
        Ok(Progress::Done)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    fn digits() -> Rc<Mnist> {
        Rc::new(crate::data::mnist::shipped())
    }

    #[test]
    fn measures_each_batch_size_and_the_model_learns_meanwhile() {
        let data = digits();
        let train = data.split(0).train;
        let config = TrainBenchConfig {
            batches: vec![8, 16],
            millis_per_batch: 40.0,
            warmup_steps: 1,
            seed: 1,
            replicas: 1,
        };
        let mut job = TrainBench::new(config, data, train);
        let t = Cell::new(0.0);
        // Each reading advances the fake clock 0.5 ms. A timed step reads it twice (start and
        // end), and the slice's own readings between steps count too, since the time is wall time
        // from the first timed step: 40 ms of budget is 34 or 35 timed steps, as the slices fall.
        let now = || {
            t.set(t.get() + 0.5);
            t.get()
        };
        let env = Env {
            now: &now,
            memory_bytes: &|| 123,
            team: &crate::jobs::team::Solo,
        };
        let mut out = Vec::new();
        while job.run_slice(&env, now() + 5.0, &mut out).unwrap() == Progress::Running {}
        let Some(BenchEvent::TrainDone(results)) = out.last() else {
            panic!("{out:?}")
        };
        assert_eq!(results.iter().map(|r| r.batch).collect::<Vec<_>>(), [8, 16]);
        for r in results {
            assert!((34..=35).contains(&r.steps), "{r:?}");
            assert!(r.samples_per_sec > 0.0 && r.gflops > 0.0);
            assert!(r.last_loss < r.first_loss, "{r:?}");
            assert_eq!(r.memory_bytes, 123);
        }
    }
}
