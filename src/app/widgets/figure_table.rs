//! A table of numbers in its scrolling box. A wide table scrolls sideways on a phone, so its
//! box takes keyboard focus; a screen reader names both the box (a region) and the table (its
//! caption) by `caption`, since a table with no name is read as "table, 6 columns" and nothing
//! else. The caption is hidden from sight: every such table sits under a visible title.

use leptos::prelude::*;

/// `children` are the table's `<thead>` and `<tbody>`; `class` is added to the box's;
/// `table_class` replaces the table's own ("figures").
#[component]
pub fn FigureTable(
    #[prop(into)] caption: Signal<String>,
    #[prop(optional, into)] testid: Option<String>,
    #[prop(optional)] class: &'static str,
    #[prop(optional)] table_class: Option<&'static str>,
    children: Children,
) -> impl IntoView {
    view! {
        <div
            class=format!("table-wrap {class}")
            tabindex="0"
            role="region"
            aria-label=move || caption.get()
        >
            <table class=table_class.unwrap_or("figures") data-testid=testid>
                <caption class="visually-hidden">{move || caption.get()}</caption>
                {children()}
            </table>
        </div>
    }
}
