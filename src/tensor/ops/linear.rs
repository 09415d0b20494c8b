//! The affine map y = act(x·W + b) as one op, so the bias and a ReLU ride in the GEMM's store
//! (`kernels::sgemm_bias_act`) and the whole layer is one sweep over y. W is stored (in, out), as
//! in `torch.nn.functional.linear` with the weight pre-transposed.

use crate::error::Error;
use crate::kernels::{sgemm, sgemm_bias_act, Activation as Epilogue, Trans};
use crate::tensor::backward::Backward;
use crate::tensor::dims::Dims;
use crate::tensor::graph::{read, Graph, Op, Var};
use crate::tensor::ops::activation::Activation;

/// (rows, d_in, d_out) of x·W with x: (…, d_in) and W: (d_in, d_out), and the output shape.
fn plan(dx: &Dims, dw: &Dims, db: Option<Dims>) -> Result<(usize, usize, usize, Dims), Error> {
    let mismatch = |rhs: &Dims| Error::ShapeMismatch {
        op: "linear",
        lhs: dx.to_vec(),
        rhs: rhs.to_vec(),
    };
    if dx.is_empty() || dw.len() != 2 || dx.last() != dw[0] || dw[1] == 0 {
        return Err(mismatch(dw));
    }
    if let Some(db) = db.filter(|db| db.as_slice() != [dw[1]]) {
        return Err(mismatch(&db));
    }
    let rows = dx[..dx.len() - 1].iter().product();
    let out = Dims::concat("linear", &dx[..dx.len() - 1], &[dw[1]])?;
    Ok((rows, dw[0], dw[1], out))
}

impl Graph {
    /// act(x·w + b). Identity and ReLU are fused into the matrix product; other activations
    /// follow as their own op.
    ///
    /// # Shapes
    /// - x: (…, d_in), w: (d_in, d_out), b: (d_out) → (…, d_out)
    pub fn linear(&mut self, x: Var, w: Var, b: Option<Var>, act: Activation) -> Var {
        match act {
            Activation::Identity => self.affine(x, w, b, false),
            Activation::Relu => self.affine(x, w, b, true),
            _ => {
                let z = self.affine(x, w, b, false);
                self.activation(z, act)
            }
        }
    }

    fn affine(&mut self, x: Var, w: Var, b: Option<Var>, relu: bool) -> Var {
        let (Some(dx), Some(dw)) = (self.dims("linear", x), self.dims("linear", w)) else {
            return self.invalid();
        };
        let db = match b {
            Some(b) => match self.dims("linear", b) {
                Some(d) => Some(d),
                None => return self.invalid(),
            },
            None => None,
        };
        let Some((rows, d_in, d_out, out_dims)) = self.ok(plan(&dx, &dw, db)) else {
            return self.invalid();
        };
        let needs_grad =
            self.needs_grad(x) || self.needs_grad(w) || b.is_some_and(|b| self.needs_grad(b));
        let out = self.push(Op::Linear { x, w, b, relu }, out_dims, needs_grad);
        let (nodes, node) = self.split(out);
        let (xv, wv, bv) = (read(nodes, x), read(nodes, w), b.map(|b| read(nodes, b)));
        let act = if relu {
            Epilogue::Relu
        } else {
            Epilogue::Identity
        };
        // y[rows×d_out] = act(x[rows×d_in]·W[d_in×d_out] + b)
        sgemm_bias_act(
            Trans::N,
            Trans::N,
            rows,
            d_out,
            d_in,
            xv.data(),
            d_in,
            wv.data(),
            d_out,
            bv.as_ref().map(|b| b.data()),
            act,
            node.value.data_mut(),
            d_out,
        );
        out
    }
}

/// dZ = dY ⊙ 1[y > 0] (ReLU) or dY; dW = xᵀ·dZ, db = Σ_rows dZ, dx = dZ·Wᵀ, the transposes
/// taken by the GEMM's flags.
pub(crate) fn backward(bw: &mut Backward, x: Var, w: Var, b: Option<Var>, relu: bool) {
    let (dx, dw) = (bw.dims(x), bw.dims(w));
    let (d_in, d_out) = (dw[0], dw[1]);
    let rows = dx[..dx.len() - 1].iter().product();
    let (xv, wv) = (bw.value(x), bw.value(w));
    let mut scratch = std::mem::take(bw.scratch);
    let dz: &[f32] = if relu {
        let y = bw.node.value.data();
        scratch.clear();
        scratch.extend(
            bw.dy
                .iter()
                .zip(y)
                .map(|(&g, &y)| if y > 0.0 { g } else { 0.0 }),
        );
        &scratch
    } else {
        bw.dy
    };
    if let Some((gw, beta)) = bw.grad_beta(w) {
        // dW[d_in×d_out] (+)= xᵀ[d_in×rows]·dZ[rows×d_out]
        sgemm(
            Trans::T,
            Trans::N,
            d_in,
            d_out,
            rows,
            xv.data(),
            d_in,
            dz,
            d_out,
            beta,
            gw,
            d_out,
        );
    }
    if let Some(gb) = b.and_then(|b| bw.grad(b)) {
        for row in dz.chunks_exact(d_out) {
            for (g, &d) in gb.iter_mut().zip(row) {
                *g += d;
            }
        }
    }
    if let Some((gx, beta)) = bw.grad_beta(x) {
        // dx[rows×d_in] (+)= dZ[rows×d_out]·Wᵀ[d_out×d_in]
        sgemm(
            Trans::N,
            Trans::T,
            rows,
            d_in,
            d_out,
            dz,
            d_out,
            wv.data(),
            d_out,
            beta,
            gx,
            d_in,
        );
    }
    *bw.scratch = scratch;
}
