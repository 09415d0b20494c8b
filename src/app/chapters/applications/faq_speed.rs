//! "How can training be made faster?": the speed sweep on this device (width × batch size
//! against samples per second and time to a target loss), then what GPUs, mixed precision and
//! parallelism add at scale.

use leptos::prelude::*;

use super::source_items;
use crate::app::charts::{LineChart, Series, SERIES};
use crate::app::lab_ui::Caption;
use crate::app::prose::FaqProse;
use crate::app::widgets::{FigureTable, RunControls};
use crate::app::{use_i18n, use_worker, I18n};
use crate::i18n::applications::FAQ_SPEED_SOURCES;
use crate::i18n::{Faq, Msg};
use crate::jobs::speed_sweep::{SpeedConfig, SpeedResult};
use crate::jobs::{BenchCommand, Order};
use crate::protocol::Command;
use crate::view::faq::{batch_ratios, fastest};
use crate::view::format::{fill, fixed, group_thousands};

fn seconds(ms: f64) -> String {
    fixed((ms / 1e3) as f32, 2)
}

/// One line per width, through its batch sizes, of `y` where it has one.
fn per_width(
    results: &[SpeedResult],
    label: &str,
    y: impl Fn(&SpeedResult) -> Option<f64>,
) -> Vec<Series> {
    let config = SpeedConfig::chapter();
    config
        .widths
        .iter()
        .enumerate()
        .map(|(i, &w)| Series {
            label: fill(label, &[("w", &w.to_string())]),
            color: SERIES[i % SERIES.len()],
            points: results
                .iter()
                .filter(|r| r.width == w)
                .map(|r| (r.batch as f64, y(r).unwrap_or(f64::NAN)))
                .collect(),
            dashed: i % 2 == 1,
        })
        .collect()
}

#[component]
pub fn FaqSpeed() -> impl IntoView {
    let i18n = use_i18n();
    let link = use_worker();
    let config = SpeedConfig::chapter();
    let runs = config.runs();
    let running = move || link.speed_progress.get().is_some();
    let busy = move || {
        running() || link.gemm_progress.get().is_some() || link.train_progress.get().is_some()
    };
    let run = move || {
        let config = SpeedConfig::chapter();
        link.speed_results.set(Vec::new());
        link.speed_progress.set(Some((0, config.runs() as u32)));
        link.send(Command::Order(Order::Bench(BenchCommand::Speed(config))));
    };
    let setup = move || {
        fill(
            i18n.t(Msg::FaqSpeedSetup),
            &[
                ("target", &format!("{}", config.target)),
                ("seconds", &format!("{}", config.max_millis / 1e3)),
            ],
        )
    };
    let status = move || {
        match link.speed_progress.get() {
        Some((done, total)) => view! {
            <p class="progress-line">
                <progress data-testid="faq-speed-progress" max=total value=done></progress>
                " "
                {fill(
                    i18n.t(Msg::FaqSpeedRunning),
                    &[("done", &(done + 1).min(total).to_string()), ("total", &total.to_string())],
                )}
            </p>
        }
        .into_any(),
        None if link.speed_results.with(Vec::is_empty) => view! {
            <p class="muted">
                {fill(
                    i18n.t(Msg::FaqSpeedNotYet),
                    &[("n", &runs.to_string()), ("seconds", &format!("{}", config.max_millis / 1e3))],
                )}
            </p>
        }
        .into_any(),
        None => ().into_any(),
    }
    };
    let throughput = Signal::derive(move || {
        link.speed_results
            .with(|r| per_width(r, i18n.t(Msg::FaqSpeedWidth), |r| Some(r.samples_per_sec)))
    });
    let time = Signal::derive(move || {
        link.speed_results.with(|r| {
            per_width(r, i18n.t(Msg::FaqSpeedWidth), |r| {
                r.to_target_millis().map(|t| t / 1e3)
            })
        })
    });
    view! {
        <section
            class="panel faq"
            data-testid="faq-speed"
            aria-busy=move || running().to_string()
        >
            <h3>{move || i18n.t(Msg::FaqSpeedTitle)}</h3>
            <FaqProse faq=Faq::Speed />
            <p class="muted">{setup}</p>
            <RunControls
                id="faq-speed"
                title=Msg::FaqSpeedTitle
                measured=Signal::derive(move || !link.speed_results.with(Vec::is_empty))
                running=Signal::derive(running)
                busy=Signal::derive(busy)
                words=Signal::derive(move || {
                    link.speed_results.with(|r| {
                        if r.len() == runs {
                            answer_lines(i18n, r)
                        } else {
                            Vec::new()
                        }
                    })
                })
                on_run=run
            />
            {status}
            <Show when=move || !link.speed_results.with(Vec::is_empty)>
            <div class="figures-grid">
                <figure class="lab-figure" aria-label=move || i18n.t(Msg::FaqSpeedThroughputTitle)>
                    <Caption
                        title=Msg::FaqSpeedThroughputTitle
                        caption=Msg::FaqSpeedThroughputCaption
                    />
                    <LineChart
                        series=throughput
                        x_label=Signal::derive(move || i18n.t(Msg::AxisBatchSize).to_string())
                        y_label=Signal::derive(move || i18n.t(Msg::AxisSamplesPerSec).to_string())
                        log_x=true
                        log_y=true
                        testid="faq-speed-throughput"
                    />
                </figure>
                <figure class="lab-figure" aria-label=move || i18n.t(Msg::FaqSpeedTimeTitle)>
                    <Caption title=Msg::FaqSpeedTimeTitle caption=Msg::FaqSpeedTimeCaption />
                    <LineChart
                        series=time
                        x_label=Signal::derive(move || i18n.t(Msg::AxisBatchSize).to_string())
                        y_label=Signal::derive(move || i18n.t(Msg::AxisSecondsToTarget).to_string())
                        log_x=true
                        log_y=true
                        testid="faq-speed-time"
                    />
                </figure>
            </div>
            <SpeedAnswer />
            <SpeedTable />
            </Show>
            <h4>{move || i18n.t(Msg::FaqAtScale)}</h4>
            <FaqProse faq=Faq::SpeedAtScale />
            <ul class="event-sources">{source_items(FAQ_SPEED_SOURCES)}</ul>
        </section>
    }
}

/// What the visitor's own sweep says: the first to the target, and each width's smallest
/// against largest batch.
#[component]
fn SpeedAnswer() -> impl IntoView {
    let i18n = use_i18n();
    let link = use_worker();
    let lines = move || {
        if link.speed_progress.get().is_some() {
            return Vec::new();
        }
        link.speed_results
            .with(|results| answer_lines(i18n, results))
    };
    view! {
        <div class="faq-answer" data-testid="faq-speed-answer">
            {move || lines().into_iter().map(|l| view! { <p>{l}</p> }).collect_view()}
        </div>
    }
}

/// The answer's sentences: the first run to the target, then each width's smallest batch
/// against its largest.
fn answer_lines(i18n: I18n, results: &[SpeedResult]) -> Vec<String> {
    let budget = format!("{}", SpeedConfig::chapter().max_millis / 1e3);
    let mut lines = Vec::new();
    if let Some(r) = fastest(results) {
        lines.push(fill(
            i18n.t(Msg::FaqSpeedFastest),
            &[
                ("w", &r.width.to_string()),
                ("b", &r.batch.to_string()),
                ("t", &seconds(r.millis)),
                ("steps", &group_thousands(r.steps)),
            ],
        ));
    }
    for ratio in batch_ratios(results) {
        let mut values = vec![
            ("w", ratio.width.to_string()),
            ("small", ratio.small.to_string()),
            ("large", ratio.large.to_string()),
            ("tput", fixed(ratio.throughput as f32, 1)),
        ];
        let template = match (ratio.time, ratio.missed) {
            (Some(t), _) => {
                values.push(("time", fixed(t as f32, 1)));
                Msg::FaqSpeedRatio
            }
            (None, missed) => {
                values.push(("missed", missed.unwrap_or_default().to_string()));
                values.push(("seconds", budget.clone()));
                Msg::FaqSpeedRatioMissed
            }
        };
        let values: Vec<(&str, &str)> = values.iter().map(|(k, v)| (*k, v.as_str())).collect();
        lines.push(fill(i18n.t(template), &values));
    }
    lines
}

/// Every run: its size, steps, samples per second, time to the target and last error.
#[component]
fn SpeedTable() -> impl IntoView {
    let i18n = use_i18n();
    let link = use_worker();
    let rows = move || {
        link.speed_results
            .get()
            .into_iter()
            .map(|r| {
                let to = r.to_target_millis().map_or_else(
                    || i18n.t(Msg::FaqSpeedMissed).to_string(),
                    |t| format!("{} s", seconds(t)),
                );
                view! {
                    <tr
                        data-width=r.width
                        data-batch=r.batch
                        data-reached=r.reached.to_string()
                    >
                        <th scope="row">{format!("{} × {}", r.width, r.batch)}</th>
                        <td class="num">{group_thousands(r.params as u64)}</td>
                        <td class="num">{group_thousands(r.steps)}</td>
                        <td class="num">{group_thousands(r.samples_per_sec.round() as u64)}</td>
                        <td class="num">{to}</td>
                        <td class="num">{fixed(r.held_out, 4)}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    view! {
        <FigureTable caption=move || i18n.t(Msg::FaqSpeedTitle).to_string() testid="faq-speed-table">
            <thead>
                <tr>
                    <th scope="col">{move || i18n.t(Msg::FaqSpeedColRun)}</th>
                    <th scope="col" class="num">{move || i18n.t(Msg::FaqSpeedColParams)}</th>
                    <th scope="col" class="num">{move || i18n.t(Msg::FaqSpeedColSteps)}</th>
                    <th scope="col" class="num">{move || i18n.t(Msg::PerfSamples)}</th>
                    <th scope="col" class="num">{move || i18n.t(Msg::FaqSpeedColTime)}</th>
                    <th scope="col" class="num">{move || i18n.t(Msg::FaqSpeedColError)}</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </FigureTable>
    }
}
