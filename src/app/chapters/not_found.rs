//! What an unknown address shows: a way back, never a blank page.

use leptos::prelude::*;

use crate::app::shell::nav_label;
use crate::app::use_i18n;
use crate::i18n::Msg;
use crate::routes::Chapter;

#[component]
pub fn NotFound(path: String) -> impl IntoView {
    let i18n = use_i18n();
    let links = Chapter::ALL
        .into_iter()
        .map(|c| view! { <li><a href=c.href()>{move || i18n.t(nav_label(c))}</a></li> })
        .collect_view();
    view! {
        <article data-testid="chapter-not-found">
            <h1>{move || i18n.t(Msg::NotFoundTitle)}</h1>
            <p class="muted">
                {move || i18n.t(Msg::NotFoundAsked)} {move || i18n.t(Msg::NameSep)} <code>{format!("#/{path}")}</code>
            </p>
            <p>{move || i18n.t(Msg::NotFoundBody)}</p>
            <ul class="chapter-list">{links}</ul>
        </article>
    }
}
