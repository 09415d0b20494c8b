//! The pretraining, fine-tuning and scale chapter: two experiments the visitor runs in the
//! worker and checks, counted in steps so a seed gives the same curves on every machine.

use leptos::prelude::*;

use super::ChapterPage;
use crate::app::charts::{LineChart, Series, SERIES};
use crate::app::lab_ui::form::{checked, TextField};
use crate::app::lab_ui::{format_loss, group_thousands, Caption};
use crate::app::prose::Intro;
use crate::app::worker_client::worker_link;
use crate::app::{use_i18n, use_worker, I18n};
use crate::experiments::{
    FinetuneConfig, FinetuneStage, Method, ScaleConfig, ScaleStage, SeqFinetuneConfig, SeqPhase,
    StepCount,
};
use crate::i18n::Msg;
use crate::jobs::experiment::{ExperimentCommand, RunClock};
use crate::jobs::lab::fields::{parse_whole, FieldErrors};
use crate::jobs::{Order, Target};
use crate::protocol::Command;
use crate::routes::Chapter;
use crate::view::format::percent;
use crate::view::time_left::format_time_left;

#[component]
pub fn Finetune() -> impl IntoView {
    view! {
        <ChapterPage chapter=Chapter::Finetune>
            <Intro chapter=Chapter::Finetune />
            <FinetuneLab />
            <SeqLab />
            <ScaleLab />
        </ChapterPage>
    }
}

const KS: [usize; 5] = [10, 50, 100, 500, 1000];

fn method_label(m: Method) -> Msg {
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

fn send(cmd: Command) {
    if let Some(link) = worker_link() {
        link.send(cmd);
    }
}

/// "1 min 05 s left", from the worker's estimate.
fn time_left(i18n: I18n, left_ms: Option<f64>) -> String {
    left_ms.map_or(String::new(), |ms| {
        format_time_left(i18n.lang.get(), ms / 1e3)
    })
}

/// The whole numbers typed in `fields`, or each refused field with its reason.
fn whole_numbers<const N: usize>(
    fields: [(&'static str, RwSignal<String>); N],
) -> (Option<[usize; N]>, FieldErrors) {
    let mut errors = FieldErrors::new();
    let mut values = [0; N];
    for (slot, (field, text)) in values.iter_mut().zip(fields) {
        match text.with_untracked(|t| parse_whole(t)) {
            Ok(v) => *slot = v as usize,
            Err(e) => errors.push((field, e)),
        }
    }
    (errors.is_empty().then_some(values), errors)
}

/// The time left of a run, while it runs, as the worker estimates it.
fn eta_of(i18n: I18n, running: RwSignal<bool>, clock: Signal<Option<RunClock>>) -> Signal<String> {
    Signal::derive(move || {
        if !running.get() {
            return String::new();
        }
        time_left(i18n, clock.get().and_then(|c| c.time_left_ms))
    })
}

/// The run buttons, Stop, a progress bar with what is happening and the time left, and a note
/// once a run was stopped. Ids: `{prefix}-stop`, `{prefix}-progress` (`-stage`, `-eta`),
/// `{prefix}-stopped`.
#[component]
fn RunStatus(
    prefix: &'static str,
    running: RwSignal<bool>,
    steps: Signal<Option<StepCount>>,
    stage: Signal<String>,
    eta: Signal<String>,
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    let stopped = RwSignal::new(false);
    // A new run clears the note.
    Effect::new(move || {
        if running.get() {
            stopped.set(false);
        }
    });
    let progress = format!("{prefix}-progress");
    view! {
        <div class="run-bar">
            {children()}
            <button
                data-testid=format!("{prefix}-stop")
                disabled=move || !running.get()
                on:click=move |_| {
                    stopped.set(true);
                    send(Command::Cancel(Target::Experiment));
                }
            >
                {move || i18n.t(Msg::FtStop)}
            </button>
        </div>
        <p class="progress-line" hidden=move || steps.get().is_none()>
            <progress
                data-testid=progress.clone()
                max=move || steps.get().map_or(1, |s| s.total.max(1))
                value=move || steps.get().map_or(0, |s| s.done)
                aria-label=stage
            ></progress>
            <span data-testid=format!("{progress}-stage")>{stage}</span>
            <span class="mono small" data-testid=format!("{progress}-eta")>{eta}</span>
        </p>
        <p class="muted" data-testid=format!("{prefix}-stopped") hidden=move || !stopped.get() || running.get()>
            {move || i18n.t(Msg::FtStopped)}
        </p>
    }
}

#[component]
fn FinetuneLab() -> impl IntoView {
    let i18n = use_i18n();
    let exp = use_worker().exp;
    let chapter = FinetuneConfig::chapter();
    let k = RwSignal::new(100usize);
    let steps = RwSignal::new(chapter.steps.to_string());
    let pretrain = RwSignal::new(chapter.pretrain_steps.to_string());
    let errors = RwSignal::new(FieldErrors::new());

    let config = move |ks: Vec<usize>| {
        let (values, errs) = whole_numbers([("steps", steps), ("pretrain_steps", pretrain)]);
        let parsed = values.map(|[steps, pretrain_steps]| FinetuneConfig {
            ks,
            steps,
            pretrain_steps,
            // Held-out accuracy about 15 times per run, whatever its length.
            eval_every: (steps / 15).max(1),
            ..FinetuneConfig::chapter()
        });
        checked(parsed, errs, FinetuneConfig::validate)
    };
    let start = move |ks: Vec<usize>| match config(ks) {
        Ok(c) => {
            errors.set(FieldErrors::new());
            exp.ft_running.set(true);
            exp.ft.set(None);
            send(Command::Order(Order::Experiment(
                ExperimentCommand::Finetune(c),
            )));
        }
        Err(e) => errors.set(e),
    };

    let progress = Signal::derive(move || exp.ft.with(|r| r.as_ref().map(|r| r.progress.steps)));
    let stage = Signal::derive(move || {
        exp.ft.with(|r| {
            let Some(r) = r else { return String::new() };
            match &r.progress.stage {
                FinetuneStage::Pretraining { loss } => format!(
                    "{}{}",
                    i18n.t(Msg::FtPretraining),
                    loss.map_or(String::new(), |l| format!(" (MSE {})", format_loss(l)))
                ),
                FinetuneStage::Training { k, method } => {
                    format!(
                        "{} K = {k}: {}",
                        i18n.t(Msg::FtTraining),
                        i18n.t(method_label(*method))
                    )
                }
                FinetuneStage::Done => i18n.t(Msg::FtDone).to_string(),
            }
        })
    });
    let clock = Signal::derive(move || exp.ft.with(|r| r.as_ref().map(|r| r.clock)));
    let eta = eta_of(i18n, exp.ft_running, clock);
    // The curves of the K being run (or last run).
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
    let by_k = Signal::derive(move || {
        exp.ft_rows.with(|rows| {
            if rows.len() < 2 {
                return Vec::new();
            }
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
    let rows = move || {
        exp.ft_rows.with(|rows| {
            rows.iter()
                .map(|r| {
                    let acc = |m| r.accuracy(m);
                    let gain = match (acc(Method::FullFinetune), acc(Method::Scratch)) {
                        (Some(f), Some(s)) => format!("{:+.1}", 100.0 * (f - s)),
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
    let running = move || exp.running();
    view! {
        <section class="lab ft-lab" data-testid="ft-lab">
            <h2>{move || i18n.t(Msg::FtTitle)}</h2>
            <p class="muted">{move || i18n.t(Msg::FtCaption)}</p>
            <div class="panel lab-controls">
                <div class="fields">
                    <label class="field">
                        <span class="field-label">{move || i18n.t(Msg::FtLabels)}</span>
                        <select
                            data-testid="ft-labels"
                            on:change=move |ev| {
                                if let Ok(v) = event_target_value(&ev).parse() {
                                    k.set(v);
                                }
                            }
                        >
                            {KS
                                .iter()
                                .map(|&v| view! { <option value=v.to_string() selected=move || k.get() == v>{group_thousands(v as u64)}</option> })
                                .collect_view()}
                        </select>
                    </label>
                    <TextField label=Msg::FtSteps value=steps field="steps" errors=errors.into() testid="ft-steps".into() />
                    <TextField label=Msg::FtPretrainSteps value=pretrain field="pretrain_steps" errors=errors.into() testid="ft-pretrain-steps".into() />
                </div>
                <RunStatus prefix="ft" running=exp.ft_running steps=progress stage=stage eta=eta>
                    <button class="primary" data-testid="ft-run" disabled=running on:click=move |_| start(vec![k.get_untracked()])>
                        {move || i18n.t(Msg::FtRun)}
                    </button>
                    <button data-testid="ft-sweep" disabled=running on:click=move |_| start(KS.to_vec())>
                        {move || i18n.t(Msg::FtSweep)}
                    </button>
                </RunStatus>
                <p class="muted small" hidden=move || !exp.ft.with(|r| r.as_ref().is_some_and(|r| r.reused_encoder))>
                    {move || i18n.t(Msg::FtReused)}
                </p>
            </div>
            <div class="figures-grid">
                <figure class="lab-figure">
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
                <figure class="lab-figure">
                    <Caption title=Msg::FtKChartTitle caption=Msg::FtKChartCaption />
                    <LineChart
                        series=by_k
                        x_label=Signal::derive(|| "K".to_string())
                        y_label=Signal::derive(move || i18n.t(Msg::AxisAccuracy).to_string())
                        log_x=true
                        testid="ft-k-chart"
                    />
                </figure>
                <figure class="lab-figure wide">
                    <figcaption>
                        <strong>{move || i18n.t(Msg::FtTableTitle)}</strong>
                    </figcaption>
                    <div class="table-wrap">
                        <table class="figures" data-testid="ft-table">
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
                        </table>
                    </div>
                    <p class="muted small" hidden=move || exp.ft_rows.with(|r| !r.is_empty())>
                        {move || i18n.t(Msg::FtNoRows)}
                    </p>
                    <p class="muted small">{move || i18n.t(Msg::FtBudgetNote)}</p>
                </figure>
            </div>
        </section>
    }
}

#[component]
fn SeqLab() -> impl IntoView {
    let i18n = use_i18n();
    let exp = use_worker().exp;
    let chapter = SeqFinetuneConfig::chapter();
    let pretrain = RwSignal::new(chapter.pretrain_steps.to_string());
    let steps = RwSignal::new(chapter.steps.to_string());
    let errors = RwSignal::new(FieldErrors::new());
    let start = move || {
        let (values, errs) = whole_numbers([("pretrain_steps", pretrain), ("steps", steps)]);
        let parsed = values.map(|[pretrain_steps, steps]| SeqFinetuneConfig {
            pretrain_steps,
            steps,
            ..SeqFinetuneConfig::chapter()
        });
        match checked(parsed, errs, SeqFinetuneConfig::validate) {
            Ok(c) => {
                errors.set(FieldErrors::new());
                exp.seq_running.set(true);
                exp.seq.set(None);
                send(Command::Order(Order::Experiment(
                    ExperimentCommand::SeqFinetune(c),
                )));
            }
            Err(e) => errors.set(e),
        }
    };
    let phase_label = |p: SeqPhase| match p {
        SeqPhase::Pretraining => Msg::SeqPretraining,
        SeqPhase::Finetune => Msg::SeqFinetuning,
        SeqPhase::Scratch => Msg::SeqScratch,
    };
    let progress = Signal::derive(move || exp.seq.with(|r| r.as_ref().map(|r| r.progress.steps)));
    let stage = Signal::derive(move || {
        exp.seq
            .with(|r| match r.as_ref().map(|r| r.progress.phase) {
                Some(Some(p)) => i18n.t(phase_label(p)).to_string(),
                Some(None) => i18n.t(Msg::FtDone).to_string(),
                None => String::new(),
            })
    });
    let clock = Signal::derive(move || exp.seq.with(|r| r.as_ref().map(|r| r.clock)));
    let eta = eta_of(i18n, exp.seq_running, clock);
    let run_of = move |phase: SeqPhase| {
        exp.seq.with(|r| {
            r.as_ref()
                .and_then(|r| r.runs.iter().find(|x| x.phase == phase).cloned())
        })
    };
    let curves = Signal::derive(move || {
        [
            (SeqPhase::Finetune, SERIES[0], false),
            (SeqPhase::Scratch, SERIES[5], true),
        ]
        .into_iter()
        .map(|(phase, color, dashed)| Series {
            label: i18n.t(phase_label(phase)).to_string(),
            color,
            points: run_of(phase).map_or(Vec::new(), |r| {
                r.curve
                    .iter()
                    .map(|p| (p.step as f64, f64::from(p.loss)))
                    .collect()
            }),
            dashed,
        })
        .collect()
    });
    let exact = move || {
        [SeqPhase::Pretraining, SeqPhase::Finetune, SeqPhase::Scratch]
            .into_iter()
            .filter_map(|phase| {
                let r = run_of(phase)?;
                let loss = r.curve.last().map_or("–".into(), |p| format_loss(p.loss));
                Some(format!(
                    "{}: {} {loss}, {} {}",
                    i18n.t(phase_label(phase)),
                    i18n.t(Msg::ScaleLoss),
                    i18n.t(Msg::ScaleExact),
                    percent(r.exact_match)
                ))
            })
            .collect::<Vec<_>>()
            .join(" · ")
    };
    view! {
        <section class="lab seq-lab" data-testid="seq-lab">
            <h2>{move || i18n.t(Msg::SeqTitle)}</h2>
            <p class="muted">{move || i18n.t(Msg::SeqCaption)}</p>
            <div class="panel lab-controls">
                <div class="fields">
                    <TextField label=Msg::SeqPretrainSteps value=pretrain field="pretrain_steps" errors=errors.into() testid="seq-pretrain-steps".into() />
                    <TextField label=Msg::SeqSteps value=steps field="steps" errors=errors.into() testid="seq-steps".into() />
                </div>
                <RunStatus prefix="seq" running=exp.seq_running steps=progress stage=stage eta=eta>
                    <button class="primary" data-testid="seq-run" disabled=move || exp.running() on:click=move |_| start()>
                        {move || i18n.t(Msg::SeqRun)}
                    </button>
                </RunStatus>
            </div>
            <figure class="lab-figure">
                <Caption title=Msg::SeqChartTitle caption=Msg::SeqChartCaption />
                <LineChart
                    series=curves
                    x_label=Signal::derive(move || i18n.t(Msg::AxisStep).to_string())
                    y_label=Signal::derive(move || i18n.t(Msg::AxisLossPerToken).to_string())
                    log_y=true
                    testid="seq-chart"
                />
                <p class="muted small" data-testid="seq-exact">{exact}</p>
            </figure>
        </section>
    }
}

/// Log-log points with a gap between each, so the chart draws them as dots.
fn dots(points: impl Iterator<Item = (f64, f64)>) -> Vec<(f64, f64)> {
    points.flat_map(|p| [p, (f64::NAN, f64::NAN)]).collect()
}

#[component]
fn ScaleLab() -> impl IntoView {
    let i18n = use_i18n();
    let exp = use_worker().exp;
    let tokens = RwSignal::new(ScaleConfig::chapter().tokens.to_string());
    let errors = RwSignal::new(FieldErrors::new());
    // Wall-clock milliseconds of each finished size, as the worker measured them.
    let times = move || {
        exp.scale
            .with(|r| r.as_ref().map_or(Vec::new(), |r| r.size_ms.clone()))
    };
    let start = move || {
        let (values, errs) = whole_numbers([("tokens", tokens)]);
        let parsed = values.map(|[tokens]| ScaleConfig {
            tokens,
            ..ScaleConfig::chapter()
        });
        match checked(parsed, errs, ScaleConfig::validate) {
            Ok(c) => {
                errors.set(FieldErrors::new());
                exp.scale_running.set(true);
                exp.scale.set(None);
                send(Command::Order(Order::Experiment(ExperimentCommand::Scale(
                    c,
                ))));
            }
            Err(e) => errors.set(e),
        }
    };
    let progress = Signal::derive(move || exp.scale.with(|r| r.as_ref().map(|r| r.progress.steps)));
    let stage = Signal::derive(move || {
        exp.scale
            .with(|r| match r.as_ref().map(|r| &r.progress.stage) {
                Some(ScaleStage::Training { size, params }) => format!(
                    "{} {} / {}: {} {}",
                    i18n.t(Msg::ScaleSize),
                    size + 1,
                    ScaleConfig::chapter().sizes.len(),
                    group_thousands(*params as u64),
                    i18n.t(Msg::AxisParams)
                ),
                Some(ScaleStage::Done) => i18n.t(Msg::FtDone).to_string(),
                None => String::new(),
            })
    });
    let clock = Signal::derive(move || exp.scale.with(|r| r.as_ref().map(|r| r.clock)));
    let eta = eta_of(i18n, exp.scale_running, clock);
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
    let compute = Signal::derive(move || {
        exp.scale.with(|r| {
            r.as_ref().map_or(Vec::new(), |r| {
                r.points
                    .iter()
                    .enumerate()
                    .map(|(i, p)| Series {
                        label: format!(
                            "{} {}",
                            group_thousands(p.params as u64),
                            i18n.t(Msg::AxisParams)
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
    let rows = move || {
        let times = times();
        exp.scale.with(|r| {
            r.as_ref().map(|r| {
                r.points
                    .iter()
                    .enumerate()
                    .map(|(i, p)| {
                        view! {
                            <tr data-params=p.params.to_string()>
                                <th scope="row">{group_thousands(p.params as u64)}</th>
                                <td class="num">{format!("{:.2e}", p.flops)}</td>
                                <td class="num">{times.get(i).map_or("–".into(), |ms| format!("{:.1} s", ms / 1e3))}</td>
                                <td class="num">{p.loss.map_or("–".into(), format_loss)}</td>
                                <td class="num">{percent(p.exact_match)}</td>
                            </tr>
                        }
                    })
                    .collect_view()
            })
        })
    };
    let running = move || exp.running();
    view! {
        <section class="lab scale-lab" data-testid="scale-lab">
            <h2>{move || i18n.t(Msg::ScaleTitle)}</h2>
            <p class="muted">{move || i18n.t(Msg::ScaleCaption)}</p>
            <div class="panel lab-controls">
                <div class="fields">
                    <TextField label=Msg::ScaleTokens value=tokens field="tokens" errors=errors.into() testid="scale-tokens".into() />
                </div>
                <RunStatus prefix="scale" running=exp.scale_running steps=progress stage=stage eta=eta>
                    <button class="primary" data-testid="scale-run" disabled=running on:click=move |_| start()>
                        {move || i18n.t(Msg::ScaleRun)}
                    </button>
                </RunStatus>
            </div>
            <div class="figures-grid">
                <figure class="lab-figure">
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
                        {move || fit().map(|f| format!("{}: α = {:.3} (R² = {:.3})", i18n.t(Msg::ScaleFit), f.alpha, f.r2))}
                    </p>
                </figure>
                <figure class="lab-figure">
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
                <figure class="lab-figure wide">
                    <div class="table-wrap">
                        <table class="figures" data-testid="scale-table">
                            <thead>
                                <tr>
                                    <th scope="col">{move || i18n.t(Msg::ScaleParams)}</th>
                                    <th scope="col" class="num">{move || i18n.t(Msg::ScaleFlops)}</th>
                                    <th scope="col" class="num">{move || i18n.t(Msg::ScaleTime)}</th>
                                    <th scope="col" class="num">{move || i18n.t(Msg::ScaleLoss)}</th>
                                    <th scope="col" class="num">{move || i18n.t(Msg::ScaleExact)}</th>
                                </tr>
                            </thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </div>
                </figure>
            </div>
        </section>
    }
}
