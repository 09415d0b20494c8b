//! softmax(QKᵀ/√dₖ + M)·V, one intermediate at a time, for the Self-attention chapter.
//!
//! The arithmetic is the core's: the projections are an `nn::MultiHeadAttention` and every step
//! is a `Graph` op, so what the chapter shows is what the Transformer computes. The only
//! difference from `MultiHeadAttention::forward` is that every intermediate is read off the tape.

use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::kernels::Trans;
use crate::nn::{MultiHeadAttention, MultiHeadAttentionConfig, SinusoidalEncoding};
use crate::rng::Rng;
use crate::tensor::{Graph, ParamStore, Var};

/// More tokens than this would make the number tables unreadable on a projector.
pub const MAX_TOKENS: usize = 12;

/// Why a sentence cannot be shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TokenError {
    Empty,
    TooMany { count: usize },
}

/// Splits on whitespace: a word is a token. Real models split into sub-words; for a figure the
/// words a visitor typed are the clearest unit.
pub fn tokenize(text: &str) -> Result<Vec<String>, TokenError> {
    let tokens: Vec<String> = text.split_whitespace().map(str::to_string).collect();
    match tokens.len() {
        0 => Err(TokenError::Empty),
        n if n > MAX_TOKENS => Err(TokenError::TooMany { count: n }),
        _ => Ok(tokens),
    }
}

/// A row-major matrix as the page shows it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Matrix {
    pub rows: usize,
    pub cols: usize,
    pub data: Vec<f32>,
}

impl Matrix {
    pub fn row(&self, r: usize) -> &[f32] {
        &self.data[r * self.cols..(r + 1) * self.cols]
    }

    fn read(g: &Graph, v: Var, rows: usize, cols: usize) -> Result<Matrix, Error> {
        let mut data = Vec::with_capacity(rows * cols);
        g.read_into(v, &mut data)?;
        Ok(Matrix { rows, cols, data })
    }
}

/// What the visitor chose.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WalkthroughConfig {
    /// Query i sees only keys j ≤ i.
    pub causal: bool,
    /// Divide the scores by √dₖ; off shows why the division is there.
    pub scaled: bool,
}

/// A seeded attention layer and seeded word embeddings: what a layer looks like before training.
pub struct SeededAttention {
    pub params: ParamStore,
    pub attention: MultiHeadAttention,
    pub d_model: usize,
    seed: u64,
}

impl SeededAttention {
    /// `heads` heads of width `d_head` each, so d_model = heads · d_head, as in Vaswani et al.
    pub fn new(heads: usize, d_head: usize, seed: u64) -> Result<SeededAttention, Error> {
        let d_model = heads * d_head;
        let mut params = ParamStore::new();
        let mut rng = Rng::seed(seed);
        let attention = MultiHeadAttentionConfig {
            d_model,
            n_heads: heads,
        }
        .init("attention", &mut params, &mut rng)?;
        Ok(SeededAttention {
            params,
            attention,
            d_model,
            seed,
        })
    }

    /// x_i = e(token_i) + PE(i). A word's embedding depends only on the word and the seed, so a
    /// repeated word gets the same e and differs only by its position. Both parts have variance
    /// ½ per entry, so x has about unit variance, as a LayerNorm would give it.
    ///
    /// # Shapes
    /// - → (embedding, x), each (T, d_model)
    pub fn embed(&self, tokens: &[String]) -> Result<(Matrix, Matrix), Error> {
        let d = self.d_model;
        let mut e = Vec::with_capacity(tokens.len() * d);
        for token in tokens {
            let mut rng = Rng::seed(self.seed ^ fnv1a(token));
            e.extend((0..d).map(|_| rng.normal() * std::f32::consts::FRAC_1_SQRT_2));
        }
        let t = tokens.len();
        let positions = SinusoidalEncoding::new(t.max(1), d)?;
        let mut g = Graph::new();
        let half = g.input_from_slice(&[t, d], &vec![0.0; t * d]);
        let pe = positions.forward(&mut g, half); // (T, d): PE alone
        let pe = g.mul_scalar(pe, std::f32::consts::FRAC_1_SQRT_2);
        let mut x = Matrix::read(&g, pe, t, d)?;
        for (xi, ei) in x.data.iter_mut().zip(&e) {
            *xi += ei;
        }
        Ok((
            Matrix {
                rows: t,
                cols: d,
                data: e,
            },
            x,
        ))
    }
}

fn fnv1a(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    })
}

/// One head's intermediates, each (T, ·).
#[derive(Clone, Debug, PartialEq)]
pub struct HeadSteps {
    /// (T, d_head) each.
    pub q: Matrix,
    pub k: Matrix,
    pub v: Matrix,
    /// QKᵀ, (T, T).
    pub scores: Matrix,
    /// QKᵀ/√dₖ, or QKᵀ again when scaling is off.
    pub scaled: Matrix,
    /// The scaled scores plus the mask: −∞ where the mask hides a key.
    pub masked: Matrix,
    /// softmax of each row, (T, T).
    pub weights: Matrix,
    /// weights·V, (T, d_head).
    pub output: Matrix,
}

/// Every intermediate of one self-attention layer on one sentence.
#[derive(Clone, Debug, PartialEq)]
pub struct Walkthrough {
    pub tokens: Vec<String>,
    pub d_head: usize,
    pub heads: Vec<HeadSteps>,
    /// The heads' outputs side by side, (T, d_model).
    pub concat: Matrix,
    /// concat·W_O + b_O, (T, d_model): what the layer hands on.
    pub output: Matrix,
}

impl Walkthrough {
    /// # Shapes
    /// - x: (T, d_model) with d_model = attention's heads · d_head
    pub fn run(
        tokens: &[String],
        x: &Matrix,
        attention: &MultiHeadAttention,
        params: &ParamStore,
        config: &WalkthroughConfig,
    ) -> Result<Walkthrough, Error> {
        let (t, h, dk) = (x.rows, attention.n_heads, attention.d_head);
        let d = h * dk;
        if x.cols != d || tokens.len() != t {
            return Err(Error::ShapeMismatch {
                op: "self_attention_walkthrough",
                lhs: vec![tokens.len(), x.rows, x.cols],
                rhs: vec![t, d],
            });
        }
        let mut g = Graph::new();
        let xv = g.input_from_slice(&[t, d], &x.data);
        let split = |g: &mut Graph, v: Var| {
            let v = g.reshape(v, &[t, h, dk]); // (T, h, dₖ)
            g.permute(v, &[1, 0, 2]) // (h, T, dₖ)
        };
        let q = attention.query.forward(&mut g, params, xv);
        let k = attention.key.forward(&mut g, params, xv);
        let v = attention.value.forward(&mut g, params, xv);
        let (q, k, v) = (split(&mut g, q), split(&mut g, k), split(&mut g, v));
        let scores = g.matmul_t(q, k, Trans::N, Trans::T); // (h, T, T)
        let scale = if config.scaled {
            1.0 / (dk as f32).sqrt()
        } else {
            1.0
        };
        let scaled = g.mul_scalar(scores, scale);
        let mask = config.causal.then(|| g.causal_mask(t)); // (T, T)
        let masked = match mask {
            Some(m) => g.add(scaled, m),
            None => scaled,
        };
        let weights = g.softmax(scaled, mask); // (h, T, T)
        let heads_out = g.matmul(weights, v); // (h, T, dₖ)
        let merged = g.permute(heads_out, &[1, 0, 2]); // (T, h, dₖ)
        let concat = g.reshape(merged, &[t, d]); // (T, d_model)
        let output = attention.output.forward(&mut g, params, concat);
        g.check()?;

        // Each (h, T, c) value, cut into its heads.
        let per_head = |v: Var, cols: usize| -> Result<Vec<Matrix>, Error> {
            let all = Matrix::read(&g, v, h * t, cols)?;
            Ok(all
                .data
                .chunks_exact(t * cols)
                .map(|part| Matrix {
                    rows: t,
                    cols,
                    data: part.to_vec(),
                })
                .collect())
        };
        let parts = [
            (q, dk),
            (k, dk),
            (v, dk),
            (scores, t),
            (scaled, t),
            (masked, t),
            (weights, t),
            (heads_out, dk),
        ]
        .into_iter()
        .map(|(var, cols)| per_head(var, cols))
        .collect::<Result<Vec<_>, Error>>()?;
        let heads = (0..h)
            .map(|i| HeadSteps {
                q: parts[0][i].clone(),
                k: parts[1][i].clone(),
                v: parts[2][i].clone(),
                scores: parts[3][i].clone(),
                scaled: parts[4][i].clone(),
                masked: parts[5][i].clone(),
                weights: parts[6][i].clone(),
                output: parts[7][i].clone(),
            })
            .collect();
        Ok(Walkthrough {
            tokens: tokens.to_vec(),
            d_head: dk,
            heads,
            concat: Matrix::read(&g, concat, t, d)?,
            output: Matrix::read(&g, output, t, d)?,
        })
    }
}

/// The mean over rows of −Σⱼ pⱼ ln pⱼ, in nats: ln T when every row is uniform, 0 when each row
/// puts all its weight on one key.
pub fn mean_entropy(weights: &Matrix) -> f32 {
    if weights.rows == 0 {
        return 0.0;
    }
    let total: f32 = (0..weights.rows)
        .map(|r| {
            -weights
                .row(r)
                .iter()
                .filter(|&&p| p > 0.0)
                .map(|&p| p * p.ln())
                .sum::<f32>()
        })
        .sum();
    total / weights.rows as f32
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<String> {
        tokenize(s).unwrap()
    }

    fn walk(
        tokens: &[String],
        heads: usize,
        d_head: usize,
        causal: bool,
        scaled: bool,
    ) -> Walkthrough {
        let layer = SeededAttention::new(heads, d_head, 7).unwrap();
        let (_, x) = layer.embed(tokens).unwrap();
        let config = WalkthroughConfig { causal, scaled };
        Walkthrough::run(tokens, &x, &layer.attention, &layer.params, &config).unwrap()
    }

    #[test]
    fn tokens_are_words_and_at_most_twelve() {
        assert_eq!(words("  the cat\tsat "), ["the", "cat", "sat"]);
        assert_eq!(tokenize(" \n"), Err(TokenError::Empty));
        let long = "a ".repeat(MAX_TOKENS + 1);
        assert_eq!(tokenize(&long), Err(TokenError::TooMany { count: 13 }));
        assert_eq!(
            tokenize(&"a ".repeat(MAX_TOKENS)).unwrap().len(),
            MAX_TOKENS
        );
    }

    #[test]
    fn a_repeated_word_differs_only_by_its_position() {
        let tokens = words("the cat saw the dog");
        let layer = SeededAttention::new(2, 4, 1).unwrap();
        let (e, x) = layer.embed(&tokens).unwrap();
        assert_eq!(e.row(0), e.row(3));
        assert_ne!(x.row(0), x.row(3));
        assert_ne!(e.row(0), e.row(1));
    }

    #[test]
    fn every_softmax_row_sums_to_one_and_the_causal_mask_zeroes_the_future() {
        let tokens = words("the cat sat on the mat because it was tired");
        for causal in [false, true] {
            let w = walk(&tokens, 2, 4, causal, true);
            for head in &w.heads {
                for r in 0..tokens.len() {
                    let sum: f32 = head.weights.row(r).iter().sum();
                    assert!((sum - 1.0).abs() < 1e-5, "row {r} sums to {sum}");
                    for c in r + 1..tokens.len() {
                        let p = head.weights.row(r)[c];
                        let m = head.masked.row(r)[c];
                        if causal {
                            assert_eq!(p, 0.0);
                            assert_eq!(m, f32::NEG_INFINITY);
                        } else {
                            assert!(p > 0.0);
                            assert!(m.is_finite());
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn scaling_divides_the_scores_by_root_dk() {
        let tokens = words("one two three");
        let w = walk(&tokens, 1, 16, false, true);
        let h = &w.heads[0];
        for (s, c) in h.scores.data.iter().zip(&h.scaled.data) {
            assert!((s / 4.0 - c).abs() < 1e-5);
        }
        let raw = walk(&tokens, 1, 16, false, false);
        assert_eq!(raw.heads[0].scaled, raw.heads[0].scores);
    }

    #[test]
    fn without_the_division_wide_keys_saturate_the_softmax() {
        let tokens = words("the quick brown fox jumps over the lazy dog");
        let scaled = walk(&tokens, 1, 64, false, true);
        let raw = walk(&tokens, 1, 64, false, false);
        let (hs, hr) = (
            mean_entropy(&scaled.heads[0].weights),
            mean_entropy(&raw.heads[0].weights),
        );
        eprintln!("mean row entropy at dk = 64: scaled {hs:.3}, unscaled {hr:.3} nats");
        // ln 9 = 2.20 would be uniform.
        assert!(hs > 1.2, "scaled entropy {hs}");
        assert!(hr < 0.7 * hs, "unscaled {hr} against scaled {hs}");
    }

    #[test]
    fn the_steps_compose_to_what_the_transformer_layer_computes() {
        let tokens = words("ab cd ef gh ij");
        let layer = SeededAttention::new(4, 2, 3).unwrap();
        let (_, x) = layer.embed(&tokens).unwrap();
        let config = WalkthroughConfig {
            causal: true,
            scaled: true,
        };
        let w = Walkthrough::run(&tokens, &x, &layer.attention, &layer.params, &config).unwrap();

        let mut g = Graph::new();
        let xv = g.input_from_slice(&[1, 5, 8], &x.data);
        let mask = g.causal_mask(5);
        let out = layer
            .attention
            .forward(&mut g, &layer.params, xv, xv, Some(mask));
        let (mut o, mut a) = (Vec::new(), Vec::new());
        g.read_into(out.output, &mut o).unwrap();
        g.read_into(out.weights, &mut a).unwrap();
        for (p, q) in w.output.data.iter().zip(&o) {
            assert!((p - q).abs() < 1e-5);
        }
        let ours: Vec<f32> = w
            .heads
            .iter()
            .flat_map(|h| h.weights.data.clone())
            .collect();
        assert_eq!(ours.len(), a.len());
        for (p, q) in ours.iter().zip(&a) {
            assert!((p - q).abs() < 1e-6);
        }
        // Concatenation puts head h's output in columns h·dₖ..(h+1)·dₖ.
        assert_eq!(&w.concat.row(2)[4..6], w.heads[2].output.row(2));
    }

    #[test]
    fn entropy_is_ln_t_for_uniform_rows_and_zero_for_one_hot() {
        let uniform = Matrix {
            rows: 2,
            cols: 4,
            data: vec![0.25; 8],
        };
        assert!((mean_entropy(&uniform) - 4f32.ln()).abs() < 1e-6);
        let one_hot = Matrix {
            rows: 1,
            cols: 3,
            data: vec![0.0, 1.0, 0.0],
        };
        assert_eq!(mean_entropy(&one_hot), 0.0);
    }

    #[test]
    fn a_mismatched_width_is_an_error_not_a_panic() {
        let layer = SeededAttention::new(2, 4, 1).unwrap();
        let x = Matrix {
            rows: 1,
            cols: 3,
            data: vec![0.0; 3],
        };
        let config = WalkthroughConfig {
            causal: false,
            scaled: true,
        };
        let err = Walkthrough::run(&words("a"), &x, &layer.attention, &layer.params, &config);
        assert!(err.is_err());
    }
}
