//! The page's logic as plain Rust: what the stores do with each event, where ticks go, how ink
//! is rasterised, how numbers and times read. Native `cargo test` covers all of it; the Leptos
//! shell (`app`) holds these states in signals and draws them.
//!
//! Like the core, nothing here imports leptos, web-sys, js-sys or wasm-bindgen.

pub mod announce;
pub mod arm_runner;
pub mod attention;
pub mod bench_results;
pub mod bench_words;
pub mod cell_grid;
pub mod chart_marks;
pub mod chart_style;
pub mod chart_table;
pub mod chart_words;
pub mod colour_vision;
pub mod core_error;
pub mod covariance;
pub mod experiment_state;
pub mod faq;
pub mod format;
pub mod gemm_formula;
pub mod grid_words;
pub mod guide;
pub mod guide_attention;
pub mod guide_experiments;
pub mod guide_lab;
pub mod guide_transformer;
pub mod heat;
pub mod ink;
pub mod lab_state;
pub mod latent_table;
pub mod latent_words;
pub mod line_labels;
pub mod model_sizes;
pub mod own_images_state;
pub mod own_pairs_state;
pub mod palette;
pub mod pen;
pub mod plot_area;
pub mod saved_run;
mod share_fields;
pub mod share_link;
pub mod sticky_range;
#[cfg(test)]
mod test_support;
pub mod tf_preparing;
pub mod ticks;
pub mod time_left;
pub mod timeline;
pub mod translate_state;
pub mod typed_input;
pub mod weights_state;
pub mod worker_health;
