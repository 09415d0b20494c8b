//! Each microkernel of this target, whichever the dispatch would pick.

use super::*;

/// Every microkernel this target has, with its name, whatever the dispatch would pick.
fn all_kernels() -> Vec<(&'static str, Driver)> {
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    let kernels: Vec<(&'static str, Driver)> = {
        use crate::kernels::microkernel_wasm::{Simd128, RELAXED};
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
        blocked::<crate::kernels::microkernel_portable::Portable>,
    )];
    #[cfg(target_arch = "x86_64")]
    if is_x86_feature_detected!("avx2") && is_x86_feature_detected!("fma") {
        use crate::kernels::microkernel_portable::Avx2Fma;
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
