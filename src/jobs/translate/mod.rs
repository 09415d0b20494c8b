//! The Transformer lab: an encoder-decoder learns a toy translation in the worker, in time
//! slices, while the page watches its loss, its held-out accuracy and its attention.
//!
//! Evaluating means greedy decoding, which costs far more than a training step, so the test set
//! is scored a chunk per work unit, between training steps, and the slice stays short: a Pause
//! is still answered within one slice. A new lab is prepared the same way, a piece per unit
//! (`session::TranslateSession`): its data set, its model, then the untrained model's score.

pub mod events;
mod files;
mod session;
mod snapshot;

use crate::data::Sampler;
use crate::error::{check_range, Error};
use crate::explain::{AttentionWeights, Matrix, TrainedAttention};
use crate::models::budget::{Cost, LAB};
use crate::models::{Evaluation, TransformerPreset, TransformerTrainer};
use crate::tasks::{Batch, Dataset, Example};
use crate::tensor::Graph;

use super::Env;
pub use events::{
    Inspection, PrepStage, Preparation, TranslateCommand, TranslateEvent, TranslateSetup,
    TranslateSummary,
};
pub use session::TranslateSession;

/// How often a running lab reports its training loss and throughput.
const SUMMARY_MS: f64 = 500.0;
/// How often (in training time) the held-out set is scored again, and the watched attention
/// sent. Greedy decoding of the 500 test dates costs about 0.7 s natively: every 3 s of
/// training keeps that overhead near a fifth.
const EVAL_MS: f64 = 3000.0;
/// How often the watched example's attention is sent while training: about 45 KB a map set
/// for the date preset, so once a second keeps the traffic far under 200 KB/s.
const ATTENTION_MS: f64 = 1000.0;
/// Test examples scored per work unit: about 25 ms natively, so a Pause still lands quickly.
const EVAL_CHUNK: usize = 16;
/// Held-out examples whose attention is kept at log-spaced steps.
const WATCHED: usize = 4;
/// Held-out examples shown with the model's current output.
const SAMPLES: usize = 6;
pub const BATCH_RANGE: (usize, usize) = (1, 256);

/// Steps at which a watched example's attention is kept: 0, 10, 30, 100, 300, 1000, …
pub fn snapshot_steps() -> impl Iterator<Item = u64> {
    (0..).flat_map(|e: u32| {
        let p = 10u64.saturating_pow(e);
        if e == 0 {
            vec![0]
        } else {
            vec![p, 3 * p]
        }
    })
}

pub fn validate(preset: &TransformerPreset) -> Result<(), Error> {
    preset.task.validate()?;
    preset.trainer.validate_for(preset.task.task)?;
    check_range("batch", preset.batch_size, BATCH_RANGE.0, BATCH_RANGE.1)?;
    let one = TransformerPreset {
        batch_size: 1,
        ..preset.clone()
    };
    LAB.check_batch_or_model(cost(preset), cost(&one), "batch", "d_model")
}

/// A step at the preset's batch, a scoring chunk, the weights and the data set.
pub fn cost(preset: &TransformerPreset) -> Cost {
    let model = &preset.trainer.model;
    model
        .task_cost(preset.task.task, preset.batch_size, EVAL_CHUNK)
        .with(Cost::memory(preset.task.bytes()))
}

/// A held-out pass in progress, summed by tokens and examples.
#[derive(Default)]
struct Scoring {
    next: usize,
    loss_tokens: f64,
    correct_tokens: f64,
    tokens: f64,
    exact: f64,
}

#[derive(Default)]
struct Window {
    loss: f64,
    steps: u32,
    samples: u64,
    tokens: u64,
    ms: f64,
}

pub struct TranslateLab {
    /// What it was built from, saved with its run.
    preset: TransformerPreset,
    trainer: TransformerTrainer,
    data: Dataset,
    sampler: Sampler,
    indices: Vec<u32>,
    batch: Batch,
    running: bool,
    /// Between `begin` and the step-0 summary: the untrained model is being scored.
    preparing: bool,
    diverged: bool,
    window: Window,
    train_ms: f64,
    last_summary: f64,
    last_attention: f64,
    /// Training time at which the next evaluation starts.
    next_eval_ms: f64,
    scoring: Option<Scoring>,
    test: Option<(u64, Evaluation)>,
    outputs: Vec<String>,
    watching: u8,
    /// Per watched example, its kept (step, maps).
    snapshots: Vec<Vec<(u64, crate::models::AttentionMaps)>>,
    next_snapshot: usize,
}

impl TranslateLab {
    /// A lab built in one go: its data set, then its model.
    pub fn new(preset: &TransformerPreset) -> Result<TranslateLab, Error> {
        validate(preset)?;
        let data = Dataset::generate(&preset.task)?;
        TranslateLab::build(preset, data)
    }

    /// The model for `data`, which was drawn from `preset.task`.
    pub fn build(preset: &TransformerPreset, data: Dataset) -> Result<TranslateLab, Error> {
        let trainer =
            TransformerTrainer::with_vocab(&preset.trainer, data.task, data.vocab.clone())?;
        let all: Vec<u32> = (0..data.train.len() as u32).collect();
        Ok(TranslateLab {
            preset: preset.clone(),
            sampler: Sampler::new(all, preset.trainer.seed)?,
            indices: vec![0; preset.batch_size],
            batch: Batch::default(),
            trainer,
            data,
            running: false,
            preparing: false,
            diverged: false,
            window: Window::default(),
            train_ms: 0.0,
            last_summary: 0.0,
            last_attention: 0.0,
            next_eval_ms: EVAL_MS,
            scoring: None,
            test: None,
            outputs: Vec::new(),
            watching: 0,
            snapshots: vec![Vec::new(); WATCHED],
            next_snapshot: 0,
        })
    }

    pub fn running(&self) -> bool {
        self.running
    }

    /// Whether the untrained model's score is still being worked out (see `begin`).
    pub fn preparing(&self) -> bool {
        self.preparing
    }

    pub fn step(&self) -> u64 {
        self.trainer.steps() as u64
    }

    fn watched(&self) -> &[Example] {
        &self.data.test[..WATCHED.min(self.data.test.len())]
    }

    fn samples(&self) -> &[Example] {
        let start = WATCHED.min(self.data.test.len());
        &self.data.test[start..(start + SAMPLES).min(self.data.test.len())]
    }

    /// Sends the setup and queues the evaluation of the untrained model: `prepare_unit` then
    /// scores it a chunk at a time and ends with its attention and the step-0 summary.
    pub fn begin(&mut self, out: &mut Vec<TranslateEvent>) {
        let pairs = |e: &[Example]| {
            e.iter()
                .map(|e| (e.source.clone(), e.target.clone()))
                .collect()
        };
        out.push(TranslateEvent::Setup(TranslateSetup {
            params: self.trainer.params.num_scalars() as u64,
            train_examples: self.data.train.len() as u32,
            test_examples: self.data.test.len() as u32,
            watched: pairs(self.watched()),
            samples: pairs(self.samples()),
        }));
        self.scoring = Some(Scoring::default());
        self.preparing = true;
    }

    /// One unit of the preparation `begin` queued: a chunk of the test set, the end of its
    /// pass, or the step-0 attention and summary, which end the preparation.
    pub fn prepare_unit(&mut self, now: f64, out: &mut Vec<TranslateEvent>) {
        if !self.preparing {
            return;
        }
        if self.scoring.is_some() {
            return self.score_chunk();
        }
        self.preparing = false;
        self.snapshot(out);
        self.emit_attention(out);
        self.summarize(now, out);
    }

    /// Test examples scored in the pass under way, and in the test set.
    pub fn scoring_progress(&self) -> (usize, usize) {
        let next = self.scoring.as_ref().map_or(0, |s| s.next);
        (next, self.data.test.len())
    }

    /// Handles a command other than `Reset`. A training step that fails stops the lab with its
    /// error.
    pub fn command(
        &mut self,
        cmd: TranslateCommand,
        now: f64,
        out: &mut Vec<TranslateEvent>,
    ) -> Result<(), Error> {
        match cmd {
            TranslateCommand::Reset(_) | TranslateCommand::Restore(_) => {}
            TranslateCommand::Checkpoint => out.push(TranslateEvent::Checkpoint {
                step: self.step(),
                bytes: self.checkpoint()?,
            }),
            TranslateCommand::Run => {
                if self.diverged {
                    out.push(TranslateEvent::Diverged { step: self.step() });
                } else {
                    self.running = true;
                    self.window = Window::default();
                    self.last_summary = now;
                    out.push(TranslateEvent::Running { step: self.step() });
                }
            }
            TranslateCommand::Pause => self.pause(now, out),
            TranslateCommand::Step => {
                if !self.diverged {
                    self.running = false;
                    self.train_once(out)?;
                    self.snapshot(out);
                    self.emit_attention(out);
                    self.summarize(now, out);
                }
            }
            TranslateCommand::Watch(i) => {
                if usize::from(i) < self.watched().len() {
                    self.watching = i;
                    for (step, maps) in self.snapshots[usize::from(i)].clone() {
                        out.push(TranslateEvent::Snapshot {
                            example: i,
                            step,
                            maps,
                        });
                    }
                    self.emit_attention(out);
                }
            }
            TranslateCommand::Translate(input) => out.push(self.translate(input)?),
            TranslateCommand::Inspect(input) => out.push(self.inspect(input)?),
            TranslateCommand::Export => out.push(TranslateEvent::Exported(self.export()?)),
            TranslateCommand::Import(bytes) => self.import(&bytes, now, out),
        }
        Ok(())
    }

    /// Stops training, and says where the model stands: its summary, and its attention (one
    /// forward pass on the watched example), so that every figure of a paused lab shows the
    /// paused model rather than one up to `ATTENTION_MS` older.
    pub fn pause(&mut self, now: f64, out: &mut Vec<TranslateEvent>) {
        if self.running {
            self.running = false;
            out.push(TranslateEvent::Paused { step: self.step() });
            self.summarize(now, out);
            self.last_attention = now;
            self.emit_attention(out);
        }
    }

    /// Why the model cannot read `input`, if it cannot: checked in this order, so a pasted
    /// megabyte costs a count up to `max_len` and no more.
    fn refusal(&self, input: &str) -> Option<Inspection> {
        let max = self.trainer.config().model.max_len;
        if input.is_empty() {
            Some(Inspection::Empty)
        } else if input.chars().nth(max).is_some() {
            Some(Inspection::TooLong { max: max as u32 })
        } else {
            let unknown = self.data.vocab.unknown_chars(input);
            (!unknown.is_empty()).then(|| {
                Inspection::Unknown(unknown.into_iter().map(|(i, c)| (i as u32, c)).collect())
            })
        }
    }

    /// The answer to the visitor's text. A refusal is an answer; a model that fails on text it
    /// can read is an error, reported as one (not as "too long").
    fn translate(&mut self, input: String) -> Result<TranslateEvent, Error> {
        Ok(match self.refusal(&input) {
            Some(Inspection::Empty) => TranslateEvent::Empty,
            Some(Inspection::TooLong { max }) => TranslateEvent::TooLong { input, max },
            Some(Inspection::Unknown(chars)) => TranslateEvent::Unknown { input, chars },
            Some(Inspection::Ready(_)) | None => {
                let t = self.trainer.translate(&input)?;
                TranslateEvent::Translation {
                    input,
                    output: t.output,
                    maps: t.attention,
                    next: t.next,
                }
            }
        })
    }

    fn inspect(&mut self, input: String) -> Result<TranslateEvent, Error> {
        let inspection = match self.refusal(&input) {
            Some(refused) => refused,
            None => Inspection::Ready(Box::new(self.first_attention(&input)?)),
        };
        Ok(TranslateEvent::Inspected { input, inspection })
    }

    fn first_attention(&self, input: &str) -> Result<TrainedAttention, Error> {
        let t = &self.trainer;
        let ids = t.vocab.encode(input)?;
        check_range("input length", ids.len(), 1, t.config().model.max_len)?;
        let mut g = Graph::new();
        let (x, attention) = t
            .model
            .first_attention_input(&mut g, &t.params, &ids)
            .ok_or(Error::InvalidConfig {
                field: "encoder_layers",
                detail: "the model has no encoder layer".into(),
            })?;
        let mut data = Vec::new();
        g.read_into(x, &mut data)?;
        Ok(TrainedAttention {
            step: self.step(),
            tokens: input.chars().map(String::from).collect(),
            x: Matrix {
                rows: ids.len(),
                cols: t.config().model.d_model,
                data,
            },
            weights: AttentionWeights::read(attention, &t.params),
        })
    }

    /// Trains (and scores, when due) until `deadline`.
    pub fn run_slice(
        &mut self,
        env: &Env,
        deadline: f64,
        out: &mut Vec<TranslateEvent>,
    ) -> Result<(), Error> {
        while self.running {
            let t0 = (env.now)();
            if t0 >= deadline {
                return Ok(());
            }
            if self.scoring.is_some() {
                self.score_chunk();
                if self.scoring.is_none() {
                    self.emit_attention(out);
                }
            } else {
                if !self.train_once(out)? {
                    return Ok(());
                }
                let t1 = (env.now)();
                self.window.ms += t1 - t0;
                self.train_ms += t1 - t0;
                self.snapshot(out);
                if self.train_ms >= self.next_eval_ms {
                    self.next_eval_ms = self.train_ms + EVAL_MS;
                    self.scoring = Some(Scoring::default());
                }
            }
            let now = (env.now)();
            if now - self.last_summary >= SUMMARY_MS {
                self.summarize(now, out);
            }
            if now - self.last_attention >= ATTENTION_MS {
                self.last_attention = now;
                self.emit_attention(out);
            }
        }
        Ok(())
    }

    /// One step; `Ok(false)` (with `Diverged`) if the loss is not finite. A step that fails is
    /// a bug: the lab stops, and the page is told the error rather than "diverged".
    fn train_once(&mut self, out: &mut Vec<TranslateEvent>) -> Result<bool, Error> {
        self.sampler.fill(&mut self.indices);
        let step = self
            .data
            .train_batch(&self.indices, &mut self.batch)
            .and_then(|()| self.trainer.step(&self.batch));
        let loss = match step {
            Ok(loss) => loss,
            Err(e) => {
                self.running = false;
                return Err(e);
            }
        };
        if !loss.is_finite() {
            self.running = false;
            self.diverged = true;
            out.push(TranslateEvent::Diverged { step: self.step() });
            return Ok(false);
        }
        self.window.loss += f64::from(loss);
        self.window.steps += 1;
        self.window.samples += self.batch.size as u64;
        self.window.tokens += (self.batch.src_lens.iter().sum::<usize>()
            + self.batch.tgt_lens.iter().sum::<usize>()) as u64;
        Ok(true)
    }

    /// Scores the next chunk of the test set, or, once all are scored, finishes the pass with
    /// the sample outputs (a unit of its own: translating them costs about a chunk).
    fn score_chunk(&mut self) {
        let Some(mut s) = self.scoring.take() else {
            return;
        };
        if s.next < self.data.test.len() {
            let end = (s.next + EVAL_CHUNK).min(self.data.test.len());
            let chunk = &self.data.test[s.next..end];
            // Target characters and the EOS: the tokens a token accuracy is over.
            let tokens: usize = chunk.iter().map(|e| e.target.chars().count() + 1).sum();
            if let Ok(e) = self.trainer.evaluate(chunk) {
                s.loss_tokens += f64::from(e.loss) * tokens as f64;
                s.correct_tokens += f64::from(e.token_accuracy) * tokens as f64;
                s.exact += f64::from(e.exact_match) * chunk.len() as f64;
                s.tokens += tokens as f64;
            }
            s.next = end;
            self.scoring = Some(s);
            return;
        }
        let n = self.data.test.len().max(1) as f64;
        let t = s.tokens.max(1.0);
        self.test = Some((
            self.step(),
            Evaluation {
                loss: (s.loss_tokens / t) as f32,
                token_accuracy: (s.correct_tokens / t) as f32,
                exact_match: (s.exact / n) as f32,
                examples: self.data.test.len(),
            },
        ));
        let sources: Vec<String> = self.samples().iter().map(|e| e.source.clone()).collect();
        self.outputs = sources
            .into_iter()
            .map(|s| {
                self.trainer
                    .translate(&s)
                    .map(|t| t.output)
                    .unwrap_or_default()
            })
            .collect();
    }

    /// Keeps the watched examples' attention when the step is the next log-spaced one.
    fn snapshot(&mut self, out: &mut Vec<TranslateEvent>) {
        let Some(due) = snapshot_steps().nth(self.next_snapshot) else {
            return;
        };
        if self.step() < due {
            return;
        }
        self.next_snapshot += 1;
        let step = self.step();
        for i in 0..self.watched().len() {
            let example = self.watched()[i].clone();
            if let Ok(maps) = self.trainer.attention(&example) {
                if i == usize::from(self.watching) {
                    out.push(TranslateEvent::Snapshot {
                        example: i as u8,
                        step,
                        maps: maps.clone(),
                    });
                }
                self.snapshots[i].push((step, maps));
            }
        }
    }

    fn emit_attention(&mut self, out: &mut Vec<TranslateEvent>) {
        let i = usize::from(self.watching);
        let Some(example) = self.watched().get(i).cloned() else {
            return;
        };
        if let Ok(maps) = self.trainer.attention(&example) {
            out.push(TranslateEvent::Attention {
                example: self.watching,
                step: self.step(),
                maps,
            });
        }
    }

    fn summarize(&mut self, now: f64, out: &mut Vec<TranslateEvent>) {
        let w = std::mem::take(&mut self.window);
        self.last_summary = now;
        out.push(TranslateEvent::Summary(TranslateSummary {
            step: self.step(),
            running: self.running,
            train_loss: (w.steps > 0).then(|| (w.loss / f64::from(w.steps)) as f32),
            test: self.test,
            tokens_per_sec: if w.ms > 0.0 {
                (w.tokens as f64 / (w.ms / 1e3)) as f32
            } else {
                0.0
            },
            samples_per_sec: if w.ms > 0.0 {
                (w.samples as f64 / (w.ms / 1e3)) as f32
            } else {
                0.0
            },
            train_ms: self.train_ms,
            lr: self.trainer.lr() as f32,
            outputs: self.outputs.clone(),
        }));
    }
}

#[cfg(test)]
mod tests;
