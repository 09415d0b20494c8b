//! Ops that move data without arithmetic: reshape, permute/transpose, concatenation and slicing
//! (NumPy's `reshape`, `transpose`, `concatenate`, `split`). Each backward moves the gradient
//! back to where the value came from.

use crate::error::Error;
use crate::tensor::backward::Backward;
use crate::tensor::dims::{Dims, Runs, MAX_RANK};
use crate::tensor::graph::{read, Graph, Op, Var};

impl Graph {
    /// The same elements in row-major order under another shape of equal size.
    pub fn reshape(&mut self, a: Var, shape: &[usize]) -> Var {
        let Some(da) = self.dims("reshape", a) else {
            return self.invalid();
        };
        let Some(out_dims) = self.ok(Dims::new("reshape", shape)) else {
            return self.invalid();
        };
        if out_dims.numel() != da.numel() {
            return self.fail(Error::ShapeMismatch {
                op: "reshape",
                lhs: da.to_vec(),
                rhs: shape.to_vec(),
            });
        }
        let needs_grad = self.needs_grad(a);
        let out = self.push(Op::Reshape { a }, out_dims, needs_grad);
        let (nodes, node) = self.split(out);
        node.value.data_mut().copy_from_slice(read(nodes, a).data());
        out
    }

    /// Axis `d` of the result is axis `perm[d]` of `a`, as `torch.permute`.
    pub fn permute(&mut self, a: Var, perm: &[usize]) -> Var {
        let Some(da) = self.dims("permute", a) else {
            return self.invalid();
        };
        let mut seen = [false; MAX_RANK];
        let valid = perm.len() == da.len()
            && perm
                .iter()
                .all(|&p| p < da.len() && !std::mem::replace(&mut seen[p], true));
        if !valid {
            return self.fail(Error::ShapeMismatch {
                op: "permute",
                lhs: da.to_vec(),
                rhs: perm.to_vec(),
            });
        }
        let mut fixed = [0; MAX_RANK];
        fixed[..perm.len()].copy_from_slice(perm);
        let mut out_shape = [0; MAX_RANK];
        for (o, &p) in out_shape.iter_mut().zip(perm) {
            *o = da[p];
        }
        let Some(out_dims) = self.ok(Dims::new("permute", &out_shape[..perm.len()])) else {
            return self.invalid();
        };
        let needs_grad = self.needs_grad(a);
        let out = self.push(Op::Permute { a, perm: fixed }, out_dims, needs_grad);
        let (nodes, node) = self.split(out);
        let x = read(nodes, a);
        let (x, y) = (x.data(), node.value.data_mut());
        let runs = Runs::new(&out_dims, &permuted_strides(&da, &fixed), &[0; MAX_RANK]);
        let (n, step) = (runs.len, runs.step_a);
        // Heads' permutes keep the last axis, so their runs are rows to copy whole.
        if step == 1 {
            runs.for_each(|o, i, _| y[o..o + n].copy_from_slice(&x[i..i + n]));
        } else {
            runs.for_each(|o, i, _| {
                for (k, y) in y[o..o + n].iter_mut().enumerate() {
                    *y = x[i + k * step];
                }
            });
        }
        out
    }

    /// Swaps two axes.
    pub fn transpose(&mut self, a: Var, d0: usize, d1: usize) -> Var {
        let Some(da) = self.dims("transpose", a) else {
            return self.invalid();
        };
        let mut perm = [0, 1, 2, 3, 4, 5];
        if d0 >= da.len() || d1 >= da.len() {
            return self.fail(Error::AxisOutOfRange {
                op: "transpose",
                axis: d0.max(d1),
                shape: da.to_vec(),
            });
        }
        perm.swap(d0, d1);
        self.permute(a, &perm[..da.len()])
    }

    /// Joins tensors along `axis`; all other axes must agree.
    pub fn concat(&mut self, parts: &[Var], axis: usize) -> Var {
        let Some(&first) = parts.first() else {
            return self.fail(Error::ShapeMismatch {
                op: "concat",
                lhs: vec![],
                rhs: vec![],
            });
        };
        let Some(d0) = self.dims("concat", first) else {
            return self.invalid();
        };
        if axis >= d0.len() {
            return self.fail(Error::AxisOutOfRange {
                op: "concat",
                axis,
                shape: d0.to_vec(),
            });
        }
        let mut total = 0;
        for &p in parts {
            let Some(dp) = self.dims("concat", p) else {
                return self.invalid();
            };
            if dp.with(axis, 0) != d0.with(axis, 0) {
                return self.fail(Error::ShapeMismatch {
                    op: "concat",
                    lhs: d0.to_vec(),
                    rhs: dp.to_vec(),
                });
            }
            total += dp[axis];
        }
        let out_dims = d0.with(axis, total);
        let needs_grad = parts.iter().any(|&p| self.needs_grad(p));
        let out = self.push(Op::Concat { axis }, out_dims, needs_grad);
        let (nodes, node) = self.split(out);
        node.index.clear();
        node.index.extend(parts.iter().map(|p| p.0));
        let (outer, _, inner) = out_dims.split_at_axis(axis);
        let y = node.value.data_mut();
        let mut offset = 0;
        for &p in parts {
            let x = read(nodes, p);
            let block = nodes[p.0].dims[axis] * inner;
            for o in 0..outer {
                y[(o * total * inner) + offset..][..block]
                    .copy_from_slice(&x.data()[o * block..][..block]);
            }
            offset += block;
        }
        out
    }

    /// `len` entries of `axis` from `start` on, as `torch.narrow`.
    pub fn slice(&mut self, a: Var, axis: usize, start: usize, len: usize) -> Var {
        let Some(da) = self.dims("slice", a) else {
            return self.invalid();
        };
        if axis >= da.len() {
            return self.fail(Error::AxisOutOfRange {
                op: "slice",
                axis,
                shape: da.to_vec(),
            });
        }
        if start + len > da[axis] {
            return self.fail(Error::IndexOutOfRange {
                op: "slice",
                index: start + len,
                len: da[axis],
            });
        }
        let needs_grad = self.needs_grad(a);
        let out = self.push(Op::Slice { a, axis, start }, da.with(axis, len), needs_grad);
        let (nodes, node) = self.split(out);
        let x = read(nodes, a);
        let (outer, n, inner) = da.split_at_axis(axis);
        let y = node.value.data_mut();
        for o in 0..outer {
            y[o * len * inner..][..len * inner]
                .copy_from_slice(&x.data()[(o * n + start) * inner..][..len * inner]);
        }
        out
    }

    /// Consecutive slices of `axis` with the given lengths, which must add up to its length.
    pub fn split_axis(&mut self, a: Var, axis: usize, lens: &[usize]) -> Vec<Var> {
        let total: usize = lens.iter().sum();
        if let Some(da) = self.dims("split", a) {
            if da.get(axis).is_some_and(|&n| n != total) {
                let e = Error::ShapeMismatch {
                    op: "split",
                    lhs: da.to_vec(),
                    rhs: lens.to_vec(),
                };
                return lens.iter().map(|_| self.fail(e.clone())).collect();
            }
        }
        let mut start = 0;
        lens.iter()
            .map(|&len| {
                start += len;
                self.slice(a, axis, start - len, len)
            })
            .collect()
    }
}

/// Strides of `a` reordered by `perm`, to walk `a` in the order of the permuted result.
fn permuted_strides(da: &Dims, perm: &[usize; MAX_RANK]) -> [usize; MAX_RANK] {
    let own = da.strides();
    let mut s = [0; MAX_RANK];
    for d in 0..da.len() {
        s[d] = own[perm[d]];
    }
    s
}

/// Reshape moves nothing, so neither does its gradient: dx += dy, or dx = dy when it is the
/// first share.
pub(crate) fn backward_reshape(bw: &mut Backward, a: Var) {
    let dy = bw.dy;
    if let Some((gx, beta)) = bw.grad_beta(a) {
        if beta == 0.0 {
            gx.copy_from_slice(dy);
        } else {
            for (g, &d) in gx.iter_mut().zip(dy) {
                *g += d;
            }
        }
    }
}

/// The inverse permutation: dx[i] += dy[o] for every o that read x[i].
pub(crate) fn backward_permute(bw: &mut Backward, a: Var, perm: &[usize; MAX_RANK]) {
    let (out, strides, dy) = (bw.node.dims, permuted_strides(&bw.dims(a), perm), bw.dy);
    if let Some((gx, beta)) = bw.grad_beta(a) {
        let runs = Runs::new(&out, &strides, &[0; MAX_RANK]);
        let (n, step) = (runs.len, runs.step_a);
        // A permutation writes every element of dx once: the first share is a copy.
        runs.for_each(|o, i, _| {
            if step == 1 && beta == 0.0 {
                gx[i..i + n].copy_from_slice(&dy[o..o + n]);
            } else if beta == 0.0 {
                for (k, &d) in dy[o..o + n].iter().enumerate() {
                    gx[i + k * step] = d;
                }
            } else if step == 1 {
                for (g, &d) in gx[i..i + n].iter_mut().zip(&dy[o..o + n]) {
                    *g += d;
                }
            } else {
                for (k, &d) in dy[o..o + n].iter().enumerate() {
                    gx[i + k * step] += d;
                }
            }
        });
    }
}

/// Each part gets back its block of the upstream gradient.
pub(crate) fn backward_concat(bw: &mut Backward, axis: usize) {
    let (outer, total, inner) = bw.node.dims.split_at_axis(axis);
    let (parts, dy) = (&bw.node.index, bw.dy);
    let mut offset = 0;
    for &p in parts {
        let block = bw.dims(Var(p))[axis] * inner;
        if let Some(gx) = bw.grad(Var(p)) {
            for o in 0..outer {
                let src = &dy[(o * total * inner) + offset..][..block];
                for (g, &d) in gx[o * block..][..block].iter_mut().zip(src) {
                    *g += d;
                }
            }
        }
        offset += block;
    }
}

/// The gradient of a slice lands in the sliced window; the rest of dx gets nothing.
pub(crate) fn backward_slice(bw: &mut Backward, a: Var, axis: usize, start: usize) {
    let (outer, n, inner) = bw.dims(a).split_at_axis(axis);
    let len = bw.node.dims[axis];
    let dy = bw.dy;
    if let Some(gx) = bw.grad(a) {
        for o in 0..outer {
            let window = &mut gx[(o * n + start) * inner..][..len * inner];
            for (g, &d) in window.iter_mut().zip(&dy[o * len * inner..][..len * inner]) {
                *g += d;
            }
        }
    }
}
