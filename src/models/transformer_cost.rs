//! What a Transformer setting costs before it is built (see `super::budget`): the elements its
//! tape records for one example, counted node by node as `Transformer::forward` records them,
//! and from those and the FLOP count of `TransformerConfig::training_flops` the memory and time
//! of a training step and of a greedy-decoding scoring pass.

use super::budget::{adam_param_bytes, f32_bytes, step_flops, Cost};
use super::TransformerConfig;
use crate::tasks::Task;

/// Elements one example records on the tape, by whether they get a gradient in training.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Tape {
    /// Values that also hold a gradient of their size while training.
    graded: f64,
    /// Values and kept buffers without one: masks, norm statistics, probabilities.
    plain: f64,
}

impl TransformerConfig {
    /// The tape of one example with a source of `s` and a target of `t` tokens.
    fn tape(&self, vocab: usize, s: usize, t: usize) -> Tape {
        let (d, f, h, v) = (
            self.d_model as f64,
            self.d_ff as f64,
            self.heads as f64,
            vocab as f64,
        );
        let (s, t) = (s as f64, t as f64);
        let drop = if self.dropout > 0.0 { 1.0 } else { 0.0 };
        // Self-attention over L tokens: q, k, v; their head splits (reshape and permute each);
        // scores, scaled scores and weights (h·L²); the mixed heads, merged back (permute and
        // reshape), and the output projection: 13·L·d + 3·h·L².
        let attention_self = |l: f64| 13.0 * l * d + 3.0 * h * l * l;
        // A residual add, a norm, and a dropout when on (value and mask).
        let sublayer = |l: f64| 2.0 * l * d + drop * l * d;
        let ffn = |l: f64| l * f + l * d;
        let encoder = attention_self(s) + ffn(s) + 2.0 * sublayer(s);
        // Cross-attention: queries from the T targets (7·T·d), keys and values from the S
        // sources (6·S·d), scores over T·S.
        let cross = 7.0 * t * d + 6.0 * s * d + 3.0 * h * t * s;
        let decoder = attention_self(t) + cross + ffn(t) + 3.0 * sublayer(t);
        let embed = |l: f64| 2.0 * l * d + drop * l * d;
        Tape {
            graded: embed(s)
                + embed(t)
                + self.enc_layers as f64 * encoder
                + self.dec_layers as f64 * decoder
                + (s + t) * d // final norms
                + t * v, // logits
            plain: drop * (s + t) * d * (1.0 + 2.0 * self.enc_layers.max(self.dec_layers) as f64)
                + 2.0 * t * t // causal and padding masks
                + t * v, // the cross-entropy's probabilities
        }
    }

    /// Training on `task` at `batch`, the longest examples padded to each other, and scoring
    /// `scored` held-out examples at a time.
    pub fn task_cost(&self, task: Task, batch: usize, scored: usize) -> Cost {
        let (vocab, s, t) = (
            task.vocab_len(),
            task.max_source_len(),
            task.max_target_len() + 1,
        );
        self.train_cost(vocab, batch, s, t)
            .with(self.score_cost(vocab, scored, s, t))
    }

    /// One AdamW step at `batch` examples padded to `s` source and `t` target tokens: the
    /// weights with gradients and moments, and the training tape.
    pub fn train_cost(&self, vocab: usize, batch: usize, s: usize, t: usize) -> Cost {
        let tape = self.tape(vocab, s, t);
        let elements = batch as f64 * (2.0 * tape.graded + tape.plain);
        Cost {
            bytes: adam_param_bytes(self.param_count(vocab) as f64) + f32_bytes(elements),
            flops_per_step: step_flops(self.training_flops(vocab, batch, s, t), elements),
        }
    }

    /// Scoring `examples` at once as `TransformerTrainer::evaluate` does: a teacher-forced pass,
    /// then greedy decoding of up to `t` tokens, which runs the decoder again over the whole
    /// prefix at every step (t(t+1)/2 decoder tokens in all). Memory is the evaluation tape at
    /// the longest prefix; the weights are counted by `train_cost`.
    pub fn score_cost(&self, vocab: usize, examples: usize, s: usize, t: usize) -> Cost {
        let n = examples as f64;
        let per = self.flops_per_token(vocab, s, t);
        let (sf, tf) = (s as f64, t as f64);
        let prefixes = tf * (tf + 1.0) / 2.0;
        let gemm = n * (2.0 * per.encoder * sf + per.decoder * (tf + prefixes));
        let tape = self.tape(vocab, s, t);
        let one_pass = n * (tape.graded + tape.plain);
        Cost {
            bytes: f32_bytes(one_pass),
            flops_per_step: step_flops(gemm, one_pass * (1.0 + (tf + 1.0) / 2.0)),
        }
    }
}
