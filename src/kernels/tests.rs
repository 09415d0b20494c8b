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

#[test]
fn should_match_reference_for_all_transposes_and_odd_sizes() {
    let sizes = [1, 3, 7, 17, 33];
    for (t, &(ta, tb)) in TRANS.iter().enumerate() {
        for &m in &sizes {
            for &n in &sizes {
                for &k in &sizes {
                    check(
                        Case::plain(ta, tb, m, n, k),
                        (t * 1000 + m * 100 + n * 10 + k) as u64,
                    );
                }
            }
        }
    }
}

#[test]
fn should_match_reference_across_cache_blocks() {
    // 65 and 130 cut register tiles; 130 rows exceed one A block, k = 600 spans three k blocks
    // (beta and bias on the first, ReLU on the last), and n = 1100 spans two B panels.
    let shapes = [
        (65, 65, 65),
        (130, 130, 130),
        (130, 33, 600),
        (7, 1100, 17),
        (100, 17, 300),
    ];
    for &(ta, tb) in &TRANS {
        for &(m, n, k) in &shapes {
            check(Case::plain(ta, tb, m, n, k), (m * n + k) as u64);
            check(
                Case {
                    beta: 1.0,
                    ..Case::plain(ta, tb, m, n, k)
                },
                7,
            );
            let layer = Case {
                bias: true,
                act: Some(Activation::Relu),
                ..Case::plain(ta, tb, m, n, k)
            };
            check(layer, 11);
        }
    }
}

/// Every microkernel this target has, with its name, whatever the dispatch would pick.
fn all_kernels() -> Vec<(&'static str, Driver)> {
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    let kernels: Vec<(&'static str, Driver)> = {
        use super::microkernel_wasm::{Simd128, RELAXED};
        // A relaxed build has only the relaxed-FMA kernel: these same tests, with the same
        // tolerance, are what checks it.
        if RELAXED {
            vec![
                ("simd128 relaxed-FMA 4×8", blocked::<Simd128<4, 2>>),
                ("simd128 relaxed-FMA 8×4", blocked::<Simd128<8, 1>>),
            ]
        } else {
            vec![
                ("simd128 4×8", blocked::<Simd128<4, 2>>),
                ("simd128 8×4", blocked::<Simd128<8, 1>>),
            ]
        }
    };
    #[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
    #[allow(unused_mut)] // only x86_64 adds to it
    let mut kernels: Vec<(&'static str, Driver)> = vec![(
        "portable 4×8",
        blocked::<super::microkernel_portable::Portable>,
    )];
    #[cfg(target_arch = "x86_64")]
    if is_x86_feature_detected!("avx2") && is_x86_feature_detected!("fma") {
        use super::microkernel_portable::Avx2Fma;
        kernels.push(("avx2 6×16", blocked::<Avx2Fma<6, 16>>));
        kernels.push(("avx2 8×8", blocked::<Avx2Fma<8, 8>>));
    }
    kernels
}

#[test]
fn should_match_reference_with_every_kernel_of_this_target() {
    // Shapes that cut tiles of every kernel, span k blocks, and take A in place (n ≤ 128) or
    // packed (n > 128), through all transposes, beta and the fused epilogue.
    let shapes = [
        (1, 1, 1),
        (7, 3, 17),
        (17, 33, 7),
        (33, 17, 300),
        (65, 130, 33),
        (9, 200, 5),
    ];
    for (name, driver) in all_kernels() {
        for &(ta, tb) in &TRANS {
            for &(m, n, k) in &shapes {
                let plain = Case::plain(ta, tb, m, n, k);
                let seed = (m * 31 + n * 7 + k) as u64;
                for case in [
                    plain,
                    Case {
                        beta: 1.0,
                        pad: 3,
                        ..plain
                    },
                    Case {
                        bias: true,
                        act: Some(Activation::Relu),
                        ..plain
                    },
                ] {
                    let outcome = std::panic::catch_unwind(|| check_with(case, seed, Some(driver)));
                    assert!(outcome.is_ok(), "kernel {name} failed");
                }
            }
        }
    }
}

#[test]
fn should_give_zero_for_nan_under_relu_with_every_kernel() {
    // A NaN bias makes its column's pre-activation NaN; ReLU must give +0 there in full tiles
    // (the SIMD store), edge tiles and k = 0 (the scalar epilogue) alike. A relaxed build must
    // not leave this to the engine, as relaxed_max would (its result for NaN is the engine's).
    let (m, n) = (13, 19);
    for (name, driver) in all_kernels() {
        for k in [0, 5] {
            let a = vec![0.0f32; m * k];
            let b = vec![0.0f32; k * n];
            let bias: Vec<f32> = (0..n).map(|j| [f32::NAN, -1.0, 1.0][j % 3]).collect();
            let mut c = vec![f32::NAN; m * n];
            let epi = Epilogue {
                beta: 0.0,
                bias: Some(&bias),
                relu: true,
            };
            gemm(
                Trans::N,
                Trans::N,
                m,
                n,
                k,
                &a,
                k,
                &b,
                n,
                &mut c,
                n,
                epi,
                driver,
            );
            for (i, row) in c.chunks(n).enumerate() {
                for (j, &x) in row.iter().enumerate() {
                    let want = [0.0f32, 0.0, 1.0][j % 3];
                    assert!(
                        x.to_bits() == want.to_bits(),
                        "kernel {name}, k = {k}: C[{i}, {j}] = {x:?}, expected {want:?}"
                    );
                }
            }
        }
    }
}

#[test]
fn should_accumulate_and_scale_with_beta() {
    for &(ta, tb) in &TRANS {
        for beta in [1.0, 0.5, -2.0] {
            for &(m, n, k) in &[(1, 1, 1), (7, 17, 3), (33, 65, 17), (17, 7, 300)] {
                check(
                    Case {
                        beta,
                        ..Case::plain(ta, tb, m, n, k)
                    },
                    3,
                );
            }
        }
    }
}

#[test]
fn should_fuse_bias_and_relu_into_the_store() {
    for &(ta, tb) in &TRANS {
        for bias in [false, true] {
            for act in [Activation::Identity, Activation::Relu] {
                for &(m, n, k) in &[(1, 1, 1), (3, 7, 17), (33, 17, 7), (65, 33, 130)] {
                    check(
                        Case {
                            bias,
                            act: Some(act),
                            ..Case::plain(ta, tb, m, n, k)
                        },
                        5,
                    );
                }
            }
        }
    }
}

#[test]
fn should_respect_leading_dimensions_wider_than_the_matrix() {
    for &(ta, tb) in &TRANS {
        for &(m, n, k) in &[(1, 1, 1), (7, 3, 17), (17, 33, 7), (33, 17, 65)] {
            check(
                Case {
                    pad: 5,
                    ..Case::plain(ta, tb, m, n, k)
                },
                13,
            );
            check(
                Case {
                    pad: 3,
                    beta: 1.0,
                    ..Case::plain(ta, tb, m, n, k)
                },
                17,
            );
            let layer = Case {
                pad: 4,
                bias: true,
                act: Some(Activation::Relu),
                ..Case::plain(ta, tb, m, n, k)
            };
            check(layer, 19);
        }
    }
}

#[test]
fn should_match_reference_on_autoencoder_shapes() {
    // A Linear layer in→out at batch 32: forward x·W, dW = xᵀ·dY, dx = dY·Wᵀ (W stored in×out).
    for &(inp, out) in &[(784, 128), (64, 32), (16, 8), (8, 4), (4, 8), (128, 784)] {
        let batch = 32;
        let forward = Case {
            bias: true,
            act: Some(Activation::Relu),
            ..Case::plain(Trans::N, Trans::N, batch, out, inp)
        };
        check(forward, 23);
        check(Case::plain(Trans::T, Trans::N, inp, out, batch), 29);
        check(Case::plain(Trans::N, Trans::T, batch, inp, out), 31);
    }
}

#[test]
fn should_handle_degenerate_sizes() {
    for &(ta, tb) in &TRANS {
        for &(m, n, k) in &[(0, 5, 3), (5, 0, 3), (0, 0, 0), (4, 6, 0), (1, 1, 0)] {
            check(Case::plain(ta, tb, m, n, k), 37);
            check(
                Case {
                    beta: 0.5,
                    pad: 2,
                    ..Case::plain(ta, tb, m, n, k)
                },
                41,
            );
            let layer = Case {
                bias: true,
                act: Some(Activation::Relu),
                ..Case::plain(ta, tb, m, n, k)
            };
            check(layer, 43);
        }
    }
    // Empty matrices need no storage at all.
    let mut c = [];
    sgemm(Trans::N, Trans::N, 0, 0, 7, &[], 0, &[], 0, 0.0, &mut c, 0);
}

#[test]
fn should_give_exact_values_on_a_small_layer() {
    // x = [[1, 2], [3, 4]], W = [[1, -1], [0, 1]], bias = [0.5, -10]:
    // x·W = [[1, 1], [3, 1]]; + bias = [[1.5, -9], [3.5, -9]]; ReLU → [[1.5, 0], [3.5, 0]].
    let (x, w, bias) = ([1.0, 2.0, 3.0, 4.0], [1.0, -1.0, 0.0, 1.0], [0.5, -10.0]);
    let mut y = [f32::NAN; 4];
    let (n, relu) = (Trans::N, Activation::Relu);
    sgemm_bias_act(n, n, 2, 2, 2, &x, 2, &w, 2, Some(&bias), relu, &mut y, 2);
    assert_eq!(y, [1.5, 0.0, 3.5, 0.0]);
}

#[test]
#[should_panic(expected = "needs 12 floats")]
fn should_panic_on_a_short_operand() {
    let mut c = [0.0; 4];
    sgemm(
        Trans::N,
        Trans::N,
        2,
        2,
        6,
        &[0.0; 11],
        6,
        &[0.0; 12],
        2,
        0.0,
        &mut c,
        2,
    );
}

#[test]
#[should_panic(expected = "row stride")]
fn should_panic_on_a_stride_narrower_than_the_matrix() {
    let mut c = [0.0; 4];
    sgemm(
        Trans::N,
        Trans::T,
        2,
        2,
        3,
        &[0.0; 6],
        3,
        &[0.0; 6],
        2,
        0.0,
        &mut c,
        2,
    );
}

#[test]
#[should_panic(expected = "bias has 3 entries")]
fn should_panic_on_a_bias_of_the_wrong_length() {
    let mut c = [0.0; 4];
    let id = Activation::Identity;
    sgemm_bias_act(
        Trans::N,
        Trans::N,
        2,
        2,
        2,
        &[0.0; 4],
        2,
        &[0.0; 4],
        2,
        Some(&[0.0; 3]),
        id,
        &mut c,
        2,
    );
}
