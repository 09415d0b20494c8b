//! Measure and Stop for one benchmark (the Performance chapter's, and the speed question's).

use leptos::prelude::*;

use crate::app::{use_i18n, use_worker};
use crate::i18n::Msg;
use crate::jobs::Target;
use crate::protocol::Command;

/// Measure / Stop for one benchmark. `busy` disables Measure while any job runs: the worker
/// runs one job at a time, and a second would replace the first.
#[component]
pub fn RunControls(
    id: &'static str,
    measured: Signal<bool>,
    running: Signal<bool>,
    busy: Signal<bool>,
    on_run: impl Fn() + Copy + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let link = use_worker();
    let label = move || {
        i18n.t(if measured.get() {
            Msg::PerfRunAgain
        } else {
            Msg::PerfRun
        })
    };
    view! {
        <div class="controls">
            <button
                type="button"
                class="primary"
                data-testid=format!("{id}-run")
                disabled=move || busy.get()
                on:click=move |_| on_run()
            >
                {label}
            </button>
            <button
                type="button"
                data-testid=format!("{id}-cancel")
                disabled=move || !running.get()
                on:click=move |_| link.send(Command::Cancel(Target::Bench))
            >
                {move || i18n.t(Msg::PerfCancel)}
            </button>
        </div>
    }
}
