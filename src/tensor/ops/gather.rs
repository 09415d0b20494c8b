//! Row gather, the embedding lookup (`torch.nn.functional.embedding`): out[i] = table[ids[i]].
//! Its backward is a scatter-add, so a row used twice gets both gradients.

use crate::error::Error;
use crate::tensor::backward::Backward;
use crate::tensor::dims::Dims;
use crate::tensor::graph::{read, Graph, Op, Var};

impl Graph {
    /// Rows `ids` of `table`.
    ///
    /// # Shapes
    /// - table: (V, D), ids: `batch_shape` (row-major) → (*batch_shape, D)
    pub fn gather_rows(&mut self, table: Var, ids: &[usize], batch_shape: &[usize]) -> Var {
        let Some(dt) = self.dims("gather_rows", table) else {
            return self.invalid();
        };
        if dt.len() != 2 || dt[1] == 0 || batch_shape.iter().product::<usize>() != ids.len() {
            return self.fail(Error::ShapeMismatch {
                op: "gather_rows",
                lhs: dt.to_vec(),
                rhs: batch_shape.to_vec(),
            });
        }
        let (vocab, d) = (dt[0], dt[1]);
        if let Some(&bad) = ids.iter().find(|&&i| i >= vocab) {
            return self.fail(Error::IndexOutOfRange {
                op: "gather_rows",
                index: bad,
                len: vocab,
            });
        }
        let Some(out_dims) = self.ok(Dims::concat("gather_rows", batch_shape, &[d])) else {
            return self.invalid();
        };
        let needs_grad = self.needs_grad(table);
        let out = self.push(Op::GatherRows { table }, out_dims, needs_grad);
        let (nodes, node) = self.split(out);
        node.index.clear();
        node.index.extend_from_slice(ids);
        let t = read(nodes, table);
        for (row, &id) in node.value.data_mut().chunks_exact_mut(d).zip(ids) {
            row.copy_from_slice(&t.data()[id * d..][..d]);
        }
        out
    }
}

/// d table[ids[i]] += dy[i].
pub(crate) fn backward(bw: &mut Backward, table: Var) {
    let d = bw.dims(table)[1];
    let (ids, dy) = (&bw.node.index, bw.dy);
    if let Some(gt) = bw.grad(table) {
        for (&id, row) in ids.iter().zip(dy.chunks_exact(d)) {
            for (g, &x) in gt[id * d..][..d].iter_mut().zip(row) {
                *g += x;
            }
        }
    }
}
