//! Elementwise add, sub, mul and div with NumPy broadcasting. Backward sums the upstream
//! gradient over the broadcast axes: the adjoint of repeating a value is adding up its copies.

use crate::tensor::backward::Backward;
use crate::tensor::dims::{broadcast_shape, broadcast_strides, Runs};
use crate::tensor::graph::{read, Graph, Op, Var};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinaryOp {
    Add,
    Sub,
    Mul,
    Div,
}

impl BinaryOp {
    fn name(self) -> &'static str {
        match self {
            BinaryOp::Add => "add",
            BinaryOp::Sub => "sub",
            BinaryOp::Mul => "mul",
            BinaryOp::Div => "div",
        }
    }

    fn apply(self, x: f32, y: f32) -> f32 {
        match self {
            BinaryOp::Add => x + y,
            BinaryOp::Sub => x - y,
            BinaryOp::Mul => x * y,
            BinaryOp::Div => x / y,
        }
    }

    /// (∂/∂x, ∂/∂y) of `apply`: (1, 1), (1, −1), (y, x), (1/y, −x/y²).
    fn partials(self, x: f32, y: f32) -> (f32, f32) {
        match self {
            BinaryOp::Add => (1.0, 1.0),
            BinaryOp::Sub => (1.0, -1.0),
            BinaryOp::Mul => (y, x),
            BinaryOp::Div => (1.0 / y, -x / (y * y)),
        }
    }
}

impl Graph {
    /// a + b, broadcasting.
    pub fn add(&mut self, a: Var, b: Var) -> Var {
        self.binary(BinaryOp::Add, a, b)
    }

    /// a − b, broadcasting.
    pub fn sub(&mut self, a: Var, b: Var) -> Var {
        self.binary(BinaryOp::Sub, a, b)
    }

    /// a ⊙ b, broadcasting.
    pub fn mul(&mut self, a: Var, b: Var) -> Var {
        self.binary(BinaryOp::Mul, a, b)
    }

    /// a / b, broadcasting.
    pub fn div(&mut self, a: Var, b: Var) -> Var {
        self.binary(BinaryOp::Div, a, b)
    }

    fn binary(&mut self, op: BinaryOp, a: Var, b: Var) -> Var {
        let (Some(da), Some(db)) = (self.dims(op.name(), a), self.dims(op.name(), b)) else {
            return self.invalid();
        };
        let Some(out_dims) = self.ok(broadcast_shape(op.name(), &da, &db)) else {
            return self.invalid();
        };
        let needs_grad = self.needs_grad(a) || self.needs_grad(b);
        let out = self.push(Op::Binary { a, b, op }, out_dims, needs_grad);
        let (nodes, node) = self.split(out);
        let (av, bv) = (read(nodes, a), read(nodes, b));
        let (x, y, z) = (av.data(), bv.data(), node.value.data_mut());
        let (sa, sb) = (
            broadcast_strides(&da, &out_dims),
            broadcast_strides(&db, &out_dims),
        );
        let runs = Runs::new(&out_dims, &sa, &sb);
        let n = runs.len;
        if (runs.step_a, runs.step_b) == (1, 1) {
            // Equal shapes, or a bias row: a loop per op, vectorised with the op inlined.
            match op {
                BinaryOp::Add => same_shape(&runs, z, x, y, |x, y| BinaryOp::Add.apply(x, y)),
                BinaryOp::Sub => same_shape(&runs, z, x, y, |x, y| BinaryOp::Sub.apply(x, y)),
                BinaryOp::Mul => same_shape(&runs, z, x, y, |x, y| BinaryOp::Mul.apply(x, y)),
                BinaryOp::Div => same_shape(&runs, z, x, y, |x, y| BinaryOp::Div.apply(x, y)),
            }
        } else {
            // Rarer broadcasts (a column, strided runs) share one loop that matches on the op
            // inside: a vectorised loop per op for these cases too made the worker 4.8 KB
            // larger (gzip -9), and no training step here uses them much.
            let (sa, sb) = (runs.step_a, runs.step_b);
            runs.for_each(|o, i, j| {
                for (k, z) in z[o..o + n].iter_mut().enumerate() {
                    *z = op.apply(x[i + k * sa], y[j + k * sb]);
                }
            });
        }
        out
    }
}

/// z = f(x, y) over runs that advance by one in both operands.
fn same_shape(runs: &Runs, z: &mut [f32], x: &[f32], y: &[f32], f: impl Fn(f32, f32) -> f32) {
    let n = runs.len;
    runs.for_each(|o, i, j| {
        let zs = z[o..o + n].iter_mut();
        for ((z, &x), &y) in zs.zip(&x[i..i + n]).zip(&y[j..j + n]) {
            *z = f(x, y);
        }
    });
}

/// da[i] += Σ over the outputs o that read a[i] of dz[o]·∂z/∂a; likewise for b. The two passes
/// run one after the other, so `a` and `b` may be the same variable.
pub(crate) fn backward(bw: &mut Backward, a: Var, b: Var, op: BinaryOp) {
    let out = bw.node.dims;
    let (sa, sb) = (
        broadcast_strides(&bw.dims(a), &out),
        broadcast_strides(&bw.dims(b), &out),
    );
    let runs = Runs::new(&out, &sa, &sb);
    let (av, bv, dz) = (bw.value(a), bw.value(b), bw.dy);
    let (x, y) = (av.data(), bv.data());
    if let Some(ga) = bw.grad(a) {
        accumulate_runs(&runs, ga, dz, x, y, op, false);
    }
    if let Some(gb) = bw.grad(b) {
        accumulate_runs(&runs, gb, dz, x, y, op, true);
    }
}

/// g[i] += dz[o]·∂z/∂a(x[i], y[j]) over every run, for the gradient of a (`of_b` false, g
/// indexed like x), or with ∂z/∂b for b's (g indexed like y). Equal shapes and bias rows get a
/// vectorised loop per op; other runs share one loop. Where g stays put along a run (it was
/// broadcast), the sum runs in the same order as an element at a time: the same float.
fn accumulate_runs(
    runs: &Runs,
    g: &mut [f32],
    dz: &[f32],
    x: &[f32],
    y: &[f32],
    op: BinaryOp,
    of_b: bool,
) {
    let n = runs.len;
    let (sa, sb) = (runs.step_a, runs.step_b);
    if (sa, sb) == (1, 1) {
        // One loop per op; which partial to take is the same all along it.
        let pick = move |p: (f32, f32)| if of_b { p.1 } else { p.0 };
        match op {
            BinaryOp::Add => same_shape_grad(runs, g, dz, x, y, of_b, |x, y| {
                pick(BinaryOp::Add.partials(x, y))
            }),
            BinaryOp::Sub => same_shape_grad(runs, g, dz, x, y, of_b, |x, y| {
                pick(BinaryOp::Sub.partials(x, y))
            }),
            BinaryOp::Mul => same_shape_grad(runs, g, dz, x, y, of_b, |x, y| {
                pick(BinaryOp::Mul.partials(x, y))
            }),
            BinaryOp::Div => same_shape_grad(runs, g, dz, x, y, of_b, |x, y| {
                pick(BinaryOp::Div.partials(x, y))
            }),
        }
    } else {
        let own = if of_b { sb } else { sa };
        runs.for_each(|o, i, j| {
            let gi = if of_b { j } else { i };
            for k in 0..n {
                let (pa, pb) = op.partials(x[i + k * sa], y[j + k * sb]);
                g[gi + k * own] += dz[o + k] * if of_b { pb } else { pa };
            }
        });
    }
}

/// g += dz·p(x, y) over runs that advance by one in every operand, g indexed like y when
/// `of_b`, else like x.
fn same_shape_grad(
    runs: &Runs,
    g: &mut [f32],
    dz: &[f32],
    x: &[f32],
    y: &[f32],
    of_b: bool,
    p: impl Fn(f32, f32) -> f32,
) {
    let n = runs.len;
    runs.for_each(|o, i, j| {
        let gi = if of_b { j } else { i };
        let rows = g[gi..gi + n].iter_mut().zip(&dz[o..o + n]);
        for ((g, &d), (&x, &y)) in rows.zip(x[i..i + n].iter().zip(&y[j..j + n])) {
            *g += d * p(x, y);
        }
    });
}
