//! A matrix as a heatmap with its numbers beside it.

use leptos::prelude::*;

use super::TABLE_COLS;
use crate::app::charts::{Heat, HeatScale, Heatmap};
use crate::app::use_i18n;
use crate::app::widgets::FigureTable;
use crate::i18n::Msg;
use crate::view::format::matrix_entry;
use crate::view::heat::shown;

/// A matrix as a heatmap, with its numbers in a table beside it.
#[component]
pub fn MatrixView(
    title: Signal<String>,
    heat: Signal<Option<Heat>>,
    testid: &'static str,
    #[prop(optional)] publish: bool,
    #[prop(optional)] width: Option<f64>,
) -> impl IntoView {
    let i18n = use_i18n();
    let readout = RwSignal::new(String::new());
    let table = move || {
        heat.with(|h| {
            let h = h.as_ref()?;
            let cols = h.cols.len().min(TABLE_COLS);
            let more = h.cols.len() - cols;
            let head = h.cols[..cols]
                .iter()
                .map(|c| view! { <th scope="col">{shown(c)}</th> })
                .collect_view();
            let body = h
                .rows
                .iter()
                .zip(h.values.chunks(h.cols.len().max(1)))
                .map(|(r, vals)| {
                    let cells = vals[..cols]
                        .iter()
                        .map(|&v| view! { <td class="num">{matrix_entry(v)}</td> })
                        .collect_view();
                    view! {
                        <tr>
                            <th scope="row">{shown(r)}</th>
                            {cells}
                        </tr>
                    }
                })
                .collect_view();
            Some(view! {
                <div>
                    <FigureTable caption=title testid=format!("{testid}-numbers") table_class="matrix-numbers">
                        <thead>
                            <tr>
                                <td></td>
                                {head}
                            </tr>
                        </thead>
                        <tbody>{body}</tbody>
                    </FigureTable>
                    {(more > 0).then(|| view! { <p class="muted small">{move || format!("+{more} {}", i18n.t(Msg::AttnMoreCols))}</p> })}
                </div>
            })
        })
    };
    view! {
        <div class="matrix-view">
            <span class="figure-label">{title}</span>
            <div class="matrix-pair">
                <div>
                    <Heatmap heat=heat testid=testid.to_string() label=title readout=readout width_px=width.unwrap_or(360.0) publish=publish numbers_beside=true />
                    <HeatScale heat=heat />
                    <p class="muted mono small hover-readout" aria-live="polite">{move || readout.get()}</p>
                </div>
                {table}
            </div>
        </div>
    }
}
