//! The same comparison on sequences: a small Transformer pretrained on one task, then
//! fine-tuned on another, against one trained from scratch.

use leptos::prelude::*;

use super::budget::{eta_of, send, whole_numbers};
use crate::app::charts::{LineChart, Series, SERIES};
use crate::app::lab_ui::form::checked;
use crate::app::lab_ui::{format_loss, Caption};
use crate::app::widgets::{Buttons, ExperimentFrame, Fields, NumberField};
use crate::app::{use_i18n, use_worker};
use crate::experiments::{SeqFinetuneConfig, SeqPhase, SeqRunResult};
use crate::i18n::Msg;
use crate::jobs::experiment::ExperimentCommand;
use crate::jobs::lab::fields::FieldErrors;
use crate::jobs::Order;
use crate::protocol::Command;
use crate::view::format::percent;

fn phase_label(p: SeqPhase) -> Msg {
    match p {
        SeqPhase::Pretraining => Msg::SeqPretraining,
        SeqPhase::Finetune => Msg::SeqFinetuning,
        SeqPhase::Scratch => Msg::SeqScratch,
    }
}

#[component]
pub fn SeqLab() -> impl IntoView {
    let i18n = use_i18n();
    let exp = use_worker().exp;
    let chapter = SeqFinetuneConfig::chapter();
    let pretrain = RwSignal::new(chapter.pretrain_steps.to_string());
    let steps = RwSignal::new(chapter.steps.to_string());
    let errors = RwSignal::new(FieldErrors::new());
    let stopped = RwSignal::new(false);
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
                stopped.set(false);
                exp.seq_running.set(true);
                exp.seq.set(None);
                send(Command::Order(Order::Experiment(
                    ExperimentCommand::SeqFinetune(c),
                )));
            }
            Err(e) => errors.set(e),
        }
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
    view! {
        <ExperimentFrame
            prefix="seq"
            title=Msg::SeqTitle
            caption=Msg::SeqCaption
            running=exp.seq_running
            stopped=stopped
            steps=progress
            stage=stage
            eta=eta
        >
            <Fields slot>
                <NumberField label=Msg::SeqPretrainSteps value=pretrain field="pretrain_steps" errors=errors testid="seq-pretrain-steps" />
                <NumberField label=Msg::SeqSteps value=steps field="steps" errors=errors testid="seq-steps" />
            </Fields>
            <Buttons slot>
                <button class="primary" data-testid="seq-run" disabled=move || exp.running() on:click=move |_| start()>
                    {move || i18n.t(Msg::SeqRun)}
                </button>
            </Buttons>
            <SeqFigure />
        </ExperimentFrame>
    }
}

/// Loss per token of fine-tuning against scratch, and each phase's final exact match.
#[component]
fn SeqFigure() -> impl IntoView {
    let i18n = use_i18n();
    let exp = use_worker().exp;
    let run_of = move |phase: SeqPhase| -> Option<SeqRunResult> {
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
                    "{}{}{} {loss}{}{} {}",
                    i18n.t(phase_label(phase)),
                    i18n.t(Msg::NameSep),
                    i18n.t(Msg::ScaleLoss),
                    i18n.t(Msg::ListSep),
                    i18n.t(Msg::ScaleExact),
                    percent(r.exact_match)
                ))
            })
            .collect::<Vec<_>>()
            .join(" · ")
    };
    view! {
        <figure class="lab-figure" aria-label=move || i18n.t(Msg::SeqChartTitle)>
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
    }
}
