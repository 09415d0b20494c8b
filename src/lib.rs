//! gradlab: a machine-learning lab that trains small models live in the browser.
//!
//! The numerical core (`tensor`, `kernels`, `nn`, `optim`, `models`, `rng`) is plain Rust: it
//! compiles and tests natively and runs unchanged in the Web Worker. The page's logic (`view`:
//! store reducers, chart ticks, formatting) is plain Rust too, tested natively. The browser shell
//! (`app`, `worker`) exists only on wasm32 and is the only code that sees leptos, web-sys or js-sys.

pub mod data;
pub mod error;
pub mod experiments;
pub mod explain;
pub mod export;
pub mod i18n;
pub mod jobs;
pub mod kernels;
pub mod models;
pub mod nn;
pub mod optim;
pub mod protocol;
pub mod rng;
pub mod routes;
pub mod tasks;
pub mod tensor;
pub mod view;

#[cfg(target_arch = "wasm32")]
pub mod app;
#[cfg(target_arch = "wasm32")]
pub mod worker;
