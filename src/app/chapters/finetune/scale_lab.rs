//! The scale experiment: the same task at growing model sizes, a power law fitted to the final
//! losses, and the compute each size spent.

use leptos::prelude::*;

use super::budget::{eta_of, now_ms, send, whole_numbers};
use super::scale_figures::ScaleFigures;
use crate::app::experiment_store::ExperimentStore;
use crate::app::lab_ui::form::checked;
use crate::app::lab_ui::group_thousands;
use crate::app::widgets::{Buttons, ExperimentFrame, Fields, NumberField};
use crate::app::{use_i18n, use_worker};
use crate::experiments::{ScaleConfig, ScaleStage};
use crate::i18n::Msg;
use crate::jobs::lab::fields::FieldErrors;
use crate::protocol::Command;

/// Wall-clock milliseconds of each finished size, measured here: the core counts steps.
/// `size_started` is the size being trained and when it started.
fn time_sizes(
    exp: ExperimentStore,
    times: RwSignal<Vec<f64>>,
    size_started: RwSignal<(usize, f64)>,
) {
    Effect::new(move || {
        let Some(stage) = exp
            .scale
            .with(|r| r.as_ref().map(|r| r.progress.stage.clone()))
        else {
            return;
        };
        let (current, since) = size_started.get_untracked();
        let now = now_ms();
        let index = match stage {
            ScaleStage::Training { size, .. } => size,
            ScaleStage::Done => usize::MAX,
        };
        if index != current {
            times.update(|t| {
                if t.len() == current {
                    t.push(now - since);
                }
            });
            size_started.set((index, now));
        }
    });
}

#[component]
pub fn ScaleLab() -> impl IntoView {
    let i18n = use_i18n();
    let exp = use_worker().exp;
    let tokens = RwSignal::new(ScaleConfig::chapter().tokens.to_string());
    let errors = RwSignal::new(FieldErrors::new());
    let stopped = RwSignal::new(false);
    let times = RwSignal::new(Vec::<f64>::new());
    let size_started = RwSignal::new((0usize, 0.0f64));
    time_sizes(exp, times, size_started);
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
                times.set(Vec::new());
                size_started.set((0, now_ms()));
                exp.scale_running.set(true);
                exp.scale_started.set(now_ms());
                exp.scale.set(None);
                send(Command::Scale(c));
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
    let eta = eta_of(i18n, exp.scale_running, progress, exp.scale_started);
    view! {
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
                <button class="primary" data-testid="scale-run" disabled=move || exp.running() on:click=move |_| start()>
                    {move || i18n.t(Msg::ScaleRun)}
                </button>
            </Buttons>
            <ScaleFigures times=times />
        </ExperimentFrame>
    }
}
