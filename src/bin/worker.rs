//! The Web Worker that trains models off the page's thread.

#[cfg(target_arch = "wasm32")]
fn main() {
    gradlab::worker::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("the gradlab worker runs in a browser; `make serve` builds and serves it");
}
