//! Multi-head scaled dot-product attention (Vaswani et al. 2017, "Attention Is All You Need",
//! §3.2; nanoGPT's `CausalSelfAttention`), for self- and cross-attention, returning the
//! per-head attention weights alongside the output so the lab can draw them.

use serde::{Deserialize, Serialize};

use super::{Linear, LinearConfig};
use crate::error::Error;
use crate::kernels::Trans;
use crate::rng::Rng;
use crate::tensor::{Graph, ParamStore, Var};

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct MultiHeadAttentionConfig {
    pub d_model: usize,
    /// Must divide d_model.
    pub n_heads: usize,
}

impl MultiHeadAttentionConfig {
    /// Adds `{name}.query.*`, `{name}.key.*`, `{name}.value.*` and `{name}.output.*`.
    pub fn init(
        &self,
        name: &str,
        params: &mut ParamStore,
        rng: &mut Rng,
    ) -> Result<MultiHeadAttention, Error> {
        if self.n_heads == 0 || !self.d_model.is_multiple_of(self.n_heads) {
            return Err(Error::InvalidConfig {
                field: "n_heads",
                detail: format!(
                    "{} heads do not divide d_model = {}",
                    self.n_heads, self.d_model
                ),
            });
        }
        let mut proj = |part: &str| {
            let config = LinearConfig {
                init: super::Init::XavierUniform,
                ..LinearConfig::new(self.d_model, self.d_model)
            };
            config.init(&format!("{name}.{part}"), params, rng)
        };
        Ok(MultiHeadAttention {
            query: proj("query")?,
            key: proj("key")?,
            value: proj("value")?,
            output: proj("output")?,
            n_heads: self.n_heads,
            d_head: self.d_model / self.n_heads,
        })
    }
}

#[derive(Clone, Debug)]
pub struct MultiHeadAttention {
    pub query: Linear,
    pub key: Linear,
    pub value: Linear,
    pub output: Linear,
    pub n_heads: usize,
    pub d_head: usize,
}

/// What attention returns: the output, and the weights each head put on each key.
#[derive(Clone, Copy, Debug)]
pub struct AttentionOutput {
    /// (B, Tq, d_model)
    pub output: Var,
    /// (B, heads, Tq, Tk); each row sums to one.
    pub weights: Var,
}

impl MultiHeadAttention {
    /// softmax(q·kᵀ/√d_head + mask)·v per head, heads concatenated and projected. Self-attention
    /// passes the same tensor as `query` and `context`.
    ///
    /// # Shapes
    /// - query: (B, Tq, d_model), context: (B, Tk, d_model)
    /// - mask: additive, broadcastable to (B, heads, Tq, Tk): a causal (Tq, Tk) mask or a
    ///   padding (B, 1, 1, Tk) mask
    /// - output: (B, Tq, d_model), weights: (B, heads, Tq, Tk)
    pub fn forward(
        &self,
        g: &mut Graph,
        params: &ParamStore,
        query: Var,
        context: Var,
        mask: Option<Var>,
    ) -> AttentionOutput {
        let q = self.query.forward(g, params, query);
        let k = self.key.forward(g, params, context);
        let v = self.value.forward(g, params, context);
        let (q, k, v) = (self.heads(g, q), self.heads(g, k), self.heads(g, v)); // (B, h, T, d_head)
        let scores = g.matmul_t(q, k, Trans::N, Trans::T); // (B, h, Tq, Tk)
        let scores = g.mul_scalar(scores, 1.0 / (self.d_head as f32).sqrt());
        let weights = g.softmax(scores, mask); // (B, h, Tq, Tk)
        let heads = g.matmul(weights, v); // (B, h, Tq, d_head)
        let merged = g.permute(heads, &[0, 2, 1, 3]); // (B, Tq, h, d_head)
        let (b, tq) = batch_and_len(g, merged);
        let merged = g.reshape(merged, &[b, tq, self.n_heads * self.d_head]); // (B, Tq, d_model)
        let output = self.output.forward(g, params, merged);
        AttentionOutput { output, weights }
    }

    /// (B, T, d_model) → (B, heads, T, d_head).
    fn heads(&self, g: &mut Graph, x: Var) -> Var {
        let (b, t) = batch_and_len(g, x);
        let x = g.reshape(x, &[b, t, self.n_heads, self.d_head]); // (B, T, h, d_head)
        g.permute(x, &[0, 2, 1, 3]) // (B, h, T, d_head)
    }
}

/// The first two axes of x; if x has fewer, the reshape that follows reports the shapes.
fn batch_and_len(g: &Graph, x: Var) -> (usize, usize) {
    match g.shape(x) {
        [b, t, ..] => (*b, *t),
        _ => (0, 0),
    }
}
