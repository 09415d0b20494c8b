//! GEMM throughput in GFLOP/s, measured where the training runs: the proof that the worker round
//! trip carries real work, and the figure the Performance chapter shows.

use serde::{Deserialize, Serialize};

use super::bench::{BenchEvent, Progress};
use super::Env;
use crate::error::{check_range, Error};
use crate::kernels::{sgemm, Trans};
use crate::rng::Rng;

/// One multiply C[m×n] = op(A)[m×k] · op(B)[k×n].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GemmShape {
    pub label: String,
    pub m: usize,
    pub n: usize,
    pub k: usize,
    /// A is stored transposed (k×m): the Aᵀ·B form of a weight gradient.
    pub ta: bool,
    /// B is stored transposed (n×k): the A·Bᵀ form of an input gradient.
    pub tb: bool,
}

impl GemmShape {
    pub fn cube(n: usize) -> GemmShape {
        GemmShape {
            label: format!("{n}³"),
            m: n,
            n,
            k: n,
            ta: false,
            tb: false,
        }
    }

    pub fn flops(&self) -> f64 {
        2.0 * (self.m * self.n * self.k) as f64
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GemmBenchConfig {
    pub shapes: Vec<GemmShape>,
    /// Time spent measuring each shape, after one untimed warm-up call.
    pub millis_per_shape: f64,
}

/// A side of a multiply: 1024³ is 2 GFLOP, the most one call (the untimed warm-up, which no
/// Pause can cut) should cost, and three 1024² matrices are 12 MB.
pub const GEMM_SIDE_RANGE: (usize, usize) = (1, 1024);
/// Shapes per run: the chapter measures 7.
pub const GEMM_SHAPES_RANGE: (usize, usize) = (1, 16);
/// Measuring time per shape or batch size: up to a minute (the bench's windows are seconds).
pub const BENCH_MILLIS_RANGE: (f64, f64) = (1.0, 60_000.0);

impl GemmBenchConfig {
    /// Checked by the worker before it measures: the page and the bench scripts could send
    /// anything, and one huge multiply would hold the worker for minutes.
    pub fn validate(&self) -> Result<(), Error> {
        let (lo, hi) = GEMM_SHAPES_RANGE;
        check_range("shapes", self.shapes.len(), lo, hi)?;
        let (lo, hi) = GEMM_SIDE_RANGE;
        for s in &self.shapes {
            check_range("m", s.m, lo, hi)?;
            check_range("n", s.n, lo, hi)?;
            check_range("k", s.k, lo, hi)?;
        }
        let (lo, hi) = BENCH_MILLIS_RANGE;
        check_range("millis_per_shape", self.millis_per_shape, lo, hi)
    }
}

impl Default for GemmBenchConfig {
    fn default() -> Self {
        let ae = |label: &str, m, n, k, ta, tb| GemmShape {
            label: label.into(),
            m,
            n,
            k,
            ta,
            tb,
        };
        GemmBenchConfig {
            shapes: vec![
                GemmShape::cube(64),
                GemmShape::cube(128),
                GemmShape::cube(256),
                GemmShape::cube(512),
                // The seed autoencoder's widest layer at batch 128, in its three forms.
                ae("x·W 128×784→128", 128, 128, 784, false, false),
                ae("xᵀ·dY 784×128", 784, 128, 128, true, false),
                ae("dY·Wᵀ 128×128→784", 128, 784, 128, false, true),
            ],
            millis_per_shape: 400.0,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GemmResult {
    pub label: String,
    pub m: usize,
    pub n: usize,
    pub k: usize,
    pub gflops: f64,
}

pub struct GemmBench {
    config: GemmBenchConfig,
    next: usize,
    a: Vec<f32>,
    b: Vec<f32>,
    c: Vec<f32>,
    warmed_up: bool,
    spent_ms: f64,
    flops_done: f64,
    results: Vec<GemmResult>,
}

impl GemmBench {
    pub fn new(config: GemmBenchConfig) -> GemmBench {
        let mut bench = GemmBench {
            config,
            next: 0,
            a: Vec::new(),
            b: Vec::new(),
            c: Vec::new(),
            warmed_up: false,
            spent_ms: 0.0,
            flops_done: 0.0,
            results: Vec::new(),
        };
        bench.prepare();
        bench
    }

    /// Fills fresh operands for the current shape (values in [-1, 1), seeded).
    fn prepare(&mut self) {
        let Some(s) = self.config.shapes.get(self.next) else {
            return;
        };
        let mut rng = Rng::seed(self.next as u64);
        self.a = (0..s.m * s.k).map(|_| rng.uniform(-1.0, 1.0)).collect();
        self.b = (0..s.k * s.n).map(|_| rng.uniform(-1.0, 1.0)).collect();
        self.c = vec![0.0; s.m * s.n];
        self.warmed_up = false;
        self.spent_ms = 0.0;
        self.flops_done = 0.0;
    }

    fn multiply_once(&mut self, s: &GemmShape) {
        let trans = |t: bool| if t { Trans::T } else { Trans::N };
        // Leading dimensions of A and B as stored: the stored row width.
        let lda = if s.ta { s.m } else { s.k };
        let ldb = if s.tb { s.k } else { s.n };
        sgemm(
            trans(s.ta),
            trans(s.tb),
            s.m,
            s.n,
            s.k,
            &self.a,
            lda,
            &self.b,
            ldb,
            0.0,
            &mut self.c,
            s.n,
        );
    }
}

impl GemmBench {
    /// Measures until `deadline`, reporting each finished shape.
    pub fn run_slice(&mut self, env: &Env, deadline: f64, out: &mut Vec<BenchEvent>) -> Progress {
        let clock = env.now;
        let total = self.config.shapes.len() as u32;
        while let Some(shape) = self.config.shapes.get(self.next).cloned() {
            if !self.warmed_up {
                self.multiply_once(&shape);
                self.warmed_up = true;
            }
            while self.spent_ms < self.config.millis_per_shape {
                if clock() >= deadline {
                    return Progress::Running;
                }
                let t0 = clock();
                self.multiply_once(&shape);
                self.spent_ms += clock() - t0;
                self.flops_done += shape.flops();
            }
            // flops per ms / 1e6 = GFLOP/s
            let gflops = self.flops_done / self.spent_ms.max(1e-9) / 1e6;
            self.results.push(GemmResult {
                label: shape.label.clone(),
                m: shape.m,
                n: shape.n,
                k: shape.k,
                gflops,
            });
            self.next += 1;
            out.push(BenchEvent::GemmProgress {
                done: self.next as u32,
                total,
            });
            self.prepare();
        }
        out.push(BenchEvent::GemmDone(std::mem::take(&mut self.results)));
        Progress::Done
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    /// A clock that advances 1 ms every time it is read, so the test is exact and instant.
    fn ticking_clock() -> impl Fn() -> f64 {
        let t = Cell::new(0.0);
        move || {
            t.set(t.get() + 1.0);
            t.get()
        }
    }

    fn env(now: &dyn Fn() -> f64) -> Env<'_> {
        Env {
            now,
            memory_bytes: &|| 0,
            team: &crate::jobs::team::Solo,
        }
    }

    #[test]
    fn reports_progress_then_one_result_per_shape() {
        let config = GemmBenchConfig {
            shapes: vec![GemmShape::cube(8), GemmShape::cube(16)],
            millis_per_shape: 5.0,
        };
        let mut job = GemmBench::new(config);
        let clock = ticking_clock();
        let mut out = Vec::new();
        let mut slices = 0;
        while job.run_slice(&env(&clock), clock() + 4.0, &mut out) == Progress::Running {
            slices += 1;
            assert!(slices < 100, "the job never finished");
        }
        assert!(
            slices >= 2,
            "a 4 ms budget must split 10 ms of work into slices"
        );
        assert_eq!(out[0], BenchEvent::GemmProgress { done: 1, total: 2 });
        let Some(BenchEvent::GemmDone(results)) = out.last() else {
            panic!("no result: {out:?}")
        };
        assert_eq!(results.len(), 2);
        for r in results {
            assert!(r.gflops.is_finite() && r.gflops > 0.0, "{r:?}");
        }
    }

    #[test]
    fn transposed_shapes_multiply_with_the_right_leading_dimensions() {
        // If lda/ldb were wrong for the transposed forms, sgemm would index out of bounds.
        let config = GemmBenchConfig {
            shapes: GemmBenchConfig::default().shapes[4..].to_vec(),
            millis_per_shape: 1.0,
        };
        let mut job = GemmBench::new(config);
        let clock = ticking_clock();
        let mut out = Vec::new();
        while job.run_slice(&env(&clock), f64::INFINITY, &mut out) == Progress::Running {}
        assert!(matches!(out.last(), Some(BenchEvent::GemmDone(r)) if r.len() == 3));
    }
}
