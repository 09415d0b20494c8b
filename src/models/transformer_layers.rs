//! The two blocks a Transformer stacks, in the pre-LayerNorm arrangement (Xiong et al. 2020,
//! "On Layer Normalization in the Transformer Architecture"; nanoGPT's `Block`): each sublayer
//! reads a normalised copy of the residual stream and adds its output back, x + f(LN(x)), which
//! trains without the careful warm-up the original post-LN form needs.

use crate::error::Error;
use crate::nn::{
    Activation, FeedForward, FeedForwardConfig, LayerNorm, LayerNormConfig, MultiHeadAttention,
    MultiHeadAttentionConfig,
};
use crate::rng::Rng;
use crate::tensor::{Graph, ParamStore, Var};

use super::TransformerConfig;

/// Dropout while training (a generator is given), the identity otherwise.
pub struct Dropout<'r> {
    p: f32,
    rng: Option<&'r mut Rng>,
}

impl<'r> Dropout<'r> {
    pub fn train(p: f32, rng: &'r mut Rng) -> Dropout<'r> {
        Dropout { p, rng: Some(rng) }
    }

    pub fn off() -> Dropout<'static> {
        Dropout { p: 0.0, rng: None }
    }

    pub fn apply(&mut self, g: &mut Graph, x: Var) -> Var {
        match &mut self.rng {
            Some(rng) if self.p > 0.0 => g.dropout(x, self.p, rng),
            _ => x,
        }
    }
}

fn attention(config: &TransformerConfig) -> MultiHeadAttentionConfig {
    MultiHeadAttentionConfig {
        d_model: config.d_model,
        n_heads: config.heads,
    }
}

fn feed_forward(config: &TransformerConfig) -> FeedForwardConfig {
    // ReLU, as the original; it rides in the GEMM's epilogue, so it costs nothing.
    FeedForwardConfig {
        d_model: config.d_model,
        d_hidden: config.d_ff,
        activation: Activation::Relu,
    }
}

/// Self-attention over the source, then a feed-forward block.
#[derive(Clone, Debug)]
pub struct EncoderLayer {
    pub norm1: LayerNorm,
    pub attention: MultiHeadAttention,
    pub norm2: LayerNorm,
    pub ffn: FeedForward,
}

impl EncoderLayer {
    /// Adds `{name}.norm1.*`, `{name}.attention.*`, `{name}.norm2.*`, `{name}.ffn.*`.
    pub fn new(
        config: &TransformerConfig,
        name: &str,
        params: &mut ParamStore,
        rng: &mut Rng,
    ) -> Result<EncoderLayer, Error> {
        let norm = LayerNormConfig::new(config.d_model);
        Ok(EncoderLayer {
            norm1: norm.init(&format!("{name}.norm1"), params, rng)?,
            attention: attention(config).init(&format!("{name}.attention"), params, rng)?,
            norm2: norm.init(&format!("{name}.norm2"), params, rng)?,
            ffn: feed_forward(config).init(&format!("{name}.ffn"), params, rng)?,
        })
    }

    /// The new residual stream and the attention weights.
    ///
    /// # Shapes
    /// - x: (B, S, d_model), mask: (B, 1, 1, S) → (B, S, d_model), weights (B, heads, S, S)
    pub fn forward(
        &self,
        g: &mut Graph,
        params: &ParamStore,
        x: Var,
        mask: Var,
        dropout: &mut Dropout,
    ) -> (Var, Var) {
        let h = self.norm1.forward(g, params, x);
        let a = self.attention.forward(g, params, h, h, Some(mask));
        let branch = dropout.apply(g, a.output);
        let x = g.add(x, branch);
        let h = self.norm2.forward(g, params, x);
        let f = self.ffn.forward(g, params, h);
        let branch = dropout.apply(g, f);
        (g.add(x, branch), a.weights)
    }
}

/// Masked self-attention over the target so far, cross-attention to the encoded source, then a
/// feed-forward block.
#[derive(Clone, Debug)]
pub struct DecoderLayer {
    pub norm1: LayerNorm,
    pub self_attention: MultiHeadAttention,
    pub norm2: LayerNorm,
    pub cross_attention: MultiHeadAttention,
    pub norm3: LayerNorm,
    pub ffn: FeedForward,
}

/// What a decoder layer returns.
#[derive(Clone, Copy, Debug)]
pub struct DecoderLayerOutput {
    /// (B, T, d_model)
    pub x: Var,
    /// (B, heads, T, T)
    pub self_weights: Var,
    /// (B, heads, T, S)
    pub cross_weights: Var,
}

impl DecoderLayer {
    /// Adds `{name}.norm1.*`, `{name}.self_attention.*`, `{name}.norm2.*`,
    /// `{name}.cross_attention.*`, `{name}.norm3.*`, `{name}.ffn.*`.
    pub fn new(
        config: &TransformerConfig,
        name: &str,
        params: &mut ParamStore,
        rng: &mut Rng,
    ) -> Result<DecoderLayer, Error> {
        let norm = LayerNormConfig::new(config.d_model);
        let attn = attention(config);
        Ok(DecoderLayer {
            norm1: norm.init(&format!("{name}.norm1"), params, rng)?,
            self_attention: attn.init(&format!("{name}.self_attention"), params, rng)?,
            norm2: norm.init(&format!("{name}.norm2"), params, rng)?,
            cross_attention: attn.init(&format!("{name}.cross_attention"), params, rng)?,
            norm3: norm.init(&format!("{name}.norm3"), params, rng)?,
            ffn: feed_forward(config).init(&format!("{name}.ffn"), params, rng)?,
        })
    }

    /// # Shapes
    /// - x: (B, T, d_model), memory: (B, S, d_model)
    /// - self_mask: (B, 1, T, T) causal and padding; memory_mask: (B, 1, 1, S)
    /// - → see [`DecoderLayerOutput`]
    #[allow(clippy::too_many_arguments)] // two inputs with a mask each, and the dropout
    pub fn forward(
        &self,
        g: &mut Graph,
        params: &ParamStore,
        x: Var,
        self_mask: Var,
        memory: Var,
        memory_mask: Var,
        dropout: &mut Dropout,
    ) -> DecoderLayerOutput {
        let h = self.norm1.forward(g, params, x);
        let s = self
            .self_attention
            .forward(g, params, h, h, Some(self_mask));
        let branch = dropout.apply(g, s.output);
        let x = g.add(x, branch);
        // Queries from the target, keys and values from the source.
        let h = self.norm2.forward(g, params, x);
        let c = self
            .cross_attention
            .forward(g, params, h, memory, Some(memory_mask));
        let branch = dropout.apply(g, c.output);
        let x = g.add(x, branch);
        let h = self.norm3.forward(g, params, x);
        let f = self.ffn.forward(g, params, h);
        let branch = dropout.apply(g, f);
        DecoderLayerOutput {
            x: g.add(x, branch),
            self_weights: s.weights,
            cross_weights: c.weights,
        }
    }
}
