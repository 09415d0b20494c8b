//! Elementwise add, sub, mul and div with NumPy broadcasting. Backward sums the upstream
//! gradient over the broadcast axes: the adjoint of repeating a value is adding up its copies.

use crate::tensor::backward::Backward;
use crate::tensor::dims::{broadcast_shape, broadcast_strides, for_each_offset};
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
        for_each_offset(&out_dims, &sa, &sb, |o, i, j| z[o] = op.apply(x[i], y[j]));
        out
    }
}

/// da[i] += Σ over the outputs o that read a[i] of dz[o]·∂z/∂a; likewise for b. The two passes
/// run one after the other, so `a` and `b` may be the same variable.
pub(crate) fn backward(bw: &mut Backward, a: Var, b: Var, op: BinaryOp) {
    let out = bw.node.dims;
    let (sa, sb) = (
        broadcast_strides(&bw.dims(a), &out),
        broadcast_strides(&bw.dims(b), &out),
    );
    let (av, bv, dz) = (bw.value(a), bw.value(b), bw.dy);
    let (x, y) = (av.data(), bv.data());
    if let Some(ga) = bw.grad(a) {
        for_each_offset(&out, &sa, &sb, |o, i, j| {
            ga[i] += dz[o] * op.partials(x[i], y[j]).0
        });
    }
    if let Some(gb) = bw.grad(b) {
        for_each_offset(&out, &sa, &sb, |o, i, j| {
            gb[j] += dz[o] * op.partials(x[i], y[j]).1
        });
    }
}
