//! GEMM throughput of `gradlab::kernels::sgemm` against ndarray's `general_mat_mul`
//! (matrixmultiply), natively, on cubes and on the seed autoencoder's layers at batch 128.
//! Throughput is in FLOP (2·m·n·k per multiply), so criterion's "elem/s" reads as FLOP/s.
//!
//! Run: `CARGO_TARGET_DIR=target/kernels cargo bench --bench gemm`. The browser's numbers come
//! from the lab's own GEMM job, since criterion does not run on wasm32.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use gradlab::kernels::{sgemm, Trans};
use ndarray::linalg::general_mat_mul;
use ndarray::{Array2, ArrayView2};

struct Shape {
    label: String,
    m: usize,
    n: usize,
    k: usize,
    ta: Trans,
    tb: Trans,
}

fn shapes() -> Vec<Shape> {
    let shape = |label: String, m, n, k, ta, tb| Shape {
        label,
        m,
        n,
        k,
        ta,
        tb,
    };
    let mut shapes: Vec<Shape> = [64, 128, 256, 512]
        .map(|s| shape(format!("{s}³"), s, s, s, Trans::N, Trans::N))
        .into();
    // The seed autoencoder 784→128→64→32→16→8→4 and back, at batch 128. W is stored in×out.
    let widths = [784, 128, 64, 32, 16, 8, 4, 8, 16, 32, 64, 128, 784];
    let batch = 128;
    for pair in widths.windows(2) {
        let (inp, out) = (pair[0], pair[1]);
        // forward y = x·W: (batch×in)·(in×out)
        shapes.push(shape(
            format!("{inp}→{out} x·W"),
            batch,
            out,
            inp,
            Trans::N,
            Trans::N,
        ));
        // dW = xᵀ·dY: (in×batch)·(batch×out), x stored batch×in
        shapes.push(shape(
            format!("{inp}→{out} xᵀ·dY"),
            inp,
            out,
            batch,
            Trans::T,
            Trans::N,
        ));
        // dx = dY·Wᵀ: (batch×out)·(out×in), W stored in×out
        shapes.push(shape(
            format!("{inp}→{out} dY·Wᵀ"),
            batch,
            inp,
            out,
            Trans::N,
            Trans::T,
        ));
    }
    shapes
}

/// Deterministic values in [-0.5, 0.5); the timings do not depend on them.
fn filled(len: usize, seed: u32) -> Vec<f32> {
    (0..len as u32)
        .map(|i| (i.wrapping_mul(2654435761) ^ seed) as f32 / u32::MAX as f32 - 0.5)
        .collect()
}

fn bench_gemm(criterion: &mut Criterion) {
    let mut group = criterion.benchmark_group("sgemm");
    group.sample_size(20);
    group.warm_up_time(std::time::Duration::from_millis(300));
    group.measurement_time(std::time::Duration::from_millis(800));
    for Shape {
        label,
        m,
        n,
        k,
        ta,
        tb,
    } in shapes()
    {
        group.throughput(Throughput::Elements(2 * (m * n * k) as u64));
        // As stored: A is m×k or k×m, B is k×n or n×k.
        let (a_shape, b_shape) = (
            if ta == Trans::N { (m, k) } else { (k, m) },
            if tb == Trans::N { (k, n) } else { (n, k) },
        );
        let a = filled(m * k, 1);
        let b = filled(k * n, 2);
        let mut c = vec![0.0f32; m * n];
        group.bench_function(BenchmarkId::new("gradlab", &label), |bench| {
            bench.iter(|| {
                sgemm(
                    ta, tb, m, n, k, &a, a_shape.1, &b, b_shape.1, 0.0, &mut c, n,
                )
            })
        });

        let a_view = ArrayView2::from_shape(a_shape, &a).expect("A's shape matches its length");
        let b_view = ArrayView2::from_shape(b_shape, &b).expect("B's shape matches its length");
        let op_a = if ta == Trans::N {
            a_view
        } else {
            a_view.reversed_axes()
        };
        let op_b = if tb == Trans::N {
            b_view
        } else {
            b_view.reversed_axes()
        };
        let mut c = Array2::<f32>::zeros((m, n));
        group.bench_function(BenchmarkId::new("ndarray", &label), |bench| {
            bench.iter(|| general_mat_mul(1.0, &op_a, &op_b, 0.0, &mut c))
        });
    }
    group.finish();
}

criterion_group!(benches, bench_gemm);
criterion_main!(benches);
