//! Sum, mean and max over one axis or over everything. Each reduction sees its input as
//! (outer, n, inner) around the axis, so one loop serves every axis of a row-major buffer.

use crate::error::Error;
use crate::tensor::backward::Backward;
use crate::tensor::dims::Dims;
use crate::tensor::graph::{read, Graph, Op, Var};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReduceOp {
    Sum,
    Mean,
    Max,
}

/// (outer, n, inner) of the reduction: over `axis`, or over all elements.
fn layout(dims: &Dims, axis: Option<usize>) -> (usize, usize, usize) {
    match axis {
        Some(axis) => dims.split_at_axis(axis),
        None => (1, dims.numel(), 1),
    }
}

impl Graph {
    /// Σ over `axis`; `keepdim` keeps it with length 1, as `torch.sum(x, dim, keepdim)`.
    pub fn sum(&mut self, a: Var, axis: usize, keepdim: bool) -> Var {
        self.reduce(a, ReduceOp::Sum, Some(axis), keepdim)
    }

    pub fn mean(&mut self, a: Var, axis: usize, keepdim: bool) -> Var {
        self.reduce(a, ReduceOp::Mean, Some(axis), keepdim)
    }

    /// The maximum over `axis`; its gradient goes to the first maximal element.
    pub fn max(&mut self, a: Var, axis: usize, keepdim: bool) -> Var {
        self.reduce(a, ReduceOp::Max, Some(axis), keepdim)
    }

    /// Σ of all elements, a scalar.
    pub fn sum_all(&mut self, a: Var) -> Var {
        self.reduce(a, ReduceOp::Sum, None, false)
    }

    /// The mean of all elements, a scalar.
    pub fn mean_all(&mut self, a: Var) -> Var {
        self.reduce(a, ReduceOp::Mean, None, false)
    }

    fn reduce(&mut self, a: Var, op: ReduceOp, axis: Option<usize>, keepdim: bool) -> Var {
        let Some(dims) = self.dims("reduce", a) else {
            return self.invalid();
        };
        let out_dims = match axis {
            Some(ax) if ax >= dims.len() => {
                return self.fail(Error::AxisOutOfRange {
                    op: "reduce",
                    axis: ax,
                    shape: dims.to_vec(),
                })
            }
            Some(ax) if keepdim => dims.with(ax, 1),
            Some(ax) => dims.without(ax),
            None => Dims::scalar(),
        };
        let (outer, n, inner) = layout(&dims, axis);
        if op == ReduceOp::Max && n == 0 {
            return self.fail(Error::ShapeMismatch {
                op: "max",
                lhs: dims.to_vec(),
                rhs: vec![],
            });
        }
        let needs_grad = self.needs_grad(a);
        let out = self.push(Op::Reduce { a, op, axis }, out_dims, needs_grad);
        let (nodes, node) = self.split(out);
        let x = read(nodes, a);
        let (x, y) = (x.data(), node.value.data_mut());
        let at = |o: usize, j: usize, i: usize| (o * n + j) * inner + i;
        node.index.clear();
        for o in 0..outer {
            for i in 0..inner {
                y[o * inner + i] = match op {
                    ReduceOp::Sum => (0..n).map(|j| x[at(o, j, i)]).sum(),
                    ReduceOp::Mean => (0..n).map(|j| x[at(o, j, i)]).sum::<f32>() / n as f32,
                    ReduceOp::Max => {
                        let best = (1..n).fold(0, |b, j| {
                            if x[at(o, j, i)] > x[at(o, b, i)] {
                                j
                            } else {
                                b
                            }
                        });
                        node.index.push(at(o, best, i));
                        x[at(o, best, i)]
                    }
                };
            }
        }
        out
    }
}

/// Sum: dx[o, j, i] += dy[o, i]; mean: the same over n; max: dy goes to the argmax alone.
pub(crate) fn backward(bw: &mut Backward, a: Var, op: ReduceOp, axis: Option<usize>) {
    let (outer, n, inner) = layout(&bw.dims(a), axis);
    let (dy, argmax) = (bw.dy, &bw.node.index);
    let Some(gx) = bw.grad(a) else {
        return;
    };
    if op == ReduceOp::Max {
        for (&at, &d) in argmax.iter().zip(dy) {
            gx[at] += d;
        }
        return;
    }
    let scale = if op == ReduceOp::Mean {
        1.0 / n as f32
    } else {
        1.0
    };
    for o in 0..outer {
        for j in 0..n {
            let row = &mut gx[(o * n + j) * inner..][..inner];
            for (g, &d) in row.iter_mut().zip(&dy[o * inner..][..inner]) {
                *g += d * scale;
            }
        }
    }
}
