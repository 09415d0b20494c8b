//! "Start over" (`{prefix}-forget`) and the line that says whether the lab's run is kept in
//! this browser (`{prefix}-saved`); the logic is `app::saved_runs` and `view::saved_run`.

use leptos::prelude::*;

use crate::app::lab_store::LabStore;
use crate::app::saved_runs::{forget, status};
use crate::app::use_i18n;
use crate::i18n::Msg;
use crate::view::saved_run::saved_text;

#[component]
pub fn SavedRow(lab: LabStore, prefix: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    let saved = status(lab.id);
    view! {
        <div class="share-row saved-row">
            <button
                type="button"
                data-testid=format!("{prefix}-forget")
                disabled=move || !lab.status.get().has_model()
                on:click=move |_| forget(lab)
            >
                {move || i18n.t(Msg::SavedForget)}
            </button>
            <span class="muted" role="status" aria-live="polite" data-testid=format!("{prefix}-saved")>
                {move || saved.with(|s| saved_text(|m| i18n.t(m), s))}
            </span>
        </div>
    }
}
