//! The browser shell: a Leptos single-page app around the worker.
//!
//! Nothing numerical happens here. Components read and write signals; the worker does the work.

pub mod bench_api;
mod chapters;
pub mod charts;
mod experiment_store;
mod idb;
mod lab_store;
mod lab_ui;
mod lang;
mod link;
mod panic;
mod prose;
pub(crate) mod saved_runs;
mod shell;
mod signal_state;
mod translate_store;
mod widgets;
mod worker_client;

use leptos::prelude::*;

use crate::routes::Route;
pub use lang::{use_i18n, I18n};
pub use worker_client::{use_worker, WorkerLink};

/// Entry point of the app binary.
pub fn start() {
    panic::install_hook();
    leptos::mount::mount_to_body(App);
}

fn current_hash() -> String {
    window().location().hash().unwrap_or_default()
}

#[component]
fn App() -> impl IntoView {
    let i18n = I18n::detect();
    provide_context(i18n);
    let worker = WorkerLink::spawn();
    provide_context(worker);
    provide_context(lab_ui::Explained(RwSignal::new(true)));
    saved_runs::install();

    // A link's settings reach the lab's store before its chapter is drawn.
    let hash = current_hash();
    link::open_link(worker, &hash);
    let route = RwSignal::new(Route::parse(&hash));
    let handle = window_event_listener(leptos::ev::hashchange, move |_| {
        let hash = current_hash();
        link::open_link(worker, &hash);
        route.set(Route::parse(&hash));
        // A new chapter starts at its top, as a new page would.
        window().scroll_to_with_x_and_y(0.0, 0.0);
    });
    on_cleanup(move || handle.remove());

    view! {
        <shell::Header route=route />
        <shell::ErrorBanner />
        <main id="content" class="chapter" tabindex="-1">
            {move || chapters::view_route(route.get())}
        </main>
        <shell::Footer />
    }
}
