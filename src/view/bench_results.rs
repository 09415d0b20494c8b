//! The committed `make bench` run (assets/bench/results.json) as typed data, and what the
//! Performance chapter shows of it: samples per second per batch size and system, the machine,
//! and batch-256 training as a share of the plain SIMD128 compute ceiling.
//!
//! Only the fields the page reads are declared; serde skips the rest, so the bench may add
//! fields without breaking the page. build.rs parses the committed file with this struct and
//! builds its [`Committed`] summary into the page, so the page carries no JSON parser.

use std::collections::BTreeMap;

use serde::Deserialize;

/// The batch sizes of the committed run's table, in its order.
pub const BENCH_BATCHES: [usize; 3] = [32, 128, 256];
/// The systems compared, by their key in the JSON: gradlab with one worker and with one per
/// core (data-parallel), TF.js's wasm and cpu backends, and native PyTorch with one thread and
/// with one per core (`make bench BENCH_TORCH=1`).
pub const SYSTEMS: [&str; 6] = [
    "gradlab",
    "gradlabAll",
    "tfjsWasm",
    "tfjsCpu",
    "torch1",
    "torchAll",
];

#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct BenchResults {
    /// ISO 8601, "2026-11-28T22:34:24.774Z".
    pub date: String,
    pub machine: Machine,
    pub browser: Browser,
    /// batch size → system → samples per second over the timed windows.
    pub train: BTreeMap<String, BTreeMap<String, Stat>>,
    /// Floating-point operations of one training sample (forward and backward).
    pub flops_per_sample: Option<f64>,
    pub compute: Option<Compute>,
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Machine {
    pub cpu_model: String,
    pub cpu_count: u32,
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct Browser {
    pub version: String,
}

/// One measurement over several timed windows.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq)]
pub struct Stat {
    pub median: f64,
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Compute {
    /// GFLOP/s of the plain SIMD128 multiply-add ceiling.
    pub ceiling_plain: Option<Stat>,
}

/// What the panel shows of the committed run.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Committed {
    /// The day, "2026-11-28".
    pub date: String,
    /// "2 × AMD EPYC, Chromium 156.0.8078.108".
    pub machine: String,
    /// samples/s median, per batch of `BENCH_BATCHES`, per system of `SYSTEMS`; NaN when absent.
    pub train: Vec<Vec<f64>>,
    /// Batch-256 training as a share of the plain SIMD128 ceiling.
    pub ceiling_share: Option<f64>,
}

impl BenchResults {
    /// Natively only (build.rs and the tests): the page gets the summary built in.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn parse(json: &str) -> Result<BenchResults, String> {
        serde_json::from_str(json).map_err(|e| format!("assets/bench/results.json: {e}"))
    }

    /// The median samples/s of `system` at `batch`, if measured.
    pub fn samples_per_sec(&self, batch: usize, system: &str) -> Option<f64> {
        Some(self.train.get(&batch.to_string())?.get(system)?.median)
    }

    pub fn committed(&self) -> Committed {
        let train: Vec<Vec<f64>> = BENCH_BATCHES
            .iter()
            .map(|&b| {
                SYSTEMS
                    .iter()
                    .map(|key| self.samples_per_sec(b, key).unwrap_or(f64::NAN))
                    .collect()
            })
            .collect();
        // samples/s × FLOP/sample = FLOP/s, against the ceiling in GFLOP/s.
        let ceiling = self
            .compute
            .as_ref()
            .and_then(|c| c.ceiling_plain)
            .map(|s| s.median);
        let ceiling_share = match (train.last().and_then(|r| r.first()), self.flops_per_sample) {
            (Some(s), Some(f)) if s.is_finite() => {
                ceiling.filter(|c| *c > 0.0).map(|c| s * f / 1e9 / c)
            }
            _ => None,
        };
        Committed {
            date: self.date.chars().take(10).collect(),
            machine: format!(
                "{} × {}, Chromium {}",
                self.machine.cpu_count, self.machine.cpu_model, self.browser.version
            ),
            train,
            ceiling_share,
        }
    }
}

/// One worker of gradlab's samples/s over TF.js wasm's, per row of `Committed::train`.
pub fn ratio_to_wasm(row: &[f64]) -> f64 {
    match row {
        [ours, _, wasm, ..] => ours / wasm,
        _ => f64::NAN,
    }
}

/// gradlab on every core over PyTorch on every thread, per row of `Committed::train`.
pub fn ratio_all_to_torch(row: &[f64]) -> f64 {
    match row {
        [_, ours, _, _, _, torch, ..] => ours / torch,
        _ => f64::NAN,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const COMMITTED: &str = include_str!("../../assets/bench/results.json");

    #[test]
    fn the_committed_results_parse_with_every_batch_and_system() {
        let results = BenchResults::parse(COMMITTED).unwrap();
        let shown = results.committed();
        assert_eq!(shown.train.len(), BENCH_BATCHES.len());
        for row in &shown.train {
            assert_eq!(row.len(), SYSTEMS.len());
            assert!(row.iter().all(|v| v.is_finite() && *v > 0.0), "{row:?}");
        }
        assert_eq!(shown.date.len(), 10);
        assert!(shown.machine.contains("Chromium"));
        assert!(shown.ceiling_share.is_some_and(|c| c > 0.0 && c < 1.5));
    }

    const SMALL: &str = r#"{
        "date": "2026-11-28T22:34:24.774Z",
        "machine": {"cpuModel": "AMD EPYC", "cpuCount": 2, "os": "linux"},
        "browser": {"version": "156.0"},
        "flopsPerSample": 1000000,
        "compute": {"ceilingPlain": {"median": 40.0, "n": 5}},
        "train": {
            "32": {"gradlab": {"median": 100.0}, "tfjsWasm": {"median": 50.0}},
            "256": {"gradlab": {"median": 20000.0}, "tfjsWasm": {"median": 4000.0},
                    "tfjsCpu": {"median": 300.0}}
        },
        "extra": [1, 2, 3]
    }"#;

    #[test]
    fn the_summary_reads_date_machine_and_ceiling_share() {
        let shown = BenchResults::parse(SMALL).unwrap().committed();
        assert_eq!(shown.date, "2026-11-28");
        assert_eq!(shown.machine, "2 × AMD EPYC, Chromium 156.0");
        // 20000 samples/s × 1e6 FLOP = 20 GFLOP/s of a 40 GFLOP/s ceiling.
        assert_eq!(shown.ceiling_share, Some(0.5));
    }

    #[test]
    fn missing_measurements_are_nan_and_the_rest_stay() {
        let shown = BenchResults::parse(SMALL).unwrap().committed();
        assert_eq!((shown.train[0][0], shown.train[0][2]), (100.0, 50.0));
        assert!(shown.train[0][1].is_nan() && shown.train[0][3].is_nan());
        assert!(ratio_all_to_torch(&shown.train[0]).is_nan());
        assert!(shown.train[1].iter().all(|v| v.is_nan()));
        assert_eq!(ratio_to_wasm(&shown.train[0]), 2.0);
        assert_eq!(ratio_to_wasm(&shown.train[2]), 5.0);
    }

    #[test]
    fn without_a_ceiling_there_is_no_share() {
        let json = SMALL.replace(
            r#""compute": {"ceilingPlain": {"median": 40.0, "n": 5}},"#,
            "",
        );
        let shown = BenchResults::parse(&json).unwrap().committed();
        assert_eq!(shown.ceiling_share, None);
    }

    #[test]
    fn a_file_without_the_machine_is_refused_with_its_name() {
        let err = BenchResults::parse(r#"{"date": "x"}"#).unwrap_err();
        assert!(err.starts_with("assets/bench/results.json:"), "{err}");
        assert!(err.contains("machine"), "{err}");
    }
}
