//! Packing of operand panels into contiguous micro-panels, as in Goto & van de Geijn 2008 (§5)
//! and BLIS: the microkernel then reads both operands with unit stride, and a transposed operand
//! is only a different gather order here, never a materialised transpose.

use std::cell::RefCell;

/// A read-only operand as the packing sees it: element (i, p), where i runs along the
/// micro-panel's width (rows of op(A), columns of op(B)) and p along the shared dimension k.
/// Which of the two is contiguous in memory decides the copy order.
#[derive(Clone, Copy)]
pub(crate) enum View<'a> {
    /// (i, p) at `data[p·ld + i]`: A stored transposed, or B as stored.
    WidthContiguous { data: &'a [f32], ld: usize },
    /// (i, p) at `data[i·ld + p]`: A as stored, or B stored transposed.
    DepthContiguous { data: &'a [f32], ld: usize },
}

/// Packs rows `i0..i0+rows` and depths `p0..p0+depth` of `src` into ⌈rows/width⌉ micro-panels,
/// each `depth × width` with element (i, p) at `p·width + (i mod width)`. The rows past `rows` in
/// the last micro-panel are zero, so the microkernel never needs a short variant.
///
/// Inlined so that `width` (a kernel's MR or NR) is a constant and the inner copies unroll.
#[inline(always)]
pub(crate) fn pack(
    src: View,
    i0: usize,
    rows: usize,
    p0: usize,
    depth: usize,
    width: usize,
    dst: &mut [f32],
) {
    let panel_len = depth * width;
    for (q, panel) in dst
        .chunks_exact_mut(panel_len)
        .take(rows.div_ceil(width))
        .enumerate()
    {
        let first = i0 + q * width;
        let live = width.min(rows - q * width);
        match src {
            View::WidthContiguous { data, ld } => {
                // Each depth step of the micro-panel is one contiguous run of `live` floats.
                for (p, out) in panel.chunks_exact_mut(width).enumerate() {
                    let start = (p0 + p) * ld + first;
                    if live == width {
                        out.copy_from_slice(&data[start..start + width]);
                    } else {
                        out[..live].copy_from_slice(&data[start..start + live]);
                        out[live..].fill(0.0);
                    }
                }
            }
            View::DepthContiguous { data, ld } => {
                // Rows are contiguous along p: a transpose of a `live × depth` block. Reading
                // each row straight through (and scattering by `width`) measured 25 % faster
                // natively for a 128×784 Bᵀ than gathering across the rows, and the same in wasm.
                let start = first * ld + p0;
                for r in 0..live {
                    let row = &data[start + r * ld..start + r * ld + depth];
                    for (out, &x) in panel.chunks_exact_mut(width).zip(row) {
                        out[r] = x;
                    }
                }
                if live < width {
                    for out in panel.chunks_exact_mut(width) {
                        out[live..].fill(0.0);
                    }
                }
            }
        }
    }
}

thread_local! {
    /// Packed A block and packed B panel. They only grow, so after the first multiply of the
    /// largest shape a training step allocates nothing here.
    static BUFFERS: RefCell<(Vec<f32>, Vec<f32>)> = const { RefCell::new((Vec::new(), Vec::new())) };
}

/// Runs `f` with this thread's packing buffers, grown to at least `a_len` and `b_len` floats.
pub(crate) fn with_buffers<R>(
    a_len: usize,
    b_len: usize,
    f: impl FnOnce(&mut [f32], &mut [f32]) -> R,
) -> R {
    BUFFERS.with(|cell| {
        let mut buffers = cell.borrow_mut();
        let (a, b) = &mut *buffers;
        if a.len() < a_len {
            a.resize(a_len, 0.0);
        }
        if b.len() < b_len {
            b.resize(b_len, 0.0);
        }
        f(&mut a[..a_len], &mut b[..b_len])
    })
}
