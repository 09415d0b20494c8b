//! The image fine-tuning experiment: pretrain an encoder on the 9,000 training digits without
//! labels (or take one already trained), then for each K train a linear probe, a full
//! fine-tune and the same network from scratch on the same K labelled digits, with the same
//! seed and step budget, scoring each on the 1,000 held-out test digits as it learns. The
//! question is the one of Erhan et al. 2010 and of every pretrain-then-fine-tune recipe since:
//! how much does unlabelled data buy when labels are few?
//!
//! An incremental state machine: `work` does one step (or scores one chunk of test digits), so
//! the worker runs it in short slices and reads progress and curves in between.

use std::rc::Rc;

use serde::{Deserialize, Serialize};

use crate::data::{Mnist, Split};
use crate::error::Error;

use super::classifier::{kept_layers, Classifier, Method};
use super::finetune_run::{MethodResult, MethodRun};
use super::labelled::{balanced_subset, Digits};
use super::pretrain::Pretraining;
use super::{EncoderWeights, FinetuneConfig, StepCount, Sweep};

/// The three methods at one K.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FinetuneResult {
    pub k: usize,
    /// The step budget of each method.
    pub steps: usize,
    /// In the order of [`Method::ALL`]; a method appears once it starts.
    pub methods: Vec<MethodResult>,
}

impl FinetuneResult {
    /// The method's latest held-out accuracy (its final one once the run is over).
    pub fn accuracy(&self, method: Method) -> Option<f32> {
        self.methods
            .iter()
            .find(|m| m.method == method)
            .and_then(MethodResult::accuracy)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum FinetuneStage {
    /// The autoencoder learning to reconstruct; its latest loss.
    Pretraining {
        loss: Option<f32>,
    },
    Training {
        k: usize,
        method: Method,
    },
    Done,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FinetuneProgress {
    pub stage: FinetuneStage,
    /// Pretraining and classifier steps; test scoring is not counted.
    pub steps: StepCount,
}

enum Stage {
    Pretraining(Box<Pretraining>),
    Training {
        /// Position in `config.ks`.
        k_index: usize,
        /// Position in [`Method::ALL`].
        method_index: usize,
        labelled: Digits,
        run: Box<MethodRun>,
    },
    Done,
}

pub struct FinetuneSweep {
    config: FinetuneConfig,
    data: Rc<Mnist>,
    train: Vec<u32>,
    test: Digits,
    encoder: Option<EncoderWeights>,
    stage: Stage,
    /// Finished Ks, and the one in progress last.
    results: Vec<FinetuneResult>,
    steps: StepCount,
}

impl FinetuneSweep {
    /// Pretrains the autoencoder of `config` on `split.train` first.
    pub fn new(
        config: FinetuneConfig,
        data: Rc<Mnist>,
        split: &Split,
    ) -> Result<FinetuneSweep, Error> {
        config.validate()?;
        // Checked now rather than when the classifiers start, after pretraining.
        kept_layers(&config.autoencoder, config.encoder_layers)?;
        let pretraining = Pretraining::new(
            &config.autoencoder,
            config.pretrain_loss,
            config.pretrain_lr,
            config.pretrain_batch,
            data.clone(),
            split.train.clone(),
            config.seed,
        )?;
        Self::build(
            config,
            data,
            split,
            None,
            Stage::Pretraining(Box::new(pretraining)),
        )
    }

    /// Starts from an encoder trained elsewhere (say, the Autoencoder chapter's, through
    /// [`EncoderWeights::from_trainer`]); `config.autoencoder` and the pretraining settings
    /// are not used.
    pub fn with_encoder(
        config: FinetuneConfig,
        data: Rc<Mnist>,
        split: &Split,
        encoder: EncoderWeights,
    ) -> Result<FinetuneSweep, Error> {
        config.validate()?;
        let mut sweep = Self::build(config, data, split, Some(encoder), Stage::Done)?;
        sweep.stage = sweep.start(0, 0)?;
        Ok(sweep)
    }

    fn build(
        config: FinetuneConfig,
        data: Rc<Mnist>,
        split: &Split,
        encoder: Option<EncoderWeights>,
        stage: Stage,
    ) -> Result<FinetuneSweep, Error> {
        if split.test.is_empty() {
            return Err(Error::OutOfRange {
                field: "test digits",
                value: 0.0,
                min: 1.0,
                max: f64::INFINITY,
            });
        }
        let steps = StepCount {
            done: 0,
            total: config.total_steps(encoder.is_none()),
        };
        Ok(FinetuneSweep {
            test: Digits::gather(&data, &split.test)?,
            train: split.train.clone(),
            config,
            data,
            encoder,
            stage,
            results: Vec::new(),
            steps,
        })
    }

    pub fn config(&self) -> &FinetuneConfig {
        &self.config
    }

    /// The pretrained encoder, once there is one: the chapter can keep it for later runs.
    pub fn encoder(&self) -> Option<&EncoderWeights> {
        self.encoder.as_ref()
    }

    pub fn progress(&self) -> FinetuneProgress {
        let stage = match &self.stage {
            Stage::Pretraining(p) => FinetuneStage::Pretraining { loss: p.loss },
            Stage::Training {
                k_index,
                method_index,
                ..
            } => FinetuneStage::Training {
                k: self.config.ks[*k_index],
                method: Method::ALL[*method_index],
            },
            Stage::Done => FinetuneStage::Done,
        };
        FinetuneProgress {
            stage,
            steps: self.steps,
        }
    }

    /// One result per K begun; the last is still growing until the sweep is done.
    pub fn results(&self) -> &[FinetuneResult] {
        &self.results
    }

    /// The stage that trains method `method_index` at K number `k_index`, or Done past the last
    /// K.
    fn start(&mut self, k_index: usize, method_index: usize) -> Result<Stage, Error> {
        let Some(&k) = self.config.ks.get(k_index) else {
            return Ok(Stage::Done);
        };
        let Some(encoder) = &self.encoder else {
            return Err(Error::InvalidConfig {
                field: "encoder",
                detail: "classifiers started before pretraining ended".into(),
            });
        };
        if method_index == 0 {
            self.results.push(FinetuneResult {
                k,
                steps: self.config.steps,
                methods: Vec::new(),
            });
        }
        let c = &self.config;
        let method = Method::ALL[method_index];
        let subset = balanced_subset(&self.data, &self.train, k, c.seed)?;
        let labelled = Digits::gather(&self.data, &subset)?;
        let classifier =
            Classifier::new(method, encoder, c.encoder_layers, c.rates(method), c.seed)?;
        let run = MethodRun::new(classifier, k, c.batch, c.steps, c.eval_every, c.seed)?;
        Ok(Stage::Training {
            k_index,
            method_index,
            labelled,
            run: Box::new(run),
        })
    }
}

impl Sweep for FinetuneSweep {
    fn work(&mut self) -> Result<(), Error> {
        match &mut self.stage {
            Stage::Pretraining(p) => {
                p.step()?;
                self.steps.done += 1;
                if p.steps == self.config.pretrain_steps {
                    self.encoder = Some(p.encoder());
                    self.stage = self.start(0, 0)?;
                }
            }
            Stage::Training {
                k_index,
                method_index,
                labelled,
                run,
            } => {
                let stepped = run.work(labelled, &self.test)?;
                self.steps.done += usize::from(stepped);
                let (k_index, method_index) = (*k_index, *method_index);
                if let Some(last) = self.results.last_mut() {
                    // The run's result grows in place; copy the small curve into the report.
                    match last.methods.get_mut(method_index) {
                        Some(m) => m.clone_from(run.result()),
                        None => last.methods.push(run.result().clone()),
                    }
                }
                if run.is_done() {
                    self.stage = if method_index + 1 < Method::ALL.len() {
                        self.start(k_index, method_index + 1)?
                    } else {
                        self.start(k_index + 1, 0)?
                    };
                }
            }
            Stage::Done => {}
        }
        Ok(())
    }

    fn is_done(&self) -> bool {
        matches!(self.stage, Stage::Done)
    }

    fn steps(&self) -> StepCount {
        self.steps
    }
}
