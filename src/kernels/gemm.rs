//! The public GEMM entry points: the BLAS-style `sgemm` contract (Goto & van de Geijn 2008,
//! "Anatomy of High-Performance Matrix Multiplication", §2; BLIS's object API), argument checks,
//! the sizes with nothing to multiply, and the choice of microkernel for this CPU.

use super::blocking::{blocked, Driver, Product};
use super::microkernel::Epilogue;
use super::pack::View;
use super::{Activation, Trans};

/// C[m×n] = op(A)[m×k] · op(B)[k×n] + beta·C, all row-major.
///
/// `lda`, `ldb` and `ldc` are the row strides of the matrices as stored: A is stored m×k for
/// [`Trans::N`] and k×m for [`Trans::T`], B is stored k×n or n×k. With `beta = 0` the old
/// contents of C are never read, so C may hold NaN. Elements of C outside the m×n window (the
/// padding of a larger `ldc`) are left untouched.
///
/// # Panics
/// If a stride is smaller than the stored width of its matrix, or a slice is too short for its
/// stored shape and stride. Nothing is checked for a matrix with no elements.
#[allow(clippy::too_many_arguments)] // the BLAS signature the rest of the crate codes against
pub fn sgemm(
    ta: Trans,
    tb: Trans,
    m: usize,
    n: usize,
    k: usize,
    a: &[f32],
    lda: usize,
    b: &[f32],
    ldb: usize,
    beta: f32,
    c: &mut [f32],
    ldc: usize,
) {
    let epi = Epilogue {
        beta,
        bias: None,
        relu: false,
    };
    gemm(
        ta,
        tb,
        m,
        n,
        k,
        a,
        lda,
        b,
        ldb,
        c,
        ldc,
        epi,
        blocked_for_this_cpu,
    );
}

/// C = act(op(A) · op(B) + bias), with the bias (length n) broadcast over rows and fused into the
/// store together with the activation: a Linear layer's forward pass in one sweep over C.
/// Operands and strides as in [`sgemm`]; the old contents of C are never read.
///
/// # Panics
/// As [`sgemm`], and if a bias is given whose length is not n.
#[allow(clippy::too_many_arguments)] // the BLAS signature the rest of the crate codes against
pub fn sgemm_bias_act(
    ta: Trans,
    tb: Trans,
    m: usize,
    n: usize,
    k: usize,
    a: &[f32],
    lda: usize,
    b: &[f32],
    ldb: usize,
    bias: Option<&[f32]>,
    act: Activation,
    c: &mut [f32],
    ldc: usize,
) {
    if let Some(bias) = bias {
        assert_eq!(
            bias.len(),
            n,
            "sgemm_bias_act: bias has {} entries for n = {n}",
            bias.len()
        );
    }
    let epi = Epilogue {
        beta: 0.0,
        bias,
        relu: act == Activation::Relu,
    };
    gemm(
        ta,
        tb,
        m,
        n,
        k,
        a,
        lda,
        b,
        ldb,
        c,
        ldc,
        epi,
        blocked_for_this_cpu,
    );
}

/// Checks the operands against their shapes, handles the sizes with nothing to multiply, and
/// hands the rest to `driver` (the CPU's choice, or in tests a given kernel).
#[allow(clippy::too_many_arguments)] // the BLAS signature, plus the epilogue and the driver
pub(super) fn gemm(
    ta: Trans,
    tb: Trans,
    m: usize,
    n: usize,
    k: usize,
    a: &[f32],
    lda: usize,
    b: &[f32],
    ldb: usize,
    c: &mut [f32],
    ldc: usize,
    epi: Epilogue,
    driver: Driver,
) {
    // As stored, A is m×k or k×m and B is k×n or n×k.
    let (a_rows, a_cols) = if ta == Trans::N { (m, k) } else { (k, m) };
    let (b_rows, b_cols) = if tb == Trans::N { (k, n) } else { (n, k) };
    check_stored("A", a.len(), a_rows, a_cols, lda);
    check_stored("B", b.len(), b_rows, b_cols, ldb);
    check_stored("C", c.len(), m, n, ldc);
    if m == 0 || n == 0 {
        return;
    }
    if k == 0 {
        // An empty sum: only the epilogue is left, C = act(beta·C + bias).
        for row in c.chunks_mut(ldc).take(m) {
            for (j, x) in row[..n].iter_mut().enumerate() {
                *x = epi.apply(0.0, epi.bias.map_or(0.0, |bias| bias[j]), *x);
            }
        }
        return;
    }
    // op(A)[i, p] and op(B)[p, j] as (panel index, depth) views for the packing routines.
    let a = match ta {
        Trans::N => View::DepthContiguous { data: a, ld: lda },
        Trans::T => View::WidthContiguous { data: a, ld: lda },
    };
    let b = match tb {
        Trans::N => View::WidthContiguous { data: b, ld: ldb },
        Trans::T => View::DepthContiguous { data: b, ld: ldb },
    };
    driver(
        Product {
            a,
            b,
            m,
            n,
            k,
            ldc,
            epi,
        },
        c,
    );
}

fn check_stored(name: &str, len: usize, rows: usize, cols: usize, ld: usize) {
    if rows == 0 || cols == 0 {
        return;
    }
    assert!(
        ld >= cols,
        "sgemm: {name} is stored {rows}×{cols} but its row stride is {ld}"
    );
    let needed = (rows - 1) * ld + cols;
    assert!(
        len >= needed,
        "sgemm: {name} is stored {rows}×{cols} with row stride {ld}, which needs {needed} floats, \
         but the slice has {len}"
    );
}

/// wasm32: the SIMD128 kernel. 4×8 measured fastest in node (V8 on x86_64, 256³: 4×8 34,
/// 4×16 27, 8×8 27, 4×12 26, 6×8 23 GFLOP/s): LLVM hoists all MR broadcasts of A ahead of the
/// multiplies, so larger tiles spill the 16 xmm registers V8 allocates from. With relaxed FMA,
/// which needs no temporary per product, 4×8 still led (48 against 25-33 GFLOP/s).
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
fn blocked_for_this_cpu(product: Product, c: &mut [f32]) {
    use super::microkernel_wasm::Simd128;
    if product.n <= 4 {
        // A 4-column kernel: with 8 columns, half of every tile would be padding.
        blocked::<Simd128<8, 1>>(product, c);
    } else {
        blocked::<Simd128<4, 2>>(product, c);
    }
}

/// x86_64: the portable kernel compiled for AVX2+FMA where the CPU has them, SSE2 otherwise.
/// Against ndarray's `general_mat_mul` (matrixmultiply, also AVX2+FMA), measured with
/// `benches/gemm.rs` on an AMD EPYC: the 36 multiplies of one autoencoder step at batch 128 take
/// 1.92 ms either way; we are 5-10 % faster on the cubes ≥ 256, ndarray up to 2.8× faster on
/// the tiniest weight gradients (m, n ≤ 16), which take a microsecond or two each. At equal speed
/// we keep our own path natively: it is the browser's (same packing, edge tiles and fused
/// epilogue, so native tests cover them) and it fuses bias and ReLU, which ndarray cannot.
#[cfg(target_arch = "x86_64")]
fn blocked_for_this_cpu(product: Product, c: &mut [f32]) {
    use super::microkernel_portable::{Avx2Fma, Portable};
    if is_x86_feature_detected!("avx2") && is_x86_feature_detected!("fma") {
        if product.n <= 8 {
            // One ymm of columns: with 16, narrow layers would be half padding.
            blocked::<Avx2Fma<8, 8>>(product, c);
        } else {
            // The classic AVX2 shape: 12 ymm accumulators, 2 for B, 1 for A's broadcast.
            blocked::<Avx2Fma<6, 16>>(product, c);
        }
    } else {
        blocked::<Portable>(product, c);
    }
}

#[cfg(not(any(
    all(target_arch = "wasm32", target_feature = "simd128"),
    target_arch = "x86_64"
)))]
fn blocked_for_this_cpu(product: Product, c: &mut [f32]) {
    blocked::<super::microkernel_portable::Portable>(product, c);
}
