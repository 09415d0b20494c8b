//! An encoder-decoder Transformer (Vaswani et al. 2017, "Attention Is All You Need", §3) in the
//! pre-LayerNorm form, assembled from the nn layers: one token embedding shared by source and
//! target, added positions, a stack of encoder layers, a stack of decoder layers, a final norm
//! on each stack, and a projection to the vocabulary. Every attention call hands back its
//! weights, so the lab can draw each layer's and head's heatmap.

use crate::error::Error;
use crate::nn::{
    Embedding, EmbeddingConfig, Init, LayerNorm, LayerNormConfig, LearnedPositional,
    LearnedPositionalConfig, Linear, LinearConfig, MultiHeadAttention, SinusoidalEncoding,
};
use crate::rng::Rng;
use crate::tasks::Batch;
use crate::tensor::{Graph, ParamStore, Var};

use super::transformer_layers::{DecoderLayer, Dropout, EncoderLayer};
use super::{Positions, TransformerConfig};

#[derive(Clone, Debug)]
pub enum PositionTable {
    Sinusoidal(SinusoidalEncoding),
    Learned(LearnedPositional),
}

#[derive(Clone, Debug)]
pub struct Transformer {
    pub config: TransformerConfig,
    /// Token ids in use, special tokens included.
    pub vocab: usize,
    pub embedding: Embedding,
    pub positions: PositionTable,
    pub encoder: Vec<EncoderLayer>,
    pub decoder: Vec<DecoderLayer>,
    pub encoder_norm: LayerNorm,
    pub decoder_norm: LayerNorm,
    pub output: Linear,
}

/// The encoded source.
#[derive(Clone, Debug)]
pub struct Encoded {
    /// (B, S, d_model), after the final encoder norm: what cross-attention reads.
    pub memory: Var,
    /// One (B, heads, S, S) per encoder layer.
    pub attention: Vec<Var>,
}

#[derive(Clone, Debug)]
pub struct Decoded {
    /// (B, T, vocab)
    pub logits: Var,
    /// One (B, heads, T, T) per decoder layer.
    pub self_attention: Vec<Var>,
    /// One (B, heads, T, S) per decoder layer.
    pub cross_attention: Vec<Var>,
}

/// A whole teacher-forced pass.
#[derive(Clone, Debug)]
pub struct TransformerOutput {
    pub encoded: Encoded,
    pub decoded: Decoded,
}

impl Transformer {
    /// Adds `embedding.weight`, `positions.weight` (learned positions only),
    /// `encoder.{i}.*`, `decoder.{i}.*`, `encoder.norm.*`, `decoder.norm.*` and `output.*`.
    pub fn new(
        config: &TransformerConfig,
        vocab: usize,
        params: &mut ParamStore,
        rng: &mut Rng,
    ) -> Result<Transformer, Error> {
        config.validate()?;
        let d = config.d_model;
        let embedding = EmbeddingConfig { vocab, d_model: d }.init("embedding", params, rng)?;
        let positions = match config.positions {
            Positions::Sinusoidal => {
                PositionTable::Sinusoidal(SinusoidalEncoding::new(config.max_len, d)?)
            }
            Positions::Learned => PositionTable::Learned(
                LearnedPositionalConfig {
                    max_len: config.max_len,
                    d_model: d,
                }
                .init("positions", params, rng)?,
            ),
        };
        let encoder = (0..config.enc_layers)
            .map(|i| EncoderLayer::new(config, &format!("encoder.{i}"), params, rng))
            .collect::<Result<_, _>>()?;
        let decoder = (0..config.dec_layers)
            .map(|i| DecoderLayer::new(config, &format!("decoder.{i}"), params, rng))
            .collect::<Result<_, _>>()?;
        let norm = LayerNormConfig::new(d);
        // Xavier keeps the first logits small, so training starts near the uniform guess
        // (loss ≈ ln vocab) rather than confidently wrong.
        let output = LinearConfig {
            init: Init::XavierUniform,
            ..LinearConfig::new(d, vocab)
        };
        Ok(Transformer {
            config: config.clone(),
            vocab,
            embedding,
            positions,
            encoder,
            decoder,
            encoder_norm: norm.init("encoder.norm", params, rng)?,
            decoder_norm: norm.init("decoder.norm", params, rng)?,
            output: output.init("output", params, rng)?,
        })
    }

    /// Token embeddings plus positions, with dropout.
    ///
    /// # Shapes
    /// - ids: (B, L) row-major with B = `batch` → (B, L, d_model)
    fn embed(
        &self,
        g: &mut Graph,
        params: &ParamStore,
        ids: &[usize],
        batch: usize,
        dropout: &mut Dropout,
    ) -> Var {
        if batch == 0 || !ids.len().is_multiple_of(batch) {
            return g.fail(Error::ShapeMismatch {
                op: "Transformer::embed",
                lhs: vec![ids.len()],
                rhs: vec![batch],
            });
        }
        let x = self
            .embedding
            .forward(g, params, ids, &[batch, ids.len() / batch]); // (B, L, d_model)
        let x = match &self.positions {
            PositionTable::Sinusoidal(p) => p.forward(g, x),
            PositionTable::Learned(p) => p.forward(g, params, x),
        };
        dropout.apply(g, x)
    }

    /// What the first encoder layer's self-attention reads for one source, LN₁(embedding +
    /// position), and that attention layer: the Self-attention chapter steps through it.
    ///
    /// # Shapes
    /// - src: (S) → (1, S, d_model); `None` if the model has no encoder layer
    pub fn first_attention_input(
        &self,
        g: &mut Graph,
        params: &ParamStore,
        src: &[usize],
    ) -> Option<(Var, &MultiHeadAttention)> {
        let layer = self.encoder.first()?;
        let x = self.embed(g, params, src, 1, &mut Dropout::off()); // (1, S, d_model)
        Some((layer.norm1.forward(g, params, x), &layer.attention))
    }

    /// The encoder stack over a padded batch of sources.
    ///
    /// # Shapes
    /// - src: (B, S) row-major, src_lens: (B) → memory (B, S, d_model)
    pub fn encode(
        &self,
        g: &mut Graph,
        params: &ParamStore,
        src: &[usize],
        src_lens: &[usize],
        dropout: &mut Dropout,
    ) -> Encoded {
        let b = src_lens.len();
        let mut x = self.embed(g, params, src, b, dropout); // (B, S, d_model)
        let s = src.len() / b.max(1);
        let mask = g.padding_mask(src_lens, s); // (B, 1, 1, S)
        let mut attention = Vec::with_capacity(self.encoder.len());
        for layer in &self.encoder {
            let (y, weights) = layer.forward(g, params, x, mask, dropout);
            x = y;
            attention.push(weights);
        }
        Encoded {
            memory: self.encoder_norm.forward(g, params, x),
            attention,
        }
    }

    /// The decoder stack over a padded batch of decoder inputs (BOS + target so far), reading
    /// the encoded source.
    ///
    /// # Shapes
    /// - memory: (B, S, d_model), src_lens: (B)
    /// - tgt_in: (B, T) row-major, tgt_lens: (B) → logits (B, T, vocab)
    #[allow(clippy::too_many_arguments)] // source and target, each as ids or memory and lengths
    pub fn decode(
        &self,
        g: &mut Graph,
        params: &ParamStore,
        memory: Var,
        src_lens: &[usize],
        tgt_in: &[usize],
        tgt_lens: &[usize],
        dropout: &mut Dropout,
    ) -> Decoded {
        let b = tgt_lens.len();
        let mut x = self.embed(g, params, tgt_in, b, dropout); // (B, T, d_model)
        let t = tgt_in.len() / b.max(1);
        let s = g.shape(memory).get(1).copied().unwrap_or(0);
        let memory_mask = g.padding_mask(src_lens, s); // (B, 1, 1, S)
                                                       // Position i may read positions ≤ i (causal) that hold tokens (padding).
        let causal = g.causal_mask(t); // (T, T)
        let padding = g.padding_mask(tgt_lens, t); // (B, 1, 1, T)
        let self_mask = g.add(causal, padding); // (B, 1, T, T)
        let mut self_attention = Vec::with_capacity(self.decoder.len());
        let mut cross_attention = Vec::with_capacity(self.decoder.len());
        for layer in &self.decoder {
            let out = layer.forward(g, params, x, self_mask, memory, memory_mask, dropout);
            x = out.x;
            self_attention.push(out.self_weights);
            cross_attention.push(out.cross_weights);
        }
        let h = self.decoder_norm.forward(g, params, x);
        Decoded {
            logits: self.output.forward(g, params, h), // (B, T, vocab)
            self_attention,
            cross_attention,
        }
    }

    /// A teacher-forced pass over a batch: the decoder reads BOS + target.
    ///
    /// # Shapes
    /// - batch: B examples, sources padded to S, targets to T → logits (B, T, vocab)
    pub fn forward(
        &self,
        g: &mut Graph,
        params: &ParamStore,
        batch: &Batch,
        dropout: &mut Dropout,
    ) -> TransformerOutput {
        let encoded = self.encode(g, params, &batch.src, &batch.src_lens, dropout);
        let decoded = self.decode(
            g,
            params,
            encoded.memory,
            &batch.src_lens,
            &batch.dec_in,
            &batch.tgt_lens,
            dropout,
        );
        TransformerOutput { encoded, decoded }
    }
}
