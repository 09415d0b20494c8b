//! The three sweeps of the chapter "Pretraining, fine-tuning and scale" behind one trait, and the
//! reports they send: progress, every curve so far, and the run's clock.

use std::cell::RefCell;
use std::rc::Rc;

use serde::{Deserialize, Serialize};

use super::clock::{ItemClock, RunClock};
use super::ExperimentEvent;
use crate::data::{Mnist, Split};
use crate::error::Error;
use crate::experiments::{
    self, EncoderWeights, FinetuneConfig, FinetuneProgress, FinetuneResult, FinetuneSweep,
    PowerLaw, ScalePoint, ScaleProgress, ScaleStage, ScaleSweep, SeqFinetune, SeqFinetuneProgress,
    SeqRunResult, StepCount, Sweep as _,
};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FinetuneReport {
    pub progress: FinetuneProgress,
    /// One per K begun, the last still growing until `done`.
    pub results: Vec<FinetuneResult>,
    /// The encoder was pretrained by an earlier run and reused.
    pub reused_encoder: bool,
    pub done: bool,
    pub clock: RunClock,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScaleReport {
    pub progress: ScaleProgress,
    pub points: Vec<ScalePoint>,
    /// Loss against parameters, once two sizes are done.
    pub fit: Option<PowerLaw>,
    pub done: bool,
    pub clock: RunClock,
    /// Wall-clock milliseconds of each finished size, in order.
    pub size_ms: Vec<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SeqReport {
    pub progress: SeqFinetuneProgress,
    /// Pretraining, then fine-tuning, then scratch, as far as they got.
    pub runs: Vec<SeqRunResult>,
    pub done: bool,
    pub clock: RunClock,
}

/// One experiment as the worker runs it: the core's sweep (a unit of work at a time, its steps
/// done and planned for the time left), and a report on demand.
pub trait Sweep: experiments::Sweep {
    fn report(&self, clock: RunClock) -> ExperimentEvent;
    /// Called after each slice with the clock: a chance to keep what later runs can reuse.
    fn keep(&mut self, _now: f64) {}
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

impl Finetune {
    /// Whether the encoder came from an earlier run.
    pub fn reused(&self) -> bool {
        self.reused
    }
}

impl experiments::Sweep for Finetune {
    fn work(&mut self) -> Result<(), Error> {
        self.sweep.work()
    }

    fn is_done(&self) -> bool {
        self.sweep.is_done()
    }

    fn steps(&self) -> StepCount {
        self.sweep.progress().steps
    }

    fn cost(&self) -> StepCount {
        experiments::Sweep::cost(&self.sweep)
    }
}

impl Sweep for Finetune {
    fn report(&self, clock: RunClock) -> ExperimentEvent {
        ExperimentEvent::Finetune(FinetuneReport {
            progress: self.sweep.progress(),
            results: self.sweep.results().to_vec(),
            reused_encoder: self.reused,
            done: self.sweep.is_done(),
            clock,
        })
    }

    fn keep(&mut self, _now: f64) {
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

/// The scale sweep and the wall time of each size.
pub struct Scale {
    sweep: ScaleSweep,
    sizes: Option<ItemClock>,
}

impl Scale {
    pub fn new(sweep: ScaleSweep) -> Scale {
        Scale { sweep, sizes: None }
    }
}

impl experiments::Sweep for Scale {
    fn work(&mut self) -> Result<(), Error> {
        self.sweep.work()
    }

    fn is_done(&self) -> bool {
        self.sweep.is_done()
    }

    fn steps(&self) -> StepCount {
        self.sweep.progress().steps
    }

    fn cost(&self) -> StepCount {
        experiments::Sweep::cost(&self.sweep)
    }
}

impl Sweep for Scale {
    fn report(&self, clock: RunClock) -> ExperimentEvent {
        let sweep = &self.sweep;
        let finished = sweep.results().iter().filter(|p| p.exact_match.is_some());
        ExperimentEvent::Scale(ScaleReport {
            progress: sweep.progress(),
            points: sweep.results().to_vec(),
            fit: (finished.count() >= 2).then(|| sweep.fit().ok()).flatten(),
            done: sweep.is_done(),
            clock,
            size_ms: self
                .sizes
                .as_ref()
                .map_or(Vec::new(), |s| s.done_ms().to_vec()),
        })
    }

    fn keep(&mut self, now: f64) {
        let size = match self.sweep.progress().stage {
            ScaleStage::Training { size, .. } => Some(size),
            ScaleStage::Done => None,
        };
        self.sizes
            .get_or_insert_with(|| ItemClock::new(now))
            .observe(size, now);
    }
}

impl Sweep for SeqFinetune {
    fn report(&self, clock: RunClock) -> ExperimentEvent {
        ExperimentEvent::SeqFinetune(SeqReport {
            progress: self.progress(),
            runs: self.results().to_vec(),
            done: experiments::Sweep::is_done(self),
            clock,
        })
    }
}
