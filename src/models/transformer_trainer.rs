//! Training the Transformer step by step, and looking inside it between steps: the
//! sequence-to-sequence counterpart of [`super::AutoencoderTrainer`]. A step is teacher-forced
//! cross-entropy over the target tokens, padding ignored, with AdamW (Loshchilov & Hutter 2019),
//! warm-up then cosine decay, and global-norm clipping, as nanoGPT trains. Evaluation decodes
//! greedily, as a user of the model would see it.
//!
//! A second tape serves evaluation, translation and heatmaps, so looking at the model never
//! disturbs the training tape's buffers.

use serde::{Deserialize, Serialize};

use crate::error::{check_range, Error};
use crate::optim::{clip_grad_norm, Adam, AdamConfig, LrSchedule, Optimizer};
use crate::rng::Rng;
use crate::tasks::{Batch, Example, Task, Vocab, BOS, EOS, PAD};
use crate::tensor::{Graph, ParamStore};

use super::transformer_decode::{greedy_decode, next_probs, NextProbs};
use super::transformer_layers::Dropout;
use super::{AttentionMaps, AttentionStack, TrainerState, Transformer, TransformerConfig};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TransformerTrainerConfig {
    pub model: TransformerConfig,
    /// AdamW when `decoupled_weight_decay`; `lr` is the peak the schedule scales.
    pub optimizer: AdamConfig,
    pub schedule: LrSchedule,
    /// Gradients are scaled down to this global L2 norm when above it.
    pub clip_norm: Option<f32>,
    /// Seeds the weights and the dropout masks.
    pub seed: u64,
}

impl TransformerTrainerConfig {
    /// The date preset (see `TransformerPreset::dates` for the measurements behind it).
    pub fn dates() -> TransformerTrainerConfig {
        TransformerTrainerConfig {
            model: TransformerConfig::dates(),
            optimizer: AdamConfig {
                lr: 3e-3,
                ..AdamConfig::adamw()
            },
            schedule: LrSchedule::WarmupCosine {
                warmup_steps: 100,
                total_steps: 1500,
                min_factor: 0.1,
            },
            clip_norm: Some(1.0),
            seed: 0,
        }
    }

    pub fn validate(&self) -> Result<(), Error> {
        self.model.validate()?;
        let o = &self.optimizer;
        check_range("lr", o.lr, 1e-6, 1.0)?;
        check_range("beta1", o.beta1, 0.0, 0.999)?;
        check_range("beta2", o.beta2, 0.0, 0.9999)?;
        check_range("eps", o.eps, 1e-12, 1e-3)?;
        check_range("weight_decay", o.weight_decay, 0.0, 1.0)?;
        if let LrSchedule::WarmupCosine {
            warmup_steps,
            total_steps,
            min_factor,
        } = self.schedule
        {
            check_range("warmup_steps", warmup_steps, 0, total_steps)?;
            check_range("total_steps", total_steps as f64, 1.0, 1e7)?;
            check_range("min_factor", min_factor, 0.0, 1.0)?;
        }
        if let Some(c) = self.clip_norm {
            check_range("clip_norm", f64::from(c), 1e-3, 1e3)?;
        }
        Ok(())
    }

    /// `validate`, and that the model's positions hold `task`'s longest sequences: everything
    /// `TransformerTrainer::new` checks, so a config that passes here builds.
    pub fn validate_for(&self, task: Task) -> Result<(), Error> {
        self.validate()?;
        if self.model.max_len < task.max_len() {
            return Err(Error::InvalidConfig {
                field: "max_len",
                detail: format!(
                    "{} positions cannot hold this task's sequences, which need {}",
                    self.model.max_len,
                    task.max_len()
                ),
            });
        }
        Ok(())
    }
}

/// Held-out scores; accuracies are fractions in [0, 1].
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Evaluation {
    /// Teacher-forced cross-entropy per target token (nats).
    pub loss: f32,
    /// Greedy output tokens (EOS included) equal to the target's at the same position.
    pub token_accuracy: f32,
    /// Greedy outputs equal to their target exactly.
    pub exact_match: f32,
    pub examples: usize,
}

/// A model's answer to one typed input.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Translation {
    pub output: String,
    /// The attention while producing it; `cross` lines output up with input.
    pub attention: AttentionMaps,
    /// At each decoding step, the likeliest next characters ("</s>" for the end).
    pub next: Vec<NextProbs<String>>,
}

/// How many next characters a translation shows at each step.
pub const NEXT_SHOWN: usize = 5;

/// Examples per evaluation pass: bounds the tape's memory whatever the test set's size.
const EVAL_CHUNK: usize = 256;

pub struct TransformerTrainer {
    pub model: Transformer,
    pub params: ParamStore,
    pub vocab: Vocab,
    pub task: Task,
    config: TransformerTrainerConfig,
    optimizer: Adam,
    /// Draws the dropout masks.
    rng: Rng,
    steps: usize,
    flops: f64,
    graph: Graph,
    eval: Graph,
    eval_batch: Batch,
}

impl TransformerTrainer {
    /// A fresh model for `task`, whose vocabulary sets the model's input and output width.
    pub fn new(config: &TransformerTrainerConfig, task: Task) -> Result<TransformerTrainer, Error> {
        TransformerTrainer::with_vocab(config, task, task.vocab())
    }

    /// A fresh model for `task` over `vocab`, which the data set built (the visitor's pairs
    /// have the vocabulary of their characters): refused unless it has the ids `task` expects.
    pub fn with_vocab(
        config: &TransformerTrainerConfig,
        task: Task,
        vocab: Vocab,
    ) -> Result<TransformerTrainer, Error> {
        config.validate_for(task)?;
        if vocab.len() != task.vocab_len() {
            return Err(Error::InvalidConfig {
                field: "pairs",
                detail: format!(
                    "a vocabulary of {} ids, but the task has {}",
                    vocab.len(),
                    task.vocab_len()
                ),
            });
        }
        let mut params = ParamStore::new();
        let mut rng = Rng::seed(config.seed);
        let model = Transformer::new(&config.model, vocab.len(), &mut params, &mut rng)?;
        let optimizer = Adam::new(config.optimizer.clone(), &params);
        Ok(TransformerTrainer {
            model,
            params,
            vocab,
            task,
            config: config.clone(),
            optimizer,
            rng,
            steps: 0,
            flops: 0.0,
            graph: Graph::new(),
            eval: Graph::new(),
            eval_batch: Batch::default(),
        })
    }

    pub fn config(&self) -> &TransformerTrainerConfig {
        &self.config
    }

    /// Starts Adam's moments and bias corrections again from zero, as for new weights: the
    /// old moments estimate the gradients of weights that are gone.
    pub fn reset_optimizer(&mut self) {
        self.optimizer = Adam::new(self.config.optimizer.clone(), &self.params);
    }

    /// Optimiser steps taken.
    pub fn steps(&self) -> usize {
        self.steps
    }

    /// Everything the next step depends on besides the batch: with `steps` (the schedule's
    /// position) and `flops`, which the caller saves beside it.
    pub fn state(&self) -> TrainerState {
        TrainerState::capture(&self.params, &self.optimizer, Some(&self.rng))
    }

    /// Takes a saved `state` taken after `steps` steps that spent `flops`, or refuses it and
    /// changes nothing (see [`TrainerState::restore`]).
    pub fn load_state(
        &mut self,
        state: TrainerState,
        steps: usize,
        flops: f64,
    ) -> Result<(), Error> {
        state.restore(&mut self.params, &mut self.optimizer, Some(&mut self.rng))?;
        self.steps = steps;
        self.flops = flops;
        Ok(())
    }

    /// The learning rate of the next step.
    pub fn lr(&self) -> f64 {
        self.config
            .schedule
            .lr(self.config.optimizer.lr, self.steps)
    }

    /// Training FLOPs spent so far, padding included (see
    /// [`TransformerConfig::training_flops`]).
    pub fn flops(&self) -> f64 {
        self.flops
    }

    /// The longest output greedy decoding produces: the task's longest target and EOS.
    pub fn max_output_len(&self) -> usize {
        (self.task.max_target_len() + 1).min(self.config.model.max_len)
    }

    fn check_len(&self, field: &'static str, len: usize) -> Result<(), Error> {
        check_range(field, len, 1, self.config.model.max_len)
    }

    /// One AdamW step on the teacher-forced cross-entropy of `batch`; the loss before the
    /// update.
    pub fn step(&mut self, batch: &Batch) -> Result<f32, Error> {
        self.check_len("source length", batch.src_len)?;
        self.check_len("target length", batch.tgt_len)?;
        self.optimizer.set_lr(self.lr());
        let g = &mut self.graph;
        g.reset();
        let mut dropout = Dropout::train(self.config.model.dropout, &mut self.rng);
        let out = self.model.forward(g, &self.params, batch, &mut dropout);
        let loss = g.cross_entropy(out.decoded.logits, &batch.dec_out, Some(PAD));
        let value = g.scalar(loss);
        let mut grads = g.backward(loss, &self.params)?;
        if let Some(max_norm) = self.config.clip_norm {
            clip_grad_norm(&mut grads, max_norm);
        }
        self.optimizer.step(&mut self.params, &grads)?;
        self.steps += 1;
        self.flops += self.config.model.training_flops(
            self.vocab.len(),
            batch.size,
            batch.src_len,
            batch.tgt_len,
        );
        Ok(value)
    }

    /// Held-out loss, and token and exact-match accuracy of greedy decoding, over `examples`.
    pub fn evaluate(&mut self, examples: &[Example]) -> Result<Evaluation, Error> {
        let max_out = self.max_output_len();
        let (mut loss, mut tokens, mut correct, mut exact) = (0.0f64, 0usize, 0usize, 0usize);
        for chunk in examples.chunks(EVAL_CHUNK) {
            self.eval_batch.fill(&self.vocab, chunk)?;
            let batch = &self.eval_batch;
            self.check_len("source length", batch.src_len)?;
            self.check_len("target length", batch.tgt_len)?;
            let g = &mut self.eval;
            g.reset();
            let out = self
                .model
                .forward(g, &self.params, batch, &mut Dropout::off());
            let l = g.cross_entropy(out.decoded.logits, &batch.dec_out, Some(PAD));
            g.check()?;
            loss += f64::from(g.scalar(l)) * batch.target_tokens() as f64;
            tokens += batch.target_tokens();

            let outputs = greedy_decode(
                &self.model,
                &self.params,
                &mut self.eval,
                &batch.src,
                &batch.src_lens,
                max_out,
            )?;
            let gold = batch.dec_out.chunks_exact(batch.tgt_len);
            for ((out, gold), &len) in outputs.iter().zip(gold).zip(&batch.tgt_lens) {
                let gold = &gold[..len]; // target + EOS
                correct += gold.iter().zip(out).filter(|(a, b)| a == b).count();
                exact += usize::from(out[..] == *gold);
            }
        }
        let n = examples.len();
        let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f32 / b as f32 };
        Ok(Evaluation {
            loss: if tokens == 0 {
                0.0
            } else {
                (loss / tokens as f64) as f32
            },
            token_accuracy: ratio(correct, tokens),
            exact_match: ratio(exact, n),
            examples: n,
        })
    }

    /// The model's greedy output for a typed `source`, and its attention while producing it.
    /// Characters the task's vocabulary lacks are named in the error.
    pub fn translate(&mut self, source: &str) -> Result<Translation, Error> {
        let src = self.vocab.encode(source)?;
        self.check_len("input length", src.len())?;
        let max_out = self.max_output_len();
        let outputs = greedy_decode(
            &self.model,
            &self.params,
            &mut self.eval,
            &src,
            &[src.len()],
            max_out,
        )?;
        let produced = outputs.into_iter().next().unwrap_or_default();
        // The decoder read BOS and every produced token but the last. Teacher-forced on that
        // prefix, its logits at each position are the ones greedy decoding chose from.
        let mut dec_in = vec![BOS];
        dec_in.extend_from_slice(&produced[..produced.len().saturating_sub(1)]);
        let (attention, logits) = self.pass(&src, &dec_in, &produced)?;
        let next = next_probs(&logits, self.model.vocab, NEXT_SHOWN)
            .into_iter()
            .map(|n| NextProbs {
                top: n
                    .top
                    .into_iter()
                    .map(|(id, p)| (self.vocab.label(id), p))
                    .collect(),
                rest: n.rest,
            })
            .collect();
        Ok(Translation {
            output: self.vocab.decode(&produced),
            attention,
            next,
        })
    }

    /// The attention of a teacher-forced pass over `example`: what the heatmaps show while
    /// the model trains.
    pub fn attention(&mut self, example: &Example) -> Result<AttentionMaps, Error> {
        let src = self.vocab.encode(&example.source)?;
        let target = self.vocab.encode(&example.target)?;
        let mut dec_in = vec![BOS];
        dec_in.extend_from_slice(&target);
        let mut dec_out = target;
        dec_out.push(EOS);
        self.attention_pass(&src, &dec_in, &dec_out)
    }

    fn attention_pass(
        &mut self,
        src: &[usize],
        dec_in: &[usize],
        dec_out: &[usize],
    ) -> Result<AttentionMaps, Error> {
        Ok(self.pass(src, dec_in, dec_out)?.0)
    }

    /// A teacher-forced pass: its attention maps, and its logits (T, vocab).
    fn pass(
        &mut self,
        src: &[usize],
        dec_in: &[usize],
        dec_out: &[usize],
    ) -> Result<(AttentionMaps, Vec<f32>), Error> {
        self.check_len("input length", src.len())?;
        self.check_len("output length", dec_in.len())?;
        let (s, t) = (src.len(), dec_in.len());
        let g = &mut self.eval;
        g.reset();
        let mut off = Dropout::off();
        let encoded = self.model.encode(g, &self.params, src, &[s], &mut off);
        let decoded = self.model.decode(
            g,
            &self.params,
            encoded.memory,
            &[s],
            dec_in,
            &[t],
            &mut off,
        );
        g.check()?;
        let labels = |ids: &[usize]| ids.iter().map(|&id| self.vocab.label(id)).collect();
        let maps = AttentionMaps {
            source: labels(src),
            decoder_input: labels(dec_in),
            decoder_output: labels(dec_out),
            encoder_self: AttentionStack::read(g, &encoded.attention, 0, s, s)?,
            decoder_self: AttentionStack::read(g, &decoded.self_attention, 0, t, t)?,
            cross: AttentionStack::read(g, &decoded.cross_attention, 0, t, s)?,
        };
        let mut logits = Vec::new(); // (1, T, vocab)
        g.read_into(decoded.logits, &mut logits)?;
        Ok((maps, logits))
    }
}
