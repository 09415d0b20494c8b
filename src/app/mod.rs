//! The browser shell: a Leptos single-page app around the worker.
//!
//! Nothing numerical happens here. Components read and write signals; the worker does the work.

pub mod bench_api;
mod chapters;
pub mod charts;
mod experiment_store;
mod lab_store;
mod lab_ui;
mod lang;
mod panic;
mod prose;
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

fn current_route() -> Route {
    let hash = window().location().hash().unwrap_or_default();
    Route::parse(&hash)
}

#[component]
fn App() -> impl IntoView {
    let i18n = I18n::detect();
    provide_context(i18n);
    provide_context(WorkerLink::spawn());

    let route = RwSignal::new(current_route());
    let handle = window_event_listener(leptos::ev::hashchange, move |_| {
        route.set(current_route());
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
