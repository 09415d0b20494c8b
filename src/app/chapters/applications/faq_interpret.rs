//! "How can we tell what a model has learned?": a latent map, an attention map and a linear
//! probe, each read from a model the visitor trained in this visit, each with what it shows and
//! what it does not.

use leptos::prelude::*;

use super::source_items;
use crate::app::prose::{cited, FaqProse};
use crate::app::{use_i18n, use_worker};
use crate::experiments::Method;
use crate::i18n::applications::FAQ_INTERPRET_SOURCES;
use crate::i18n::{Faq, Msg};
use crate::routes::Chapter;
use crate::view::faq::peak;
use crate::view::format::{fill, group_thousands, percent};
use crate::view::guide_lab::separation;

/// One tool: its title, the live reading (or where to train a model for it), and its limits.
#[component]
fn Tool(
    testid: &'static str,
    title: Msg,
    live: Signal<Option<String>>,
    go: (Chapter, Msg),
    shows: Msg,
) -> impl IntoView {
    let i18n = use_i18n();
    let reading = move || match live.get() {
        Some(text) => view! { <p class="faq-answer" data-live="true">{text}</p> }.into_any(),
        None => view! {
            <p class="muted" data-live="false">
                {move || i18n.t(Msg::FaqNotTrained)}
                " "
                <a href=go.0.href()>{move || i18n.t(go.1)}</a>
            </p>
        }
        .into_any(),
    };
    view! {
        <article class="use-card" data-testid=testid>
            <h4>{move || i18n.t(title)}</h4>
            {reading}
            <p>{move || cited(i18n.t(shows))}</p>
        </article>
    }
}

#[component]
pub fn FaqInterpret() -> impl IntoView {
    let i18n = use_i18n();
    let link = use_worker();
    let ae = link.ae;
    let map = Signal::derive(move || {
        let summary = ae.summary.get().filter(|s| s.step > 0)?;
        let labels = ae
            .setup
            .with(|s| s.as_ref().map(|s| s.test_labels.clone()))?;
        let share = separation(&summary.latent, &labels);
        let mut text = fill(
            i18n.t(Msg::FaqMapLive),
            &[
                ("step", &group_thousands(summary.step)),
                ("share", &percent(Some(share))),
            ],
        );
        if summary.projected {
            text.push(' ');
            text.push_str(&fill(
                i18n.t(Msg::FaqMapProjected),
                &[("explained", &percent(Some(summary.explained)))],
            ));
        }
        Some(text)
    });
    let attention = Signal::derive(move || {
        link.tf.attention.with(|a| {
            let (_, step, maps) = a.as_ref().filter(|a| a.1 > 0)?;
            let p = peak(maps)?;
            Some(fill(
                i18n.t(Msg::FaqAttnLive),
                &[
                    ("step", &group_thousands(*step)),
                    ("peak", &percent(Some(p.mean_max))),
                    ("even", &percent(Some(p.even))),
                ],
            ))
        })
    });
    let probe = Signal::derive(move || {
        link.exp.ft_rows.with(|rows| {
            let row = rows
                .iter()
                .filter(|r| r.accuracy(Method::LinearProbe).is_some())
                .max_by_key(|r| r.k)?;
            Some(fill(
                i18n.t(Msg::FaqProbeLive),
                &[
                    ("k", &row.k.to_string()),
                    ("acc", &percent(row.accuracy(Method::LinearProbe))),
                    ("scratch", &percent(row.accuracy(Method::Scratch))),
                ],
            ))
        })
    });
    view! {
        <section class="panel faq" data-testid="faq-interpret">
            <h3>{move || i18n.t(Msg::FaqInterpretTitle)}</h3>
            <FaqProse faq=Faq::Interpret />
            <div class="use-cards">
                <Tool
                    testid="faq-interpret-map"
                    title=Msg::FaqMapTitle
                    live=map
                    go=(Chapter::Autoencoder, Msg::FaqMapGo)
                    shows=Msg::FaqMapShows
                />
                <Tool
                    testid="faq-interpret-attention"
                    title=Msg::FaqAttnTitle
                    live=attention
                    go=(Chapter::Transformer, Msg::FaqAttnGo)
                    shows=Msg::FaqAttnShows
                />
                <Tool
                    testid="faq-interpret-probe"
                    title=Msg::FaqProbeTitle
                    live=probe
                    go=(Chapter::Finetune, Msg::FaqDataGo)
                    shows=Msg::FaqProbeShows
                />
            </div>
            <ul class="event-sources">{source_items(FAQ_INTERPRET_SOURCES)}</ul>
        </section>
    }
}
