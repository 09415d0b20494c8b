//! "How can training be made faster?" answered on this device: an autoencoder trained at each
//! batch size and hidden width, each from the same seed, until its held-out reconstruction error
//! reaches a target or its time runs out.
//!
//! Two numbers per run, because they disagree: samples per second (what a bigger batch buys)
//! and the time to the target loss (what the learner wants). Only training steps are timed;
//! the held-out checks between them are not, so a check every few steps costs nothing on the
//! clock.

use std::rc::Rc;

use serde::{Deserialize, Serialize};

use super::bench::{BenchEvent, Progress};
use super::lab::config::{BATCH_RANGE, SEED_MAX, WIDTH_RANGE};
use super::Env;
use crate::data::{Mnist, Sampler};
use crate::error::{check_range, Error};
use crate::models::{AutoencoderConfig, AutoencoderTrainer};
use crate::optim::AdamConfig;
use crate::tensor::Activation;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SpeedConfig {
    /// Hidden widths w of the 784 → w → code → w → 784 autoencoder.
    pub widths: Vec<usize>,
    pub batches: Vec<usize>,
    pub code: usize,
    /// The held-out MSE a run must reach.
    pub target: f32,
    /// Training time per run before it gives up.
    pub max_millis: f64,
    /// Samples trained between two held-out checks (the same for every batch size, so that a
    /// small batch is not checked more often per sample than a large one).
    pub check_every: usize,
    /// Held-out digits per check.
    pub check_rows: usize,
    pub lr: f64,
    pub seed: u64,
}

pub const SPEED_RUNS_MAX: usize = 16;
pub const SPEED_MILLIS_RANGE: (f64, f64) = (10.0, 60_000.0);
pub const TARGET_RANGE: (f32, f32) = (0.001, 0.2);
pub const CHECK_ROWS_RANGE: (usize, usize) = (16, 2_000);

impl SpeedConfig {
    /// The chapter's grid: 3 widths × 4 batch sizes, 3 s each at most. The target is what every
    /// run reaches natively within about a second (`cargo test --release speed_sweep -- --nocapture`).
    pub fn chapter() -> SpeedConfig {
        SpeedConfig {
            widths: vec![32, 128, 512],
            batches: vec![8, 32, 128, 512],
            code: 32,
            target: 0.035,
            max_millis: 3_000.0,
            check_every: 1_024,
            check_rows: 500,
            lr: 1e-3,
            seed: 0,
        }
    }

    pub fn runs(&self) -> usize {
        self.widths.len() * self.batches.len()
    }

    /// The model of one run.
    pub fn model(&self, width: usize) -> AutoencoderConfig {
        AutoencoderConfig {
            widths: vec![784, width, self.code],
            hidden: Activation::Relu,
            output: Activation::Sigmoid,
        }
    }

    /// Checked by the worker before anything runs.
    pub fn validate(&self) -> Result<(), Error> {
        check_range("runs", self.runs(), 1, SPEED_RUNS_MAX)?;
        let (lo, hi) = WIDTH_RANGE;
        for &w in self.widths.iter().chain([&self.code]) {
            check_range("width", w, lo, hi)?;
        }
        let (lo, hi) = BATCH_RANGE;
        for &b in &self.batches {
            check_range("batch", b, lo, hi)?;
        }
        let (lo, hi) = TARGET_RANGE;
        check_range("target", self.target, lo, hi)?;
        let (lo, hi) = SPEED_MILLIS_RANGE;
        check_range("max_millis", self.max_millis, lo, hi)?;
        check_range("check_every", self.check_every, 1, 100_000)?;
        let (lo, hi) = CHECK_ROWS_RANGE;
        check_range("check_rows", self.check_rows, lo, hi)?;
        check_range("lr", self.lr, 1e-6, 1.0)?;
        check_range("seed", self.seed, 0, SEED_MAX)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SpeedResult {
    pub width: usize,
    pub batch: usize,
    pub params: usize,
    pub steps: u64,
    /// Training time spent, checks excluded.
    pub millis: f64,
    pub samples_per_sec: f64,
    /// Whether a check came in at or under the target: the run stopped there, so `steps` and
    /// `millis` are then the steps and time to the target.
    pub reached: bool,
    /// The last held-out MSE checked.
    pub held_out: f32,
}

impl SpeedResult {
    /// Training time to the target, if the run reached it.
    pub fn to_target_millis(&self) -> Option<f64> {
        self.reached.then_some(self.millis)
    }
}

/// One run in progress.
struct Run {
    trainer: AutoencoderTrainer,
    sampler: Sampler,
    indices: Vec<u32>,
    pixels: Vec<f32>,
    steps: u64,
    millis: f64,
    since_check: usize,
    held_out: f32,
}

pub struct SpeedSweep {
    config: SpeedConfig,
    data: Rc<Mnist>,
    train: Vec<u32>,
    /// The held-out digits' pixels, (check_rows, 784), drawn once for every run.
    check: Vec<f32>,
    codes: Vec<f32>,
    next: usize,
    run: Option<Run>,
}

impl SpeedSweep {
    /// `train` and `test` index the digits (the split is the data's business).
    pub fn new(
        config: SpeedConfig,
        data: Rc<Mnist>,
        train: Vec<u32>,
        test: &[u32],
    ) -> Result<SpeedSweep, Error> {
        config.validate()?;
        let rows = config.check_rows.min(test.len());
        let mut check = vec![0.0; rows * crate::data::mnist::PIXELS];
        data.images_into(&test[..rows], &mut check)?;
        Ok(SpeedSweep {
            config,
            data,
            train,
            check,
            codes: Vec::new(),
            next: 0,
            run: None,
        })
    }

    /// (width, batch) of run `i`: widths outer, so one width's batch sizes come together.
    fn cell(&self, i: usize) -> (usize, usize) {
        let n = self.config.batches.len();
        (self.config.widths[i / n], self.config.batches[i % n])
    }

    fn start(&self, width: usize, batch: usize) -> Result<Run, Error> {
        let model = self.config.model(width);
        let adam = AdamConfig {
            lr: self.config.lr,
            ..AdamConfig::default()
        };
        Ok(Run {
            trainer: AutoencoderTrainer::new(&model, adam, self.config.seed)?,
            sampler: Sampler::new(self.train.clone(), self.config.seed)?,
            indices: vec![0; batch],
            pixels: vec![0.0; batch * model.input_width()],
            steps: 0,
            millis: 0.0,
            since_check: 0,
            held_out: f32::NAN,
        })
    }

    /// Trains the current run until the deadline, the target or its time budget; the result
    /// once it is over.
    fn advance(&mut self, env: &Env, deadline: f64) -> Result<Option<SpeedResult>, Error> {
        let (width, batch) = self.cell(self.next);
        if self.run.is_none() {
            self.run = Some(self.start(width, batch)?);
        }
        let Some(run) = self.run.as_mut() else {
            return Ok(None);
        };
        let mut reached = false;
        while run.millis < self.config.max_millis {
            if (env.now)() >= deadline {
                return Ok(None);
            }
            let t0 = (env.now)();
            run.sampler.fill(&mut run.indices);
            self.data.images_into(&run.indices, &mut run.pixels)?;
            let loss = run.trainer.step(&run.pixels)?;
            run.millis += (env.now)() - t0;
            run.steps += 1;
            if !loss.is_finite() {
                return Err(Error::InvalidConfig {
                    field: "lr",
                    detail: format!("the loss is not a number after {} steps", run.steps),
                });
            }
            run.since_check += batch;
            if run.since_check >= self.config.check_every {
                run.since_check = 0;
                run.held_out = run.trainer.evaluate(&self.check, &mut self.codes)?;
                if run.held_out <= self.config.target {
                    reached = true;
                    break;
                }
            }
        }
        let samples_per_sec = (run.steps * batch as u64) as f64 / (run.millis / 1e3).max(1e-9);
        let result = SpeedResult {
            width,
            batch,
            params: run.trainer.params.num_scalars(),
            steps: run.steps,
            millis: run.millis,
            samples_per_sec,
            reached,
            held_out: run.held_out,
        };
        self.run = None;
        Ok(Some(result))
    }

    /// Runs until `deadline`, reporting each finished run; an error stops the sweep.
    pub fn run_slice(
        &mut self,
        env: &Env,
        deadline: f64,
        out: &mut Vec<BenchEvent>,
    ) -> Result<Progress, Error> {
        let total = self.config.runs();
        while self.next < total {
            match self.advance(env, deadline)? {
                Some(result) => {
                    self.next += 1;
                    out.push(BenchEvent::SpeedPoint {
                        result,
                        done: self.next as u32,
                        total: total as u32,
                    });
                }
                None => return Ok(Progress::Running),
            }
        }
        Ok(Progress::Done)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jobs::fake_clock::drive;

    fn digits() -> Rc<Mnist> {
        Rc::new(crate::data::mnist::shipped())
    }

    fn job(config: SpeedConfig) -> SpeedSweep {
        let data = digits();
        let split = data.split(super::super::SPLIT_SEED);
        SpeedSweep::new(config, data, split.train, &split.test).unwrap()
    }

    /// The results in the events, checking each one's count.
    fn results(job: &SpeedSweep, events: Vec<BenchEvent>) -> Vec<SpeedResult> {
        events
            .into_iter()
            .enumerate()
            .map(|(i, e)| match e {
                BenchEvent::SpeedPoint {
                    result,
                    done,
                    total,
                } => {
                    assert_eq!((done, total), (i as u32 + 1, job.config.runs() as u32));
                    result
                }
                other => panic!("{other:?}"),
            })
            .collect()
    }

    #[test]
    fn every_run_stops_at_the_target_or_its_time_and_says_which() {
        let config = SpeedConfig {
            widths: vec![16, 128],
            batches: vec![8, 64],
            target: 0.06,
            max_millis: 60.0,
            check_every: 256,
            check_rows: 64,
            ..SpeedConfig::chapter()
        };
        // Each reading advances the fake clock 0.25 ms, and a step is timed from the reading
        // before it to the one after: 0.25 ms a step, so 60 ms is 240 steps whatever the batch.
        let mut sweep = job(config.clone());
        let mut events = Vec::new();
        drive(f64::INFINITY, 0.25, |env, deadline| {
            sweep.run_slice(env, deadline, &mut events).unwrap() == Progress::Running
        });
        let out = results(&sweep, events);
        let cells: Vec<_> = out.iter().map(|r| (r.width, r.batch)).collect();
        assert_eq!(cells, [(16, 8), (16, 64), (128, 8), (128, 64)]);
        for r in &out {
            assert!(r.held_out.is_finite(), "{r:?}");
            if r.reached {
                assert!(r.held_out <= config.target, "{r:?}");
                // A check falls on a whole number of check_every samples.
                assert!((r.steps * r.batch as u64) % 256 < r.batch as u64, "{r:?}");
            } else {
                assert!(r.held_out > config.target, "{r:?}");
                assert_eq!(r.steps, 240, "{r:?}");
            }
            assert!(
                (r.samples_per_sec - r.batch as f64 * 4000.0).abs() < 1e-6,
                "{r:?}"
            );
        }
        // The narrow model runs out of time; the wide one, with 8× the samples per step at batch
        // 64, gets there.
        assert!(!out[0].reached, "{:?}", out[0]);
        assert!(out[3].reached, "{:?}", out[3]);
        let w = 128;
        assert_eq!(out[2].params, 2 * (784 * w + w * 32) + w + 32 + w + 784);
    }

    #[test]
    fn out_of_range_settings_are_refused_with_the_field() {
        for (bad, field) in [
            (
                SpeedConfig {
                    batches: vec![],
                    ..SpeedConfig::chapter()
                },
                "runs",
            ),
            (
                SpeedConfig {
                    batches: vec![8, 4096],
                    ..SpeedConfig::chapter()
                },
                "batch",
            ),
            (
                SpeedConfig {
                    target: 0.0,
                    ..SpeedConfig::chapter()
                },
                "target",
            ),
            (
                SpeedConfig {
                    widths: vec![0],
                    ..SpeedConfig::chapter()
                },
                "width",
            ),
        ] {
            let err = bad.validate().unwrap_err().to_string();
            assert!(err.contains(field), "{field}: {err}");
        }
        assert!(SpeedConfig::chapter().validate().is_ok());
    }

    /// The chapter's grid on this machine with a real clock: prints what the FAQ shows. Run
    /// with `cargo test --release --lib speed_sweep -- --ignored --nocapture`.
    #[test]
    #[ignore]
    fn the_chapter_grid_on_this_machine() {
        let start = std::time::Instant::now();
        let now = || start.elapsed().as_secs_f64() * 1e3;
        let env = Env {
            now: &now,
            memory_bytes: &|| 0,
            team: &crate::jobs::team::Solo,
        };
        let mut sweep = job(SpeedConfig::chapter());
        let mut events = Vec::new();
        while sweep.run_slice(&env, now() + 15.0, &mut events).unwrap() == Progress::Running {}
        for r in results(&sweep, events) {
            println!(
                "w {:4} b {:4}  {:8.0} samples/s  {:5} steps  to target {:?} ms  held-out {:.4}",
                r.width,
                r.batch,
                r.samples_per_sec,
                r.steps,
                r.to_target_millis(),
                r.held_out
            );
        }
    }
}
