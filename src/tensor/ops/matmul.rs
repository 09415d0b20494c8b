//! Matrix products, plain and batched, with either operand transposed in place through the GEMM's
//! transpose flags (BLAS `sgemm`); the backward pass is two more GEMMs, dA = dC·Bᵀ and dB = Aᵀ·dC.

use crate::error::Error;
use crate::kernels::{sgemm, Trans};
use crate::tensor::backward::Backward;
use crate::tensor::dims::Dims;
use crate::tensor::graph::{read, Graph, Op, Var};

/// `batch` independent products op(A)[m×k]·op(B)[k×n], the i-th reading A and B at
/// `i·a_step` and `i·b_step`.
struct Plan {
    batch: usize,
    m: usize,
    n: usize,
    k: usize,
    a_step: usize,
    b_step: usize,
}

impl Plan {
    /// Row strides of A and B as stored (m×k or k×m, k×n or n×k).
    fn lda(&self, ta: Trans) -> usize {
        if ta == Trans::N {
            self.k
        } else {
            self.m
        }
    }

    fn ldb(&self, tb: Trans) -> usize {
        if tb == Trans::N {
            self.n
        } else {
            self.k
        }
    }
}

/// Accepts (…, m, k)·(k, n), where A's leading axes are just more rows, and (…, m, k)·(…, k, n)
/// with equal leading axes, one product per leading index; `ta`/`tb` transpose the last two axes.
fn plan(da: &Dims, db: &Dims, ta: Trans, tb: Trans) -> Result<(Plan, Dims), Error> {
    let mismatch = || Error::ShapeMismatch {
        op: "matmul",
        lhs: da.to_vec(),
        rhs: db.to_vec(),
    };
    let (ra, rb) = (da.len(), db.len());
    if ra < 2 || rb < 2 {
        return Err(mismatch());
    }
    let (m, k) = match ta {
        Trans::N => (da[ra - 2], da[ra - 1]),
        Trans::T => (da[ra - 1], da[ra - 2]),
    };
    let (kb, n) = match tb {
        Trans::N => (db[rb - 2], db[rb - 1]),
        Trans::T => (db[rb - 1], db[rb - 2]),
    };
    if k != kb {
        return Err(mismatch());
    }
    if rb == 2 && ta == Trans::N {
        // (…, m, k)·(k, n) → (…, m, n): one GEMM over all rows.
        let rows = da[..ra - 1].iter().product();
        let out = Dims::concat("matmul", &da[..ra - 1], &[n])?;
        let plan = Plan {
            batch: 1,
            m: rows,
            n,
            k,
            a_step: 0,
            b_step: 0,
        };
        return Ok((plan, out));
    }
    if ra != rb || da[..ra - 2] != db[..rb - 2] {
        return Err(mismatch());
    }
    // (…, m, k)·(…, k, n) → (…, m, n)
    let out = Dims::concat("matmul", &da[..ra - 2], &[m, n])?;
    let plan = Plan {
        batch: da[..ra - 2].iter().product(),
        m,
        n,
        k,
        a_step: m * k,
        b_step: k * n,
    };
    Ok((plan, out))
}

impl Graph {
    /// a·b.
    ///
    /// # Shapes
    /// - a: (…, m, k), b: (k, n) or (…, k, n) → (…, m, n)
    pub fn matmul(&mut self, a: Var, b: Var) -> Var {
        self.matmul_t(a, b, Trans::N, Trans::N)
    }

    /// op(a)·op(b), where `Trans::T` transposes the last two axes of an operand without moving
    /// any data: `matmul_t(q, k, N, T)` is q·kᵀ.
    ///
    /// # Shapes
    /// - op(a): (…, m, k), op(b): (k, n) or (…, k, n) → (…, m, n); a 2-D b with a transposed a
    ///   is not accepted.
    pub fn matmul_t(&mut self, a: Var, b: Var, ta: Trans, tb: Trans) -> Var {
        let (Some(da), Some(db)) = (self.dims("matmul", a), self.dims("matmul", b)) else {
            return self.invalid();
        };
        let Some((p, out_dims)) = self.ok(plan(&da, &db, ta, tb)) else {
            return self.invalid();
        };
        let needs_grad = self.needs_grad(a) || self.needs_grad(b);
        let out = self.push(Op::MatMul { a, b, ta, tb }, out_dims, needs_grad);
        let (nodes, node) = self.split(out);
        let (av, bv) = (read(nodes, a), read(nodes, b));
        let (av, bv, c) = (av.data(), bv.data(), node.value.data_mut());
        let (lda, ldb, mn) = (p.lda(ta), p.ldb(tb), p.m * p.n);
        for i in 0..p.batch {
            // C_i[m×n] = op(A_i)[m×k]·op(B_i)[k×n]
            sgemm(
                ta,
                tb,
                p.m,
                p.n,
                p.k,
                &av[i * p.a_step..],
                lda,
                &bv[i * p.b_step..],
                ldb,
                0.0,
                &mut c[i * mn..],
                p.n,
            );
        }
        out
    }
}

fn flip(t: Trans) -> Trans {
    match t {
        Trans::N => Trans::T,
        Trans::T => Trans::N,
    }
}

/// With C = op(A)·op(B): d op(A) = dC·op(B)ᵀ and d op(B) = op(A)ᵀ·dC. When A is stored
/// transposed, dA = (dC·op(B)ᵀ)ᵀ = op(B)·dCᵀ; likewise dB = dCᵀ·op(A) when B is.
pub(crate) fn backward(bw: &mut Backward, a: Var, b: Var, ta: Trans, tb: Trans) {
    let Ok((p, _)) = plan(&bw.dims(a), &bw.dims(b), ta, tb) else {
        return;
    };
    let (av, bv, dc) = (bw.value(a), bw.value(b), bw.dy);
    let (av, bv) = (av.data(), bv.data());
    let (lda, ldb, mn) = (p.lda(ta), p.ldb(tb), p.m * p.n);
    // The first share written into a gradient overwrites it (beta 0); a gradient shared by
    // every batch (step 0) takes the later batches' shares on top.
    let beta_at = |i: usize, step: usize, first: f32| if i > 0 && step == 0 { 1.0 } else { first };
    if let Some((ga, first)) = bw.grad_beta(a) {
        for i in 0..p.batch {
            let beta = beta_at(i, p.a_step, first);
            let (dc, b, ga) = (&dc[i * mn..], &bv[i * p.b_step..], &mut ga[i * p.a_step..]);
            match ta {
                // dA[m×k] += dC[m×n]·op(B)ᵀ[n×k]
                Trans::N => sgemm(
                    Trans::N,
                    flip(tb),
                    p.m,
                    p.k,
                    p.n,
                    dc,
                    p.n,
                    b,
                    ldb,
                    beta,
                    ga,
                    lda,
                ),
                // dA[k×m] += op(B)[k×n]·dCᵀ[n×m]
                Trans::T => sgemm(tb, Trans::T, p.k, p.m, p.n, b, ldb, dc, p.n, beta, ga, lda),
            }
        }
    }
    if let Some((gb, first)) = bw.grad_beta(b) {
        for i in 0..p.batch {
            let beta = beta_at(i, p.b_step, first);
            let (dc, a, gb) = (&dc[i * mn..], &av[i * p.a_step..], &mut gb[i * p.b_step..]);
            match tb {
                // dB[k×n] += op(A)ᵀ[k×m]·dC[m×n]
                Trans::N => sgemm(
                    flip(ta),
                    Trans::N,
                    p.k,
                    p.n,
                    p.m,
                    a,
                    lda,
                    dc,
                    p.n,
                    beta,
                    gb,
                    ldb,
                ),
                // dB[n×k] += dCᵀ[n×m]·op(A)[m×k]
                Trans::T => sgemm(Trans::T, ta, p.n, p.k, p.m, dc, p.n, a, lda, beta, gb, ldb),
            }
        }
    }
}
