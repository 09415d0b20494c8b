//! This browser's matrix-multiply speed, in GFLOP/s per shape, measured when the visitor asks:
//! a benchmark keeps both cores of a phone busy for seconds, which nobody should get unasked.

use leptos::prelude::*;

use crate::app::widgets::{FigureTable, RunControls};
use crate::app::{use_i18n, use_worker};
use crate::i18n::Msg;
use crate::jobs::{BenchCommand, GemmBenchConfig, Order, TrainBenchConfig};
use crate::protocol::Command;
use crate::view::bench_words::gemm_words;
use crate::view::gemm_formula::gemm_math;

#[component]
pub fn GemmPanel() -> impl IntoView {
    let i18n = use_i18n();
    let link = use_worker();
    let running = move || link.gemm_progress.get().is_some();
    // The training figure follows the GEMM figures in the worker, unless it is in or running.
    let measure = move || {
        let gemm = GemmBenchConfig::default();
        link.gemm_cancelled.set(false);
        link.gemm_progress.set(Some((0, gemm.shapes.len() as u32)));
        let bench = if link.train_results.get_untracked().is_none()
            && link.train_progress.get_untracked().is_none()
        {
            BenchCommand::Chapter {
                gemm,
                train: TrainBenchConfig::default(),
            }
        } else {
            BenchCommand::Gemm(gemm)
        };
        link.send(Command::Order(Order::Bench(bench)));
    };
    view! {
        <section class="panel" data-testid="perf-gemm" aria-busy=move || running().to_string()>
            <h2>{move || i18n.t(Msg::PerfGemmTitle)}</h2>
            <p>{move || i18n.t(Msg::PerfGemmExplain)}</p>
            <RunControls
                id="perf-gemm"
                title=Msg::PerfGemmTitle
                measured=Signal::derive(move || link.gemm_results.get().is_some())
                running=Signal::derive(running)
                busy=Signal::derive(move || running() || link.train_progress.get().is_some())
                words=Signal::derive(move || {
                    link.gemm_results.with(|r| {
                        let shapes: Vec<(&str, f64)> = r
                            .iter()
                            .flatten()
                            .map(|g| (g.label.as_str(), g.gflops))
                            .collect();
                        gemm_words(&|m| i18n.t(m), &shapes).into_iter().collect()
                    })
                })
                on_run=measure
            />
            <GemmStatus />
            <GemmTable />
            <GemmFormula />
        </section>
    }
}

/// Progress while measuring, else what the table shows.
#[component]
fn GemmStatus() -> impl IntoView {
    let i18n = use_i18n();
    let link = use_worker();
    move || {
        if let Some((done, total)) = link.gemm_progress.get() {
            view! {
                <p class="progress-line">
                    {move || i18n.t(Msg::PerfMeasuring)}
                    " "
                    <progress
                        max=total
                        value=done
                        data-testid="perf-gemm-progress"
                        aria-label=move || i18n.t(Msg::PerfMeasuring)
                    ></progress>
                    {format!(" {done}/{total}")}
                </p>
            }
            .into_any()
        } else if link.gemm_cancelled.get() {
            view! { <p class="muted">{move || i18n.t(Msg::PerfCancelled)}</p> }.into_any()
        } else if link.gemm_results.get().is_none() {
            view! { <p class="muted">{move || i18n.t(Msg::PerfNotYet)}</p> }.into_any()
        } else {
            view! { <p class="muted">{move || i18n.t(Msg::PerfYourBrowser)}</p> }.into_any()
        }
    }
}

/// GFLOP/s per shape, with a bar relative to the best.
#[component]
fn GemmTable() -> impl IntoView {
    let i18n = use_i18n();
    let link = use_worker();
    let rows = move || {
        let results = link.gemm_results.get().unwrap_or_default();
        let best = results.iter().map(|r| r.gflops).fold(1e-9, f64::max);
        results
            .into_iter()
            .map(|r| {
                let width = format!("{:.1}%", 100.0 * r.gflops / best);
                view! {
                    <tr data-gflops=format!("{:.3}", r.gflops)>
                        <th scope="row">{r.label}</th>
                        <td class="num">{format!("{:.1}", r.gflops)}</td>
                        <td class="bar-cell">
                            <span class="bar" style:width=width></span>
                        </td>
                    </tr>
                }
            })
            .collect_view()
    };
    view! {
        <FigureTable caption=move || i18n.t(Msg::PerfGemmTitle).to_string()>
            <thead>
                <tr>
                    <th scope="col">{move || i18n.t(Msg::PerfShape)}</th>
                    <th scope="col" class="num">{move || i18n.t(Msg::PerfGflops)}</th>
                    <th scope="col">
                        <span class="visually-hidden">{move || i18n.t(Msg::PerfBarCol)}</span>
                    </th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </FigureTable>
    }
}

/// How a row's figure is made, with its own numbers: 2mnk multiply-adds counted as FLOPs, over
/// the time one product took.
#[component]
fn GemmFormula() -> impl IntoView {
    let i18n = use_i18n();
    let link = use_worker();
    let math = move || {
        let results = link.gemm_results.get()?;
        let r = results.first()?;
        Some(gemm_math(r.m, r.n, r.k, r.gflops))
    };
    view! {
        <div class="live-formula" hidden=move || link.gemm_results.with(Option::is_none)>
            <p>{move || i18n.t(Msg::PerfFormulaIntro)}</p>
            <div tabindex="0" class="math" data-testid="perf-formula" inner_html=move || math().unwrap_or_default()></div>
        </div>
    }
}
