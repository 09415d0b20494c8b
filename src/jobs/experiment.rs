//! The chapter "Pretraining, fine-tuning and scale" runs its experiments as worker jobs: the
//! sweep advances one unit of work (a step, or a chunk of held-out scoring) at a time until the
//! slice's deadline, and about four times a second the page gets the progress and every curve
//! so far. Cancel stops a run; what it reported stays on the page.

use std::cell::RefCell;
use std::rc::Rc;

use serde::{Deserialize, Serialize};

use super::{Env, Job, Progress};
use crate::data::{Mnist, Split};
use crate::error::Error;
use crate::experiments::{
    self, EncoderWeights, FinetuneConfig, FinetuneProgress, FinetuneResult, FinetuneSweep,
    PowerLaw, ScalePoint, ScaleProgress, ScaleSweep, SeqFinetune, SeqFinetuneProgress,
    SeqRunResult, Sweep as _,
};
use crate::protocol::Event;

/// Milliseconds between two reports.
const REPORT_MS: f64 = 250.0;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FinetuneReport {
    pub progress: FinetuneProgress,
    /// One per K begun, the last still growing until `done`.
    pub results: Vec<FinetuneResult>,
    /// The encoder was pretrained by an earlier run and reused.
    pub reused_encoder: bool,
    pub done: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScaleReport {
    pub progress: ScaleProgress,
    pub points: Vec<ScalePoint>,
    /// Loss against parameters, once two sizes are done.
    pub fit: Option<PowerLaw>,
    pub done: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SeqReport {
    pub progress: SeqFinetuneProgress,
    /// Pretraining, then fine-tuning, then scratch, as far as they got.
    pub runs: Vec<SeqRunResult>,
    pub done: bool,
}

/// What a sweep tells the page.
trait Sweep {
    fn work(&mut self) -> Result<(), Error>;
    fn is_done(&self) -> bool;
    fn report(&self) -> Event;
    /// Called after each slice: a chance to keep what later runs can reuse.
    fn keep(&mut self) {}
}

/// The encoder a fine-tuning run pretrained, and the settings it was pretrained with: the
/// worker keeps it, so that the next K starts at once.
pub type Pretrained = Rc<RefCell<Option<(FinetuneConfig, EncoderWeights)>>>;

/// Whether two configurations pretrain the same encoder.
fn same_pretraining(a: &FinetuneConfig, b: &FinetuneConfig) -> bool {
    a.autoencoder == b.autoencoder
        && a.pretrain_steps == b.pretrain_steps
        && a.pretrain_batch == b.pretrain_batch
        && a.pretrain_lr == b.pretrain_lr
        && a.pretrain_loss == b.pretrain_loss
        && a.seed == b.seed
}

/// The fine-tuning sweep, and the worker's copy of its pretrained encoder.
pub struct Finetune {
    sweep: FinetuneSweep,
    pretrained: Pretrained,
    reused: bool,
}

impl Finetune {
    /// A new sweep, from the encoder an earlier run pretrained with the same settings if the
    /// worker still has it.
    pub fn new(
        config: FinetuneConfig,
        data: Rc<Mnist>,
        split: &Split,
        pretrained: Pretrained,
    ) -> Result<Finetune, Error> {
        let kept = pretrained
            .borrow()
            .as_ref()
            .filter(|(c, _)| same_pretraining(c, &config))
            .map(|(_, e)| e.clone());
        let reused = kept.is_some();
        let sweep = match kept {
            Some(encoder) => FinetuneSweep::with_encoder(config, data, split, encoder)?,
            None => FinetuneSweep::new(config, data, split)?,
        };
        Ok(Finetune {
            sweep,
            pretrained,
            reused,
        })
    }
}

impl Sweep for Finetune {
    fn work(&mut self) -> Result<(), Error> {
        self.sweep.work()
    }

    fn is_done(&self) -> bool {
        self.sweep.is_done()
    }

    fn report(&self) -> Event {
        Event::Finetune(FinetuneReport {
            progress: self.sweep.progress(),
            results: self.sweep.results().to_vec(),
            reused_encoder: self.reused,
            done: self.sweep.is_done(),
        })
    }

    fn keep(&mut self) {
        if self.reused {
            return;
        }
        if let Some(encoder) = self.sweep.encoder() {
            let mut kept = self.pretrained.borrow_mut();
            let config = self.sweep.config();
            if !kept
                .as_ref()
                .is_some_and(|(c, _)| same_pretraining(c, config))
            {
                *kept = Some((config.clone(), encoder.clone()));
            }
        }
    }
}

impl Sweep for ScaleSweep {
    fn work(&mut self) -> Result<(), Error> {
        experiments::Sweep::work(self)
    }

    fn is_done(&self) -> bool {
        experiments::Sweep::is_done(self)
    }

    fn report(&self) -> Event {
        let finished = self.results().iter().filter(|p| p.exact_match.is_some());
        Event::Scale(ScaleReport {
            progress: self.progress(),
            points: self.results().to_vec(),
            fit: (finished.count() >= 2).then(|| self.fit().ok()).flatten(),
            done: experiments::Sweep::is_done(self),
        })
    }
}

impl Sweep for SeqFinetune {
    fn work(&mut self) -> Result<(), Error> {
        experiments::Sweep::work(self)
    }

    fn is_done(&self) -> bool {
        experiments::Sweep::is_done(self)
    }

    fn report(&self) -> Event {
        Event::SeqFinetune(SeqReport {
            progress: self.progress(),
            runs: self.results().to_vec(),
            done: experiments::Sweep::is_done(self),
        })
    }
}

/// A sweep as a worker job.
pub struct ExperimentJob<S> {
    sweep: S,
    last_report: Option<f64>,
}

impl<S> ExperimentJob<S> {
    pub fn new(sweep: S) -> ExperimentJob<S> {
        ExperimentJob {
            sweep,
            last_report: None,
        }
    }
}

#[allow(private_bounds)] // the two sweeps are the only ones; the trait is this file's business
impl<S: Sweep> Job for ExperimentJob<S> {
    fn run_slice(&mut self, env: &Env, deadline: f64, out: &mut Vec<Event>) -> Progress {
        while !self.sweep.is_done() && (env.now)() < deadline {
            if let Err(e) = self.sweep.work() {
                out.push(self.sweep.report());
                out.push(Event::Failed {
                    message: e.to_string(),
                });
                return Progress::Done;
            }
        }
        self.sweep.keep();
        let now = (env.now)();
        let done = self.sweep.is_done();
        if done || self.last_report.is_none_or(|t| now - t >= REPORT_MS) {
            self.last_report = Some(now);
            out.push(self.sweep.report());
        }
        if done {
            Progress::Done
        } else {
            Progress::Running
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::experiments::{FinetuneConfig, ScaleConfig};
    use crate::jobs::fake_clock::drive;

    fn tiny_finetune() -> FinetuneConfig {
        FinetuneConfig {
            pretrain_steps: 20,
            ks: vec![10],
            steps: 10,
            eval_every: 5,
            ..FinetuneConfig::chapter()
        }
    }

    #[test]
    fn a_finetune_job_reports_every_method_and_keeps_its_encoder_for_the_next_run() {
        let bytes = include_bytes!("../../assets/mnist/mnist-10k.bin.gz");
        let data = Rc::new(crate::data::mnist::parse(bytes).expect("the shipped asset parses"));
        let split = data.split(0);
        let kept: Pretrained = Rc::new(RefCell::new(None));
        let first = Finetune::new(tiny_finetune(), data.clone(), &split, kept.clone()).unwrap();
        let mut job = ExperimentJob::new(first);
        let mut reports = Vec::new();
        drive(60_000.0, 1.0, |env, deadline| {
            let mut out = Vec::new();
            let p = job.run_slice(env, deadline, &mut out);
            reports.extend(out);
            p == Progress::Running
        });
        let Some(Event::Finetune(last)) = reports.last() else {
            panic!("no report: {reports:?}");
        };
        assert!(last.done && !last.reused_encoder);
        assert_eq!(last.results.len(), 1);
        assert_eq!(last.results[0].methods.len(), 3);
        assert!(kept.borrow().is_some());

        let again = Finetune::new(tiny_finetune(), data.clone(), &split, kept.clone()).unwrap();
        assert!(again.reused);
        assert_eq!(again.sweep.progress().steps.total, 30);
        let other = FinetuneConfig {
            seed: 1,
            ..tiny_finetune()
        };
        assert!(!Finetune::new(other, data, &split, kept).unwrap().reused);
    }

    #[test]
    fn a_scale_job_fits_a_power_law_once_two_sizes_are_done() {
        let mut config = ScaleConfig::chapter();
        config.sizes.truncate(2);
        config.tokens = 2_000;
        config.evals = 2;
        let mut job = ExperimentJob::new(ScaleSweep::new(config).unwrap());
        let mut last = None;
        drive(600_000.0, 1.0, |env, deadline| {
            let mut out = Vec::new();
            let p = job.run_slice(env, deadline, &mut out);
            last = out.into_iter().last().or(last.take());
            p == Progress::Running
        });
        let Some(Event::Scale(report)) = last else {
            panic!("no report");
        };
        assert!(report.done);
        assert_eq!(report.points.len(), 2);
        assert!(report.fit.is_some());
    }
}
