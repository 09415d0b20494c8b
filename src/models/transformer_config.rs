//! The settings of an encoder-decoder Transformer (Vaswani et al. 2017, "Attention Is All You
//! Need", Table 3's names: layers N, d_model, d_ff, heads h, dropout), the ranges the lab
//! accepts, and what a setting costs: its parameter count and its FLOPs per token.

use serde::{Deserialize, Serialize};

use crate::error::{check_range, Error};

/// How positions enter the model, which attention alone cannot see.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Positions {
    /// The fixed sinusoids of Vaswani et al. §3.5.
    Sinusoidal,
    /// A learned table, as GPT-2.
    Learned,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TransformerConfig {
    pub enc_layers: usize,
    pub dec_layers: usize,
    /// Must divide d_model.
    pub heads: usize,
    pub d_model: usize,
    /// The feed-forward blocks' hidden width.
    pub d_ff: usize,
    /// Drop probability after the embeddings and on every residual branch, during training.
    pub dropout: f32,
    pub positions: Positions,
    /// The longest source, and the longest target with BOS, the model accepts.
    pub max_len: usize,
}

/// The ranges the lab accepts. d_model goes down to 16 because the scale experiment (issue 7)
/// starts there; the Transformer chapter's own control starts at 32.
pub const LAYERS: (usize, usize) = (1, 4);
pub const HEADS: (usize, usize) = (1, 8);
pub const D_MODEL: (usize, usize) = (16, 256);
pub const D_FF: (usize, usize) = (16, 1024);
pub const DROPOUT: (f32, f32) = (0.0, 0.5);
pub const MAX_LEN: (usize, usize) = (4, 256);

/// Forward FLOPs (a multiply-add counts two) per token at given sequence lengths.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct FlopsPerToken {
    /// Per source token: the encoder, plus every decoder layer's cross-attention keys and values.
    pub encoder: f64,
    /// Per target token: the decoder and the output projection.
    pub decoder: f64,
}

impl TransformerConfig {
    /// The date-normalisation preset: 2 + 2 layers of width 64, 4 heads.
    pub fn dates() -> TransformerConfig {
        TransformerConfig {
            enc_layers: 2,
            dec_layers: 2,
            heads: 4,
            d_model: 64,
            d_ff: 128,
            dropout: 0.0,
            positions: Positions::Sinusoidal,
            max_len: 32,
        }
    }

    pub fn validate(&self) -> Result<(), Error> {
        check_range("enc_layers", self.enc_layers, LAYERS.0, LAYERS.1)?;
        check_range("dec_layers", self.dec_layers, LAYERS.0, LAYERS.1)?;
        check_range("heads", self.heads, HEADS.0, HEADS.1)?;
        check_range("d_model", self.d_model, D_MODEL.0, D_MODEL.1)?;
        check_range("d_ff", self.d_ff, D_FF.0, D_FF.1)?;
        check_range("dropout", self.dropout, DROPOUT.0, DROPOUT.1)?;
        check_range("max_len", self.max_len, MAX_LEN.0, MAX_LEN.1)?;
        if !self.d_model.is_multiple_of(self.heads) {
            return Err(Error::InvalidConfig {
                field: "heads",
                detail: format!(
                    "{} heads do not divide d_model = {}",
                    self.heads, self.d_model
                ),
            });
        }
        Ok(())
    }

    /// The number of trainable scalars for a vocabulary of `vocab` ids, as the built model's
    /// `ParamStore::num_scalars` counts them.
    pub fn param_count(&self, vocab: usize) -> usize {
        let (d, f) = (self.d_model, self.d_ff);
        let norm = 2 * d;
        let attention = 4 * (d * d + d);
        let ffn = d * f + f + f * d + d;
        let encoder = 2 * norm + attention + ffn;
        let decoder = 3 * norm + 2 * attention + ffn;
        let positions = match self.positions {
            Positions::Sinusoidal => 0,
            Positions::Learned => self.max_len * d,
        };
        vocab * d // shared token embedding
            + positions
            + self.enc_layers * encoder
            + self.dec_layers * decoder
            + 2 * norm // final encoder and decoder norms
            + d * vocab + vocab // output projection
    }

    /// Forward FLOPs per token with sources of `src_len` and targets of `tgt_len` tokens.
    /// Counted: every matrix product, attention scores and weighted sums included (over all
    /// key positions, as computed, masked or not). Not counted: norms, softmax, additions,
    /// which are a few per element rather than per multiply.
    pub fn flops_per_token(&self, vocab: usize, src_len: usize, tgt_len: usize) -> FlopsPerToken {
        let (d, f) = (self.d_model as f64, self.d_ff as f64);
        let (s, t, v) = (src_len as f64, tgt_len as f64, vocab as f64);
        let (enc, dec) = (self.enc_layers as f64, self.dec_layers as f64);
        let projections = 2.0 * 4.0 * d * d; // q, k, v, output
        let ffn = 2.0 * 2.0 * d * f;
        // q·kᵀ and weights·v: 2·2·d per key.
        let mixing = |keys: f64| 2.0 * 2.0 * keys * d;
        FlopsPerToken {
            encoder: enc * (projections + mixing(s) + ffn) + dec * 2.0 * 2.0 * d * d,
            decoder: dec * (projections + mixing(t) + 2.0 * 2.0 * d * d + mixing(s) + ffn)
                + 2.0 * d * v,
        }
    }

    /// FLOPs of one training step on `examples` padded to `src_len` and `tgt_len`: the
    /// backward pass costs about twice the forward (Kaplan et al. 2020, "Scaling Laws for
    /// Neural Language Models", §2.1), so three forwards.
    pub fn training_flops(
        &self,
        vocab: usize,
        examples: usize,
        src_len: usize,
        tgt_len: usize,
    ) -> f64 {
        let per = self.flops_per_token(vocab, src_len, tgt_len);
        3.0 * examples as f64 * (per.encoder * src_len as f64 + per.decoder * tgt_len as f64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn should_refuse_settings_outside_the_lab_ranges() {
        assert!(TransformerConfig::dates().validate().is_ok());
        let bad = [
            TransformerConfig {
                enc_layers: 5,
                ..TransformerConfig::dates()
            },
            TransformerConfig {
                heads: 3,
                ..TransformerConfig::dates()
            },
            TransformerConfig {
                d_model: 512,
                ..TransformerConfig::dates()
            },
            TransformerConfig {
                dropout: f32::NAN,
                ..TransformerConfig::dates()
            },
        ];
        for c in bad {
            assert!(c.validate().is_err(), "{c:?}");
        }
        let e = TransformerConfig {
            heads: 3,
            ..TransformerConfig::dates()
        }
        .validate()
        .unwrap_err();
        assert!(matches!(e, Error::InvalidConfig { field: "heads", .. }));
    }

    #[test]
    fn should_count_flops_of_a_one_layer_model_by_hand() {
        let c = TransformerConfig {
            enc_layers: 1,
            dec_layers: 1,
            heads: 1,
            d_model: 2,
            d_ff: 4,
            ..TransformerConfig::dates()
        };
        // d = 2, f = 4, S = 3, T = 5, V = 7.
        // encoder: 8d² + 4Sd + 4df = 32 + 24 + 32 = 88, plus cross k, v: 4d² = 16 → 104.
        // decoder: 8d² + 4Td + 4d² + 4Sd + 4df + 2dV = 32 + 40 + 16 + 24 + 32 + 28 = 172.
        let f = c.flops_per_token(7, 3, 5);
        assert_eq!((f.encoder, f.decoder), (104.0, 172.0));
        assert_eq!(
            c.training_flops(7, 2, 3, 5),
            3.0 * 2.0 * (104.0 * 3.0 + 172.0 * 5.0)
        );
    }
}
