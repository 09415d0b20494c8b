//! The wasm SIMD128 microkernel: an MR×(4·NV) register block in the form of Goto & van de Geijn
//! 2008 (§6) and BLIS, built from `f32x4` multiply and add, or from relaxed-SIMD fused
//! multiply-add in a relaxed build.
//!
//! A relaxed build is one with the cargo feature `relaxed-simd` (how the worker_relaxed binary is
//! built, since Trunk cannot set RUSTFLAGS per binary) or with `-C target-feature=+relaxed-simd`.
//! Either way the same code runs: the tile is compiled inside a `#[target_feature(enable =
//! "relaxed-simd")]` function, so that LLVM inlines `f32x4_relaxed_madd` into the k loop (it will
//! not inline a feature-gated intrinsic into a function lacking the feature, which would cost a
//! call per FMA). Without either switch the module holds no relaxed instruction and validates in
//! every engine with SIMD128; with one it validates only where relaxed SIMD exists, which is what
//! makes calling the intrinsic sound (the code cannot run anywhere else).

use core::arch::wasm32::*;

use super::microkernel::{APanel, Epilogue, Microkernel};

/// MR rows by NV vectors of four columns.
pub(crate) struct Simd128<const MR: usize, const NV: usize>;

impl<const MR: usize, const NV: usize> Microkernel for Simd128<MR, NV> {
    const MR: usize = MR;
    const NR: usize = 4 * NV;

    unsafe fn tile(kc: usize, a: APanel, b: *const f32, c: *mut f32, ldc: usize, epi: Epilogue) {
        // SAFETY: the trait's contract is `tile_relaxed`'s.
        #[cfg(any(feature = "relaxed-simd", target_feature = "relaxed-simd"))]
        unsafe {
            tile_relaxed::<MR, NV>(kc, a, b, c, ldc, epi)
        }
        // SAFETY: the trait's contract is `tile_body`'s.
        #[cfg(not(any(feature = "relaxed-simd", target_feature = "relaxed-simd")))]
        unsafe {
            tile_body::<MR, NV>(kc, a, b, c, ldc, epi)
        }
    }
}

/// Whether this build's kernel multiplies with relaxed-SIMD FMA.
#[cfg(test)]
pub(crate) const RELAXED: bool = cfg!(any(
    feature = "relaxed-simd",
    target_feature = "relaxed-simd"
));

/// The tile compiled with relaxed SIMD enabled, so that `madd`'s intrinsic inlines into the loop.
///
/// # Safety
/// As [`Microkernel::tile`].
#[cfg(any(feature = "relaxed-simd", target_feature = "relaxed-simd"))]
#[target_feature(enable = "relaxed-simd")]
unsafe fn tile_relaxed<const MR: usize, const NV: usize>(
    kc: usize,
    a: APanel,
    b: *const f32,
    c: *mut f32,
    ldc: usize,
    epi: Epilogue,
) {
    // SAFETY: forwarded contract of `Microkernel::tile`.
    unsafe { tile_body::<MR, NV>(kc, a, b, c, ldc, epi) }
}

/// The MR×(4·NV) tile: accumulate, then the epilogue's store.
///
/// # Safety
/// As [`Microkernel::tile`].
#[inline(always)]
unsafe fn tile_body<const MR: usize, const NV: usize>(
    kc: usize,
    a: APanel,
    b: *const f32,
    c: *mut f32,
    ldc: usize,
    epi: Epilogue,
) {
    // SAFETY (both calls): the trait's contract is `accumulate`'s, for the strides given.
    // The packed case passes constant strides, so its loads use immediate offsets.
    let acc = match a {
        APanel::Packed(a) => unsafe { accumulate::<MR, NV>(kc, a, 1, MR, b) },
        APanel::Rows { ptr, ld } => unsafe { accumulate::<MR, NV>(kc, ptr, ld, 1, b) },
    };
    let zero = f32x4_splat(0.0);
    let beta = f32x4_splat(epi.beta);
    for (r, row) in acc.iter().enumerate() {
        for (v, &sum) in row.iter().enumerate() {
            // SAFETY: the contract makes NR floats at c + r·ldc ours, and a bias ≥ NR long.
            unsafe {
                let out = c.add(r * ldc + 4 * v);
                let mut x = sum;
                if let Some(bias) = epi.bias {
                    x = f32x4_add(x, v128_load(bias.as_ptr().add(4 * v).cast()));
                }
                if epi.beta == 1.0 {
                    x = f32x4_add(x, v128_load(out.cast()));
                } else if epi.beta != 0.0 {
                    x = madd(beta, v128_load(out.cast()), x);
                }
                if epi.relu {
                    // x where 0 < x, else +0 (so 0 for NaN): pmax(0, x)'s result, written as a
                    // mask because LLVM would turn pmax into relaxed_max in a relaxed build,
                    // whose result for NaN and -0 the engine chooses.
                    x = v128_and(f32x4_gt(x, zero), x);
                }
                v128_store(out.cast(), x);
            }
        }
    }
}

/// Σ_p A(r, p) · b[p·NR + c] over an MR×NR register block, with A(r, p) at `a + r·rs + p·cs`.
///
/// # Safety
/// `a` must be readable at every (r, p) for r < MR, p < kc, and `b` for kc·4·NV floats.
#[inline(always)]
unsafe fn accumulate<const MR: usize, const NV: usize>(
    kc: usize,
    a: *const f32,
    rs: usize,
    cs: usize,
    b: *const f32,
) -> [[v128; NV]; MR] {
    let mut acc = [[f32x4_splat(0.0); NV]; MR];
    for p in 0..kc {
        // SAFETY: within the reach stated above; v128 loads in wasm need no alignment.
        unsafe {
            let ap = a.add(p * cs);
            let bp = b.add(p * 4 * NV);
            let bv: [v128; NV] = core::array::from_fn(|v| v128_load(bp.add(4 * v).cast()));
            for (r, row) in acc.iter_mut().enumerate() {
                let ar = v128_load32_splat(ap.add(r * rs).cast());
                for (x, &bj) in row.iter_mut().zip(&bv) {
                    *x = madd(ar, bj, *x);
                }
            }
        }
    }
    acc
}

/// a·b + c: fused (and so rounded once, where the engine's CPU has FMA) in a relaxed build, two
/// instructions otherwise. Only inlined into `tile_relaxed` does the intrinsic inline too.
#[inline(always)]
fn madd(a: v128, b: v128, c: v128) -> v128 {
    #[cfg(any(feature = "relaxed-simd", target_feature = "relaxed-simd"))]
    {
        // Safe to call on wasm whatever the caller's features: a module holding relaxed
        // instructions does not validate where they are missing.
        f32x4_relaxed_madd(a, b, c)
    }
    #[cfg(not(any(feature = "relaxed-simd", target_feature = "relaxed-simd")))]
    {
        f32x4_add(f32x4_mul(a, b), c)
    }
}
