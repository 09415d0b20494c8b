//! The Web Worker that trains models off the page's thread.

// Reports a failed allocation to the page before the worker dies of it.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOC: gradlab::worker::Guarded = gradlab::worker::Guarded;

#[cfg(target_arch = "wasm32")]
fn main() {
    gradlab::worker::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("the gradlab worker runs in a browser; `make serve` builds and serves it");
}
