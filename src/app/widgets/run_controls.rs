//! Measure and Stop for one benchmark (the Performance chapter's, and the speed question's),
//! and the polite line that says when it ends and what it measured.

use leptos::prelude::*;

use crate::app::{use_i18n, use_worker};
use crate::i18n::Msg;
use crate::jobs::Target;
use crate::protocol::Command;
use crate::view::announce::finished_sentence;
use crate::view::bench_words::fresh;

/// Measure / Stop for one benchmark. `busy` disables Measure while any job runs: the worker
/// runs one job at a time, and a second would replace the first. When a run ends,
/// `{id}-announce` says that the measurement titled `title` finished, with `words` (what its
/// figures are now, a phrase each; none before the first result), or that it was stopped.
#[component]
pub fn RunControls(
    id: &'static str,
    title: Msg,
    measured: Signal<bool>,
    running: Signal<bool>,
    busy: Signal<bool>,
    words: Signal<Vec<String>>,
    on_run: impl Fn() + Copy + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let link = use_worker();
    let said = RwSignal::new(String::new());
    // The words when the run started: a stopped re-run leaves them as they were.
    let before = StoredValue::new(Vec::<String>::new());
    Effect::new(move |was: Option<bool>| {
        let now = running.get();
        match (was, now) {
            (Some(false) | None, true) => before.set_value(words.get_untracked()),
            (Some(true), false) => {
                let after = words.get_untracked();
                let done = before.with_value(|b| fresh(b, &after));
                let figures = if done { after } else { Vec::new() };
                said.set(finished_sentence(
                    &|m| i18n.t(m),
                    i18n.t(title),
                    !done,
                    &figures,
                ));
            }
            _ => {}
        }
        now
    });
    let label = move || {
        i18n.t(if measured.get() {
            Msg::PerfRunAgain
        } else {
            Msg::PerfRun
        })
    };
    view! {
        <p class="visually-hidden" role="status" aria-live="polite" data-testid=format!("{id}-announce")>
            {move || said.get()}
        </p>
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
