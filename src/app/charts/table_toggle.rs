//! "Show as table" under a figure: a button that opens the figure's numbers as a table, one key
//! press away. The wrapper stays while the numbers change, so keyboard focus inside it survives
//! a live figure's updates.

use leptos::prelude::*;

use crate::app::use_i18n;
use crate::app::widgets::FigureTable;
use crate::i18n::Msg;
use crate::view::format::fill;

/// The button (`<testid>-table-toggle`) and, while `open`, the table `<testid>-table` named
/// after the figure's `label` ("Latent space, as a table"), whose head and body are `children`.
#[component]
pub fn TableToggle(
    open: RwSignal<bool>,
    testid: String,
    #[prop(into)] label: Signal<String>,
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    let caption = Signal::derive(move || fill(i18n.t(Msg::TableOf), &[("what", &label.get())]));
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
        <div hidden=move || !open.get()>
            <FigureTable caption=caption testid=format!("{testid}-table") class="chart-table">
                {children()}
            </FigureTable>
        </div>
    }
}
