//! The benchmark session: GEMM throughput, training throughput, the Performance chapter's chain
//! of both, and the determinism self-test. Each command starts a new measurement.

use std::convert::Infallible;
use std::rc::Rc;

use serde::{Deserialize, Serialize};

use super::orders::Order;
use super::session::{Env, Session};
use super::speed_sweep::{SpeedConfig, SpeedResult, SpeedSweep};
use super::team::check_replicas;
use super::{determinism, GemmBench, GemmBenchConfig, GemmResult, TrainBench, TrainBenchConfig};
use super::{TrainResult, SPLIT_SEED};
use crate::data::Mnist;
use crate::error::Error;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum BenchCommand {
    /// Time a matrix multiply at each size; answered by `GemmProgress` and `GemmDone`.
    Gemm(GemmBenchConfig),
    /// Train the seed autoencoder at each batch size on MNIST; answered by `TrainProgress` and
    /// `TrainDone`. Waits for the digits.
    Train(TrainBenchConfig),
    /// The Performance chapter's measurements in a row: GEMM at once, then (announced by a
    /// `TrainProgress` of 0) the training benchmark, which waits for the digits.
    Chapter {
        gemm: GemmBenchConfig,
        train: TrainBenchConfig,
    },
    /// The FAQ's speed question: train an autoencoder at each width and batch size until a
    /// target loss; answered by a `SpeedPoint` per run. Waits for the digits.
    Speed(SpeedConfig),
    /// Train the seed autoencoder 100 steps from a fixed seed on `replicas` workers and report
    /// the losses, to compare with the native run and with one worker (`jobs::determinism`).
    /// Waits for the digits.
    Determinism { replicas: usize },
}

impl BenchCommand {
    pub fn needs_digits(&self) -> bool {
        matches!(
            self,
            BenchCommand::Train(_) | BenchCommand::Speed(_) | BenchCommand::Determinism { .. }
        )
    }

    /// Every config it carries, checked before anything runs.
    pub fn validate(&self) -> Result<(), Error> {
        match self {
            BenchCommand::Gemm(gemm) => gemm.validate(),
            BenchCommand::Train(train) => train.validate(),
            BenchCommand::Speed(speed) => speed.validate(),
            BenchCommand::Chapter { gemm, train } => gemm.validate().and(train.validate()),
            BenchCommand::Determinism { replicas } => check_replicas(*replicas, determinism::BATCH),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum BenchEvent {
    GemmProgress {
        done: u32,
        total: u32,
    },
    GemmDone(Vec<GemmResult>),
    TrainProgress {
        done: u32,
        total: u32,
    },
    TrainDone(Vec<TrainResult>),
    /// One finished run of the speed sweep, the `done`-th of `total`.
    SpeedPoint {
        result: SpeedResult,
        done: u32,
        total: u32,
    },
    /// The losses of the determinism self-test.
    Losses(Vec<f32>),
}

/// Whether a measurement has more to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Progress {
    Running,
    Done,
}

enum Work {
    Gemm(GemmBench),
    Train(Box<TrainBench>),
    Speed(Box<SpeedSweep>),
    Determinism(Box<determinism::Losses>),
    Done,
}

pub struct BenchSession {
    work: Work,
    /// The training benchmark to run once the GEMM figures are in.
    then: Option<TrainBenchConfig>,
}

impl BenchSession {
    /// `digits` must be there for the commands that need them.
    pub fn new(cmd: BenchCommand, digits: Option<Rc<Mnist>>) -> Result<BenchSession, Error> {
        cmd.validate()?;
        let digits = || {
            digits.clone().ok_or(Error::InvalidConfig {
                field: "digits",
                detail: "the MNIST digits are not loaded".into(),
            })
        };
        let (work, then) = match cmd {
            BenchCommand::Gemm(config) => (Work::Gemm(GemmBench::new(config)), None),
            BenchCommand::Chapter { gemm, train } => {
                (Work::Gemm(GemmBench::new(gemm)), Some(train))
            }
            BenchCommand::Train(config) => {
                let data = digits()?;
                let train = data.split(SPLIT_SEED).train;
                (
                    Work::Train(Box::new(TrainBench::new(config, data, train))),
                    None,
                )
            }
            BenchCommand::Speed(config) => {
                let data = digits()?;
                let split = data.split(SPLIT_SEED);
                let sweep = SpeedSweep::new(config, data, split.train, &split.test)?;
                (Work::Speed(Box::new(sweep)), None)
            }
            BenchCommand::Determinism { replicas } => {
                let job = determinism::Losses::new(digits()?, replicas)?;
                (Work::Determinism(Box::new(job)), None)
            }
        };
        Ok(BenchSession { work, then })
    }
}

impl Session for BenchSession {
    /// A running bench takes no commands: a new one replaces it, Cancel stops it.
    type Command = Infallible;
    type Event = BenchEvent;

    fn command(&mut self, cmd: Infallible, _: f64, _: &mut Vec<BenchEvent>) -> Result<(), Error> {
        match cmd {}
    }

    fn run_slice(
        &mut self,
        env: &Env,
        deadline: f64,
        out: &mut Vec<BenchEvent>,
    ) -> Result<(), Error> {
        let progress = match &mut self.work {
            Work::Gemm(bench) => bench.run_slice(env, deadline, out),
            Work::Train(bench) => bench.run_slice(env, deadline, out).inspect_err(|_| {
                self.then = None;
            })?,
            Work::Speed(sweep) => sweep.run_slice(env, deadline, out)?,
            Work::Determinism(job) => match job.advance(env.team, env.now, deadline)? {
                Some(losses) => {
                    out.push(BenchEvent::Losses(losses));
                    Progress::Done
                }
                None => Progress::Running,
            },
            Work::Done => Progress::Done,
        };
        if progress == Progress::Done {
            self.work = Work::Done;
            if let Some(train) = &self.then {
                out.push(BenchEvent::TrainProgress {
                    done: 0,
                    total: train.batches.len() as u32,
                });
            }
        }
        Ok(())
    }

    fn running(&self) -> bool {
        !matches!(self.work, Work::Done)
    }

    fn follow_up(&mut self) -> Option<Order> {
        self.then
            .take()
            .map(|t| Order::Bench(BenchCommand::Train(t)))
    }
}
