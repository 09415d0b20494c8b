//! The guided prediction of the autoencoder or VAE lab: each run trains its models in the lab
//! itself, so the visitor watches the curves and the map move, and the form shows the settings
//! of the model being trained.

use leptos::prelude::*;

use super::{reset, send};
use crate::app::lab_store::LabStore;
use crate::app::saved_runs::restored_forms;
use crate::app::widgets::{ArmGuide, Kept, LabHands};
use crate::jobs::lab::config::LabConfig;
use crate::jobs::lab::LabCommand;
use crate::view::guide_lab::{ArmResult, LabQuestion};

thread_local! {
    static KEPT: Kept<LabConfig, ArmResult> = const { Kept::new(Vec::new()) };
}

#[component]
pub fn LabGuide(
    lab: LabStore,
    testid: &'static str,
    questions: &'static [LabQuestion],
) -> impl IntoView {
    let hands = LabHands {
        seen: Callback::new(move |()| {
            let step = lab.summary.with(|s| s.as_ref().map(|s| s.step));
            (lab.config.get(), lab.status.get(), step)
        }),
        read: Callback::new(move |(_, diverged)| {
            lab.setup.with_untracked(|setup| {
                lab.summary.with_untracked(|summary| {
                    Some(ArmResult::read(
                        setup.as_ref()?,
                        summary.as_ref()?,
                        diverged,
                    ))
                })
            })
        }),
        start: Callback::new(move |config| {
            reset(lab, config);
            // The form is drawn again from the model's settings.
            restored_forms(lab.id).update(|n| *n += 1);
            send(lab, LabCommand::Run);
        }),
        pause: Callback::new(move |()| send(lab, LabCommand::Pause)),
    };
    view! { <ArmGuide testid=testid questions=questions kept=&KEPT hands=hands /> }
}
