//! The committed `make bench` results, summarised by build.rs (through `view::bench_results`)
//! and built into the page, so they show offline and the page carries no JSON parser.

use crate::view::bench_results::Committed;

/// The latest committed `make bench` run.
pub fn committed() -> Committed {
    include!(concat!(env!("OUT_DIR"), "/bench_committed.rs"))
}
