//! "Start over" (`{prefix}-forget`) and the line that says whether the lab's run is kept in
//! this browser (`{prefix}-saved`); the logic is `app::saved_runs` and `view::saved_run`.

use leptos::prelude::*;

use crate::app::saved_runs::{forget, status, Slot};
use crate::app::use_i18n;
use crate::i18n::Msg;
use crate::view::saved_run::saved_text;

// The prop is not called `slot`: that attribute name is Leptos's own, for slotted children.
#[component]
pub fn SavedRow(store: Slot, prefix: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    let saved = status(store.kept());
    view! {
        <div class="share-row saved-row">
            <button
                type="button"
                data-testid=format!("{prefix}-forget")
                disabled=move || !store.status().get().has_model()
                on:click=move |_| forget(store)
            >
                {move || i18n.t(Msg::SavedForget)}
            </button>
            <span class="muted" role="status" aria-live="polite" data-testid=format!("{prefix}-saved")>
                {move || saved.with(|s| saved_text(|m| i18n.t(m), s))}
            </span>
        </div>
    }
}
