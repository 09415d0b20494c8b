//! The contract between the blocked driver and a register-blocked microkernel: BLIS's
//! "microkernel" layer (Van Zee & van de Geijn 2015, §3), which multiplies one packed MR-row panel
//! of A by one packed NR-column panel of B and merges the MR×NR result into C.

/// What happens to a block of products on its way into C. The driver splits k into blocks, so
/// only the first block sees the caller's `beta` and the bias, and only the last one the ReLU.
#[derive(Clone, Copy)]
pub(crate) struct Epilogue<'a> {
    /// 0 overwrites C without reading it (so old NaNs vanish), 1 accumulates, anything else scales.
    pub beta: f32,
    /// Added to every row; starts at the tile's first column.
    pub bias: Option<&'a [f32]>,
    pub relu: bool,
}

impl Epilogue<'_> {
    /// The scalar form of the store, for edge tiles and k = 0. `old` is only read when beta ≠ 0.
    #[inline(always)]
    pub fn apply(&self, product: f32, bias: f32, old: f32) -> f32 {
        let mut x = product + bias;
        if self.beta == 1.0 {
            x += old;
        } else if self.beta != 0.0 {
            x += self.beta * old;
        }
        if self.relu {
            // x if 0 < x, else +0 (so 0 for NaN), as the SIMD store's mask. Tested on the bits
            // (positive, non-zero and not NaN is 1..=0x7f80_0000): a float max or compare would
            // be vectorised into relaxed_max in a relaxed build, whose result for NaN and -0 the
            // engine chooses.
            let bits = x.to_bits();
            x = f32::from_bits(if bits.wrapping_sub(1) < 0x7f80_0000 {
                bits
            } else {
                0
            });
        }
        x
    }
}

/// Where a microkernel finds its MR rows of op(A).
#[derive(Clone, Copy)]
pub(crate) enum APanel {
    /// A packed micro-panel: (r, p) at `ptr + p·MR + r`.
    Packed(*const f32),
    /// A's own rows, read in place: (r, p) at `ptr + r·ld + p`.
    Rows { ptr: *const f32, ld: usize },
}

pub(crate) trait Microkernel {
    /// Rows of C per tile (the A micro-panel's width).
    const MR: usize;
    /// Columns of C per tile (the B micro-panel's width).
    const NR: usize;

    /// C[r, c] = epi(Σ_p A(r, p) · b[p·NR + c], C[r, c]) for r < MR, c < NR.
    ///
    /// # Safety
    /// `a` must be readable at (r, p) for r < MR, p < kc, `b` for `kc·NR` floats, and `c`
    /// readable and writable for MR rows of NR floats at row stride `ldc`. A bias, if any, holds
    /// at least NR floats.
    unsafe fn tile(kc: usize, a: APanel, b: *const f32, c: *mut f32, ldc: usize, epi: Epilogue);
}

/// Upper bound on MR·NR over all kernels: the size of the scratch tile edge tiles go through.
pub(crate) const MAX_TILE: usize = 128;
