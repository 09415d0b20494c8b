//! Renders a chapter's prose blocks from the catalog.

use leptos::prelude::*;

use super::use_i18n;
use crate::i18n::{chapter_intro, faq_prose, Block, Faq};
use crate::routes::Chapter;

fn block_view(b: &'static Block) -> AnyView {
    match *b {
        Block::Heading(t) => view! { <h2>{t}</h2> }.into_any(),
        Block::Para(t) => view! { <p>{t}</p> }.into_any(),
        Block::List(items) => {
            view! { <ul>{items.iter().map(|i| view! { <li>{*i}</li> }).collect_view()}</ul> }
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
