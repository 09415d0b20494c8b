//! Softmax and log-softmax over the last axis, with an optional additive mask (0 to keep, −∞ to
//! hide), as attention uses them (Vaswani et al. 2017, "Attention Is All You Need", §3.2.1).
//! Both subtract the row maximum first, so exp never overflows.

use crate::error::Error;
use crate::tensor::backward::Backward;
use crate::tensor::dims::{broadcast_shape, broadcast_strides, Dims, Runs};
use crate::tensor::graph::{read, Graph, Op, Var};

impl Graph {
    /// softmax(a + mask) over the last axis. The mask is a constant and broadcasts to `a`.
    /// A row whose every entry is masked comes out as zeros rather than NaN.
    pub fn softmax(&mut self, a: Var, mask: Option<Var>) -> Var {
        self.softmax_op(a, mask, false)
    }

    /// log softmax(a + mask) over the last axis; a fully masked row comes out as −∞.
    pub fn log_softmax(&mut self, a: Var, mask: Option<Var>) -> Var {
        self.softmax_op(a, mask, true)
    }

    fn softmax_op(&mut self, a: Var, mask: Option<Var>, log: bool) -> Var {
        let Some(da) = self.dims("softmax", a) else {
            return self.invalid();
        };
        let dm = match mask {
            Some(m) => match self.dims("softmax", m) {
                Some(dm) => Some(dm),
                None => return self.invalid(),
            },
            None => None,
        };
        if let Some(dm) = dm {
            if broadcast_shape("softmax", &da, &dm).ok() != Some(da) {
                return self.fail(Error::ShapeMismatch {
                    op: "softmax",
                    lhs: da.to_vec(),
                    rhs: dm.to_vec(),
                });
            }
        }
        if da.last() == 0 {
            return self.fail(Error::ShapeMismatch {
                op: "softmax",
                lhs: da.to_vec(),
                rhs: vec![],
            });
        }
        let needs_grad = self.needs_grad(a);
        let out = self.push(Op::Softmax { a, log }, da, needs_grad);
        let (nodes, node) = self.split(out);
        let y = node.value.data_mut();
        y.copy_from_slice(read(nodes, a).data());
        if let (Some(m), Some(dm)) = (mask, dm) {
            let mv = read(nodes, m);
            let (mv, sm) = (mv.data(), broadcast_strides(&dm, &da));
            let runs = Runs::new(&da, &sm, &sm);
            let (n, step) = (runs.len, runs.step_a);
            runs.for_each(|o, i, _| {
                if step == 1 {
                    for (y, &m) in y[o..o + n].iter_mut().zip(&mv[i..i + n]) {
                        *y += m;
                    }
                } else {
                    for (k, y) in y[o..o + n].iter_mut().enumerate() {
                        *y += mv[i + k * step];
                    }
                }
            });
        }
        for row in y.chunks_exact_mut(da.last()) {
            normalise_row(row, log);
        }
        out
    }

    /// The causal mask for `t` positions: query i may see keys j ≤ i.
    ///
    /// # Shapes
    /// - → (t, t), 0 on and below the diagonal, −∞ above
    pub fn causal_mask(&mut self, t: usize) -> Var {
        let Some(dims) = self.ok(Dims::new("causal_mask", &[t, t])) else {
            return self.invalid();
        };
        let out = self.push(Op::Input, dims, false);
        let (_, node) = self.split(out);
        for (i, row) in node.value.data_mut().chunks_exact_mut(t.max(1)).enumerate() {
            for (j, x) in row.iter_mut().enumerate() {
                *x = if j <= i { 0.0 } else { f32::NEG_INFINITY };
            }
        }
        out
    }

    /// A key-padding mask from per-sequence lengths: key j of sequence b is visible when
    /// j < lengths[b].
    ///
    /// # Shapes
    /// - lengths: (B) → (B, 1, 1, t_keys), which broadcasts over heads and queries
    pub fn padding_mask(&mut self, lengths: &[usize], t_keys: usize) -> Var {
        let shape = [lengths.len(), 1, 1, t_keys];
        let Some(dims) = self.ok(Dims::new("padding_mask", &shape)) else {
            return self.invalid();
        };
        let out = self.push(Op::Input, dims, false);
        let (_, node) = self.split(out);
        for (row, &len) in node
            .value
            .data_mut()
            .chunks_exact_mut(t_keys.max(1))
            .zip(lengths)
        {
            for (j, x) in row.iter_mut().enumerate() {
                *x = if j < len { 0.0 } else { f32::NEG_INFINITY };
            }
        }
        out
    }
}

/// softmax: yᵢ = exp(xᵢ − m) / Σⱼ exp(xⱼ − m); log-softmax: yᵢ = xᵢ − m − ln Σⱼ exp(xⱼ − m).
fn normalise_row(row: &mut [f32], log: bool) {
    let max = row.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    if max == f32::NEG_INFINITY {
        // Everything masked: nothing to attend to.
        let fill = if log { f32::NEG_INFINITY } else { 0.0 };
        row.fill(fill);
        return;
    }
    if log {
        let lse = max + row.iter().map(|&x| (x - max).exp()).sum::<f32>().ln();
        row.iter_mut().for_each(|x| *x -= lse);
    } else {
        let mut sum = 0.0;
        for x in row.iter_mut() {
            *x = (*x - max).exp();
            sum += *x;
        }
        row.iter_mut().for_each(|x| *x /= sum);
    }
}

/// softmax: dx = y ⊙ (dy − Σ dy⊙y); log-softmax: dx = dy − softmax(x)·Σ dy, softmax = eʸ.
/// The mask is constant and gets no gradient.
pub(crate) fn backward(bw: &mut Backward, a: Var, log: bool) {
    let d = bw.node.dims.last();
    let (y, dy) = (bw.node.value.data(), bw.dy);
    let Some(gx) = bw.grad(a) else {
        return;
    };
    let rows = gx
        .chunks_exact_mut(d)
        .zip(y.chunks_exact(d))
        .zip(dy.chunks_exact(d));
    for ((gx, y), dy) in rows {
        if log {
            let s: f32 = dy.iter().sum();
            for ((g, &y), &d) in gx.iter_mut().zip(y).zip(dy) {
                *g += d - y.exp() * s;
            }
        } else {
            let s: f32 = dy.iter().zip(y).map(|(&d, &y)| d * y).sum();
            for ((g, &y), &d) in gx.iter_mut().zip(y).zip(dy) {
                *g += y * (d - s);
            }
        }
    }
}
