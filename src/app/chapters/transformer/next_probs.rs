//! The visitor's translation, step by step: at each decoding step, the five characters the
//! model found likeliest, with their probabilities, and what all the others share.

use leptos::prelude::*;

use crate::app::translate_store::{TranslateStore, Typed};
use crate::app::use_i18n;
use crate::app::widgets::FigureTable;
use crate::i18n::Msg;
use crate::models::NextProbs;
use crate::view::format::fixed;

/// A character as a cell shows it: a space is drawn, since a blank cell says nothing.
fn shown(label: &str) -> String {
    if label == " " {
        "␣".into()
    } else {
        label.to_string()
    }
}

#[component]
pub fn TfNextProbs(tf: TranslateStore) -> impl IntoView {
    let i18n = use_i18n();
    let steps = move || match tf.typed.get() {
        Some(Typed::Output { next, .. }) => next,
        _ => Vec::new(),
    };
    let rows = move || {
        steps()
            .into_iter()
            .enumerate()
            .map(|(i, NextProbs { top, rest })| {
                let sum = top.iter().map(|(_, p)| p).sum::<f32>() + rest;
                let cells = top
                    .into_iter()
                    .enumerate()
                    .map(|(rank, (label, p))| {
                        view! {
                            <td class="next-cell" class:chosen=rank == 0>
                                <span class="mono">{shown(&label)}</span>
                                " "
                                <span class="num">{fixed(p, 3)}</span>
                                <span class="next-bar" style:width=format!("{:.1}%", 100.0 * p)></span>
                            </td>
                        }
                    })
                    .collect_view();
                view! {
                    <tr data-sum=fixed(sum, 6)>
                        <th scope="row" class="num">{i + 1}</th>
                        {cells}
                        <td class="num">{fixed(rest, 3)}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    view! {
        <div class="next-probs" hidden=move || steps().is_empty()>
            <p class="figure-label">
                <strong>{move || i18n.t(Msg::TfNextTitle)}</strong>
                " "
                {move || i18n.t(Msg::TfNextCaption)}
            </p>
            <FigureTable caption=move || i18n.t(Msg::TfNextTitle).to_string() testid="tf-next-probs">
                <thead>
                    <tr>
                        <th scope="col" class="num">{move || i18n.t(Msg::TfNextStep)}</th>
                        <th scope="col" colspan="5">{move || i18n.t(Msg::TfNextTop)}</th>
                        <th scope="col" class="num">{move || i18n.t(Msg::TfNextRest)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </FigureTable>
        </div>
    }
}
