//! An attention layer's weights as plain numbers, so a trained one can leave the worker and be
//! stepped through on the page by the same `Walkthrough`.

use serde::{Deserialize, Serialize};

use super::Matrix;
use crate::error::Error;
use crate::nn::{Linear, MultiHeadAttention, MultiHeadAttentionConfig};
use crate::rng::Rng;
use crate::tensor::ParamStore;

/// One projection: weight (d_in, d_out) row-major, and its bias (d_out) if it has one.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Projection {
    pub weight: Vec<f32>,
    pub bias: Option<Vec<f32>>,
}

impl Projection {
    fn read(linear: &Linear, params: &ParamStore) -> Projection {
        Projection {
            weight: params.value(linear.weight).iter().copied().collect(),
            bias: linear
                .bias
                .map(|b| params.value(b).iter().copied().collect()),
        }
    }

    fn write(&self, linear: &Linear, params: &mut ParamStore) -> Result<(), Error> {
        params.set(linear.weight, &self.weight)?;
        match (linear.bias, &self.bias) {
            (Some(id), Some(b)) => params.set(id, b),
            (Some(id), None) => params.set(id, &vec![0.0; linear.d_output]),
            (None, _) => Ok(()),
        }
    }
}

/// W_Q, W_K, W_V and W_O of one multi-head attention layer.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct AttentionWeights {
    pub d_model: usize,
    pub heads: usize,
    pub query: Projection,
    pub key: Projection,
    pub value: Projection,
    pub output: Projection,
}

impl AttentionWeights {
    pub fn read(attention: &MultiHeadAttention, params: &ParamStore) -> AttentionWeights {
        AttentionWeights {
            d_model: attention.n_heads * attention.d_head,
            heads: attention.n_heads,
            query: Projection::read(&attention.query, params),
            key: Projection::read(&attention.key, params),
            value: Projection::read(&attention.value, params),
            output: Projection::read(&attention.output, params),
        }
    }

    /// The layer again, in a store of its own. Sizes are checked: the numbers may come from
    /// another thread.
    pub fn layer(&self) -> Result<(ParamStore, MultiHeadAttention), Error> {
        let mut params = ParamStore::new();
        let attention = MultiHeadAttentionConfig {
            d_model: self.d_model,
            n_heads: self.heads,
        }
        .init("attention", &mut params, &mut Rng::seed(0))?;
        self.query.write(&attention.query, &mut params)?;
        self.key.write(&attention.key, &mut params)?;
        self.value.write(&attention.value, &mut params)?;
        self.output.write(&attention.output, &mut params)?;
        Ok((params, attention))
    }
}

/// A trained model's first self-attention on one input, as the worker sends it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TrainedAttention {
    /// The training step the weights are from.
    pub step: u64,
    /// One token per character of the input.
    pub tokens: Vec<String>,
    /// What the layer reads, (T, d_model).
    pub x: Matrix,
    pub weights: AttentionWeights,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::explain::{tokenize, SeededAttention, Walkthrough, WalkthroughConfig};

    #[test]
    fn weights_read_out_and_rebuilt_compute_the_same_layer() {
        let seeded = SeededAttention::new(2, 4, 9).unwrap();
        let tokens = tokenize("a b c d").unwrap();
        let (_, x) = seeded.embed(&tokens).unwrap();
        let config = WalkthroughConfig {
            causal: true,
            scaled: true,
        };
        let original =
            Walkthrough::run(&tokens, &x, &seeded.attention, &seeded.params, &config).unwrap();
        let weights = AttentionWeights::read(&seeded.attention, &seeded.params);
        assert_eq!(weights.query.weight.len(), 64);
        let (params, attention) = weights.layer().unwrap();
        let rebuilt = Walkthrough::run(&tokens, &x, &attention, &params, &config).unwrap();
        assert_eq!(rebuilt, original);
    }

    #[test]
    fn weights_of_the_wrong_size_are_refused() {
        let seeded = SeededAttention::new(2, 4, 9).unwrap();
        let mut weights = AttentionWeights::read(&seeded.attention, &seeded.params);
        weights.key.weight.pop();
        assert!(weights.layer().is_err());
    }
}
