//! A lookup table of learned vectors, one row per token id (`torch.nn.Embedding`, initialised
//! N(0, 1) like it).

use serde::{Deserialize, Serialize};

use super::{check_size, Init, MAX_WIDTH};
use crate::error::Error;
use crate::rng::Rng;
use crate::tensor::{Graph, ParamId, ParamStore, Var};

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct EmbeddingConfig {
    pub vocab: usize,
    pub d_model: usize,
}

impl EmbeddingConfig {
    /// Adds `{name}.weight`, (vocab, d_model).
    pub fn init(
        &self,
        name: &str,
        params: &mut ParamStore,
        rng: &mut Rng,
    ) -> Result<Embedding, Error> {
        check_size("vocab", self.vocab, MAX_WIDTH)?;
        check_size("d_model", self.d_model, MAX_WIDTH)?;
        let table = Init::Normal { std: 1.0 }.array(&[self.vocab, self.d_model], 1, 1, rng)?;
        Ok(Embedding {
            weight: params.add(format!("{name}.weight"), table),
        })
    }
}

#[derive(Clone, Debug)]
pub struct Embedding {
    pub weight: ParamId,
}

impl Embedding {
    /// # Shapes
    /// - ids: `batch_shape` (row-major), e.g. (B, T) → (B, T, d_model)
    pub fn forward(
        &self,
        g: &mut Graph,
        params: &ParamStore,
        ids: &[usize],
        batch_shape: &[usize],
    ) -> Var {
        let table = g.param(params, self.weight);
        g.gather_rows(table, ids, batch_shape)
    }
}
