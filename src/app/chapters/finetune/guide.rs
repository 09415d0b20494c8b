//! The guided predictions of the pretraining and scale experiments: a question is answered from
//! the results the experiment already shows when they suffice, and otherwise by running it.

use leptos::prelude::*;

use crate::app::widgets::{guide_progress, Guide};
use crate::view::guide::{Halt, Question, Verdict};

#[component]
pub fn SweepGuide(
    testid: &'static str,
    questions: Vec<Question>,
    /// The experiment this guide runs is running.
    running: Signal<bool>,
    /// Some experiment of the chapter runs: a new one would have to wait.
    busy: Signal<bool>,
    /// Question `q` judged from the results shown now, if they suffice.
    answer: Callback<usize, Option<Verdict>>,
    /// Starts the run question `q` needs; false when the settings were refused.
    start: Callback<usize, bool>,
) -> impl IntoView {
    let progress = guide_progress(testid, questions.len());
    // The question whose run is going on.
    let waiting = StoredValue::new(None::<usize>);
    Effect::new(move || {
        if running.get() {
            return;
        }
        let Some(q) = waiting.get_value() else {
            return;
        };
        waiting.set_value(None);
        match answer.run(q) {
            Some(v) => progress.update(|p| p.answer(q, v)),
            // Stopped before it finished: what it needs is still missing.
            None => progress.update(|p| p.stop(q, Halt::Stopped)),
        }
    });
    let on_run = Callback::new(move |q: usize| {
        if progress.try_update(|p| p.start(q, 1)) != Some(true) {
            return;
        }
        if let Some(v) = answer.run(q) {
            progress.update(|p| p.answer(q, v));
        } else if busy.get_untracked() {
            progress.update(|p| p.stop(q, Halt::Busy));
        } else if start.run(q) {
            waiting.set_value(Some(q));
        } else {
            progress.update(|p| p.stop(q, Halt::Stopped));
        }
    });
    view! { <Guide testid=testid questions=questions progress=progress on_run=on_run /> }
}
