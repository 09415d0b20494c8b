//! Renders a chapter's prose blocks from the catalog.

use leptos::prelude::*;

use super::use_i18n;
use crate::i18n::cite::{spans, Span};
use crate::i18n::{chapter_intro, faq_prose, reference, Block, Faq};
use crate::routes::{reference_href, Chapter};

/// A prose string with its in-text citations linked to their entries in References. The link's
/// title names the whole work, so a pointer can read it without leaving the page.
pub fn cited(text: &'static str) -> AnyView {
    spans(text)
        .into_iter()
        .map(|span| match span {
            Span::Text(t) => t.into_any(),
            Span::Cite { text, key } => {
                let title = reference(key)
                    .map(|r| format!("{} ({}). {}.", r.authors, r.year, r.title))
                    .unwrap_or_default();
                view! {
                    <a class="cite-link" href=reference_href(key) title=title data-cite=key>
                        {text}
                    </a>
                }
                .into_any()
            }
        })
        .collect_view()
        .into_any()
}

fn block_view(b: &'static Block) -> AnyView {
    match *b {
        Block::Heading(t) => view! { <h2>{t}</h2> }.into_any(),
        Block::Para(t) => view! { <p>{cited(t)}</p> }.into_any(),
        Block::List(items) => {
            view! { <ul>{items.iter().map(|i| view! { <li>{cited(i)}</li> }).collect_view()}</ul> }
                .into_any()
        }
        // MathML from our own catalog, never from the visitor: safe to insert as markup.
        Block::Math(m) => view! { <div tabindex="0" class="math" inner_html=m></div> }.into_any(),
    }
}

/// The introduction of a chapter in the current language.
#[component]
pub fn Intro(chapter: Chapter) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        chapter_intro(i18n.lang.get(), chapter)
            .iter()
            .map(block_view)
            .collect_view()
    }
}

/// The prose of one of the three questions, in the current language.
#[component]
pub fn FaqProse(faq: Faq) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        faq_prose(i18n.lang.get(), faq)
            .iter()
            .map(block_view)
            .collect_view()
    }
}
