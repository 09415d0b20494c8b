//! A guided prediction's panel, the same in every chapter: the question and its answers as a
//! radio group, Run, the verdict in words and numbers, and the way to the other questions.
//! The chapter runs the experiment (`on_run`) and writes its verdict into `progress`.

use std::cell::RefCell;
use std::collections::HashMap;

use leptos::prelude::*;

use crate::app::use_i18n;
use crate::i18n::Msg;
use crate::view::format::fill;
use crate::view::guide::{Halt, Phase, Progress, Question};

thread_local! {
    /// Each guide's progress, for the visit: a chapter left and shown again finds it.
    static KEPT: RefCell<HashMap<&'static str, Progress>> = RefCell::new(HashMap::new());
}

/// The progress of guide `testid`, as it was left (a run that was going on has stopped), kept
/// for the visit as it changes.
pub fn guide_progress(testid: &'static str, questions: usize) -> RwSignal<Progress> {
    let start = KEPT
        .with(|k| k.borrow().get(testid).cloned())
        .filter(|p| p.phases.len() == questions)
        .map_or_else(|| Progress::new(questions), Progress::interrupted);
    let progress = RwSignal::new(start);
    Effect::new(move || {
        let now = progress.get();
        KEPT.with(|k| k.borrow_mut().insert(testid, now));
    });
    progress
}

#[component]
pub fn Guide(
    /// `try-<chapter>`; the parts are `{testid}-choice-{i}`, `-run`, `-prev`, `-next`,
    /// `-progress` and `-verdict`.
    testid: &'static str,
    questions: Vec<Question>,
    progress: RwSignal<Progress>,
    /// Runs question `q` (its prediction is made).
    on_run: Callback<usize>,
) -> impl IntoView {
    let i18n = use_i18n();
    let total = questions.len();
    let questions = StoredValue::new(questions);
    let current = move || progress.with(|p| p.current);
    let question = move || questions.with_value(|qs| qs[current()]);
    let phase = move || progress.with(|p| p.phases[p.current].clone());
    let locked = move || !matches!(phase(), Phase::Open);
    let counter = move || {
        let (right, answered) = progress.with(Progress::score);
        let n = (current() + 1).to_string();
        let mut line = fill(
            i18n.t(Msg::GuideQuestionOf),
            &[("n", &n), ("total", &total.to_string())],
        );
        if answered > 0 {
            line.push_str(" · ");
            line.push_str(&fill(
                i18n.t(Msg::GuideScore),
                &[
                    ("right", &right.to_string()),
                    ("answered", &answered.to_string()),
                ],
            ));
        }
        line
    };
    let choices = move || {
        let q = current();
        let actual = match phase() {
            Phase::Answered(v) => v.actual,
            _ => None,
        };
        question()
            .choices
            .iter()
            .enumerate()
            .map(|(i, &choice)| {
                let picked = move || progress.with(|p| p.picks[q] == Some(i));
                view! {
                    <label class="guide-choice" class:picked=picked class:actual=move || actual == Some(i)>
                        <input
                            type="radio"
                            name=format!("{testid}-q{q}")
                            data-testid=format!("{testid}-choice-{i}")
                            prop:checked=picked
                            on:change=move |_| progress.update(|p| p.pick(q, i))
                        />
                        <span>{move || i18n.t(choice)}</span>
                    </label>
                }
            })
            .collect_view()
    };
    let verdict = move || {
        let q = current();
        match phase() {
            Phase::Running { done, of } => view! {
                <p>{fill(i18n.t(Msg::GuideRunning), &[("done", &done.to_string()), ("of", &of.to_string())])}</p>
            }
            .into_any(),
            Phase::Answered(v) => {
                let right = progress.with(|p| p.right(q)) == Some(true);
                let choice_text = |c: Option<usize>| {
                    c.and_then(|c| question().choices.get(c).copied())
                        .map_or(i18n.t(Msg::GuideNoneFits), |m| i18n.t(m))
                };
                let picked = choice_text(progress.with(|p| p.picks[q]));
                let values: Vec<(&str, &str)> = v.values.iter().map(|(k, s)| (*k, s.as_str())).collect();
                view! {
                    <p class="guide-outcome">
                        <strong>{i18n.t(if right { Msg::GuideRight } else { Msg::GuideWrong })}</strong>
                    </p>
                    <p>
                        {format!("{}{}{}", i18n.t(Msg::GuideYouPredicted), i18n.t(Msg::NameSep), picked)}
                        <br />
                        {format!("{}{}{}", i18n.t(Msg::GuideRunSays), i18n.t(Msg::NameSep), choice_text(v.actual))}
                    </p>
                    <p class="guide-numbers">{fill(i18n.t(v.why), &values)}</p>
                }
                .into_any()
            }
            Phase::Open => {
                let text = match progress.with(|p| p.halted.clone()) {
                    Some(Halt::Stopped) => i18n.t(Msg::GuideStopped).to_string(),
                    Some(Halt::Cannot(why)) => format!("{} {why}", i18n.t(Msg::GuideCannot)),
                    Some(Halt::Busy) => i18n.t(Msg::GuideBusy).to_string(),
                    None => i18n.t(Msg::GuidePickFirst).to_string(),
                };
                view! { <p class="muted">{text}</p> }.into_any()
            }
        }
    };
    let right_attr = move || match progress.with(|p| p.right(p.current)) {
        Some(true) => "true",
        Some(false) => "false",
        None => "",
    };
    // No moving away from a question while its run goes on.
    let first = move || current() == 0 || progress.with(|p| p.running().is_some());
    let last = move || current() + 1 >= total || progress.with(|p| p.running().is_some());
    let run = move |_| {
        let q = current();
        if progress.with_untracked(|p| p.can_run(q)) {
            on_run.run(q);
        }
    };
    view! {
        <section class="panel guide" data-testid=testid aria-labelledby=format!("{testid}-title")>
            <h2 id=format!("{testid}-title")>{move || i18n.t(Msg::GuideTitle)}</h2>
            <p class="muted">{move || i18n.t(Msg::GuideIntro)}</p>
            <p class="guide-progress" data-testid=format!("{testid}-progress")>{counter}</p>
            <fieldset class="guide-choices" prop:disabled=locked>
                <legend>{move || i18n.t(question().ask)}</legend>
                {choices}
            </fieldset>
            <p class="muted small guide-how">{move || i18n.t(question().how)}</p>
            <div class="guide-actions">
                <button
                    class="primary"
                    data-testid=format!("{testid}-run")
                    prop:disabled=move || !progress.with(|p| p.can_run(p.current))
                    on:click=run
                >
                    {move || i18n.t(Msg::GuideRun)}
                </button>
                <button
                    data-testid=format!("{testid}-prev")
                    prop:disabled=first
                    on:click=move |_| progress.update(|p| p.go(p.current.saturating_sub(1)))
                >
                    {move || i18n.t(Msg::GuidePrev)}
                </button>
                <button
                    data-testid=format!("{testid}-next")
                    prop:disabled=last
                    on:click=move |_| progress.update(|p| p.go(p.current + 1))
                >
                    {move || i18n.t(Msg::GuideNext)}
                </button>
            </div>
            <div class="guide-verdict" data-testid=format!("{testid}-verdict") data-right=right_attr role="status" aria-live="polite">
                {verdict}
            </div>
        </section>
    }
}
