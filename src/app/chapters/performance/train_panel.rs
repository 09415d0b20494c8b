//! This browser's training speed: the autoencoder's training step timed at each batch size,
//! started once the GEMM figure is in.

use leptos::prelude::*;

use crate::app::widgets::{Choice, FigureTable, RunControls, Select};
use crate::app::{use_i18n, use_worker};
use crate::i18n::Msg;
use crate::jobs::team::replicas_for;
use crate::jobs::{BenchCommand, Order, TrainBenchConfig};
use crate::protocol::Command;
use crate::view::bench_words::train_words;
use crate::view::format::{fill, format_loss, group_thousands, lead_in, sentences};

/// Logical cores, as the browser reports them (0 where it will not say).
fn hardware_cores() -> f64 {
    window().navigator().hardware_concurrency()
}

/// Whether the page may share memory with its workers (COOP and COEP: docs/HOSTING.md).
fn isolated() -> bool {
    js_sys::Reflect::get(&window(), &"crossOriginIsolated".into())
        .ok()
        .and_then(|v| v.as_bool())
        .unwrap_or(false)
}

#[component]
pub fn TrainPanel() -> impl IntoView {
    let i18n = use_i18n();
    let link = use_worker();
    let running = move || link.train_progress.get().is_some();
    let busy = move || running() || link.gemm_progress.get().is_some();
    // One worker per core by default: the figure a visitor's own training gets.
    let offered = replicas_for(hardware_cores());
    let workers = RwSignal::new(offered);
    let choices: Vec<Choice<usize>> = (1..=offered).map(Choice::number).collect();
    let measure = move || {
        let config = TrainBenchConfig {
            replicas: workers.get_untracked(),
            ..TrainBenchConfig::default()
        };
        link.train_progress
            .set(Some((0, config.batches.len() as u32)));
        link.send(Command::Order(Order::Bench(BenchCommand::Train(config))));
    };
    let kernel = move || match link.relaxed_simd.get() {
        Some(true) => i18n.t(Msg::PerfKernelRelaxed),
        Some(false) => i18n.t(Msg::PerfKernelPlain),
        None => "…",
    };
    view! {
        <section class="panel" data-testid="perf-train" aria-busy=move || running().to_string()>
            <h2>{move || i18n.t(Msg::PerfTrainTitle)}</h2>
            <p>{move || i18n.t(Msg::PerfTrainExplain)}</p>
            <p class="muted">{move || lead_in(i18n.t(Msg::PerfKernel), kernel())}</p>
            <div class="fields">
                <Select label=Msg::PerfWorkers value=workers options=choices testid="perf-train-workers" />
            </div>
            <CoresInUse workers=workers />
            <RunControls
                id="perf-train"
                title=Msg::PerfTrainTitle
                measured=Signal::derive(move || link.train_results.get().is_some())
                running=Signal::derive(running)
                busy=Signal::derive(busy)
                words=Signal::derive(move || {
                    link.train_results.with(|r| {
                        let rates: Vec<(usize, f64)> =
                            r.iter().flatten().map(|t| (t.batch, t.samples_per_sec)).collect();
                        train_words(&|m| i18n.t(m), &rates).into_iter().collect()
                    })
                })
                on_run=measure
            />
            <TrainStatus />
            <TrainTable />
            <p class="muted small">{move || i18n.t(Msg::PerfWorkersNote)}</p>
        </section>
    }
}

/// How many cores the measurement uses (the last run's, else the choice) of how many there
/// are, and how the workers exchange their gradients.
#[component]
fn CoresInUse(workers: RwSignal<usize>) -> impl IntoView {
    let i18n = use_i18n();
    let link = use_worker();
    let cores = hardware_cores().max(1.0).to_string();
    let line = move || {
        let measured = link
            .train_results
            .with(|r| r.as_ref()?.iter().map(|t| t.replicas as usize).max());
        let used = if link.train_progress.get().is_some() {
            None
        } else {
            measured
        };
        let used = used.unwrap_or_else(|| workers.get()).to_string();
        let in_use = fill(
            i18n.t(Msg::PerfCoresInUse),
            &[("used", &used), ("cores", &cores)],
        );
        let how = match (used.as_str(), isolated()) {
            ("1", _) => None,
            (_, true) => Some(i18n.t(Msg::PerfGradsShared)),
            (_, false) => Some(i18n.t(Msg::PerfGradsTransferred)),
        };
        sentences(&[in_use.as_str(), how.unwrap_or_default()])
    };
    view! { <p class="muted" data-testid="perf-cores">{line}</p> }
}

/// Loading the digits, then progress, then the peak memory of the runs.
#[component]
fn TrainStatus() -> impl IntoView {
    let i18n = use_i18n();
    let link = use_worker();
    let memory = move || {
        let results = link.train_results.get()?;
        let bytes = results.iter().map(|r| r.memory_bytes).max()?;
        Some(format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0)))
    };
    move || {
        match link.train_progress.get() {
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
                {move || i18n.t(Msg::PerfYourBrowser)} " · " {move || lead_in(i18n.t(Msg::PerfMemory), "")}
                <span data-testid="perf-memory">{memory}</span>
            </p>
        }
        .into_any(),
    }
    }
}

/// samples/s, GFLOP/s and the loss before and after, per batch size.
#[component]
fn TrainTable() -> impl IntoView {
    let i18n = use_i18n();
    let link = use_worker();
    let rows = move || {
        link.train_results
            .get()
            .unwrap_or_default()
            .into_iter()
            .map(|r| {
                view! {
                    <tr data-batch=r.batch data-workers=r.replicas data-samples-per-sec=format!("{:.1}", r.samples_per_sec)>
                        <th scope="row">{r.batch}</th>
                        <td class="num">{r.replicas}</td>
                        <td class="num">{group_thousands(r.samples_per_sec.round() as u64)}</td>
                        <td class="num">{format!("{:.1}", r.gflops)}</td>
                        <td class="num">{format!("{} → {}", format_loss(r.first_loss), format_loss(r.last_loss))}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    view! {
        <FigureTable caption=move || i18n.t(Msg::PerfTrainTitle).to_string()>
            <thead>
                <tr>
                    <th scope="col">{move || i18n.t(Msg::PerfBatch)}</th>
                    <th scope="col" class="num">{move || i18n.t(Msg::PerfWorkers)}</th>
                    <th scope="col" class="num">{move || i18n.t(Msg::PerfSamples)}</th>
                    <th scope="col" class="num">{move || i18n.t(Msg::PerfGflops)}</th>
                    <th scope="col" class="num">{move || i18n.t(Msg::PerfLoss)}</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </FigureTable>
    }
}
