//! The chapter "Pretraining, fine-tuning and scale" runs its experiments as a worker session:
//! the sweep advances one unit of work (a step, or a chunk of held-out scoring) at a time until
//! the slice's deadline, and about four times a second the page gets the progress, every curve
//! so far and the run's clock. Cancel stops a run; what it reported stays on the page.

mod clock;
mod sweeps;

use std::convert::Infallible;
use std::rc::Rc;

use serde::{Deserialize, Serialize};

use super::session::{Env, Session};
use super::SPLIT_SEED;
use crate::data::Mnist;
use crate::error::Error;
use crate::experiments::{FinetuneConfig, ScaleConfig, ScaleSweep, SeqFinetune, SeqFinetuneConfig};
pub use clock::{time_left_ms, RunClock};
pub use sweeps::{Finetune, FinetuneReport, Pretrained, Scale, ScaleReport, SeqReport, Sweep};

/// Milliseconds between two reports.
const REPORT_MS: f64 = 250.0;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ExperimentCommand {
    /// Run the fine-tuning comparison for each K of the configuration. Waits for the digits.
    Finetune(FinetuneConfig),
    /// Train the Transformer at each size of the configuration.
    Scale(ScaleConfig),
    /// Pretrain the date Transformer on English formats, then fine-tune it on a few Chinese
    /// examples beside a model trained from scratch on them.
    SeqFinetune(SeqFinetuneConfig),
}

impl ExperimentCommand {
    pub fn needs_digits(&self) -> bool {
        matches!(self, ExperimentCommand::Finetune(_))
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ExperimentEvent {
    Finetune(FinetuneReport),
    Scale(ScaleReport),
    SeqFinetune(SeqReport),
}

/// A sweep as a worker session.
pub struct ExperimentSession {
    sweep: Box<dyn Sweep>,
    started: Option<f64>,
    last_report: Option<f64>,
    failed: bool,
}

impl ExperimentSession {
    pub fn new(sweep: Box<dyn Sweep>) -> ExperimentSession {
        ExperimentSession {
            sweep,
            started: None,
            last_report: None,
            failed: false,
        }
    }

    /// The run a command asks for; the fine-tuning run starts from the encoder an earlier run
    /// pretrained with the same settings, if there is one in `pretrained`.
    pub fn open(
        cmd: ExperimentCommand,
        digits: Option<Rc<Mnist>>,
        pretrained: &Pretrained,
    ) -> Result<ExperimentSession, Error> {
        let sweep: Box<dyn Sweep> = match cmd {
            ExperimentCommand::Finetune(config) => {
                let data = digits.ok_or(Error::InvalidConfig {
                    field: "digits",
                    detail: "the MNIST digits are not loaded".into(),
                })?;
                let split = data.split(SPLIT_SEED);
                Box::new(Finetune::new(config, data, &split, pretrained.clone())?)
            }
            ExperimentCommand::Scale(config) => Box::new(Scale::new(ScaleSweep::new(config)?)),
            ExperimentCommand::SeqFinetune(config) => Box::new(SeqFinetune::new(config)?),
        };
        Ok(ExperimentSession::new(sweep))
    }

    fn clock(&self, now: f64) -> RunClock {
        RunClock::at(now - self.started.unwrap_or(now), self.sweep.cost())
    }
}

impl Session for ExperimentSession {
    /// A run takes no commands: a new one replaces it, Cancel stops it.
    type Command = Infallible;
    type Event = ExperimentEvent;

    fn command(&mut self, cmd: Infallible, _: f64, _: &mut Vec<Self::Event>) -> Result<(), Error> {
        match cmd {}
    }

    fn run_slice(
        &mut self,
        env: &Env,
        deadline: f64,
        out: &mut Vec<ExperimentEvent>,
    ) -> Result<(), Error> {
        if self.started.is_none() {
            let now = (env.now)();
            self.started = Some(now);
            self.sweep.keep(now);
        }
        while !self.sweep.is_done() && (env.now)() < deadline {
            if let Err(e) = self.sweep.work() {
                self.failed = true;
                out.push(self.sweep.report(self.clock((env.now)())));
                return Err(e);
            }
        }
        let now = (env.now)();
        self.sweep.keep(now);
        let done = self.sweep.is_done();
        if done || self.last_report.is_none_or(|t| now - t >= REPORT_MS) {
            self.last_report = Some(now);
            out.push(self.sweep.report(self.clock(now)));
        }
        Ok(())
    }

    fn running(&self) -> bool {
        !self.failed && !self.sweep.is_done()
    }
}

#[cfg(test)]
mod tests;
