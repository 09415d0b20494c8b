//! "Show as table" under a figure: a button that opens the figure's numbers as a table, one key
//! press away. The wrapper stays while the numbers change, so keyboard focus inside it survives
//! a live figure's updates.

use leptos::prelude::*;

use crate::app::use_i18n;
use crate::i18n::Msg;

/// The button (`<testid>-table-toggle`) and, while `open`, `children`: the table, which carries
/// `<testid>-table` itself. `label` names the scrolling wrapper for a screen reader.
#[component]
pub fn TableToggle(
    open: RwSignal<bool>,
    testid: String,
    #[prop(into)] label: Signal<String>,
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <button
            type="button"
            class="chart-table-toggle"
            aria-expanded=move || open.get().to_string()
            data-testid=format!("{testid}-table-toggle")
            on:click=move |_| open.update(|o| *o = !*o)
        >
            {move || i18n.t(if open.get() { Msg::ChartHideTable } else { Msg::ChartShowTable })}
        </button>
        <div
            class="table-wrap chart-table"
            tabindex="0"
            hidden=move || !open.get()
            aria-label=move || label.get()
        >
            {children()}
        </div>
    }
}
