//! "What do you do when you need a lot of data?": the visitor's own fine-tuning run read for
//! where pretraining on unlabelled digits stops helping, and the scale experiment for the other
//! axis, pretraining data itself.

use leptos::prelude::*;

use super::source_items;
use crate::app::prose::FaqProse;
use crate::app::widgets::FigureTable;
use crate::app::{use_i18n, use_worker};
use crate::experiments::Method;
use crate::i18n::applications::FAQ_DATA_SOURCES;
use crate::i18n::{Faq, Msg};
use crate::routes::Chapter;
use crate::view::faq::data_answer;
use crate::view::format::{fill, percent};
use crate::view::guide_experiments::{lead, signed};

#[component]
pub fn FaqData() -> impl IntoView {
    let i18n = use_i18n();
    let exp = use_worker().exp;
    let answer = Memo::new(move |_| exp.ft_rows.with(|rows| data_answer(rows)));
    let verdict = move || match answer.get() {
        None => i18n.t(Msg::FaqDataNone).to_string(),
        Some(a) => match a.stops_at {
            Some(k) => fill(i18n.t(Msg::FaqDataStops), &[("k", &k.to_string())]),
            None => {
                let last = a.leads.last().map_or(0, |l| l.0);
                fill(i18n.t(Msg::FaqDataHelps), &[("k", &last.to_string())])
            }
        },
    };
    let rows = move || {
        exp.ft_rows
            .get()
            .into_iter()
            .map(|r| {
                let acc = |m| percent(r.accuracy(m));
                let lead = lead(&r);
                view! {
                    <tr data-k=r.k data-lead=lead.map(|l| l.to_string())>
                        <th scope="row">{r.k}</th>
                        <td class="num">{acc(Method::Scratch)}</td>
                        <td class="num">{acc(Method::LinearProbe)}</td>
                        <td class="num">{acc(Method::FullFinetune)}</td>
                        <td class="num">{lead.map(signed).unwrap_or_default()}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    let stops = move || {
        answer
            .with(|a| a.as_ref().and_then(|a| a.stops_at))
            .map(|k| k.to_string())
    };
    view! {
        <section class="panel faq" data-testid="faq-data">
            <h3>{move || i18n.t(Msg::FaqDataTitle)}</h3>
            <FaqProse faq=Faq::Data />
            <FigureTable caption=move || i18n.t(Msg::FaqDataTitle).to_string() testid="faq-data-table">
                <thead>
                    <tr>
                        <th scope="col">"K"</th>
                        <th scope="col" class="num">{move || i18n.t(Msg::FtScratch)}</th>
                        <th scope="col" class="num">{move || i18n.t(Msg::FtProbe)}</th>
                        <th scope="col" class="num">{move || i18n.t(Msg::FtFull)}</th>
                        <th scope="col" class="num">{move || i18n.t(Msg::FaqDataColLead)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </FigureTable>
            <p class="faq-answer" data-testid="faq-data-answer" data-stops-at=stops aria-live="polite">
                {verdict}
            </p>
            <p>
                <a class="event-try" href=Chapter::Finetune.href() data-testid="faq-data-go">
                    {move || i18n.t(Msg::FaqDataGo)}
                </a>
            </p>
            <p>{move || i18n.t(Msg::FaqDataPretrainData)}</p>
            <p>
                <a class="event-try" href=Chapter::Finetune.href()>
                    {move || i18n.t(Msg::FaqDataGoScale)}
                </a>
            </p>
            <ul class="event-sources">{source_items(FAQ_DATA_SOURCES)}</ul>
        </section>
    }
}
