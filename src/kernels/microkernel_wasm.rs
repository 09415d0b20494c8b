//! The wasm SIMD128 microkernel: an MR×(4·NV) register block in the form of Goto & van de Geijn
//! 2008 (§6) and BLIS, built from `f32x4` multiply and add, or from relaxed-SIMD fused
//! multiply-add when the build enables `relaxed-simd`.

use core::arch::wasm32::*;

use super::microkernel::{APanel, Epilogue, Microkernel};

/// MR rows by NV vectors of four columns.
pub(crate) struct Simd128<const MR: usize, const NV: usize>;

impl<const MR: usize, const NV: usize> Microkernel for Simd128<MR, NV> {
    const MR: usize = MR;
    const NR: usize = 4 * NV;

    unsafe fn tile(kc: usize, a: APanel, b: *const f32, c: *mut f32, ldc: usize, epi: Epilogue) {
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
                        // pmax(0, x) is `0 < x ? x : 0`: one instruction, and 0 for NaN.
                        x = f32x4_pmax(zero, x);
                    }
                    v128_store(out.cast(), x);
                }
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

/// a·b + c: fused (and so rounded once) where relaxed SIMD allows, two instructions otherwise.
#[inline(always)]
fn madd(a: v128, b: v128, c: v128) -> v128 {
    #[cfg(target_feature = "relaxed-simd")]
    {
        f32x4_relaxed_madd(a, b, c)
    }
    #[cfg(not(target_feature = "relaxed-simd"))]
    {
        f32x4_add(f32x4_mul(a, b), c)
    }
}
