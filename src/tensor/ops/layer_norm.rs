//! Layer normalisation over the last axis (Ba, Kiros & Hinton 2016, "Layer Normalization"), as
//! `torch.nn.LayerNorm`: biased variance, ε inside the square root.

use crate::error::Error;
use crate::tensor::backward::Backward;
use crate::tensor::graph::{read, Graph, Op, Var};

impl Graph {
    /// y = (x − μ)/√(σ² + ε) · γ + β, with μ, σ² the mean and biased variance of each row.
    ///
    /// # Shapes
    /// - x: (…, D), gamma: (D), beta: (D) → (…, D)
    pub fn layer_norm(&mut self, x: Var, gamma: Var, beta: Var, eps: f32) -> Var {
        let (Some(dx), Some(dg), Some(db)) = (
            self.dims("layer_norm", x),
            self.dims("layer_norm", gamma),
            self.dims("layer_norm", beta),
        ) else {
            return self.invalid();
        };
        let d = dx.last();
        if dx.is_empty() || d == 0 || dg.as_slice() != [d] || db != dg {
            return self.fail(Error::ShapeMismatch {
                op: "layer_norm",
                lhs: dx.to_vec(),
                rhs: dg.to_vec(),
            });
        }
        let needs_grad = [x, gamma, beta].iter().any(|&v| self.needs_grad(v));
        let out = self.push(Op::LayerNorm { x, gamma, beta }, dx, needs_grad);
        let (nodes, node) = self.split(out);
        let (xv, gv, bv) = (read(nodes, x), read(nodes, gamma), read(nodes, beta));
        let (g, b) = (gv.data(), bv.data());
        // Per row: μ and 1/√(σ² + ε), which the backward pass reuses.
        node.aux.clear();
        for (row, y) in xv
            .data()
            .chunks_exact(d)
            .zip(node.value.data_mut().chunks_exact_mut(d))
        {
            let mean = row.iter().sum::<f32>() / d as f32;
            let var = row.iter().map(|&v| (v - mean) * (v - mean)).sum::<f32>() / d as f32;
            let rstd = 1.0 / (var + eps).sqrt();
            for (((y, &v), &g), &b) in y.iter_mut().zip(row).zip(g).zip(b) {
                *y = (v - mean) * rstd * g + b;
            }
            node.aux.extend([mean, rstd]);
        }
        out
    }
}

/// With x̂ = (x − μ)·r, r = 1/√(σ² + ε) and g = dy ⊙ γ:
/// dγ = Σ_rows dy ⊙ x̂, dβ = Σ_rows dy, dx = r·(g − mean(g) − x̂ ⊙ mean(g ⊙ x̂)).
pub(crate) fn backward(bw: &mut Backward, x: Var, gamma: Var, beta: Var) {
    let d = bw.node.dims.last();
    let (xv, gv, dy, stats) = (bw.value(x), bw.value(gamma), bw.dy, &bw.node.aux);
    let (xv, gamma_v) = (xv.data(), gv.data());
    let rows = || {
        xv.chunks_exact(d)
            .zip(dy.chunks_exact(d))
            .zip(stats.chunks_exact(2))
            .map(|((x, dy), s)| (x, dy, s[0], s[1]))
    };
    if let Some(gg) = bw.grad(gamma) {
        for (x, dy, mean, rstd) in rows() {
            for ((g, &x), &dy) in gg.iter_mut().zip(x).zip(dy) {
                *g += dy * (x - mean) * rstd;
            }
        }
    }
    if let Some(gb) = bw.grad(beta) {
        for (_, dy, _, _) in rows() {
            for (g, &dy) in gb.iter_mut().zip(dy) {
                *g += dy;
            }
        }
    }
    if let Some(gx) = bw.grad(x) {
        for ((x, dy, mean, rstd), gx) in rows().zip(gx.chunks_exact_mut(d)) {
            let (mut mean_g, mut mean_gx) = (0.0, 0.0);
            for ((&x, &dy), &gamma) in x.iter().zip(dy).zip(gamma_v) {
                mean_g += dy * gamma;
                mean_gx += dy * gamma * (x - mean) * rstd;
            }
            mean_g /= d as f32;
            mean_gx /= d as f32;
            for (((g, &x), &dy), &gamma) in gx.iter_mut().zip(x).zip(dy).zip(gamma_v) {
                let xhat = (x - mean) * rstd;
                *g += rstd * (dy * gamma - mean_g - xhat * mean_gx);
            }
        }
    }
}
