//! The seven steps of the layer, one at a time: tabs, the formula with the current part
//! highlighted, what the step does, and its matrices.

use leptos::prelude::*;

use super::compute::{heat_of, numbered, Computed};
use super::formula::formula;
use super::heads::HeadsView;
use super::matrix_view::MatrixView;
use super::{Settings, Source, STEPS};
use crate::app::charts::Heat;
use crate::app::use_i18n;
use crate::app::widgets::{Choice, Select};
use crate::explain::{HeadSteps, Matrix};
use crate::i18n::Msg;
use crate::view::attention::spread;

/// The number of heads shown, and the head picked (clamped to them).
fn head_of(s: Settings, shown: Memo<Option<Computed>>) -> (Signal<usize>, Signal<usize>) {
    let n_heads =
        Signal::derive(move || shown.with(|c| c.as_ref().map_or(1, |c| c.walk.heads.len().max(1))));
    let head = Signal::derive(move || s.head.get().min(n_heads.get() - 1));
    (n_heads, head)
}

#[component]
pub fn Steps(s: Settings, shown: Memo<Option<Computed>>) -> impl IntoView {
    let i18n = use_i18n();
    let go = move |to: usize| s.step.set(to.clamp(1, STEPS.len()));
    view! {
        <figure class="lab-figure wide attn-steps" aria-label=move || i18n.t(Msg::AttnStepsTitle)>
            <figcaption>
                <strong>{move || i18n.t(Msg::AttnStepsTitle)}</strong>
                " "
                {move || {
                    i18n.t(if s.source.get() == Source::Seeded { Msg::AttnStepsCaption } else { Msg::AttnStepsTrained })
                }}
            </figcaption>
            <div tabindex="0" class="math attn-formula" data-testid="attn-formula" inner_html=move || formula(s.step.get(), s.scaled.get())></div>
            <StepTabs s=s />
            <div class="step-head">
                <p class="step-explain" data-testid="attn-step-text">
                    <strong>{move || format!("{}. {}", s.step.get(), i18n.t(STEPS[s.step.get() - 1].0))}</strong>
                    " "
                    {move || i18n.t(STEPS[s.step.get() - 1].1)}
                </p>
                <HeadPicker s=s shown=shown />
            </div>
            <StepBody s=s shown=shown />
            <div class="run-bar">
                <button data-testid="attn-prev" disabled=move || s.step.get() == 1 on:click=move |_| go(s.step.get_untracked() - 1)>
                    {move || format!("← {}", i18n.t(Msg::AttnPrev))}
                </button>
                <button class="primary" data-testid="attn-next" disabled=move || s.step.get() == STEPS.len() on:click=move |_| go(s.step.get_untracked() + 1)>
                    {move || format!("{} →", i18n.t(Msg::AttnNext))}
                </button>
            </div>
        </figure>
    }
}

/// One tab per step; the arrow keys move between them.
#[component]
fn StepTabs(s: Settings) -> impl IntoView {
    let i18n = use_i18n();
    let go = move |to: usize| s.step.set(to.clamp(1, STEPS.len()));
    let step_buttons = move || {
        STEPS
            .iter()
            .enumerate()
            .map(|(i, (name, _))| {
                let n = i + 1;
                view! {
                    <button
                        role="tab"
                        class="step-tab"
                        data-testid=format!("attn-step-{n}")
                        aria-selected=move || (s.step.get() == n).to_string()
                        tabindex=move || if s.step.get() == n { "0" } else { "-1" }
                        on:click=move |_| go(n)
                    >
                        <span class="step-n">{n}</span>
                        " "
                        {move || i18n.t(*name)}
                    </button>
                }
            })
            .collect_view()
    };
    view! {
        <div
            class="step-tabs"
            role="tablist"
            data-testid="attn-step"
            data-step=move || s.step.get().to_string()
            on:keydown=move |ev| match ev.key().as_str() {
                "ArrowRight" => go(s.step.get_untracked() + 1),
                "ArrowLeft" => go(s.step.get_untracked().saturating_sub(1)),
                _ => {}
            }
        >
            {step_buttons}
        </div>
    }
}

/// Which head the steps show, while there are several and the step is about one head.
#[component]
fn HeadPicker(s: Settings, shown: Memo<Option<Computed>>) -> impl IntoView {
    let (n_heads, head) = head_of(s, shown);
    let choices = Signal::derive(move || {
        (0..n_heads.get())
            .map(|h| Choice::text(h, h, (h + 1).to_string()))
            .collect::<Vec<_>>()
    });
    view! {
        <Select
            label=Msg::TfHead
            value=s.head
            shown=head
            options=choices
            testid="attn-head"
            class="head-pick"
            hidden=Signal::derive(move || n_heads.get() < 2 || s.step.get() == STEPS.len())
        />
    }
}

/// The matrix `pick` chooses of the head shown; `square` puts the tokens on both axes rather
/// than numbered columns.
fn figure(
    shown: Memo<Option<Computed>>,
    head: Signal<usize>,
    pick: fn(&HeadSteps) -> &Matrix,
    square: bool,
    signed: bool,
) -> Signal<Option<Heat>> {
    Signal::derive(move || {
        shown.with(|c| {
            let c = c.as_ref()?;
            let h = c.walk.heads.get(head.get())?;
            let m = pick(h);
            let cols = if square {
                c.walk.tokens.clone()
            } else {
                numbered(m.cols)
            };
            Some(heat_of(m, &c.walk.tokens, cols, signed))
        })
    })
}

/// The matrices of the current step.
#[component]
fn StepBody(s: Settings, shown: Memo<Option<Computed>>) -> impl IntoView {
    let i18n = use_i18n();
    let (n_heads, head) = head_of(s, shown);
    let fig = move |pick: fn(&HeadSteps) -> &Matrix, square: bool, signed: bool| {
        figure(shown, head, pick, square, signed)
    };
    let head_title = move |name: &'static str| {
        Signal::derive(move || {
            if n_heads.get() > 1 {
                format!("{name} ({} {})", i18n.t(Msg::TfHead), head.get() + 1)
            } else {
                name.to_string()
            }
        })
    };
    let spread = move |pick: fn(&HeadSteps) -> &Matrix| {
        move || {
            shown.with(|c| {
                c.as_ref()
                    .and_then(|c| c.walk.heads.get(head.get()))
                    .map(|h| format!("{} {:.2}", i18n.t(Msg::AttnSpread), spread(pick(h))))
            })
        }
    };
    move || {
        match s.step.get() {
        1 => view! {
            <div class="matrix-grid">
                <MatrixView title=head_title("Q") heat=fig(|h| &h.q, false, true) testid="attn-q" width=240.0 />
                <MatrixView title=head_title("K") heat=fig(|h| &h.k, false, true) testid="attn-k" width=240.0 />
                <MatrixView title=head_title("V") heat=fig(|h| &h.v, false, true) testid="attn-v" width=240.0 />
            </div>
        }
        .into_any(),
        2 => view! {
            <MatrixView title=head_title("QKᵀ") heat=fig(|h| &h.scores, true, true) testid="attn-scores" />
            <p class="muted" data-testid="attn-spread">{spread(|h| &h.scores)}</p>
        }
        .into_any(),
        3 => view! {
            <MatrixView
                title=Signal::derive(move || {
                    if s.scaled.get() { head_title("QKᵀ / √dₖ").get() } else { head_title("QKᵀ").get() }
                })
                heat=fig(|h| &h.scaled, true, true)
                testid="attn-scaled"
            />
            <p class="muted" data-testid="attn-spread">{spread(|h| &h.scaled)}</p>
        }
        .into_any(),
        4 => view! {
            <p class="muted" hidden=move || s.causal.get()>{move || i18n.t(Msg::AttnNoMask)}</p>
            <MatrixView title=head_title("… + M") heat=fig(|h| &h.masked, true, true) testid="attn-masked" />
        }
        .into_any(),
        5 => view! {
            <MatrixView title=head_title("softmax(…)") heat=fig(|h| &h.weights, true, false) testid="attn-weights" publish=true />
        }
        .into_any(),
        6 => view! {
            <MatrixView title=head_title("softmax(…) · V") heat=fig(|h| &h.output, false, true) testid="attn-head-output" />
        }
        .into_any(),
        _ => view! { <HeadsView shown=shown /> }.into_any(),
    }
    }
}
