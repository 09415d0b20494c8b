//! Two things the binaries need from build time, each in its own file under build/:
//! - the committed bench results, as a Rust expression the Performance chapter includes;
//! - the build id the page and the worker compare in their handshake.

#[path = "build/bench_summary.rs"]
mod bench_summary;
#[path = "build/build_id.rs"]
mod build_id;

fn main() {
    bench_summary::write();
    build_id::write();
}
