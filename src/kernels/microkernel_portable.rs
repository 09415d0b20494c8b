//! A portable MR×NR microkernel in plain Rust that the compiler vectorises, in the register-
//! blocked form of Goto & van de Geijn 2008 (§6) and BLIS: MR·NR accumulators live in registers
//! while k streams through one packed column of A and one packed row of B per step.
//!
//! On x86_64 the same code is compiled a second time with AVX2+FMA enabled and chosen at run
//! time, since the baseline x86_64 target only has SSE2.

use super::microkernel::{APanel, Epilogue, Microkernel};

/// The kernel for targets without a hand-written one (and for wasm32 built without simd128).
pub(crate) struct Portable;

impl Microkernel for Portable {
    // 4×8 keeps 32 accumulators, 8 SSE registers: the 16 that SSE2 has also hold B and A.
    const MR: usize = 4;
    const NR: usize = 8;

    unsafe fn tile(kc: usize, a: APanel, b: *const f32, c: *mut f32, ldc: usize, epi: Epilogue) {
        // SAFETY: the caller upholds the trait's contract, which is this function's.
        unsafe { tile::<4, 8, false>(kc, a, b, c, ldc, epi) }
    }
}

/// The portable kernel compiled for AVX2+FMA, MR×NR; only valid where the CPU has both.
#[cfg(target_arch = "x86_64")]
pub(crate) struct Avx2Fma<const MR: usize, const NR: usize>;

#[cfg(target_arch = "x86_64")]
impl<const MR: usize, const NR: usize> Microkernel for Avx2Fma<MR, NR> {
    const MR: usize = MR;
    const NR: usize = NR;

    unsafe fn tile(kc: usize, a: APanel, b: *const f32, c: *mut f32, ldc: usize, epi: Epilogue) {
        // SAFETY: the driver picks this kernel only after detecting AVX2 and FMA.
        unsafe { tile_avx2_fma::<MR, NR>(kc, a, b, c, ldc, epi) }
    }
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
unsafe fn tile_avx2_fma<const MR: usize, const NR: usize>(
    kc: usize,
    a: APanel,
    b: *const f32,
    c: *mut f32,
    ldc: usize,
    epi: Epilogue,
) {
    // SAFETY: forwarded contract of `Microkernel::tile`.
    unsafe { tile::<MR, NR, true>(kc, a, b, c, ldc, epi) }
}

/// `FMA` selects `mul_add`, which is one instruction with FMA hardware but a slow library call
/// without it, so it is only set where the CPU is known to have FMA.
#[inline(always)]
unsafe fn tile<const MR: usize, const NR: usize, const FMA: bool>(
    kc: usize,
    a: APanel,
    b: *const f32,
    c: *mut f32,
    ldc: usize,
    epi: Epilogue,
) {
    // SAFETY: the contract guarantees kc·NR readable floats at b.
    let b = unsafe { std::slice::from_raw_parts(b, kc * NR) };
    let acc = match a {
        APanel::Packed(ptr) => {
            // SAFETY: a packed panel holds kc·MR floats.
            let a = unsafe { std::slice::from_raw_parts(ptr, kc * MR) };
            accumulate::<MR, NR, FMA>(a.as_chunks::<MR>().0.iter().copied(), b)
        }
        APanel::Rows { ptr, ld } => {
            // SAFETY: MR rows of kc floats at stride ld end at (MR-1)·ld + kc.
            let a = unsafe { std::slice::from_raw_parts(ptr, (MR - 1) * ld + kc) };
            // A's rows, transposed on the fly into the packed order.
            let columns = (0..kc).map(|p| core::array::from_fn(|r| a[r * ld + p]));
            accumulate::<MR, NR, FMA>(columns, b)
        }
    };
    for (r, row) in acc.iter().enumerate() {
        // SAFETY: the contract makes row r of the tile, NR floats at c + r·ldc, ours to write.
        let out = unsafe { std::slice::from_raw_parts_mut(c.add(r * ldc), NR) };
        match epi.bias {
            Some(bias) => {
                for ((o, &x), &bj) in out.iter_mut().zip(row).zip(bias) {
                    *o = epi.apply(x, bj, *o);
                }
            }
            None => {
                for (o, &x) in out.iter_mut().zip(row) {
                    *o = epi.apply(x, 0.0, *o);
                }
            }
        }
    }
}

/// Σ_p a_p[r] · b[p·NR + c] over an MR×NR block of accumulators, a_p being A's column p.
#[inline(always)]
fn accumulate<const MR: usize, const NR: usize, const FMA: bool>(
    a: impl Iterator<Item = [f32; MR]>,
    b: &[f32],
) -> [[f32; NR]; MR] {
    let mut acc = [[0.0f32; NR]; MR];
    for (ap, bp) in a.zip(b.as_chunks::<NR>().0) {
        for (row, &ar) in acc.iter_mut().zip(&ap) {
            for (x, &bc) in row.iter_mut().zip(bp) {
                *x = if FMA {
                    ar.mul_add(bc, *x)
                } else {
                    *x + ar * bc
                };
            }
        }
    }
    acc
}
