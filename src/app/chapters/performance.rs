//! The performance chapter: how fast this browser computes, measured in the worker.

use leptos::prelude::*;

use super::ChapterPage;
use crate::app::charts::{BarChart, Bars, SERIES};
use crate::app::lab_ui::group_thousands;
use crate::app::prose::Intro;
use crate::app::{use_i18n, use_worker};
use crate::i18n::Msg;
use crate::jobs::{BenchCommand, Order, Target};
use crate::jobs::{GemmBenchConfig, TrainBenchConfig};
use crate::protocol::Command;
use crate::routes::Chapter;
use crate::view::bench_results::{ratio_to_wasm, Committed, BENCH_BATCHES, SYSTEMS};

#[component]
pub fn Performance() -> impl IntoView {
    view! {
        <ChapterPage chapter=Chapter::Performance>
            <Intro chapter=Chapter::Performance />
            <GemmPanel />
            <TrainPanel />
            <BenchPanel />
        </ChapterPage>
    }
}

/// The latest committed `make bench` run, summarised by build.rs (through
/// `view::bench_results`) and built into the page so it shows offline.
fn committed() -> Committed {
    include!(concat!(env!("OUT_DIR"), "/bench_committed.rs"))
}

#[component]
fn BenchPanel() -> impl IntoView {
    let i18n = use_i18n();
    let link = use_worker();
    let data = committed();
    let yours = move |batch: usize| {
        link.train_results.with(|r| {
            r.as_ref()
                .and_then(|r| r.iter().find(|t| t.batch == batch))
                .map(|t| t.samples_per_sec)
        })
    };
    let rows = BENCH_BATCHES
        .iter()
        .zip(&data.train)
        .map(|(&batch, values)| {
            let cells = values
                .iter()
                .map(|v| view! { <td class="num">{if v.is_finite() { group_thousands(v.round() as u64) } else { "–".into() }}</td> })
                .collect_view();
            let ratio = ratio_to_wasm(values);
            view! {
                <tr data-batch=batch.to_string() data-ratio=format!("{ratio:.3}")>
                    <th scope="row">{batch}</th>
                    {cells}
                    <td class="num">{format!("{ratio:.1}×")}</td>
                    <td class="num" data-testid=format!("perf-bench-yours-{batch}")>
                        {move || yours(batch).map_or("–".into(), |v| group_thousands(v.round() as u64))}
                    </td>
                </tr>
            }
        })
        .collect_view();
    let train = data.train.clone();
    let bars = Signal::derive(move || Bars {
        groups: BENCH_BATCHES
            .iter()
            .map(|b| format!("{} {b}", i18n.t(Msg::PerfBatch)))
            .collect(),
        bars: SYSTEMS
            .iter()
            .zip([SERIES[0], SERIES[1], SERIES[5]])
            .map(|((_, name), color)| (name.to_string(), color))
            .chain(std::iter::once((
                i18n.t(Msg::PerfYours).to_string(),
                SERIES[2],
            )))
            .collect(),
        values: BENCH_BATCHES
            .iter()
            .zip(&train)
            .map(|(&b, v)| {
                let mut v = v.clone();
                v.push(yours(b).unwrap_or(f64::NAN));
                v
            })
            .collect(),
    });
    view! {
        <section class="panel" data-testid="perf-bench">
            <h2>{move || i18n.t(Msg::PerfBenchTitle)}</h2>
            <p class="muted">{move || i18n.t(Msg::PerfBenchCaption)}</p>
            <p class="muted small" data-testid="perf-bench-machine">
                {move || i18n.t(Msg::PerfMeasuredOn)}
                {format!(": {} · {}", data.date, data.machine)}
            </p>
            <div class="table-wrap">
                <table class="figures" data-testid="perf-bench-table">
                    <thead>
                        <tr>
                            <th scope="col">{move || i18n.t(Msg::PerfBatch)}</th>
                            {SYSTEMS.iter().map(|(_, name)| view! { <th scope="col" class="num">{*name}</th> }).collect_view()}
                            <th scope="col" class="num">{move || i18n.t(Msg::PerfVsWasm)}</th>
                            <th scope="col" class="num">{move || i18n.t(Msg::PerfYours)}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
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

#[component]
fn GemmPanel() -> impl IntoView {
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
    // A visitor who opens the chapter wants the figure, not a button: measure once on arrival.
    // Not while an experiment runs: the worker runs one job at a time.
    let experimenting = untrack(|| link.exp.running());
    if link.gemm_results.get_untracked().is_none()
        && !running()
        && !experimenting
        && link.train_progress.get_untracked().is_none()
    {
        measure();
    }

    let rows = move || {
        let results = link.gemm_results.get().unwrap_or_default();
        let best = results.iter().map(|r| r.gflops).fold(1e-9, f64::max);
        results
            .into_iter()
            .map(|r| {
                let width = format!("width: {:.1}%", 100.0 * r.gflops / best);
                view! {
                    <tr data-gflops=format!("{:.3}", r.gflops)>
                        <th scope="row">{r.label}</th>
                        <td class="num">{format!("{:.1}", r.gflops)}</td>
                        <td class="bar-cell">
                            <span class="bar" style=width></span>
                        </td>
                    </tr>
                }
            })
            .collect_view()
    };
    let status = move || {
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
    };

    view! {
        <section class="panel" data-testid="perf-gemm" aria-busy=move || running().to_string()>
            <h2>{move || i18n.t(Msg::PerfGemmTitle)}</h2>
            <p>{move || i18n.t(Msg::PerfGemmExplain)}</p>
            <RunControls
                id="perf-gemm"
                measured=Signal::derive(move || link.gemm_results.get().is_some())
                running=Signal::derive(running)
                busy=Signal::derive(move || running() || link.train_progress.get().is_some())
                on_run=measure
            />
            {status}
            <div class="table-wrap">
                <table class="figures">
                    <thead>
                        <tr>
                            <th scope="col">{move || i18n.t(Msg::PerfShape)}</th>
                            <th scope="col" class="num">{move || i18n.t(Msg::PerfGflops)}</th>
                            <th scope="col"></th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
}

#[component]
fn TrainPanel() -> impl IntoView {
    let i18n = use_i18n();
    let link = use_worker();
    let running = move || link.train_progress.get().is_some();
    let busy = move || running() || link.gemm_progress.get().is_some();
    let measure = move || {
        let config = TrainBenchConfig::default();
        link.train_progress
            .set(Some((0, config.batches.len() as u32)));
        link.send(Command::Order(Order::Bench(BenchCommand::Train(config))));
    };

    let rows = move || {
        link.train_results
            .get()
            .unwrap_or_default()
            .into_iter()
            .map(|r| {
                view! {
                    <tr data-batch=r.batch data-samples-per-sec=format!("{:.1}", r.samples_per_sec)>
                        <th scope="row">{r.batch}</th>
                        <td class="num">{format!("{:.0}", r.samples_per_sec)}</td>
                        <td class="num">{format!("{:.1}", r.gflops)}</td>
                        <td class="num">{format!("{:.4} → {:.4}", r.first_loss, r.last_loss)}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    let memory = move || {
        let results = link.train_results.get()?;
        let bytes = results.iter().map(|r| r.memory_bytes).max()?;
        Some(format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0)))
    };
    let kernel = move || match link.relaxed_simd.get() {
        Some(true) => i18n.t(Msg::PerfKernelRelaxed),
        Some(false) => i18n.t(Msg::PerfKernelPlain),
        None => "…",
    };
    let status = move || match link.train_progress.get() {
        Some((_, total)) if !link.digits_loaded.get() => view! {
            <p class="progress-line">
                {move || i18n.t(Msg::PerfTrainLoading)}
                " "
                <progress data-testid="perf-train-progress" max=total></progress>
            </p>
        }
        .into_any(),
        Some((done, total)) => view! {
            <p class="progress-line">
                {move || i18n.t(Msg::PerfMeasuring)}
                " "
                <progress data-testid="perf-train-progress" max=total value=done></progress>
                {format!(" {done}/{total}")}
            </p>
        }
        .into_any(),
        None if link.train_results.get().is_none() => {
            view! { <p class="muted">{move || i18n.t(Msg::PerfTrainNotYet)}</p> }.into_any()
        }
        None => view! {
            <p class="muted">
                {move || i18n.t(Msg::PerfYourBrowser)} " · " {move || i18n.t(Msg::PerfMemory)} " "
                <span data-testid="perf-memory">{memory}</span>
            </p>
        }
        .into_any(),
    };

    view! {
        <section class="panel" data-testid="perf-train" aria-busy=move || running().to_string()>
            <h2>{move || i18n.t(Msg::PerfTrainTitle)}</h2>
            <p>{move || i18n.t(Msg::PerfTrainExplain)}</p>
            <p class="muted">{move || i18n.t(Msg::PerfKernel)} " " {kernel}</p>
            <RunControls
                id="perf-train"
                measured=Signal::derive(move || link.train_results.get().is_some())
                running=Signal::derive(running)
                busy=Signal::derive(busy)
                on_run=measure
            />
            {status}
            <div class="table-wrap">
                <table class="figures">
                    <thead>
                        <tr>
                            <th scope="col">{move || i18n.t(Msg::PerfBatch)}</th>
                            <th scope="col" class="num">{move || i18n.t(Msg::PerfSamples)}</th>
                            <th scope="col" class="num">{move || i18n.t(Msg::PerfGflops)}</th>
                            <th scope="col" class="num">{move || i18n.t(Msg::PerfLoss)}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
}

/// Measure / Stop for one benchmark. `busy` disables Measure while any job runs: the worker
/// runs one job at a time, and a second would replace the first.
#[component]
fn RunControls(
    id: &'static str,
    measured: Signal<bool>,
    running: Signal<bool>,
    busy: Signal<bool>,
    on_run: impl Fn() + Copy + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let link = use_worker();
    let label = move || {
        i18n.t(if measured.get() {
            Msg::PerfRunAgain
        } else {
            Msg::PerfRun
        })
    };
    view! {
        <div class="controls">
            <button
                type="button"
                class="primary"
                data-testid=format!("{id}-run")
                disabled=move || busy.get()
                on:click=move |_| on_run()
            >
                {label}
            </button>
            <button
                type="button"
                data-testid=format!("{id}-cancel")
                disabled=move || !running.get()
                on:click=move |_| link.send(Command::Cancel(Target::Bench))
            >
                {move || i18n.t(Msg::PerfCancel)}
            </button>
        </div>
    }
}
