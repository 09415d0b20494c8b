//! Checks of `sgemm` and `sgemm_bias_act` against a naive triple loop in f64, over every
//! transpose combination, odd sizes that cut tiles and blocks, padded strides and the epilogue.

use super::blocking::{blocked, Driver};
use super::gemm::gemm;
use super::microkernel::Epilogue;
use super::{sgemm, sgemm_bias_act, Activation, Trans};

/// Seeded xorshift: the same matrices on every run and every target.
struct Xorshift(u64);

impl Xorshift {
    /// Uniform in [-1, 1).
    fn next(&mut self) -> f32 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 40) as f32 / (1u64 << 23) as f32 - 1.0
    }

    fn fill(&mut self, len: usize) -> Vec<f32> {
        (0..len).map(|_| self.next()).collect()
    }
}

/// One multiply, with every stored matrix padded by `pad` columns beyond its width.
#[derive(Clone, Copy, Debug)]
struct Case {
    ta: Trans,
    tb: Trans,
    m: usize,
    n: usize,
    k: usize,
    pad: usize,
    beta: f32,
    bias: bool,
    act: Option<Activation>,
}

impl Case {
    fn plain(ta: Trans, tb: Trans, m: usize, n: usize, k: usize) -> Case {
        Case {
            ta,
            tb,
            m,
            n,
            k,
            pad: 0,
            beta: 0.0,
            bias: false,
            act: None,
        }
    }
}

const TRANS: [(Trans, Trans); 4] = [
    (Trans::N, Trans::N),
    (Trans::N, Trans::T),
    (Trans::T, Trans::N),
    (Trans::T, Trans::T),
];

/// Runs `case` through the public API and the reference; panics with the case on a mismatch.
fn check(case: Case, seed: u64) {
    check_with(case, seed, None);
}

/// As [`check`], or through `driver` to reach a microkernel this CPU would not pick.
fn check_with(case: Case, seed: u64, driver: Option<Driver>) {
    let Case {
        ta,
        tb,
        m,
        n,
        k,
        pad,
        beta,
        bias,
        act,
    } = case;
    let mut rng = Xorshift(seed | 1);
    // Stored shapes: A is m×k or k×m, B is k×n or n×k.
    let (a_rows, a_cols) = if ta == Trans::N { (m, k) } else { (k, m) };
    let (b_rows, b_cols) = if tb == Trans::N { (k, n) } else { (n, k) };
    let (lda, ldb, ldc) = (a_cols + pad, b_cols + pad, n + pad);
    let a = rng.fill(a_rows * lda);
    let b = rng.fill(b_rows * ldb);
    let bias = bias.then(|| rng.fill(n));
    // With beta = 0 the old C is NaN, which must not leak into the result.
    let c0: Vec<f32> = if beta == 0.0 {
        vec![f32::NAN; m * ldc]
    } else {
        rng.fill(m * ldc)
    };

    let mut c = c0.clone();
    match (driver, act) {
        (None, None) => sgemm(ta, tb, m, n, k, &a, lda, &b, ldb, beta, &mut c, ldc),
        (None, Some(act)) => sgemm_bias_act(
            ta,
            tb,
            m,
            n,
            k,
            &a,
            lda,
            &b,
            ldb,
            bias.as_deref(),
            act,
            &mut c,
            ldc,
        ),
        (Some(driver), act) => {
            let relu = act == Some(Activation::Relu);
            let epi = Epilogue {
                beta,
                bias: bias.as_deref(),
                relu,
            };
            gemm(ta, tb, m, n, k, &a, lda, &b, ldb, &mut c, ldc, epi, driver);
        }
    }

    let op_a = |i: usize, p: usize| {
        if ta == Trans::N {
            a[i * lda + p]
        } else {
            a[p * lda + i]
        }
    };
    let op_b = |p: usize, j: usize| {
        if tb == Trans::N {
            b[p * ldb + j]
        } else {
            b[j * ldb + p]
        }
    };
    for i in 0..m {
        for j in 0..n {
            let (mut sum, mut magnitude) = (0.0f64, 0.0f64);
            for p in 0..k {
                let product = op_a(i, p) as f64 * op_b(p, j) as f64;
                sum += product;
                magnitude += product.abs();
            }
            if let Some(bias) = &bias {
                sum += bias[j] as f64;
                magnitude += bias[j].abs() as f64;
            }
            if beta != 0.0 {
                sum += (beta * c0[i * ldc + j]) as f64;
                magnitude += (beta * c0[i * ldc + j]).abs() as f64;
            }
            if act == Some(Activation::Relu) {
                sum = sum.max(0.0);
            }
            // A sum of k+2 f32 terms errs by at most about (k+2)·ε·Σ|terms|.
            let tolerance = 2.0 * (k + 2) as f64 * f32::EPSILON as f64 * magnitude + 1e-30;
            let got = c[i * ldc + j] as f64;
            assert!(
                (got - sum).abs() <= tolerance,
                "{case:?}: C[{i}, {j}] = {got}, expected {sum} (tolerance {tolerance:e})"
            );
        }
        // The padding beyond column n belongs to the caller and must be untouched.
        for j in n..ldc {
            assert!(
                c[i * ldc + j].to_bits() == c0[i * ldc + j].to_bits(),
                "{case:?}: padding C[{i}, {j}] was overwritten"
            );
        }
    }
}

mod api;
mod microkernels;
mod shapes;
