//! A long run's controls and state: its run buttons, Stop, a progress bar with what is
//! happening and the time left, and a note once the visitor stopped it.

use leptos::prelude::*;

use crate::app::use_i18n;
use crate::app::worker_client::worker_link;
use crate::experiments::StepCount;
use crate::i18n::Msg;
use crate::jobs::Target;
use crate::protocol::Command;

/// Ids: `{prefix}-stop`, `{prefix}-progress` (with `-stage` and `-eta`), `{prefix}-stopped`.
/// `children` are the run buttons; whoever starts a run clears `stopped`.
#[component]
pub fn RunStatus(
    prefix: &'static str,
    /// The session Stop cancels.
    target: Target,
    running: RwSignal<bool>,
    /// Set by Stop.
    stopped: RwSignal<bool>,
    steps: Signal<Option<StepCount>>,
    stage: Signal<String>,
    eta: Signal<String>,
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    let progress = format!("{prefix}-progress");
    let stop = move |_| {
        stopped.set(true);
        if let Some(link) = worker_link() {
            link.send(Command::Cancel(target));
        }
    };
    view! {
        <div class="run-bar">
            {children()}
            <button data-testid=format!("{prefix}-stop") disabled=move || !running.get() on:click=stop>
                {move || i18n.t(Msg::FtStop)}
            </button>
        </div>
        <p class="progress-line" hidden=move || steps.get().is_none()>
            <progress
                data-testid=progress.clone()
                max=move || steps.get().map_or(1, |s| s.total.max(1))
                value=move || steps.get().map_or(0, |s| s.done)
                aria-label=stage
            ></progress>
            <span data-testid=format!("{progress}-stage")>{stage}</span>
            <span class="mono small" data-testid=format!("{progress}-eta")>{eta}</span>
        </p>
        <p class="muted" data-testid=format!("{prefix}-stopped") hidden=move || !stopped.get() || running.get()>
            {move || i18n.t(Msg::FtStopped)}
        </p>
    }
}
