//! The scale figures: loss against parameters with the fitted law, loss against compute per
//! size, and the table of sizes.

use leptos::prelude::*;

use crate::app::charts::{LineChart, Series, SERIES};
use crate::app::lab_ui::{format_loss, group_thousands, Caption};
use crate::app::prose::cited;
use crate::app::widgets::FigureTable;
use crate::app::{use_i18n, use_worker};
use crate::i18n::Msg;
use crate::view::format::{fill, fixed, percent};
use crate::view::ticks::label_compact;

/// Log-log points with a gap between each, so the chart draws them as dots.
fn dots(points: impl Iterator<Item = (f64, f64)>) -> Vec<(f64, f64)> {
    points.flat_map(|p| [p, (f64::NAN, f64::NAN)]).collect()
}

/// The law, the compute chart and the sizes' table of the scale sweep.
#[component]
pub fn ScaleFigures() -> impl IntoView {
    view! {
        <div class="figures-grid">
            <LawFigure />
            <ComputeFigure />
            <TableFigure />
        </div>
    }
}

#[component]
fn LawFigure() -> impl IntoView {
    let i18n = use_i18n();
    let exp = use_worker().exp;
    let finished = move || {
        exp.scale.with(|r| {
            r.as_ref().map_or(Vec::new(), |r| {
                r.points
                    .iter()
                    .filter(|p| p.exact_match.is_some())
                    .cloned()
                    .collect::<Vec<_>>()
            })
        })
    };
    let fit = move || exp.scale.with(|r| r.as_ref().and_then(|r| r.fit));
    let law = Signal::derive(move || {
        let points = finished();
        let mut series = vec![Series {
            label: i18n.t(Msg::ScaleLoss).to_string(),
            color: SERIES[0],
            points: dots(
                points
                    .iter()
                    .filter_map(|p| p.loss.map(|l| (p.params as f64, f64::from(l)))),
            ),
            dashed: false,
        }];
        if let (Some(f), Some(lo), Some(hi)) = (
            fit(),
            points.first().map(|p| p.params as f64),
            points.last().map(|p| p.params as f64),
        ) {
            series.push(Series {
                label: format!("{:.3}·N^(−{:.3})", f.a, f.alpha),
                color: SERIES[4],
                points: (0..=20)
                    .map(|i| {
                        let n = lo * (hi / lo).powf(f64::from(i) / 20.0);
                        (n, f.predict(n))
                    })
                    .collect(),
                dashed: true,
            });
        }
        series
    });
    view! {
        <figure class="lab-figure" aria-label=move || i18n.t(Msg::ScaleChartTitle)>
            <Caption title=Msg::ScaleChartTitle caption=Msg::ScaleChartCaption />
            <LineChart
                series=law
                x_label=Signal::derive(move || i18n.t(Msg::AxisParams).to_string())
                y_label=Signal::derive(move || i18n.t(Msg::AxisLossPerToken).to_string())
                log_x=true
                log_y=true
                testid="scale-chart"
            />
            <p class="live-formula" data-testid="scale-fit" data-alpha=move || fit().map(|f| format!("{:.6}", f.alpha)).unwrap_or_default()>
                {move || fit().map(|f| format!("{}{}α = {:.3} (R² = {:.3})", i18n.t(Msg::ScaleFit), i18n.t(Msg::NameSep), f.alpha, f.r2))}
            </p>
        </figure>
    }
}

#[component]
fn ComputeFigure() -> impl IntoView {
    let i18n = use_i18n();
    let exp = use_worker().exp;
    let compute = Signal::derive(move || {
        exp.scale.with(|r| {
            r.as_ref().map_or(Vec::new(), |r| {
                r.points
                    .iter()
                    .enumerate()
                    .map(|(i, p)| Series {
                        label: fill(
                            i18n.t(Msg::CountParams),
                            &[("n", &group_thousands(p.params as u64))],
                        ),
                        color: SERIES[i % SERIES.len()],
                        points: p
                            .curve
                            .iter()
                            .map(|c| (c.flops, f64::from(c.loss)))
                            .collect(),
                        dashed: false,
                    })
                    .collect()
            })
        })
    });
    view! {
        <figure class="lab-figure" aria-label=move || i18n.t(Msg::ScaleComputeTitle)>
            <Caption title=Msg::ScaleComputeTitle caption=Msg::ScaleComputeCaption />
            <LineChart
                series=compute
                x_label=Signal::derive(move || i18n.t(Msg::AxisFlops).to_string())
                y_label=Signal::derive(move || i18n.t(Msg::AxisLossPerToken).to_string())
                log_x=true
                log_y=true
                testid="scale-compute-chart"
            />
        </figure>
    }
}

#[component]
fn TableFigure() -> impl IntoView {
    let i18n = use_i18n();
    let exp = use_worker().exp;
    let rows = move || {
        exp.scale.with(|r| {
            r.as_ref().map(|r| {
                r.points
                    .iter()
                    .enumerate()
                    .map(|(i, p)| {
                        view! {
                            <tr data-params=p.params.to_string()>
                                <th scope="row">{group_thousands(p.params as u64)}</th>
                                <td class="num">{group_thousands(p.tokens as u64)}</td>
                                <td class="num">{fixed(p.tokens_per_param() as f32, 2)}</td>
                                <td class="num">{label_compact(p.six_nd())}</td>
                                <td class="num">{label_compact(p.flops)}</td>
                                <td class="num">{r.size_ms.get(i).map_or("–".into(), |ms| format!("{:.1} s", ms / 1e3))}</td>
                                <td class="num">{p.loss.map_or("–".into(), format_loss)}</td>
                                <td class="num">{percent(p.exact_match)}</td>
                            </tr>
                        }
                    })
                    .collect_view()
            })
        })
    };
    view! {
        <figure class="lab-figure wide" aria-label=move || i18n.t(Msg::ScaleTableTitle)>
            <figcaption>{move || cited(i18n.t(Msg::ScaleTableCaption))}</figcaption>
            <FigureTable caption=move || i18n.t(Msg::ScaleTableTitle).to_string() testid="scale-table">
                <thead>
                    <tr>
                        <th scope="col">{move || i18n.t(Msg::ScaleParams)}" N"</th>
                        <th scope="col" class="num">{move || i18n.t(Msg::ScaleTokensCol)}" D"</th>
                        <th scope="col" class="num">"D / N"</th>
                        <th scope="col" class="num">"6ND"</th>
                        <th scope="col" class="num">{move || i18n.t(Msg::ScaleFlopsCounted)}</th>
                        <th scope="col" class="num">{move || i18n.t(Msg::ScaleTime)}</th>
                        <th scope="col" class="num">{move || i18n.t(Msg::ScaleLoss)}</th>
                        <th scope="col" class="num">{move || i18n.t(Msg::ScaleExact)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </FigureTable>
        </figure>
    }
}
