//! Pretrain an autoencoder on unlabelled digits, then compare a linear probe, full fine-tuning
//! and training from scratch with K labels per class.

use leptos::prelude::*;

use super::budget::{eta_of, send, whole_numbers};
use super::finetune_figures::{method_label, FinetuneFigures};
use super::guide::SweepGuide;
use crate::app::experiment_store::ExperimentStore;
use crate::app::lab_ui::form::checked;
use crate::app::lab_ui::{format_loss, group_thousands};
use crate::app::widgets::{Buttons, Choice, ExperimentFrame, Fields, Note, NumberField, Select};
use crate::app::{use_i18n, use_worker, I18n};
use crate::experiments::{FinetuneConfig, FinetuneProgress, FinetuneStage, StepCount};
use crate::i18n::Msg;
use crate::jobs::experiment::ExperimentCommand;
use crate::jobs::lab::fields::FieldErrors;
use crate::jobs::Order;
use crate::protocol::Command;
use crate::view::guide_experiments::FINETUNE_QUESTIONS;

pub const KS: [usize; 5] = [10, 50, 100, 500, 1000];

/// What the run is doing, in words.
fn stage_text(i18n: I18n, progress: &FinetuneProgress) -> String {
    match &progress.stage {
        FinetuneStage::Pretraining { loss } => format!(
            "{}{}",
            i18n.t(Msg::FtPretraining),
            loss.map_or(String::new(), |l| format!(" (MSE {})", format_loss(l)))
        ),
        FinetuneStage::Training { k, method } => {
            format!(
                "{} K = {k}{}{}",
                i18n.t(Msg::FtTraining),
                i18n.t(Msg::NameSep),
                i18n.t(method_label(*method))
            )
        }
        FinetuneStage::Done => i18n.t(Msg::FtDone).to_string(),
    }
}

/// The run's steps, what it is doing, and its time left, from the worker's latest report.
fn run_state(
    i18n: I18n,
    exp: ExperimentStore,
) -> (Signal<Option<StepCount>>, Signal<String>, Signal<String>) {
    let progress = Signal::derive(move || exp.ft.with(|r| r.as_ref().map(|r| r.progress.steps)));
    let stage = Signal::derive(move || {
        exp.ft.with(|r| {
            r.as_ref()
                .map_or(String::new(), |r| stage_text(i18n, &r.progress))
        })
    });
    let clock = Signal::derive(move || exp.ft.with(|r| r.as_ref().map(|r| r.clock)));
    (progress, stage, eta_of(i18n, exp.ft_running, clock))
}

#[component]
pub fn FinetuneLab() -> impl IntoView {
    let i18n = use_i18n();
    let exp = use_worker().exp;
    let chapter = FinetuneConfig::chapter();
    let k = RwSignal::new(100usize);
    let steps = RwSignal::new(chapter.steps.to_string());
    let pretrain = RwSignal::new(chapter.pretrain_steps.to_string());
    let errors = RwSignal::new(FieldErrors::new());
    let stopped = RwSignal::new(false);

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
    // Whether the run started (false: a field was refused, and says why).
    let start = move |ks: Vec<usize>| match config(ks) {
        Ok(c) => {
            errors.set(FieldErrors::new());
            stopped.set(false);
            exp.ft_running.set(true);
            exp.ft.set(None);
            send(Command::Order(Order::Experiment(
                ExperimentCommand::Finetune(c),
            )));
            true
        }
        Err(e) => {
            errors.set(e);
            false
        }
    };
    // The guide answers from the table's rows, and runs the K values it lacks.
    let answer =
        Callback::new(move |q: usize| exp.ft_rows.with(|rows| (FINETUNE_QUESTIONS[q].judge)(rows)));
    let guide_start = Callback::new(move |q: usize| {
        let missing = exp.ft_rows.with_untracked(|rows| {
            FINETUNE_QUESTIONS[q]
                .ks
                .iter()
                .copied()
                .filter(|k| !rows.iter().any(|r| r.k == *k))
                .collect()
        });
        start(missing)
    });

    let (progress, stage, eta) = run_state(i18n, exp);
    let running = move || exp.running();
    let ks = KS
        .iter()
        .map(|&v| Choice::text(v, v, group_thousands(v as u64)))
        .collect::<Vec<_>>();
    view! {
        <SweepGuide
            testid="try-finetune"
            questions=FINETUNE_QUESTIONS.iter().map(|q| q.question).collect()
            running=exp.ft_running.into()
            busy=Signal::derive(move || exp.running())
            answer=answer
            start=guide_start
        />
        <ExperimentFrame
            prefix="ft"
            workbench=true
            title=Msg::FtTitle
            caption=Msg::FtCaption
            running=exp.ft_running
            stopped=stopped
            steps=progress
            stage=stage
            eta=eta
        >
            <Fields slot>
                <Select label=Msg::FtLabels value=k options=ks testid="ft-labels" />
                <NumberField label=Msg::FtSteps value=steps field="steps" errors=errors testid="ft-steps" />
                <NumberField label=Msg::FtPretrainSteps value=pretrain field="pretrain_steps" errors=errors testid="ft-pretrain-steps" />
            </Fields>
            <Buttons slot>
                <button class="primary" data-testid="ft-run" disabled=running on:click=move |_| { start(vec![k.get_untracked()]); }>
                    {move || i18n.t(Msg::FtRun)}
                </button>
                <button data-testid="ft-sweep" disabled=running on:click=move |_| { start(KS.to_vec()); }>
                    {move || i18n.t(Msg::FtSweep)}
                </button>
            </Buttons>
            <Note slot>
                <p class="muted small" hidden=move || !exp.ft.with(|r| r.as_ref().is_some_and(|r| r.reused_encoder))>
                    {move || i18n.t(Msg::FtReused)}
                </p>
            </Note>
            <FinetuneFigures />
        </ExperimentFrame>
    }
}
