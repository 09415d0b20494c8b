//! Scoring a Transformer on held-out examples one chunk per call, so that scoring a large model
//! on a large test set never holds the worker for long: teacher-forced cross-entropy alone for
//! the points of a curve, and greedy decoding as well (exact match) for a final score, which
//! costs a pass per output token.

use crate::error::Error;
use crate::models::{Dropout, TransformerTrainer};
use crate::tasks::{Batch, Example, PAD};
use crate::tensor::Graph;

/// Examples per call: a forward pass over this many costs about one training step of batch 16.
const LOSS_CHUNK: usize = 32;
/// Greedy decoding reruns the decoder once per output token (11 for dates).
pub(super) const DECODE_CHUNK: usize = 8;

/// A scoring pass in progress.
#[derive(Clone, Debug)]
pub(crate) struct HeldOut {
    decode: bool,
    next: usize,
    /// Σ cross-entropy over the target tokens so far (nats), and their count.
    loss_sum: f64,
    tokens: usize,
    exact: usize,
}

/// A tape and a batch kept between passes, so scoring allocates once.
#[derive(Default)]
pub(crate) struct Scratch {
    graph: Graph,
    batch: Batch,
}

impl HeldOut {
    pub(crate) fn new(decode: bool) -> HeldOut {
        HeldOut {
            decode,
            next: 0,
            loss_sum: 0.0,
            tokens: 0,
            exact: 0,
        }
    }

    /// Scores the next chunk of `examples`; true once every example is scored.
    pub(crate) fn work(
        &mut self,
        trainer: &mut TransformerTrainer,
        examples: &[Example],
        scratch: &mut Scratch,
    ) -> Result<bool, Error> {
        let size = if self.decode {
            DECODE_CHUNK
        } else {
            LOSS_CHUNK
        };
        let end = (self.next + size).min(examples.len());
        let chunk = &examples[self.next..end];
        if !chunk.is_empty() {
            // Targets plus EOS: what the loss averages over.
            let tokens: usize = chunk.iter().map(|e| e.target.chars().count() + 1).sum();
            let mean = if self.decode {
                let eval = trainer.evaluate(chunk)?;
                self.exact += (eval.exact_match * chunk.len() as f32).round() as usize;
                eval.loss
            } else {
                loss(trainer, chunk, scratch)?
            };
            self.loss_sum += f64::from(mean) * tokens as f64;
            self.tokens += tokens;
        }
        self.next = end;
        Ok(end == examples.len())
    }

    /// Mean cross-entropy per target token so far (nats).
    pub(crate) fn loss(&self) -> f32 {
        (self.loss_sum / self.tokens.max(1) as f64) as f32
    }

    /// Fraction of the examples so far decoded exactly, if this pass decodes.
    pub(crate) fn exact_match(&self) -> Option<f32> {
        self.decode
            .then(|| self.exact as f32 / self.next.max(1) as f32)
    }
}

/// The teacher-forced loss of `examples` without decoding: [`TransformerTrainer::evaluate`]
/// without its greedy pass, which would cost ten times as much.
fn loss(
    trainer: &TransformerTrainer,
    examples: &[Example],
    scratch: &mut Scratch,
) -> Result<f32, Error> {
    let Scratch { graph: g, batch } = scratch;
    batch.fill(&trainer.vocab, examples)?;
    g.reset();
    let out = trainer
        .model
        .forward(g, &trainer.params, batch, &mut Dropout::off());
    let loss = g.cross_entropy(out.decoded.logits, &batch.dec_out, Some(PAD));
    g.check()?;
    Ok(g.scalar(loss))
}
