//! The reverse sweep: seed the output's gradient, walk the tape from the end, and let each op add
//! its inputs' share (the chain rule, ∂L/∂x = Σ_y ∂L/∂y · ∂y/∂x). Gradients land in buffers the
//! graph keeps and come back as a store keyed by `ParamId` and `Var`, as candle's `GradStore`.

use std::rc::Rc;

use super::dims::Dims;
use super::graph::{read, Graph, Node, Op, ValueRef, Var};
use super::ops::{
    activation, binary, dropout, gather, layer_norm, linear, loss, matmul, reduce, shape, softmax,
    unary, vae,
};
use super::param::{ParamId, ParamStore};
use super::storage::Tensor;
use crate::error::Error;

impl Graph {
    /// Gradients of the scalar `loss` with respect to every parameter it depends on, and every
    /// input made with [`Graph::input_with_grad`].
    pub fn backward(&mut self, loss: Var, params: &ParamStore) -> Result<Grads<'_>, Error> {
        self.backward_with(loss, &[1.0], params)
    }

    /// As [`Graph::backward`], for any output `out` with upstream gradient `seed` (same number of
    /// elements, row-major): what gradient checks and reference fixtures need.
    pub fn backward_with(
        &mut self,
        out: Var,
        seed: &[f32],
        params: &ParamStore,
    ) -> Result<Grads<'_>, Error> {
        self.check()?;
        if out.0 >= self.len {
            return Err(Error::UnknownVar {
                op: "backward",
                index: out.0,
                len: self.len,
            });
        }
        let dims = self.nodes[out.0].dims;
        if dims.numel() != seed.len() {
            return Err(Error::ShapeMismatch {
                op: "backward",
                lhs: dims.to_vec(),
                rhs: vec![seed.len()],
            });
        }
        self.zero_param_grads(params)?;
        self.size_node_grads();
        let node = &self.nodes[out.0];
        if node.needs_grad && node.param.is_none() {
            self.grads[out.0].copy_from_slice(seed);
            self.written[out.0] = true;
        }
        for i in (0..=out.0).rev() {
            if !self.nodes[i].needs_grad || self.nodes[i].param.is_some() {
                continue;
            }
            // Nothing downstream reached it: its gradient is zero, and its rule still runs,
            // so that what it reads marks the parameters it depends on as seen.
            self.zero_node_grad(i);
            let node = &self.nodes[i];
            let (before, rest) = self.grads.split_at_mut(i);
            let mut bw = Backward {
                nodes: &self.nodes[..self.len],
                node,
                dy: rest[0].data(),
                grads: before,
                written: &mut self.written[..i],
                param_grads: &mut self.param_grads,
                param_seen: &mut self.param_seen,
                scratch: &mut self.scratch,
            };
            bw.run();
        }
        // Nodes recorded after `out` do not feed it: their gradients are zero.
        for i in out.0 + 1..self.len {
            self.zero_node_grad(i);
        }
        Ok(Grads {
            nodes: &self.nodes[..self.len],
            grads: &self.grads,
            params: &mut self.param_grads[..params.len()],
            seen: &self.param_seen[..params.len()],
        })
    }

    /// The parameter gradients of the last backward pass again, without a second sweep: a
    /// data-parallel step overwrites them with the sum over replicas ([`Grads::load_flat`])
    /// before the optimiser reads them. Until the graph records or sweeps again.
    ///
    /// # Panics
    /// If no backward pass over `params` came first.
    pub fn last_grads(&mut self, params: &ParamStore) -> Grads<'_> {
        Grads {
            nodes: &self.nodes[..self.len],
            grads: &self.grads,
            params: &mut self.param_grads[..params.len()],
            seen: &self.param_seen[..params.len()],
        }
    }

    fn zero_param_grads(&mut self, params: &ParamStore) -> Result<(), Error> {
        for id in params.ids() {
            let value = params.value(id);
            if id.0 == self.param_grads.len() {
                self.param_grads.push(Tensor::empty());
                self.param_seen.push(false);
            }
            // Zeroed, or overwritten, by the first rule that writes it (`Backward::grad`):
            // one that never is stays unseen, and nothing reads an unseen gradient.
            let grad = &mut self.param_grads[id.0];
            if grad.dims() != value.dims() {
                *grad = Tensor::zeros(value.dims());
            }
            self.param_seen[id.0] = false;
        }
        // The tape must have read its parameters from this very store.
        for node in &self.nodes[..self.len] {
            if let (Op::Param(id), Some(shared)) = (node.op, &node.param) {
                if !params.shared(id).is_some_and(|p| Rc::ptr_eq(p, shared)) {
                    return Err(Error::UnknownParam {
                        op: "backward",
                        index: id.0,
                        len: params.len(),
                    });
                }
            }
        }
        Ok(())
    }

    /// Gives every node a gradient buffer of its shape without zeroing it. The first rule to
    /// write one either overwrites all of it ([`Backward::grad_beta`]: a GEMM with beta 0, a
    /// copy) or has it zeroed first ([`Backward::grad`]), when its lines are about to be in
    /// cache anyway. Zeroing every gradient up front was 6% of a Transformer step.
    fn size_node_grads(&mut self) {
        self.written.clear();
        self.written.resize(self.len, false);
        for (i, node) in self.nodes[..self.len].iter().enumerate() {
            if i == self.grads.len() {
                self.grads.push(Tensor::empty());
            }
            if node.needs_grad && node.param.is_none() && self.grads[i].dims() != node.dims {
                self.grads[i].reuse_as(node.dims);
            }
        }
    }

    fn zero_node_grad(&mut self, i: usize) {
        let node = &self.nodes[i];
        if node.needs_grad && node.param.is_none() && !self.written[i] {
            self.grads[i].fill(0.0);
            self.written[i] = true;
        }
    }
}

/// What one op's backward rule sees: its node, the upstream gradient, its inputs' values, and
/// write access to its inputs' gradients: a rule adds its share, or overwrites the gradient when
/// it is the first to write it ([`Backward::grad_beta`]).
pub(crate) struct Backward<'a> {
    nodes: &'a [Node],
    pub(crate) node: &'a Node,
    pub(crate) dy: &'a [f32],
    grads: &'a mut [Tensor],
    /// Whether each of `grads` has been written in this sweep (`Graph::size_node_grads`).
    written: &'a mut [bool],
    param_grads: &'a mut [Tensor],
    param_seen: &'a mut [bool],
    /// A buffer for intermediate gradients, kept across steps.
    pub(crate) scratch: &'a mut Vec<f32>,
}

impl<'a> Backward<'a> {
    pub(crate) fn value(&self, v: Var) -> ValueRef<'a> {
        read(self.nodes, v)
    }

    pub(crate) fn dims(&self, v: Var) -> Dims {
        self.nodes[v.0].dims
    }

    /// The gradient buffer of `v`, or `None` if nothing upstream of `v` wants a gradient.
    pub(crate) fn grad(&mut self, v: Var) -> Option<&mut [f32]> {
        let node = &self.nodes[v.0];
        if !node.needs_grad {
            return None;
        }
        match node.op {
            Op::Param(id) => {
                let grad = self.param_grads[id.0].data_mut();
                if !std::mem::replace(&mut self.param_seen[id.0], true) {
                    grad.fill(0.0);
                }
                Some(grad)
            }
            _ => {
                let grad = self.grads[v.0].data_mut();
                if !std::mem::replace(&mut self.written[v.0], true) {
                    grad.fill(0.0);
                }
                Some(grad)
            }
        }
    }

    /// The gradient buffer of `v` for a rule that writes every element of it, with the GEMM
    /// `beta` to write with: 0 when no rule has written it yet in this sweep (its stale
    /// contents are then never read, and it needs no zeroing), 1 to add to what is there.
    pub(crate) fn grad_beta(&mut self, v: Var) -> Option<(&mut [f32], f32)> {
        let node = &self.nodes[v.0];
        let (grad, written) = match node.op {
            _ if !node.needs_grad => return None,
            Op::Param(id) => (&mut self.param_grads[id.0], &mut self.param_seen[id.0]),
            _ => (&mut self.grads[v.0], &mut self.written[v.0]),
        };
        let beta = if std::mem::replace(written, true) {
            1.0
        } else {
            0.0
        };
        Some((grad.data_mut(), beta))
    }

    fn run(&mut self) {
        match self.node.op {
            Op::Invalid | Op::Input | Op::Param(_) => {}
            Op::MatMul { a, b, ta, tb } => matmul::backward(self, a, b, ta, tb),
            Op::Linear { x, w, b, relu } => linear::backward(self, x, w, b, relu),
            Op::Binary { a, b, op } => binary::backward(self, a, b, op),
            Op::Unary { a, op } => unary::backward(self, a, op),
            Op::Activation { a, f } => activation::backward(self, a, f),
            Op::Reduce { a, op, axis } => reduce::backward(self, a, op, axis),
            Op::Reshape { a } => shape::backward_reshape(self, a),
            Op::Permute { a, perm } => shape::backward_permute(self, a, &perm),
            Op::Concat { axis } => shape::backward_concat(self, axis),
            Op::Slice { a, axis, start } => shape::backward_slice(self, a, axis, start),
            Op::GatherRows { table } => gather::backward(self, table),
            Op::Softmax { a, log } => softmax::backward(self, a, log),
            Op::LayerNorm { x, gamma, beta } => layer_norm::backward(self, x, gamma, beta),
            Op::Dropout { a } => dropout::backward(self, a),
            Op::Mse { a, b } => loss::backward_mse(self, a, b),
            Op::BceWithLogits { logits, targets } => loss::backward_bce(self, logits, targets),
            Op::CrossEntropy {
                logits,
                ignore_index,
            } => loss::backward_cross_entropy(self, logits, ignore_index),
            Op::KlStdNormal { mu, logvar } => vae::backward_kl(self, mu, logvar),
            Op::Reparameterize { mu, logvar } => vae::backward_reparameterize(self, mu, logvar),
        }
    }
}

/// Gradients from one backward pass, borrowed from the graph until its next use.
pub struct Grads<'g> {
    nodes: &'g [Node],
    grads: &'g [Tensor],
    params: &'g mut [Tensor],
    seen: &'g [bool],
}

impl Grads<'_> {
    /// ∂L/∂θ for a parameter, or `None` if the loss does not depend on it.
    pub fn param(&self, id: ParamId) -> Option<&Tensor> {
        self.seen
            .get(id.0)
            .copied()
            .unwrap_or(false)
            .then(|| &self.params[id.0])
    }

    /// As [`Grads::param`], as a flat row-major slice.
    pub fn param_data(&self, id: ParamId) -> Option<&[f32]> {
        self.param(id).map(Tensor::data)
    }

    /// ∂L/∂v for a recorded value that wants a gradient (an op output, an input made with
    /// [`Graph::input_with_grad`], or a parameter node).
    pub fn var(&self, v: Var) -> Option<&Tensor> {
        let node = self.nodes.get(v.0)?;
        match node.op {
            Op::Param(id) => self.param(id),
            _ if node.needs_grad => self.grads.get(v.0),
            _ => None,
        }
    }

    /// √(Σ g²) over all parameter gradients, the quantity clipping bounds.
    pub fn global_norm(&self) -> f32 {
        let sum: f64 = self
            .params
            .iter()
            .zip(self.seen)
            .filter(|(_, &seen)| seen)
            .flat_map(|(g, _)| g.iter())
            .map(|&x| f64::from(x) * f64::from(x))
            .sum();
        sum.sqrt() as f32
    }

    /// Every parameter gradient times `scale`, one after another in parameter order, into `out`
    /// (Σ numel floats); zeros for a parameter the loss does not depend on. The wire form of a
    /// replica's share in data-parallel training.
    pub fn flatten_into(&self, scale: f32, out: &mut [f32]) -> Result<(), Error> {
        self.check_flat("Grads::flatten_into", out.len())?;
        let mut at = 0;
        for (g, &seen) in self.params.iter().zip(self.seen) {
            let dst = &mut out[at..at + g.len()];
            if seen {
                dst.iter_mut()
                    .zip(g.iter())
                    .for_each(|(d, &x)| *d = x * scale);
            } else {
                dst.fill(0.0);
            }
            at += g.len();
        }
        Ok(())
    }

    /// Overwrites every parameter gradient from `flat`, laid out as [`Grads::flatten_into`]
    /// writes it. Which parameters have a gradient is unchanged: every replica of one model
    /// records the same tape, so they agree on it.
    pub fn load_flat(&mut self, flat: &[f32]) -> Result<(), Error> {
        self.check_flat("Grads::load_flat", flat.len())?;
        let mut at = 0;
        for g in self.params.iter_mut() {
            let n = g.len();
            g.copy_from_slice(&flat[at..at + n]);
            at += n;
        }
        Ok(())
    }

    fn check_flat(&self, op: &'static str, len: usize) -> Result<(), Error> {
        let want: usize = self.params.iter().map(|g| g.len()).sum();
        if len == want {
            Ok(())
        } else {
            Err(Error::ShapeMismatch {
                op,
                lhs: vec![want],
                rhs: vec![len],
            })
        }
    }

    /// Multiplies every parameter gradient by `factor`.
    pub fn scale(&mut self, factor: f32) {
        for (g, _) in self
            .params
            .iter_mut()
            .zip(self.seen)
            .filter(|(_, &seen)| seen)
        {
            for x in g.iter_mut() {
                *x *= factor;
            }
        }
    }
}
