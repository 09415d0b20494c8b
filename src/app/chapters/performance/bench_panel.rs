//! The committed `make bench` run (gradlab against TF.js, per batch size) beside this
//! browser's own training figure.

use leptos::prelude::*;

use super::committed::committed;
use crate::app::charts::{BarChart, Bars, SERIES};
use crate::app::lab_ui::group_thousands;
use crate::app::widgets::FigureTable;
use crate::app::{use_i18n, use_worker, WorkerLink};
use crate::i18n::Msg;
use crate::view::bench_results::{ratio_all_to_torch, ratio_to_wasm, Committed};
use crate::view::bench_results::{BENCH_BATCHES, SYSTEMS};

/// A system's name as the table and chart show it.
fn system_name(key: &str) -> Msg {
    match key {
        "gradlab" => Msg::PerfSysGradlabOne,
        "gradlabAll" => Msg::PerfSysGradlabAll,
        "tfjsWasm" => Msg::PerfSysTfjsWasm,
        "tfjsCpu" => Msg::PerfSysTfjsCpu,
        "torch1" => Msg::PerfSysTorchOne,
        _ => Msg::PerfSysTorchAll,
    }
}

/// The chart's bars: every system but TF.js cpu (a tenth of TF.js wasm, a sliver at this
/// scale; the table has it), each in its colour.
const CHARTED: [(usize, usize); 5] = [(0, 0), (1, 2), (2, 1), (4, 3), (5, 4)];

/// This browser's samples/s at `batch`, once measured.
fn yours(link: WorkerLink, batch: usize) -> Option<f64> {
    link.train_results.with(|r| {
        r.as_ref()
            .and_then(|r| r.iter().find(|t| t.batch == batch))
            .map(|t| t.samples_per_sec)
    })
}

#[component]
pub fn BenchPanel() -> impl IntoView {
    let i18n = use_i18n();
    let data = committed();
    let link = use_worker();
    let train = data.train.clone();
    let bars = Signal::derive(move || Bars {
        groups: BENCH_BATCHES
            .iter()
            .map(|b| format!("{} {b}", i18n.t(Msg::PerfBatch)))
            .collect(),
        bars: CHARTED
            .iter()
            .map(|&(system, color)| {
                (
                    i18n.t(system_name(SYSTEMS[system])).to_string(),
                    SERIES[color],
                )
            })
            .chain(std::iter::once((
                i18n.t(Msg::PerfYours).to_string(),
                SERIES[5],
            )))
            .collect(),
        values: BENCH_BATCHES
            .iter()
            .zip(&train)
            .map(|(&b, v)| {
                let mut bars: Vec<f64> = CHARTED.iter().map(|&(system, _)| v[system]).collect();
                bars.push(yours(link, b).unwrap_or(f64::NAN));
                bars
            })
            .collect(),
    });
    view! {
        <section class="panel" data-testid="perf-bench">
            <h2>{move || i18n.t(Msg::PerfBenchTitle)}</h2>
            <p class="muted">{move || i18n.t(Msg::PerfBenchCaption)}</p>
            <p class="muted small" data-testid="perf-bench-machine">
                {move || i18n.t(Msg::PerfMeasuredOn)}
                {move || i18n.t(Msg::NameSep)}
                {format!("{} · {}", data.date, data.machine)}
            </p>
            <BenchTable data=data.clone() />
            <p class="muted small">{move || i18n.t(Msg::PerfYoursNote)}</p>
            <BarChart
                bars=bars
                x_label=Signal::derive(String::new)
                y_label=Signal::derive(move || i18n.t(Msg::AxisSamplesPerSec).to_string())
                testid="perf-bench-chart"
            />
            <p class="muted">
                {move || i18n.t(Msg::PerfCeiling)}
                {data.ceiling_share.map(|c| format!(" {:.0}%", 100.0 * c))}
            </p>
        </section>
    }
}

/// samples/s per system (a row each) and batch (a column each), this browser's own figure, and
/// the two ratios. Systems run down the rows so that the table stays four columns wide: eight
/// value columns overflowed the prose column at 1280 px.
#[component]
fn BenchTable(data: Committed) -> impl IntoView {
    let i18n = use_i18n();
    let link = use_worker();
    let number = |v: f64| {
        if v.is_finite() {
            group_thousands(v.round() as u64)
        } else {
            "–".into()
        }
    };
    let systems = SYSTEMS
        .iter()
        .enumerate()
        .map(|(system, &key)| {
            let cells = data
                .train
                .iter()
                .map(|values| view! { <td class="num">{number(values[system])}</td> })
                .collect_view();
            view! {
                <tr data-system=key>
                    <th scope="row">{move || i18n.t(system_name(key))}</th>
                    {cells}
                </tr>
            }
        })
        .collect_view();
    let yours_cells = BENCH_BATCHES
        .iter()
        .map(|&batch| {
            view! {
                <td class="num" data-testid=format!("perf-bench-yours-{batch}")>
                    {move || yours(link, batch).map_or("–".into(), |v| group_thousands(v.round() as u64))}
                </td>
            }
        })
        .collect_view();
    let ratio_cells = |ratio: fn(&[f64]) -> f64, attr: &'static str, digits: usize| {
        BENCH_BATCHES
            .iter()
            .zip(&data.train)
            .map(|(&batch, values)| {
                let r = ratio(values);
                let shown = if r.is_finite() { format!("{r:.digits$}×") } else { "–".into() };
                view! {
                    <td class="num" data-batch=batch.to_string() data-ratio-kind=attr data-ratio=format!("{r:.3}")>
                        {shown}
                    </td>
                }
            })
            .collect_view()
    };
    let vs_wasm = ratio_cells(ratio_to_wasm, "wasm", 1);
    let vs_torch = ratio_cells(ratio_all_to_torch, "torch", 2);
    view! {
        <FigureTable caption=move || i18n.t(Msg::PerfBenchTitle).to_string() testid="perf-bench-table" table_class="figures bench">
            <thead>
                <tr>
                    <th scope="col">{move || i18n.t(Msg::PerfSamples)}</th>
                    {BENCH_BATCHES.iter().map(|b| view! { <th scope="col" class="num">{move || format!("{} {b}", i18n.t(Msg::PerfBatch))}</th> }).collect_view()}
                </tr>
            </thead>
            <tbody>
                {systems}
                <tr data-system="yours" class="yours">
                    <th scope="row">{move || i18n.t(Msg::PerfYours)}</th>
                    {yours_cells}
                </tr>
                <tr class="ratio">
                    <th scope="row">{move || i18n.t(Msg::PerfVsWasm)}</th>
                    {vs_wasm}
                </tr>
                <tr class="ratio">
                    <th scope="row">{move || i18n.t(Msg::PerfVsTorch)}</th>
                    {vs_torch}
                </tr>
            </tbody>
        </FigureTable>
    }
}
