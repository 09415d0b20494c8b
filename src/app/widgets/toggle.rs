//! A labelled checkbox bound to a boolean signal.

use leptos::prelude::*;

use crate::app::use_i18n;
use crate::i18n::Msg;

#[component]
pub fn Toggle(label: Msg, value: RwSignal<bool>, testid: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <label class="toggle">
            <input
                type="checkbox"
                data-testid=testid
                prop:checked=move || value.get()
                on:change=move |ev| value.set(event_target_checked(&ev))
            />
            {move || i18n.t(label)}
        </label>
    }
}
