//! The gradlab page: mounts the Leptos app.

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
