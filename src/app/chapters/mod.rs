//! One file per chapter; this file maps a route to its chapter and holds the frame they share.

mod applications;
mod attention;
mod autoencoder;
mod finetune;
mod history;
mod not_found;
mod overview;
mod performance;
mod references;
mod transformer;
mod vae;

use leptos::prelude::*;

use super::shell::nav_label;
use super::use_i18n;
use crate::i18n::Msg;
use crate::routes::{Chapter, Route};

pub fn view_route(route: Route) -> AnyView {
    match route {
        Route::Chapter(c) => match c {
            Chapter::Overview => view! { <overview::Overview /> }.into_any(),
            Chapter::History => view! { <history::History /> }.into_any(),
            Chapter::Autoencoder => view! { <autoencoder::Autoencoder /> }.into_any(),
            Chapter::Vae => view! { <vae::Vae /> }.into_any(),
            Chapter::Attention => view! { <attention::Attention /> }.into_any(),
            Chapter::Transformer => view! { <transformer::Transformer /> }.into_any(),
            Chapter::Finetune => view! { <finetune::Finetune /> }.into_any(),
            Chapter::Performance => view! { <performance::Performance /> }.into_any(),
            Chapter::Applications => view! { <applications::Applications /> }.into_any(),
            Chapter::References => view! { <references::References /> }.into_any(),
        },
        Route::NotFound(path) => view! { <not_found::NotFound path=path /> }.into_any(),
    }
}

/// The frame of a chapter: its number and title, its content, links to its neighbours.
#[component]
pub fn ChapterPage(chapter: Chapter, children: Children) -> impl IntoView {
    let i18n = use_i18n();
    let index = Chapter::ALL.iter().position(|c| *c == chapter).unwrap_or(0);
    let prev = index.checked_sub(1).map(|i| Chapter::ALL[i]);
    let next = Chapter::ALL.get(index + 1).copied();
    let neighbour = move |c: Option<Chapter>, rel: &'static str, label: Msg| {
        c.map(|c| {
            view! {
                <a class=format!("pager-{rel}") href=c.href() rel=rel>
                    <span class="pager-dir">{move || i18n.t(label)}</span>
                    <span class="pager-title">{move || i18n.t(nav_label(c))}</span>
                </a>
            }
        })
    };
    view! {
        <article data-testid=format!("chapter-{}", chapter.slug())>
            <p class="eyebrow">{format!("{:02}", index)}</p>
            <h1>{move || i18n.t(nav_label(chapter))}</h1>
            {children()}
            <nav class="pager">
                {neighbour(prev, "prev", Msg::PrevChapter)}
                {neighbour(next, "next", Msg::NextChapter)}
            </nav>
        </article>
    }
}
