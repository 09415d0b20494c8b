//! The gradlab page: mounts the Leptos app. It also exports the bench's encoder and decoder
//! (`app::bench_api`): the page already holds the whole wire, so they cost it almost nothing.

#[cfg(target_arch = "wasm32")]
gradlab::bench_exports!();

#[cfg(target_arch = "wasm32")]
fn main() {
    gradlab::app::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "gradlab runs in a browser; `make serve` builds and serves it at http://127.0.0.1:8080"
    );
}
