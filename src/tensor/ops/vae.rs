//! The two pieces a variational autoencoder adds (Kingma & Welling 2014, "Auto-Encoding
//! Variational Bayes", §2.4 and appendix B): the reparameterised sample z = μ + σ·ε, and the KL
//! divergence of the diagonal Gaussian N(μ, σ²) from N(0, I) in closed form.

use crate::error::Error;
use crate::rng::Rng;
use crate::tensor::backward::Backward;
use crate::tensor::dims::Dims;
use crate::tensor::graph::{read, Graph, Op, Var};

impl Graph {
    fn gaussian_dims(&mut self, op: &'static str, mu: Var, logvar: Var) -> Option<Dims> {
        let (dm, dl) = (self.dims(op, mu)?, self.dims(op, logvar)?);
        if dm != dl {
            self.fail(Error::ShapeMismatch {
                op,
                lhs: dm.to_vec(),
                rhs: dl.to_vec(),
            });
            return None;
        }
        Some(dm)
    }

    /// z = μ + exp(½·logσ²)·ε with ε ~ N(0, I) drawn from `rng`: a sample whose gradient flows
    /// to μ and logσ².
    pub fn reparameterize(&mut self, mu: Var, logvar: Var, rng: &mut Rng) -> Var {
        self.sample(mu, logvar, Noise::Draw(rng))
    }

    /// As [`Graph::reparameterize`] with the noise ε given (row-major, the shape of μ): for
    /// comparisons against a reference that drew its own.
    pub fn reparameterize_with_noise(&mut self, mu: Var, logvar: Var, eps: &[f32]) -> Var {
        self.sample(mu, logvar, Noise::Given(eps))
    }

    fn sample(&mut self, mu: Var, logvar: Var, noise: Noise) -> Var {
        let Some(dims) = self.gaussian_dims("reparameterize", mu, logvar) else {
            return self.invalid();
        };
        if let Noise::Given(eps) = noise {
            if eps.len() != dims.numel() {
                return self.fail(Error::ShapeMismatch {
                    op: "reparameterize",
                    lhs: dims.to_vec(),
                    rhs: vec![eps.len()],
                });
            }
        }
        let needs_grad = self.needs_grad(mu) || self.needs_grad(logvar);
        let out = self.push(Op::Reparameterize { mu, logvar }, dims, needs_grad);
        let (nodes, node) = self.split(out);
        node.aux.clear();
        match noise {
            Noise::Draw(rng) => node.aux.extend((0..dims.numel()).map(|_| rng.normal())),
            Noise::Given(eps) => node.aux.extend_from_slice(eps),
        }
        let (m, lv) = (read(nodes, mu), read(nodes, logvar));
        let z = node.value.data_mut();
        for (((z, &m), &lv), &e) in z.iter_mut().zip(m.data()).zip(lv.data()).zip(&node.aux) {
            *z = m + (0.5 * lv).exp() * e;
        }
        out
    }

    /// KL(N(μ, σ²) ‖ N(0, I)) = −½ Σ (1 + logσ² − μ² − σ²), summed over the latent axes and
    /// averaged over the batch (the first axis).
    ///
    /// # Shapes
    /// - mu, logvar: (B, …) → scalar
    pub fn kl_std_normal(&mut self, mu: Var, logvar: Var) -> Var {
        let Some(_) = self.gaussian_dims("kl_std_normal", mu, logvar) else {
            return self.invalid();
        };
        let needs_grad = self.needs_grad(mu) || self.needs_grad(logvar);
        let out = self.push(Op::KlStdNormal { mu, logvar }, Dims::scalar(), needs_grad);
        let (nodes, node) = self.split(out);
        let batch = batch_size(&nodes[mu.0].dims);
        let (m, lv) = (read(nodes, mu), read(nodes, logvar));
        let sum: f32 = m
            .data()
            .iter()
            .zip(lv.data())
            .map(|(&m, &lv)| 1.0 + lv - m * m - lv.exp())
            .sum();
        node.value.data_mut()[0] = -0.5 * sum / batch;
        out
    }
}

/// Where the ε of a sample comes from.
enum Noise<'a> {
    Draw(&'a mut Rng),
    Given(&'a [f32]),
}

fn batch_size(dims: &Dims) -> f32 {
    dims.first().copied().unwrap_or(1).max(1) as f32
}

/// ∂z/∂μ = 1, ∂z/∂logσ² = ½·exp(½·logσ²)·ε.
pub(crate) fn backward_reparameterize(bw: &mut Backward, mu: Var, logvar: Var) {
    let (lv, eps, dz) = (bw.value(logvar), &bw.node.aux, bw.dy);
    if let Some(gm) = bw.grad(mu) {
        for (g, &d) in gm.iter_mut().zip(dz) {
            *g += d;
        }
    }
    if let Some(gl) = bw.grad(logvar) {
        for (((g, &d), &lv), &e) in gl.iter_mut().zip(dz).zip(lv.data()).zip(eps) {
            *g += d * 0.5 * (0.5 * lv).exp() * e;
        }
    }
}

/// ∂KL/∂μ = μ/B, ∂KL/∂logσ² = ½(σ² − 1)/B.
pub(crate) fn backward_kl(bw: &mut Backward, mu: Var, logvar: Var) {
    let scale = bw.dy[0] / batch_size(&bw.dims(mu));
    let (m, lv) = (bw.value(mu), bw.value(logvar));
    if let Some(gm) = bw.grad(mu) {
        for (g, &m) in gm.iter_mut().zip(m.data()) {
            *g += scale * m;
        }
    }
    if let Some(gl) = bw.grad(logvar) {
        for (g, &lv) in gl.iter_mut().zip(lv.data()) {
            *g += scale * 0.5 * (lv.exp() - 1.0);
        }
    }
}
