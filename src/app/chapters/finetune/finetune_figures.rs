//! The fine-tuning figures: accuracy over steps for the K being run, accuracy against K, and
//! the table of every K.

use leptos::prelude::*;

use crate::app::charts::{LineChart, Series, SERIES};
use crate::app::lab_ui::{group_thousands, Caption};
use crate::app::widgets::FigureTable;
use crate::app::{use_i18n, use_worker};
use crate::experiments::Method;
use crate::i18n::Msg;
use crate::view::faq::data_answer;
use crate::view::format::{fill, percent};

pub fn method_label(m: Method) -> Msg {
    match m {
        Method::LinearProbe => Msg::FtProbe,
        Method::FullFinetune => Msg::FtFull,
        Method::Scratch => Msg::FtScratch,
    }
}

fn method_color(m: Method) -> (u8, u8, u8) {
    match m {
        Method::LinearProbe => SERIES[1],
        Method::FullFinetune => SERIES[0],
        Method::Scratch => SERIES[5],
    }
}

#[component]
pub fn FinetuneFigures() -> impl IntoView {
    view! {
        <div class="figures-grid">
            <CurvesFigure />
            <ByKFigure />
            <TableFigure />
        </div>
    }
}

/// The curves of the K being run (or last run).
#[component]
fn CurvesFigure() -> impl IntoView {
    let i18n = use_i18n();
    let exp = use_worker().exp;
    let curves = Signal::derive(move || {
        exp.ft.with(|r| {
            let Some(result) = r.as_ref().and_then(|r| r.results.last()) else {
                return Vec::new();
            };
            Method::ALL
                .iter()
                .map(|&m| Series {
                    label: i18n.t(method_label(m)).to_string(),
                    color: method_color(m),
                    points: result
                        .methods
                        .iter()
                        .find(|r| r.method == m)
                        .map(|r| {
                            r.curve
                                .iter()
                                .map(|p| (p.step as f64, 100.0 * f64::from(p.accuracy)))
                                .collect()
                        })
                        .unwrap_or_default(),
                    dashed: m == Method::Scratch,
                })
                .collect()
        })
    });
    let curve_k = move || {
        exp.ft
            .with(|r| r.as_ref().and_then(|r| r.results.last()).map(|r| r.k))
    };
    view! {
        <figure class="lab-figure" aria-label=move || i18n.t(Msg::FtChartTitle)>
            <figcaption>
                <strong>{move || i18n.t(Msg::FtChartTitle)}</strong>
                {move || curve_k().map(|k| format!(" (K = {k})"))}
                " "
                {move || i18n.t(Msg::FtChartCaption)}
            </figcaption>
            <LineChart
                series=curves
                x_label=Signal::derive(move || i18n.t(Msg::AxisStep).to_string())
                y_label=Signal::derive(move || i18n.t(Msg::AxisAccuracy).to_string())
                testid="ft-chart"
            />
        </figure>
    }
}

/// Final accuracy against K: a point per method from the first K done (a chart left empty after
/// a run reads as broken), lines from the second on.
#[component]
fn ByKFigure() -> impl IntoView {
    let i18n = use_i18n();
    let exp = use_worker().exp;
    let by_k = Signal::derive(move || {
        exp.ft_rows.with(|rows| {
            Method::ALL
                .iter()
                .map(|&m| Series {
                    label: i18n.t(method_label(m)).to_string(),
                    color: method_color(m),
                    points: rows
                        .iter()
                        .map(|r| {
                            (
                                r.k as f64,
                                r.accuracy(m).map_or(f64::NAN, |a| 100.0 * f64::from(a)),
                            )
                        })
                        .collect(),
                    dashed: m == Method::Scratch,
                })
                .collect()
        })
    });
    // Where the lines cross, once two values of K have finished.
    let crossover = move || exp.ft_rows.with(|rows| data_answer(rows));
    view! {
        <figure class="lab-figure" aria-label=move || i18n.t(Msg::FtKChartTitle)>
            <Caption title=Msg::FtKChartTitle caption=Msg::FtKChartCaption />
            <LineChart
                series=by_k
                x_label=Signal::derive(|| "K".to_string())
                y_label=Signal::derive(move || i18n.t(Msg::AxisAccuracy).to_string())
                log_x=true
                testid="ft-k-chart"
            />
            {move || crossover().map(|a| {
                let text = match a.stops_at {
                    Some(k) => fill(i18n.t(Msg::FtCrossoverAt), &[("k", &k.to_string())]),
                    None => {
                        let last = a.leads.last().map_or(0, |l| l.0);
                        fill(i18n.t(Msg::FtCrossoverNone), &[("k", &last.to_string())])
                    }
                };
                view! {
                    <p class="faq-answer" data-testid="ft-crossover" data-stops-at=a.stops_at>
                        {text}
                    </p>
                }
            })}
        </figure>
    }
}

#[component]
fn TableFigure() -> impl IntoView {
    let i18n = use_i18n();
    let exp = use_worker().exp;
    let rows = move || {
        exp.ft_rows.with(|rows| {
            rows.iter()
                .map(|r| {
                    let acc = |m| r.accuracy(m);
                    let gain = match (acc(Method::FullFinetune), acc(Method::Scratch)) {
                        // A true minus, as in every other signed figure on the page.
                        (Some(f), Some(s)) => format!("{:+.1}", 100.0 * (f - s)).replace('-', "−"),
                        _ => "–".into(),
                    };
                    view! {
                        <tr data-k=r.k.to_string()>
                            <th scope="row">{group_thousands(r.k as u64)}</th>
                            <td class="num">{percent(acc(Method::LinearProbe))}</td>
                            <td class="num">{percent(acc(Method::FullFinetune))}</td>
                            <td class="num">{percent(acc(Method::Scratch))}</td>
                            <td class="num">{gain}</td>
                            <td class="num">{group_thousands(r.steps as u64)}</td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <figure class="lab-figure wide" aria-label=move || i18n.t(Msg::FtTableTitle)>
            <figcaption>
                <strong>{move || i18n.t(Msg::FtTableTitle)}</strong>
            </figcaption>
            <FigureTable caption=move || i18n.t(Msg::FtTableTitle).to_string() testid="ft-table">
                <thead>
                    <tr>
                        <th scope="col">"K"</th>
                        <th scope="col" class="num">{move || i18n.t(Msg::FtProbe)}</th>
                        <th scope="col" class="num">{move || i18n.t(Msg::FtFull)}</th>
                        <th scope="col" class="num">{move || i18n.t(Msg::FtScratch)}</th>
                        <th scope="col" class="num">{move || i18n.t(Msg::FtGain)}</th>
                        <th scope="col" class="num">{move || i18n.t(Msg::FtSteps)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </FigureTable>
            <p class="muted small" hidden=move || exp.ft_rows.with(|r| !r.is_empty())>
                {move || i18n.t(Msg::FtNoRows)}
            </p>
            <p class="muted small">{move || i18n.t(Msg::FtBudgetNote)}</p>
        </figure>
    }
}
