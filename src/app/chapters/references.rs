//! The history of the ideas the lab teaches, and the works it cites.

use leptos::prelude::*;

use super::ChapterPage;
use crate::app::prose::Intro;
use crate::app::use_i18n;
use crate::i18n::{Msg, Reference, HISTORY, REFERENCES};
use crate::routes::Chapter;

/// A work's title, linked to its stable address when it has one.
fn ref_title(r: &'static Reference) -> AnyView {
    if r.url.is_empty() {
        view! { <span class="ref-title">{r.title}</span> }.into_any()
    } else {
        view! {
            <a class="ref-title" href=r.url rel="noopener">
                {r.title}
            </a>
        }
        .into_any()
    }
}

/// The works behind `keys`, one item each, as the references list writes them.
pub fn source_items(keys: &'static [&'static str]) -> impl IntoView {
    keys.iter()
        .filter_map(|key| REFERENCES.iter().find(|r| r.key == *key))
        .map(|r| view! { <li data-ref=r.key>{citation(r)}</li> })
        .collect_view()
}

/// "[key] Authors (year). Title. Venue." with the title linked.
fn citation(r: &'static Reference) -> impl IntoView {
    view! {
        <span class="ref-key">"[" {r.key} "]"</span>
        " "
        {r.authors}
        " ("
        {r.year}
        "). "
        {ref_title(r)}
        ". "
        <em>{r.venue}</em>
        "."
    }
}

#[component]
pub fn References() -> impl IntoView {
    let i18n = use_i18n();
    let history = move || {
        let lang = i18n.lang.get();
        HISTORY
            .iter()
            .map(|m| {
                let cites = m.refs.join(", ");
                view! {
                    <li>
                        <span class="year">{m.year}</span>
                        <span>
                            {m.text(lang)} " " <span class="cite">"[" {cites} "]"</span>
                        </span>
                    </li>
                }
            })
            .collect_view()
    };
    let works = move || {
        let lang = i18n.lang.get();
        REFERENCES
            .iter()
            .map(|r| {
                view! {
                    <li id=r.key data-ref=r.key>
                        {citation(r)}
                        <span class="ref-why">{r.why(lang)}</span>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <ChapterPage chapter=Chapter::References>
            <Intro chapter=Chapter::References />
            <h2>{move || i18n.t(Msg::HistoryTitle)}</h2>
            <ol class="timeline">{history}</ol>
            <h2>{move || i18n.t(Msg::WorksCited)}</h2>
            <ol class="references">{works}</ol>
        </ChapterPage>
    }
}
