//! Position information for attention, which is otherwise blind to order: the fixed sinusoids of
//! Vaswani et al. 2017 ("Attention Is All You Need", §3.5) or a learned table (as GPT-2).

use serde::{Deserialize, Serialize};

use super::{check_size, Init, MAX_WIDTH};
use crate::error::Error;
use crate::rng::Rng;
use crate::tensor::{Graph, ParamId, ParamStore, Var};

/// The sequence length T of x: (…, T, D), recorded as an error if x is too short or T too long.
fn seq_len(g: &mut Graph, x: Var, max_len: usize, d_model: usize) -> Option<usize> {
    let shape = g.shape(x);
    let ok = shape.len() >= 2 && shape[shape.len() - 1] == d_model;
    let t = shape.len().checked_sub(2).map_or(0, |i| shape[i]);
    if !ok {
        let e = Error::ShapeMismatch {
            op: "positional",
            lhs: shape.to_vec(),
            rhs: vec![max_len, d_model],
        };
        g.fail(e);
        return None;
    }
    if t > max_len {
        g.fail(Error::IndexOutOfRange {
            op: "positional",
            index: t,
            len: max_len,
        });
        return None;
    }
    Some(t)
}

/// PE(pos, 2i) = sin(pos / 10000^(2i/D)), PE(pos, 2i + 1) = cos(pos / 10000^(2i/D)).
#[derive(Clone, Debug)]
pub struct SinusoidalEncoding {
    pub max_len: usize,
    pub d_model: usize,
    table: Vec<f32>,
}

impl SinusoidalEncoding {
    pub fn new(max_len: usize, d_model: usize) -> Result<SinusoidalEncoding, Error> {
        check_size("max_len", max_len, MAX_WIDTH)?;
        check_size("d_model", d_model, MAX_WIDTH)?;
        let mut table = vec![0.0; max_len * d_model];
        for (pos, row) in table.chunks_exact_mut(d_model).enumerate() {
            for (j, x) in row.iter_mut().enumerate() {
                let angle = pos as f64 / 10_000f64.powf((j - j % 2) as f64 / d_model as f64);
                *x = if j % 2 == 0 { angle.sin() } else { angle.cos() } as f32;
            }
        }
        Ok(SinusoidalEncoding {
            max_len,
            d_model,
            table,
        })
    }

    /// x + PE[..T].
    ///
    /// # Shapes
    /// - x: (…, T, d_model) with T ≤ max_len → same
    pub fn forward(&self, g: &mut Graph, x: Var) -> Var {
        let Some(t) = seq_len(g, x, self.max_len, self.d_model) else {
            return g.invalid();
        };
        let pe = g.input_from_slice(&[t, self.d_model], &self.table[..t * self.d_model]);
        g.add(x, pe)
    }
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct LearnedPositionalConfig {
    pub max_len: usize,
    pub d_model: usize,
}

impl LearnedPositionalConfig {
    /// Adds `{name}.weight`, (max_len, d_model), initialised N(0, 0.02²) as GPT-2.
    pub fn init(
        &self,
        name: &str,
        params: &mut ParamStore,
        rng: &mut Rng,
    ) -> Result<LearnedPositional, Error> {
        check_size("max_len", self.max_len, MAX_WIDTH)?;
        check_size("d_model", self.d_model, MAX_WIDTH)?;
        let shape = [self.max_len, self.d_model];
        let table = Init::Normal { std: 0.02 }.array(&shape, 1, 1, rng)?;
        Ok(LearnedPositional {
            weight: params.add(format!("{name}.weight"), table),
            max_len: self.max_len,
            d_model: self.d_model,
        })
    }
}

#[derive(Clone, Debug)]
pub struct LearnedPositional {
    pub weight: ParamId,
    pub max_len: usize,
    pub d_model: usize,
}

impl LearnedPositional {
    /// x + P[..T].
    ///
    /// # Shapes
    /// - x: (…, T, d_model) with T ≤ max_len → same
    pub fn forward(&self, g: &mut Graph, params: &ParamStore, x: Var) -> Var {
        let Some(t) = seq_len(g, x, self.max_len, self.d_model) else {
            return g.invalid();
        };
        let table = g.param(params, self.weight);
        let rows = g.slice(table, 0, 0, t); // (T, d_model)
        g.add(x, rows)
    }
}
