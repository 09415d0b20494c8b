//! The chapter's guided prediction: the reversal task trained in the lab, its cross-attention
//! and its position encoding.

use leptos::prelude::*;

use crate::app::saved_runs::{restored_forms, Kept as Saved};
use crate::app::translate_store::{send_translate as send, TranslateStore};
use crate::app::widgets::{ArmGuide, Kept, LabHands};
use crate::jobs::translate::TranslateCommand;
use crate::models::TransformerPreset;
use crate::view::guide_transformer::{longest, TfResult, TF_QUESTIONS};

thread_local! {
    static KEPT: Kept<TransformerPreset, TfResult> = const { Kept::new(Vec::new()) };
}

#[component]
pub fn TfGuide(tf: TranslateStore) -> impl IntoView {
    let hands = LabHands {
        seen: Callback::new(move |()| {
            let step = tf.summary.with(|s| s.as_ref().map(|s| s.step));
            (tf.preset.get(), tf.status.get(), step)
        }),
        read: Callback::new(move |(planned, diverged): (u64, bool)| {
            // The longest watched string shows the shape best: watch it, then wait for its maps.
            let longest = tf
                .setup
                .with_untracked(|s| s.as_ref().map(|s| longest(&s.watched)))?;
            if tf.watching.get_untracked() != longest {
                tf.snapshots.set(Vec::new());
                tf.watching.set(longest);
                send(TranslateCommand::Watch(longest));
                return None;
            }
            // A diverged model may never be scored again: take what it last showed.
            let at = if diverged { 0 } else { planned };
            tf.summary.with_untracked(|s| {
                tf.attention.with_untracked(|a| {
                    let test = s.as_ref().and_then(|s| s.test.as_ref());
                    let maps = a
                        .as_ref()
                        .filter(|(example, _, _)| *example == longest)
                        .map(|(_, step, maps)| (*step, maps));
                    TfResult::read(at, test, maps)
                })
            })
        }),
        start: Callback::new(move |preset: TransformerPreset| {
            tf.link_refused.set(Vec::new());
            tf.reset(preset);
            // The form is drawn again from the model's settings.
            restored_forms(Saved::Tf).update(|n| *n += 1);
            send(TranslateCommand::Run);
        }),
        pause: Callback::new(move |()| send(TranslateCommand::Pause)),
    };
    view! { <ArmGuide testid="try-transformer" questions=TF_QUESTIONS kept=&KEPT hands=hands /> }
}
