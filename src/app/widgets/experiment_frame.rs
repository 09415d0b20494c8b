//! The shape every experiment panel shares: a title and caption, the budget fields, the run
//! controls with progress, an optional note, then the figures (the children).

use leptos::prelude::*;

use super::RunStatus;
use crate::app::use_i18n;
use crate::experiments::StepCount;
use crate::i18n::Msg;
use crate::jobs::Target;

/// The budget fields.
#[slot]
pub struct Fields {
    children: Children,
}

/// The run buttons, placed before Stop.
#[slot]
pub struct Buttons {
    children: Children,
}

/// A line under the run controls.
#[slot]
pub struct Note {
    children: Children,
}

/// `<section class="lab {prefix}-lab" data-testid="{prefix}-lab">`, with [`RunStatus`]'s ids.
#[component]
pub fn ExperimentFrame(
    prefix: &'static str,
    title: Msg,
    caption: Msg,
    running: RwSignal<bool>,
    stopped: RwSignal<bool>,
    steps: Signal<Option<StepCount>>,
    stage: Signal<String>,
    eta: Signal<String>,
    fields: Fields,
    buttons: Buttons,
    #[prop(optional)] note: Option<Note>,
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class=format!("lab {prefix}-lab") data-testid=format!("{prefix}-lab")>
            <h2>{move || i18n.t(title)}</h2>
            <p class="muted">{move || i18n.t(caption)}</p>
            <div class="panel lab-controls">
                <div class="fields">{(fields.children)()}</div>
                <RunStatus prefix=prefix target=Target::Experiment running=running stopped=stopped steps=steps stage=stage eta=eta>
                    {(buttons.children)()}
                </RunStatus>
                {note.map(|n| (n.children)())}
            </div>
            {children()}
        </section>
    }
}
