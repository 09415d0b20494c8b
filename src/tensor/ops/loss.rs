//! Losses reduced to a mean, as PyTorch's defaults: mean squared error, binary cross-entropy on
//! logits (the log-sum-exp form that never overflows), and cross-entropy over classes with an
//! ignored target for padding.

use crate::error::Error;
use crate::tensor::backward::Backward;
use crate::tensor::dims::Dims;
use crate::tensor::graph::{read, Graph, Op, Var};

use super::activation::sigmoid;

impl Graph {
    fn same_shape(&mut self, op: &'static str, a: Var, b: Var) -> Option<Dims> {
        let (da, db) = (self.dims(op, a)?, self.dims(op, b)?);
        if da != db {
            self.fail(Error::ShapeMismatch {
                op,
                lhs: da.to_vec(),
                rhs: db.to_vec(),
            });
            return None;
        }
        Some(da)
    }

    /// mean((a − b)²), a scalar; shapes must match (no broadcasting, unlike a silent footgun).
    pub fn mse(&mut self, a: Var, b: Var) -> Var {
        let Some(_) = self.same_shape("mse", a, b) else {
            return self.invalid();
        };
        let needs_grad = self.needs_grad(a) || self.needs_grad(b);
        let out = self.push(Op::Mse { a, b }, Dims::scalar(), needs_grad);
        let (nodes, node) = self.split(out);
        let (av, bv) = (read(nodes, a), read(nodes, b));
        let (x, y) = (av.data(), bv.data());
        let sum: f32 = x.iter().zip(y).map(|(&x, &y)| (x - y) * (x - y)).sum();
        node.value.data_mut()[0] = sum / x.len() as f32;
        out
    }

    /// mean(max(x, 0) − x·y + ln(1 + e^−|x|)) = mean(−y·ln σ(x) − (1 − y)·ln(1 − σ(x))),
    /// as `torch.nn.functional.binary_cross_entropy_with_logits`.
    pub fn bce_with_logits(&mut self, logits: Var, targets: Var) -> Var {
        let Some(_) = self.same_shape("bce_with_logits", logits, targets) else {
            return self.invalid();
        };
        let needs_grad = self.needs_grad(logits) || self.needs_grad(targets);
        let op = Op::BceWithLogits { logits, targets };
        let out = self.push(op, Dims::scalar(), needs_grad);
        let (nodes, node) = self.split(out);
        let (xv, yv) = (read(nodes, logits), read(nodes, targets));
        let (x, y) = (xv.data(), yv.data());
        let sum: f32 = x
            .iter()
            .zip(y)
            .map(|(&x, &y)| x.max(0.0) - x * y + (-x.abs()).exp().ln_1p())
            .sum();
        node.value.data_mut()[0] = sum / x.len() as f32;
        out
    }

    /// −mean log softmax(logits)[target] over the rows whose target is not `ignore_index`, as
    /// `torch.nn.functional.cross_entropy`. If every target is ignored the loss is 0 (PyTorch
    /// gives NaN), so a batch of padding cannot poison training.
    ///
    /// # Shapes
    /// - logits: (…, C), targets: one class per row of logits → scalar
    pub fn cross_entropy(
        &mut self,
        logits: Var,
        targets: &[usize],
        ignore_index: Option<usize>,
    ) -> Var {
        let Some(dl) = self.dims("cross_entropy", logits) else {
            return self.invalid();
        };
        let classes = dl.last();
        if dl.is_empty() || classes == 0 || dl.numel() / classes != targets.len() {
            return self.fail(Error::ShapeMismatch {
                op: "cross_entropy",
                lhs: dl.to_vec(),
                rhs: vec![targets.len()],
            });
        }
        let counted = |t: &usize| Some(*t) != ignore_index;
        if let Some(&bad) = targets
            .iter()
            .filter(|t| counted(t))
            .find(|&&t| t >= classes)
        {
            return self.fail(Error::IndexOutOfRange {
                op: "cross_entropy",
                index: bad,
                len: classes,
            });
        }
        let needs_grad = self.needs_grad(logits);
        let op = Op::CrossEntropy {
            logits,
            ignore_index,
        };
        let out = self.push(op, Dims::scalar(), needs_grad);
        let (nodes, node) = self.split(out);
        node.index.clear();
        node.index.extend_from_slice(targets);
        // aux holds softmax(logits), row by row, for the backward pass.
        node.aux.clear();
        node.aux.extend_from_slice(read(nodes, logits).data());
        let (mut sum, mut count) = (0.0, 0);
        for (p, &t) in node.aux.chunks_exact_mut(classes).zip(targets) {
            let max = p.iter().copied().fold(f32::NEG_INFINITY, f32::max);
            let lse = max + p.iter().map(|&x| (x - max).exp()).sum::<f32>().ln();
            if counted(&t) {
                sum += lse - p[t];
                count += 1;
            }
            p.iter_mut().for_each(|x| *x = (*x - lse).exp());
        }
        node.value.data_mut()[0] = if count == 0 { 0.0 } else { sum / count as f32 };
        out
    }
}

/// ∂/∂a mean((a − b)²) = 2(a − b)/N, and the negative for b.
pub(crate) fn backward_mse(bw: &mut Backward, a: Var, b: Var) {
    let (av, bv, dy) = (bw.value(a), bw.value(b), bw.dy[0]);
    let (x, y) = (av.data(), bv.data());
    let scale = 2.0 * dy / x.len() as f32;
    if let Some(ga) = bw.grad(a) {
        for ((g, &x), &y) in ga.iter_mut().zip(x).zip(y) {
            *g += scale * (x - y);
        }
    }
    if let Some(gb) = bw.grad(b) {
        for ((g, &x), &y) in gb.iter_mut().zip(x).zip(y) {
            *g -= scale * (x - y);
        }
    }
}

/// ∂/∂x = (σ(x) − y)/N, ∂/∂y = −x/N.
pub(crate) fn backward_bce(bw: &mut Backward, logits: Var, targets: Var) {
    let (xv, yv, dy) = (bw.value(logits), bw.value(targets), bw.dy[0]);
    let (x, y) = (xv.data(), yv.data());
    let scale = dy / x.len() as f32;
    if let Some(gx) = bw.grad(logits) {
        for ((g, &x), &y) in gx.iter_mut().zip(x).zip(y) {
            *g += scale * (sigmoid(x) - y);
        }
    }
    if let Some(gy) = bw.grad(targets) {
        for (g, &x) in gy.iter_mut().zip(x) {
            *g -= scale * x;
        }
    }
}

/// ∂/∂logitsⱼ = (pⱼ − 1[j = target])/count on counted rows, 0 on ignored ones.
pub(crate) fn backward_cross_entropy(bw: &mut Backward, logits: Var, ignore: Option<usize>) {
    let classes = bw.dims(logits).last();
    let (probs, targets, dy) = (&bw.node.aux, &bw.node.index, bw.dy[0]);
    let counted = targets.iter().filter(|&&t| Some(t) != ignore).count();
    let Some(gx) = bw.grad(logits) else {
        return;
    };
    if counted == 0 {
        return;
    }
    let scale = dy / counted as f32;
    let rows = gx
        .chunks_exact_mut(classes)
        .zip(probs.chunks_exact(classes));
    for ((g, p), &t) in rows.zip(targets) {
        if Some(t) == ignore {
            continue;
        }
        for (g, &p) in g.iter_mut().zip(p) {
            *g += scale * p;
        }
        g[t] -= scale;
    }
}
