//! A guided prediction whose runs train models in a lab (the autoencoder, the VAE, the
//! Transformer): [`ArmRunner`] decides, this carries its actions out on the lab, and the
//! shared [`Guide`] panel shows the question and the verdict.

use std::cell::RefCell;
use std::thread::LocalKey;

use leptos::prelude::*;

use super::{guide_progress, Guide};
use crate::app::lab_store::LabStatus;
use crate::view::arm_runner::{Action, Arm, ArmQuestion, ArmRunner};
use crate::view::guide::Halt;

/// Every arm a lab's guide trained this visit, so that a question about models already trained
/// answers at once.
pub type Kept<C, R> = RefCell<Vec<(Arm<C>, R)>>;

/// How a guide works a lab.
pub struct LabHands<C: 'static, R: 'static> {
    /// The model's settings, its status and the step of its last summary (none: a new model's
    /// setup cleared it). Read in an effect, so these are tracked.
    pub seen: Callback<(), (C, LabStatus, Option<u64>)>,
    /// The arm's result from what the lab shows (untracked), given the steps it was to train
    /// and whether it diverged.
    pub read: Callback<(u64, bool), Option<R>>,
    /// Builds a model with these settings, shows them in the form, and trains it.
    pub start: Callback<C>,
    pub pause: Callback<()>,
}

#[component]
pub fn ArmGuide<C: Clone + PartialEq + Send + Sync + 'static, R: Clone + Send + Sync + 'static>(
    testid: &'static str,
    questions: &'static [ArmQuestion<C, R>],
    kept: &'static LocalKey<Kept<C, R>>,
    hands: LabHands<C, R>,
) -> impl IntoView {
    let progress = guide_progress(testid, questions.len());
    let runner = StoredValue::new_local(None::<(usize, ArmRunner<C, R>)>);
    let LabHands {
        seen,
        read,
        start,
        pause,
    } = hands;
    let keep = move |finished: Vec<(Arm<C>, R)>| {
        kept.with(|k| {
            let mut k = k.borrow_mut();
            for (arm, result) in finished {
                if !k.iter().any(|(a, _)| *a == arm) {
                    k.push((arm, result));
                }
            }
        });
    };
    let drive = move |(config, status, step): (C, LabStatus, Option<u64>)| {
        let next = runner
            .try_update_value(|r| {
                r.as_mut().map(|(q, run)| {
                    let action =
                        run.observe(&config, status, step, |planned, d| read.run((planned, d)));
                    keep(run.finished());
                    (*q, action, run.done().0)
                })
            })
            .flatten();
        let Some((q, action, done)) = next else {
            return;
        };
        match action {
            Action::Wait => {}
            Action::Start(config) => {
                start.run(config);
                progress.update(|p| p.advance(q, done));
            }
            Action::Finish(results) => {
                runner.set_value(None);
                if status == LabStatus::Running {
                    pause.run(());
                }
                progress.update(|p| p.answer(q, (questions[q].judge)(&results)));
            }
            Action::Abort => {
                runner.set_value(None);
                progress.update(|p| p.stop(q, Halt::Stopped));
            }
        }
    };
    Effect::new(move || drive(seen.run(())));
    let on_run = Callback::new(move |q: usize| {
        let arms = (questions[q].arms)();
        let run = kept.with(|k| ArmRunner::new(arms, &k.borrow()));
        if progress.try_update(|p| p.start(q, run.done().1)) == Some(true) {
            runner.set_value(Some((q, run)));
            drive(untrack(|| seen.run(())));
        }
    });
    view! {
        <Guide
            testid=testid
            questions=questions.iter().map(|q| q.question).collect()
            progress=progress
            on_run=on_run
        />
    }
}
