//! Cache blocking: the three loops around packing and the two register-tile loops around the
//! microkernel, in the loop order of Goto & van de Geijn 2008 ("Anatomy of High-Performance
//! Matrix Multiplication", Fig. 8) and BLIS's macro-kernel, plus the tiles cut by C's edges.

use super::microkernel::{APanel, Epilogue, Microkernel, MAX_TILE};
use super::pack::{pack, with_buffers, View};

/// Depth of one packed block. A kc×NR micro-panel of B (8 KiB at kc = 256 for the wasm kernel's
/// NR = 8, 16 KiB for AVX2's 16) stays in a 32 KiB L1 while A micro-panels stream past it.
const KC: usize = 256;
/// Rows of op(A) packed at once: an mc×kc block (about 96 KiB) stays in L2.
const MC: usize = 96;
/// Columns of op(B) packed at once: a kc×nc panel (1 MiB) is reused by every A block.
const NC: usize = 1024;

/// One multiply after the checks: operands as packing views, k > 0, and m, n > 0.
#[derive(Clone, Copy)]
pub(super) struct Product<'a> {
    pub a: View<'a>,
    pub b: View<'a>,
    pub m: usize,
    pub n: usize,
    pub k: usize,
    pub ldc: usize,
    pub epi: Epilogue<'a>,
}

/// The blocked loops for one microkernel, or the CPU's choice of them.
pub(super) type Driver = fn(Product, &mut [f32]);

/// Splits `len` into the fewest blocks of at most `max`, all of nearly equal size and a multiple
/// of `unit` (except the last): k = 784 becomes 4×196 rather than 3×256 + 16, whose thin last
/// block would pay the store of every tile for little work.
fn block_size(len: usize, max: usize, unit: usize) -> usize {
    let blocks = len.div_ceil(max);
    len.div_ceil(blocks).next_multiple_of(unit)
}

/// The three loops around the macro-kernel (Goto & van de Geijn 2008, Fig. 8): columns of C in
/// panels of NC, k in blocks of KC (packing B once per block), rows in blocks of MC (packing A).
pub(super) fn blocked<K: Microkernel>(product: Product, c: &mut [f32]) {
    let Product {
        a,
        b,
        m,
        n,
        k,
        ldc,
        epi,
    } = product;
    let (mr, nr) = (K::MR, K::NR);
    let kc_max = block_size(k, KC, 1);
    let mc_max = block_size(m, MC.next_multiple_of(mr), mr);
    let nc_max = block_size(n, NC.next_multiple_of(nr), nr);
    // Packed blocks are rounded up to whole micro-panels, whose padding is zero.
    let a_len = mc_max.next_multiple_of(mr) * kc_max;
    let b_len = nc_max.next_multiple_of(nr) * kc_max;
    // A narrow C reuses each A micro-panel for only a few B micro-panels, so packing A (a
    // transpose when A is stored m×k) costs about as much as the multiply itself: the kernel
    // then reads A's rows in place, as BLIS's small-problem ("sup") kernels do.
    let rows_of_a = match a {
        View::DepthContiguous { data, ld } if n <= DIRECT_A_MAX_N => Some((data, ld)),
        _ => None,
    };
    // Edge tiles land here before their live part is merged into C; zeroed once per call.
    let mut scratch = [0.0f32; MAX_TILE];
    with_buffers(a_len, b_len, |packed_a, packed_b| {
        for jc in (0..n).step_by(nc_max) {
            let nc = nc_max.min(n - jc);
            for pc in (0..k).step_by(kc_max) {
                let kc = kc_max.min(k - pc);
                // beta and the bias belong to the first block of k, the activation to the last.
                let block_epi = Epilogue {
                    beta: if pc == 0 { epi.beta } else { 1.0 },
                    bias: if pc == 0 {
                        epi.bias.map(|bias| &bias[jc..jc + nc])
                    } else {
                        None
                    },
                    relu: epi.relu && pc + kc == k,
                };
                pack(b, jc, nc, pc, kc, nr, packed_b);
                for ic in (0..m).step_by(mc_max) {
                    let mc = mc_max.min(m - ic);
                    // Read in place, whole micro-panels need no packing; a last partial one
                    // still does, since the kernel always reads MR rows.
                    let in_place = rows_of_a.map_or(0, |_| mc / mr * mr);
                    pack(
                        a,
                        ic + in_place,
                        mc - in_place,
                        pc,
                        kc,
                        mr,
                        &mut packed_a[in_place * kc..],
                    );
                    let a_block = ABlock {
                        packed: packed_a,
                        rows: rows_of_a.map(|(data, ld)| (&data[ic * ld + pc..], ld)),
                        in_place,
                    };
                    let c_block = &mut c[ic * ldc + jc..];
                    let shape = (mc, nc, kc);
                    macro_kernel::<K>(
                        shape,
                        a_block,
                        packed_b,
                        c_block,
                        ldc,
                        block_epi,
                        &mut scratch,
                    );
                }
            }
        }
    });
}

/// Widest C for which A is read in place rather than packed (when A is stored m×k). Measured
/// in node (wasm, 4×8 kernel) on the autoencoder's forward shapes at batch 128: in place was
/// 1.8-2.3× faster for n ≤ 16, where packing A cost as much as the multiply, and 5-25 % for
/// n = 32..128; for n ≥ 256 the two were within noise, so wide products keep the packed path.
const DIRECT_A_MAX_N: usize = 128;

/// One mc×kc block of op(A): micro-panels below row `in_place` are read from A's own rows
/// (`rows`, starting at the block's corner, with row stride), the rest from `packed`.
#[derive(Clone, Copy)]
struct ABlock<'a> {
    packed: &'a [f32],
    rows: Option<(&'a [f32], usize)>,
    in_place: usize,
}

impl ABlock<'_> {
    /// The MR-row micro-panel that starts at row `ir` of the block.
    fn panel(&self, ir: usize, mr: usize, kc: usize) -> APanel {
        match self.rows {
            Some((data, ld)) if ir < self.in_place => {
                // The kernel reads (r, p) at r·ld + p for r < MR, p < kc: check the last one.
                let rows = &data[ir * ld..];
                assert!((mr - 1) * ld + kc <= rows.len());
                APanel::Rows {
                    ptr: rows.as_ptr(),
                    ld,
                }
            }
            _ => APanel::Packed(self.packed[ir * kc..(ir + mr) * kc].as_ptr()),
        }
    }
}

/// The two loops around the microkernel (BLIS's macro-kernel): each kc×NR micro-panel of B stays
/// in L1 while all A micro-panels of the block pass it. `c` starts at the block's corner.
fn macro_kernel<K: Microkernel>(
    (mc, nc, kc): (usize, usize, usize),
    a: ABlock,
    packed_b: &[f32],
    c: &mut [f32],
    ldc: usize,
    epi: Epilogue,
    scratch: &mut [f32; MAX_TILE],
) {
    let (mr, nr) = (K::MR, K::NR);
    for jr in (0..nc).step_by(nr) {
        let cols = nr.min(nc - jr);
        let b_panel = &packed_b[jr * kc..(jr + nr) * kc];
        let tile_epi = Epilogue {
            bias: epi.bias.map(|bias| &bias[jr..]),
            ..epi
        };
        for ir in (0..mc).step_by(mr) {
            let rows = mr.min(mc - ir);
            let a_panel = a.panel(ir, mr, kc);
            let corner = ir * ldc + jr;
            if rows == mr && cols == nr {
                // The tile's last element, c[corner + (mr-1)·ldc + nr-1], lies inside `c`.
                assert!(corner + (mr - 1) * ldc + nr <= c.len());
                let c_tile = c[corner..].as_mut_ptr();
                // SAFETY: `panel` checked A's reach, B's panel holds kc·NR floats (sliced
                // above), the tile's rows are inside `c` (asserted), and a bias slice here
                // reaches at least NR past jr.
                unsafe { K::tile(kc, a_panel, b_panel.as_ptr(), c_tile, ldc, tile_epi) };
            } else {
                let live = (rows, cols);
                edge_tile::<K>(
                    kc,
                    a_panel,
                    b_panel,
                    &mut c[corner..],
                    ldc,
                    live,
                    tile_epi,
                    scratch,
                );
            }
        }
    }
}

/// A tile cut by the edge of C: the kernel writes the whole MR×NR tile into scratch, and only
/// the rows × cols that exist are merged into C.
#[allow(clippy::too_many_arguments)]
fn edge_tile<K: Microkernel>(
    kc: usize,
    a_panel: APanel,
    b_panel: &[f32],
    c: &mut [f32],
    ldc: usize,
    (rows, cols): (usize, usize),
    epi: Epilogue,
    scratch: &mut [f32; MAX_TILE],
) {
    const { assert!(K::MR * K::NR <= MAX_TILE) };
    let plain = Epilogue {
        beta: 0.0,
        bias: None,
        relu: false,
    };
    // SAFETY: panels as in the full-tile case; scratch holds MR rows of NR at stride NR.
    unsafe {
        K::tile(
            kc,
            a_panel,
            b_panel.as_ptr(),
            scratch.as_mut_ptr(),
            K::NR,
            plain,
        )
    };
    for (r, products) in scratch.chunks_exact(K::NR).take(rows).enumerate() {
        let out = &mut c[r * ldc..r * ldc + cols];
        for (j, (x, &product)) in out.iter_mut().zip(products).enumerate() {
            *x = epi.apply(product, epi.bias.map_or(0.0, |bias| bias[j]), *x);
        }
    }
}
