//! Reads the committed bench results (assets/bench/results.json) at build time, through the
//! same typed struct the native tests check (`view::bench_results`), and writes what the
//! Performance chapter shows as a Rust expression. The page then carries a few numbers and
//! strings instead of a JSON parser: serde_json would add 54.5 KB (24.9 KB gzipped) to it.

use std::fmt::Write as _;
use std::path::Path;

#[allow(dead_code)]
#[path = "../src/view/bench_results.rs"]
mod bench_results;

const RESULTS: &str = "assets/bench/results.json";

fn number(v: f64) -> String {
    if v.is_finite() {
        format!("{v:?}f64")
    } else {
        "f64::NAN".into()
    }
}

pub fn write() {
    println!("cargo:rerun-if-changed={RESULTS}");
    println!("cargo:rerun-if-changed=src/view/bench_results.rs");
    let json = std::fs::read_to_string(RESULTS).unwrap_or_else(|e| panic!("{RESULTS}: {e}"));
    let shown = bench_results::BenchResults::parse(&json)
        .unwrap_or_else(|e| panic!("{e}"))
        .committed();
    let mut rows = String::new();
    for row in &shown.train {
        let cells: Vec<String> = row.iter().map(|&v| number(v)).collect();
        let _ = write!(rows, "vec![{}],", cells.join(", "));
    }
    let share = shown
        .ceiling_share
        .map_or("None".into(), |c| format!("Some({})", number(c)));
    let expr = format!(
        "Committed {{ date: String::from({:?}), machine: String::from({:?}), train: vec![{rows}], ceiling_share: {share} }}",
        shown.date, shown.machine
    );
    let out = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"))
        .join("bench_committed.rs");
    std::fs::write(&out, expr).unwrap_or_else(|e| panic!("{}: {e}", out.display()));
}
