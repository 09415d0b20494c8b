//! The tape: define-by-run reverse-mode automatic differentiation (Griewank & Walther 2008,
//! "Evaluating Derivatives", ch. 3) whose buffers are reused when the same ops are recorded again,
//! so a training step allocates nothing once the first step has sized every buffer.
//!
//! A [`Var`] is a `Copy` index into the tape. Ops are a closed enum ([`Op`], as in candle's
//! `op.rs`); each op's forward code and backward rule live together in `tensor/ops/<op>.rs`.
//!
//! Errors are sticky: an op that cannot run (shapes that do not fit, a stale `Var`) records the
//! first error and returns a placeholder; later ops do nothing, and [`Graph::backward`] or
//! [`Graph::check`] returns the error. Model code stays free of `?` on every line, and no error
//! is lost.

use std::cell::Ref;
use std::ops::Deref;

use super::dims::{Dims, MAX_RANK};
use super::ops::activation::Activation;
use super::ops::binary::BinaryOp;
use super::ops::reduce::ReduceOp;
use super::ops::unary::UnaryOp;
use super::param::{ParamId, ParamStore, Shared};
use super::storage::Tensor;
use crate::error::Error;
use crate::kernels::Trans;

/// A value recorded on a [`Graph`]: valid until the next [`Graph::reset`]. A stale index is
/// reported as [`Error::UnknownVar`]; a `Var` of one graph used on another is not detected.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Var(pub(crate) usize);

impl Var {
    pub fn index(self) -> usize {
        self.0
    }
}

/// What produced a node, with the inputs its backward rule reads. Variable-length data (the
/// inputs of a concatenation, token ids, class targets) lives in the node's `index` buffer.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Op {
    /// Placeholder returned once the graph holds an error.
    Invalid,
    Input,
    Param(ParamId),
    MatMul {
        a: Var,
        b: Var,
        ta: Trans,
        tb: Trans,
    },
    Linear {
        x: Var,
        w: Var,
        b: Option<Var>,
        relu: bool,
    },
    Binary {
        a: Var,
        b: Var,
        op: BinaryOp,
    },
    Unary {
        a: Var,
        op: UnaryOp,
    },
    Activation {
        a: Var,
        f: Activation,
    },
    Reduce {
        a: Var,
        op: ReduceOp,
        axis: Option<usize>,
    },
    Reshape {
        a: Var,
    },
    Permute {
        a: Var,
        perm: [usize; MAX_RANK],
    },
    /// Inputs in `index`.
    Concat {
        axis: usize,
    },
    Slice {
        a: Var,
        axis: usize,
        start: usize,
    },
    /// Row ids in `index`.
    GatherRows {
        table: Var,
    },
    Softmax {
        a: Var,
        log: bool,
    },
    /// Per-row mean and 1/σ in `aux`.
    LayerNorm {
        x: Var,
        gamma: Var,
        beta: Var,
    },
    /// The mask, already scaled by 1/(1-p), in `aux`.
    Dropout {
        a: Var,
    },
    Mse {
        a: Var,
        b: Var,
    },
    BceWithLogits {
        logits: Var,
        targets: Var,
    },
    /// Targets in `index`, probabilities in `aux`.
    CrossEntropy {
        logits: Var,
        ignore_index: Option<usize>,
    },
    KlStdNormal {
        mu: Var,
        logvar: Var,
    },
    /// The noise ε in `aux`.
    Reparameterize {
        mu: Var,
        logvar: Var,
    },
}

/// One recorded op and the buffers it keeps from step to step.
pub(crate) struct Node {
    pub(crate) op: Op,
    pub(crate) dims: Dims,
    /// The output; unused for parameter nodes, whose value is `param`.
    pub(crate) value: Tensor,
    pub(crate) param: Option<Shared>,
    pub(crate) needs_grad: bool,
    /// What the backward rule needs beyond the values (masks, statistics, probabilities).
    pub(crate) aux: Vec<f32>,
    pub(crate) index: Vec<usize>,
}

/// The value of a node: its own buffer, or a borrowed parameter.
pub enum ValueRef<'a> {
    Node(&'a Tensor),
    Param(Ref<'a, Tensor>),
}

impl Deref for ValueRef<'_> {
    type Target = Tensor;
    fn deref(&self) -> &Tensor {
        match self {
            ValueRef::Node(v) => v,
            ValueRef::Param(v) => v,
        }
    }
}

/// The tape, and the gradient buffers its backward pass fills.
#[derive(Default)]
pub struct Graph {
    pub(crate) nodes: Vec<Node>,
    /// Nodes recorded since the last reset; `nodes` beyond it are buffers kept for reuse.
    pub(crate) len: usize,
    pub(crate) error: Option<Error>,
    pub(crate) grads: Vec<Tensor>,
    /// Which of `grads` the running backward sweep has written.
    pub(crate) written: Vec<bool>,
    pub(crate) param_grads: Vec<Tensor>,
    pub(crate) param_seen: Vec<bool>,
    pub(crate) scratch: Vec<f32>,
}

impl Graph {
    pub fn new() -> Graph {
        Graph::default()
    }

    /// Starts a new recording. Buffers stay: recording the same ops with the same shapes writes
    /// into them again.
    pub fn reset(&mut self) {
        self.len = 0;
        self.error = None;
    }

    /// Nodes recorded since the last reset.
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The first error recorded since the last reset.
    pub fn check(&self) -> Result<(), Error> {
        self.error.clone().map_or(Ok(()), Err)
    }

    /// A constant copied from a tensor (no gradient).
    pub fn input(&mut self, value: &Tensor) -> Var {
        self.input_from_slice(value.shape(), value.data())
    }

    /// A constant copied into a reused buffer (no gradient): a batch of data.
    pub fn input_from_slice(&mut self, shape: &[usize], data: &[f32]) -> Var {
        self.leaf(shape, data, false)
    }

    /// An input whose gradient [`Graph::backward`] reports, as gradient checks need.
    pub fn input_with_grad(&mut self, shape: &[usize], data: &[f32]) -> Var {
        self.leaf(shape, data, true)
    }

    fn leaf(&mut self, shape: &[usize], data: &[f32], needs_grad: bool) -> Var {
        let Some(dims) = self.ok(Dims::new("input", shape)) else {
            return self.invalid();
        };
        if dims.numel() != data.len() {
            return self.fail(Error::ShapeMismatch {
                op: "input",
                lhs: shape.to_vec(),
                rhs: vec![data.len()],
            });
        }
        let out = self.push(Op::Input, dims, needs_grad);
        self.nodes[out.0].value.copy_from_slice(data);
        out
    }

    /// A parameter, read in place from the store (no copy).
    pub fn param(&mut self, params: &ParamStore, id: ParamId) -> Var {
        let Some(shared) = params.shared(id) else {
            return self.fail(Error::UnknownParam {
                op: "param",
                index: id.0,
                len: params.len(),
            });
        };
        let Some(dims) = self.ok(Dims::new("param", shared.borrow().shape())) else {
            return self.invalid();
        };
        // No `push`: the node's own buffer stays as it is, for whatever op reuses this slot.
        let out = self.slot(Op::Param(id), dims, true);
        self.nodes[out.0].param = Some(shared.clone());
        out
    }

    /// The shape of a recorded value (empty for a placeholder).
    pub fn shape(&self, v: Var) -> &[usize] {
        self.nodes[..self.len]
            .get(v.0)
            .map_or(&[], |n| n.dims.as_slice())
    }

    pub fn value(&self, v: Var) -> Result<ValueRef<'_>, Error> {
        self.check()?;
        if v.0 >= self.len {
            return Err(Error::UnknownVar {
                op: "value",
                index: v.0,
                len: self.len,
            });
        }
        Ok(read(&self.nodes, v))
    }

    /// Copies a value out (row-major) into `out`, reusing its allocation: how results leave
    /// the tape for display.
    pub fn read_into(&self, v: Var, out: &mut Vec<f32>) -> Result<(), Error> {
        let value = self.value(v)?;
        out.clear();
        out.extend_from_slice(value.data());
        Ok(())
    }

    /// The first element of a value (the loss), or NaN if the graph holds an error.
    pub fn scalar(&self, v: Var) -> f32 {
        self.value(v)
            .ok()
            .and_then(|x| x.iter().next().copied())
            .unwrap_or(f32::NAN)
    }

    /// The shape of `v`, or `None` (with the error recorded) if the graph already failed or `v`
    /// is not on the tape.
    pub(crate) fn dims(&mut self, op: &'static str, v: Var) -> Option<Dims> {
        if self.error.is_some() {
            return None;
        }
        if v.0 >= self.len {
            self.error = Some(Error::UnknownVar {
                op,
                index: v.0,
                len: self.len,
            });
            return None;
        }
        Some(self.nodes[v.0].dims)
    }

    /// Unwraps a result, recording its error.
    pub(crate) fn ok<T>(&mut self, r: Result<T, Error>) -> Option<T> {
        match r {
            Ok(x) => Some(x),
            Err(e) => {
                self.error.get_or_insert(e);
                None
            }
        }
    }

    pub(crate) fn fail(&mut self, e: Error) -> Var {
        self.error.get_or_insert(e);
        self.invalid()
    }

    pub(crate) fn invalid(&mut self) -> Var {
        self.push(Op::Invalid, Dims::scalar(), false)
    }

    pub(crate) fn needs_grad(&self, v: Var) -> bool {
        self.nodes[v.0].needs_grad
    }

    /// Records an op with an output buffer of shape `dims`, reusing the buffer already at this
    /// position when the shape matches.
    pub(crate) fn push(&mut self, op: Op, dims: Dims, needs_grad: bool) -> Var {
        let out = self.slot(op, dims, needs_grad);
        let node = &mut self.nodes[out.0];
        if node.value.dims() != dims {
            node.value.reuse_as(dims);
        }
        out
    }

    fn slot(&mut self, op: Op, dims: Dims, needs_grad: bool) -> Var {
        if self.len == self.nodes.len() {
            self.nodes.push(Node {
                op,
                dims,
                value: Tensor::empty(),
                param: None,
                needs_grad,
                aux: Vec::new(),
                index: Vec::new(),
            });
        }
        let node = &mut self.nodes[self.len];
        node.op = op;
        node.dims = dims;
        node.needs_grad = needs_grad;
        node.param = None;
        self.len += 1;
        Var(self.len - 1)
    }

    /// The nodes before `out` (its inputs) and `out` itself, to read one while writing the other.
    pub(crate) fn split(&mut self, out: Var) -> (&[Node], &mut Node) {
        let (before, rest) = self.nodes.split_at_mut(out.0);
        (before, &mut rest[0])
    }
}

pub(crate) fn read(nodes: &[Node], v: Var) -> ValueRef<'_> {
    let node = &nodes[v.0];
    match &node.param {
        Some(p) => ValueRef::Param(p.borrow()),
        None => ValueRef::Node(&node.value),
    }
}
