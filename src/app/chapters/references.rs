//! The history of the ideas the lab teaches, and the works it cites.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::ChapterPage;
use crate::app::prose::Intro;
use crate::app::use_i18n;
use crate::i18n::{reference, Msg, Reference, HISTORY, REFERENCES};
use crate::routes::{linked_reference, reference_href, Chapter};

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
        .filter_map(|key| reference(key))
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

/// Brings the entry a citation links to (`#/references?ref=key`) into view and focus, and
/// marks it, so the reader sees which of the 60-odd works they came for.
fn show_linked_entry() {
    let hash = window().location().hash().unwrap_or_default();
    let document = document();
    if let Ok(Some(old)) = document.query_selector("[data-linked]") {
        let _ = old.remove_attribute("data-linked");
    }
    // Only a listed work's key: the query is the visitor's, and ids name other things too.
    let Some(key) = linked_reference(&hash).filter(|k| reference(k).is_some()) else {
        return;
    };
    let Some(entry) = document.get_element_by_id(key) else {
        return;
    };
    let _ = entry.set_attribute("data-linked", "true");
    // Centred, not at the top, where the sticky header would cover it.
    let options = web_sys::ScrollIntoViewOptions::new();
    options.set_block(web_sys::ScrollLogicalPosition::Center);
    entry.scroll_into_view_with_scroll_into_view_options(&options);
    if let Some(entry) = entry.dyn_ref::<web_sys::HtmlElement>() {
        let _ = entry.focus();
    }
}

/// The keys a milestone cites, each linked to its entry below.
fn milestone_cites(keys: &'static [&'static str]) -> impl IntoView {
    let links = keys.iter().enumerate().map(|(i, key)| {
        view! {
            {(i > 0).then_some(", ")}
            <a href=reference_href(key)>{*key}</a>
        }
    });
    view! { <span class="cite">"[" {links.collect_view()} "]"</span> }
}

#[component]
pub fn References() -> impl IntoView {
    let i18n = use_i18n();
    // After the app's own hashchange handler has scrolled to the top, and once the list is drawn.
    request_animation_frame(show_linked_entry);
    let handle = window_event_listener(leptos::ev::hashchange, move |_| {
        request_animation_frame(show_linked_entry)
    });
    on_cleanup(move || handle.remove());
    let history = move || {
        let lang = i18n.lang.get();
        HISTORY
            .iter()
            .map(|m| {
                view! {
                    <li>
                        <span class="year">{m.year}</span>
                        <span>{m.text(lang)} " " {milestone_cites(m.refs)}</span>
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
                    <li id=r.key data-ref=r.key tabindex="-1">
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
