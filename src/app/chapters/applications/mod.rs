//! Where the ideas are used and with what tools, then the three questions every learner asks,
//! each answered by an experiment the visitor runs or by the models they trained.

mod faq_data;
mod faq_interpret;
mod faq_speed;

use leptos::prelude::*;

use super::references::source_items;
use super::ChapterPage;
use crate::app::prose::Intro;
use crate::app::shell::nav_label;
use crate::app::use_i18n;
use crate::i18n::applications::USES;
use crate::i18n::Msg;
use crate::routes::Chapter;
use crate::view::format::fill;

#[component]
pub fn Applications() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <ChapterPage chapter=Chapter::Applications>
            <Intro chapter=Chapter::Applications />
            <Uses />
            <h2 id="faq">{move || i18n.t(Msg::FaqTitle)}</h2>
            <faq_speed::FaqSpeed />
            <faq_data::FaqData />
            <faq_interpret::FaqInterpret />
        </ChapterPage>
    }
}

/// One card per use: what it is, its sources, and where to try it here.
#[component]
fn Uses() -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.lang;
    let cards = USES
        .iter()
        .map(|u| {
            view! {
                <article class="use-card" data-use=u.id>
                    <h3>{move || u.title(lang.get())}</h3>
                    <p>{move || u.text(lang.get())}</p>
                    <details class="use-sources">
                        <summary>
                            {move || {
                                fill(i18n.t(Msg::AppsSources), &[("n", &u.refs.len().to_string())])
                            }}
                        </summary>
                        <ul class="event-sources">{source_items(u.refs)}</ul>
                    </details>
                    <a class="event-try" href=u.chapter.href() data-testid=format!("use-try-{}", u.id)>
                        <span class="pager-dir">{move || i18n.t(Msg::HistoryTryIt)}</span>
                        " "
                        <span>{move || i18n.t(nav_label(u.chapter))}</span>
                        {move || i18n.t(Msg::NameSep)}
                        <span>{move || u.try_it(lang.get())}</span>
                    </a>
                </article>
            }
        })
        .collect_view();
    view! {
        <section data-testid="applications" data-uses=USES.len()>
            <h2>{move || i18n.t(Msg::AppsUsesTitle)}</h2>
            <div class="use-cards">{cards}</div>
        </section>
    }
}
