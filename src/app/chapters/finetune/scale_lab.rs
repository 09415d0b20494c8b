//! The scale experiment: the same task at growing model sizes, a power law fitted to the final
//! losses, and the compute each size spent.

use leptos::prelude::*;

use super::budget::{eta_of, send, whole_numbers};
use super::guide::SweepGuide;
use super::scale_figures::ScaleFigures;
use crate::app::lab_ui::form::checked;
use crate::app::lab_ui::group_thousands;
use crate::app::widgets::{Buttons, ExperimentFrame, Fields, NumberField};
use crate::app::{use_i18n, use_worker};
use crate::experiments::{ScaleConfig, ScaleStage};
use crate::i18n::Msg;
use crate::jobs::experiment::ExperimentCommand;
use crate::jobs::lab::fields::FieldErrors;
use crate::jobs::Order;
use crate::protocol::Command;
use crate::view::format::fill;
use crate::view::guide_experiments::SCALE_QUESTIONS;

#[component]
pub fn ScaleLab() -> impl IntoView {
    let i18n = use_i18n();
    let exp = use_worker().exp;
    let tokens = RwSignal::new(ScaleConfig::chapter().tokens.to_string());
    let errors = RwSignal::new(FieldErrors::new());
    let stopped = RwSignal::new(false);
    let start = move || {
        let (values, errs) = whole_numbers([("tokens", tokens)]);
        let parsed = values.map(|[tokens]| ScaleConfig {
            tokens,
            ..ScaleConfig::chapter()
        });
        match checked(parsed, errs, ScaleConfig::validate) {
            Ok(c) => {
                errors.set(FieldErrors::new());
                stopped.set(false);
                exp.scale_running.set(true);
                exp.scale.set(None);
                send(Command::Order(Order::Experiment(ExperimentCommand::Scale(
                    c,
                ))));
                true
            }
            Err(e) => {
                errors.set(e);
                false
            }
        }
    };
    // The guide answers from the last finished run, or starts one.
    let answer = Callback::new(move |q: usize| {
        exp.scale.with(|r| {
            r.as_ref()
                .filter(|r| r.done)
                .and_then(|r| (SCALE_QUESTIONS[q].judge)(&r.points))
        })
    });
    let progress = Signal::derive(move || exp.scale.with(|r| r.as_ref().map(|r| r.progress.steps)));
    let stage = Signal::derive(move || {
        exp.scale
            .with(|r| match r.as_ref().map(|r| &r.progress.stage) {
                Some(ScaleStage::Training { size, params }) => format!(
                    "{} {} / {}{}{}",
                    i18n.t(Msg::ScaleSize),
                    size + 1,
                    ScaleConfig::chapter().sizes.len(),
                    i18n.t(Msg::NameSep),
                    fill(
                        i18n.t(Msg::CountParams),
                        &[("n", &group_thousands(*params as u64))]
                    )
                ),
                Some(ScaleStage::Done) => i18n.t(Msg::FtDone).to_string(),
                None => String::new(),
            })
    });
    let clock = Signal::derive(move || exp.scale.with(|r| r.as_ref().map(|r| r.clock)));
    let eta = eta_of(i18n, exp.scale_running, clock);
    view! {
        <SweepGuide
            testid="try-scale"
            questions=SCALE_QUESTIONS.iter().map(|q| q.question).collect()
            running=exp.scale_running.into()
            busy=Signal::derive(move || exp.running())
            answer=answer
            start=Callback::new(move |_| start())
        />
        <ExperimentFrame
            prefix="scale"
            title=Msg::ScaleTitle
            caption=Msg::ScaleCaption
            running=exp.scale_running
            stopped=stopped
            steps=progress
            stage=stage
            eta=eta
        >
            <Fields slot>
                <NumberField label=Msg::ScaleTokens value=tokens field="tokens" errors=errors testid="scale-tokens" />
            </Fields>
            <Buttons slot>
                <button class="primary" data-testid="scale-run" disabled=move || exp.running() on:click=move |_| { start(); }>
                    {move || i18n.t(Msg::ScaleRun)}
                </button>
            </Buttons>
            <ScaleFigures />
        </ExperimentFrame>
    }
}
