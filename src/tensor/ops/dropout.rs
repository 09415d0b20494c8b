//! Inverted dropout (Srivastava et al. 2014, "Dropout"): zero each element with probability p
//! and scale the survivors by 1/(1 − p), so the expected value is unchanged and evaluation needs
//! no rescaling. The mask comes from the caller's seeded generator.

use crate::error::Error;
use crate::rng::Rng;
use crate::tensor::backward::Backward;
use crate::tensor::graph::{read, Graph, Op, Var};

impl Graph {
    /// Dropout with drop probability `p` in [0, 1); p = 0 records nothing.
    pub fn dropout(&mut self, a: Var, p: f32, rng: &mut Rng) -> Var {
        let Some(dims) = self.dims("dropout", a) else {
            return self.invalid();
        };
        if !(0.0..1.0).contains(&p) {
            return self.fail(Error::OutOfRange {
                field: "dropout",
                value: f64::from(p),
                min: 0.0,
                max: 1.0,
            });
        }
        if p == 0.0 {
            return a;
        }
        let needs_grad = self.needs_grad(a);
        let out = self.push(Op::Dropout { a }, dims, needs_grad);
        let (nodes, node) = self.split(out);
        let keep = 1.0 / (1.0 - p);
        node.aux.clear();
        node.aux
            .extend((0..dims.numel()).map(|_| if rng.next_f32() < p { 0.0 } else { keep }));
        let x = read(nodes, a);
        for ((y, &x), &m) in node
            .value
            .data_mut()
            .iter_mut()
            .zip(x.data())
            .zip(&node.aux)
        {
            *y = x * m;
        }
        out
    }
}

/// y = x ⊙ m, so dx = dy ⊙ m.
pub(crate) fn backward(bw: &mut Backward, a: Var) {
    let (mask, dy) = (&bw.node.aux, bw.dy);
    if let Some(gx) = bw.grad(a) {
        for ((g, &m), &d) in gx.iter_mut().zip(mask).zip(dy) {
            *g += d * m;
        }
    }
}
