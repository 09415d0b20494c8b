//! The attention weights of one example, copied off the tape for display: for each kind
//! (encoder self, decoder masked self, cross), every layer's and head's map, cropped to the
//! example's own tokens and labelled with them, as the heatmaps of Vaswani et al. 2017 (Figs.
//! 3–5) and of Bahdanau, Cho & Bengio 2015 (Fig. 3) show it.

use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::tensor::{Graph, Var};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AttentionKind {
    /// Source positions attending to source positions.
    EncoderSelf,
    /// Target positions attending to earlier target positions.
    DecoderSelf,
    /// Target positions attending to source positions.
    Cross,
}

/// Every layer's and head's map of one kind for one example.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct AttentionStack {
    pub layers: usize,
    pub heads: usize,
    pub queries: usize,
    pub keys: usize,
    /// (layers, heads, queries, keys), row-major; each row sums to one.
    pub weights: Vec<f32>,
}

impl AttentionStack {
    /// The (queries, keys) map of one layer and head, row-major.
    pub fn map(&self, layer: usize, head: usize) -> Option<&[f32]> {
        if layer >= self.layers || head >= self.heads {
            return None;
        }
        let size = self.queries * self.keys;
        let at = (layer * self.heads + head) * size;
        self.weights.get(at..at + size)
    }

    /// Example `example`'s maps from per-layer weights (B, heads, Tq, Tk), keeping the first
    /// `queries` rows and `keys` columns (the rest are padding).
    pub fn read(
        g: &Graph,
        layers: &[Var],
        example: usize,
        queries: usize,
        keys: usize,
    ) -> Result<AttentionStack, Error> {
        let mut stack = AttentionStack {
            layers: layers.len(),
            queries,
            keys,
            ..AttentionStack::default()
        };
        for &v in layers {
            let value = g.value(v)?;
            let &[b, heads, tq, tk] = value.shape() else {
                return Err(Error::ShapeMismatch {
                    op: "AttentionStack::read",
                    lhs: value.shape().to_vec(),
                    rhs: vec![example, queries, keys],
                });
            };
            if example >= b || queries > tq || keys > tk {
                return Err(Error::ShapeMismatch {
                    op: "AttentionStack::read",
                    lhs: value.shape().to_vec(),
                    rhs: vec![example, queries, keys],
                });
            }
            stack.heads = heads;
            // (heads, Tq, Tk) of example b, cropped row by row.
            let per_example = heads * tq * tk;
            if per_example == 0 {
                continue; // nothing to crop, and `chunks_exact` refuses a length of zero
            }
            let mine = &value[example * per_example..][..per_example];
            for head in mine.chunks_exact(tq * tk) {
                for row in head.chunks_exact(tk).take(queries) {
                    stack.weights.extend(&row[..keys]);
                }
            }
        }
        Ok(stack)
    }
}

/// All three kinds for one example, with the tokens that label the axes.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct AttentionMaps {
    /// The source characters: keys of encoder self- and cross-attention, queries of the first.
    pub source: Vec<String>,
    /// The decoder's input tokens (BOS, then the target): the queries of decoder self- and
    /// cross-attention, and the keys of the first.
    pub decoder_input: Vec<String>,
    /// What each decoder position predicts (the target, then EOS), an alternative row label.
    pub decoder_output: Vec<String>,
    /// (enc_layers, heads, S, S)
    pub encoder_self: AttentionStack,
    /// (dec_layers, heads, T, T)
    pub decoder_self: AttentionStack,
    /// (dec_layers, heads, T, S)
    pub cross: AttentionStack,
}

impl AttentionMaps {
    pub fn stack(&self, kind: AttentionKind) -> &AttentionStack {
        match kind {
            AttentionKind::EncoderSelf => &self.encoder_self,
            AttentionKind::DecoderSelf => &self.decoder_self,
            AttentionKind::Cross => &self.cross,
        }
    }
}
