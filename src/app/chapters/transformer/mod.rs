//! The Transformer chapter: an encoder-decoder learns a toy translation live, and its attention
//! can be watched forming, scrubbed back through, and tried on the visitor's own input.

mod attention;
mod controls;
mod curves;
mod fields;
mod guide;
mod next_probs;
mod pairs;
mod samples;
mod translate;

use leptos::prelude::*;

use super::ChapterPage;
use crate::app::lab_ui::keep_alive;
use crate::app::prose::Intro;
use crate::app::saved_runs::{self, Kept, Slot};
use crate::app::translate_store::send_translate as send;
use crate::app::use_worker;
use crate::jobs::lab::LabCommand;
use crate::jobs::translate::TranslateCommand;
use crate::routes::Chapter;
use attention::TfAttention;
use controls::TfControls;
use curves::{TfCurves, TfLossFormula};
use guide::TfGuide;
use samples::TfSamples;
use translate::TfTranslate;

/// The run controls' Run, Pause and Step, as this lab's commands.
pub(super) fn lab_command(cmd: LabCommand) -> TranslateCommand {
    match cmd {
        LabCommand::Pause => TranslateCommand::Pause,
        LabCommand::Step => TranslateCommand::Step,
        _ => TranslateCommand::Run,
    }
}

#[component]
pub fn Transformer() -> impl IntoView {
    let tf = use_worker().tf;
    keep_alive(
        tf.status,
        tf.resume,
        move || saved_runs::start(Slot::Tf(tf)),
        |cmd| send(lab_command(cmd)),
    );
    view! {
        <ChapterPage chapter=Chapter::Transformer>
            <Intro chapter=Chapter::Transformer />
            <TfGuide tf=tf />
            {move || {
                // A run kept in the browser brings its settings after the first draw.
                saved_runs::restored_forms(Kept::Tf).track();
                view! {
                    <TfControls tf=tf>
                        <div class="figures-grid tf-figures">
                            <TfCurves tf=tf />
                            <TfSamples tf=tf />
                            <TfAttention tf=tf />
                            <TfTranslate tf=tf />
                        </div>
                        <TfLossFormula tf=tf />
                    </TfControls>
                }
            }}
        </ChapterPage>
    }
}
