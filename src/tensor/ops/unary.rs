//! Elementwise maths with one operand and an optional constant: neg, exp, log, sqrt, pow,
//! clamp, and adding or multiplying by a scalar. Each derivative is written beside its function.

use crate::tensor::backward::Backward;
use crate::tensor::graph::{read, Graph, Op, Var};

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum UnaryOp {
    Neg,
    Exp,
    Log,
    Sqrt,
    AddScalar(f32),
    MulScalar(f32),
    Pow(f32),
    Clamp { lo: f32, hi: f32 },
}

impl UnaryOp {
    fn apply(self, x: f32) -> f32 {
        match self {
            UnaryOp::Neg => -x,
            UnaryOp::Exp => x.exp(),
            UnaryOp::Log => x.ln(),
            UnaryOp::Sqrt => x.sqrt(),
            UnaryOp::AddScalar(c) => x + c,
            UnaryOp::MulScalar(c) => x * c,
            UnaryOp::Pow(p) => x.powf(p),
            UnaryOp::Clamp { lo, hi } => x.clamp(lo, hi),
        }
    }

    /// dy/dx, given the input x and the output y.
    fn derivative(self, x: f32, y: f32) -> f32 {
        match self {
            UnaryOp::Neg => -1.0,
            // d eˣ = eˣ
            UnaryOp::Exp => y,
            // d ln x = 1/x
            UnaryOp::Log => 1.0 / x,
            // d √x = 1/(2√x)
            UnaryOp::Sqrt => 0.5 / y,
            UnaryOp::AddScalar(_) => 1.0,
            UnaryOp::MulScalar(c) => c,
            // d xᵖ = p·xᵖ⁻¹
            UnaryOp::Pow(p) => p * x.powf(p - 1.0),
            // 1 inside [lo, hi], bounds included, as torch.clamp.
            UnaryOp::Clamp { lo, hi } => f32::from(u8::from((lo..=hi).contains(&x))),
        }
    }
}

impl Graph {
    pub fn neg(&mut self, a: Var) -> Var {
        self.unary(a, UnaryOp::Neg)
    }

    pub fn exp(&mut self, a: Var) -> Var {
        self.unary(a, UnaryOp::Exp)
    }

    /// Natural logarithm.
    pub fn log(&mut self, a: Var) -> Var {
        self.unary(a, UnaryOp::Log)
    }

    pub fn sqrt(&mut self, a: Var) -> Var {
        self.unary(a, UnaryOp::Sqrt)
    }

    pub fn add_scalar(&mut self, a: Var, c: f32) -> Var {
        self.unary(a, UnaryOp::AddScalar(c))
    }

    pub fn mul_scalar(&mut self, a: Var, c: f32) -> Var {
        self.unary(a, UnaryOp::MulScalar(c))
    }

    /// aᵖ elementwise.
    pub fn pow(&mut self, a: Var, p: f32) -> Var {
        self.unary(a, UnaryOp::Pow(p))
    }

    pub fn clamp(&mut self, a: Var, lo: f32, hi: f32) -> Var {
        self.unary(a, UnaryOp::Clamp { lo, hi })
    }

    fn unary(&mut self, a: Var, op: UnaryOp) -> Var {
        let Some(dims) = self.dims("unary", a) else {
            return self.invalid();
        };
        let needs_grad = self.needs_grad(a);
        let out = self.push(Op::Unary { a, op }, dims, needs_grad);
        let (nodes, node) = self.split(out);
        let x = read(nodes, a);
        for (y, &x) in node.value.data_mut().iter_mut().zip(x.data()) {
            *y = op.apply(x);
        }
        out
    }
}

/// dx += dy · f′(x).
pub(crate) fn backward(bw: &mut Backward, a: Var, op: UnaryOp) {
    let (xv, y, dy) = (bw.value(a), bw.node.value.data(), bw.dy);
    if let Some(gx) = bw.grad(a) {
        for (((g, &x), &y), &d) in gx.iter_mut().zip(xv.data()).zip(y).zip(dy) {
            *g += d * op.derivative(x, y);
        }
    }
}
