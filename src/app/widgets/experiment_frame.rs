//! The shape every experiment panel shares: a title and caption, the budget fields, the run
//! controls with progress, an optional note, then the figures (the children).

use std::time::Duration;

use leptos::html::Section;
use leptos::prelude::*;

use super::RunStatus;
use crate::app::use_i18n;
use crate::experiments::StepCount;
use crate::i18n::Msg;
use crate::jobs::Target;
use crate::view::announce::finished_sentence;

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

/// `<section class="lab {prefix}-lab" data-testid="{prefix}-lab">`, with [`RunStatus`]'s ids
/// and `{prefix}-announce`, the polite line that says when a run ends and what its figures show.
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
    /// The figures (`children`, a `.figures-grid`) sit beside the settings on a wide screen,
    /// as a lab's do, rather than under them.
    #[prop(optional)]
    workbench: bool,
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    let section = NodeRef::<Section>::new();
    let said = RwSignal::new(String::new());
    let explained = crate::app::lab_ui::use_explained();
    // When a run ends: read the figures' names a frame later, once the last results are drawn
    // (their names follow the same signals), and say them.
    Effect::new(move |was: Option<bool>| {
        let now = running.get();
        if was == Some(true) && !now {
            set_timeout(
                move || {
                    let Some(root) = section.try_get_untracked().flatten() else {
                        return;
                    };
                    let figures = figure_names(&root);
                    let stopped = stopped.try_get_untracked().unwrap_or(false);
                    said.try_set(finished_sentence(
                        &|m| i18n.t(m),
                        i18n.t(title),
                        stopped,
                        &figures,
                    ));
                },
                Duration::from_millis(100),
            );
        }
        now
    });
    view! {
        <section
            node_ref=section
            class=format!("lab {prefix}-lab")
            class:workbench=workbench
            class:terse=move || workbench && !explained.get()
            data-testid=format!("{prefix}-lab")
        >
            <p class="visually-hidden" role="status" aria-live="polite" data-testid=format!("{prefix}-announce")>
                {move || said.get()}
            </p>
            <h2>{move || i18n.t(title)}</h2>
            <p class="muted">{move || i18n.t(caption)}</p>
            <div class="panel lab-controls">
                <div class="fields">{(fields.children)()}</div>
                <RunStatus prefix=prefix target=Target::Experiment running=running stopped=stopped steps=steps stage=stage eta=eta>
                    {(buttons.children)()}
                </RunStatus>
                {note.map(|n| (n.children)())}
                {workbench.then(|| view! { <crate::app::lab_ui::ExplainToggle prefix=prefix /> })}
            </div>
            {children()}
        </section>
    }
}

/// The accessible names of the charts under `root`, in page order. (A walk over elements
/// rather than `querySelectorAll`, which would need web-sys's NodeList for this one use.)
fn figure_names(root: &web_sys::Element) -> Vec<String> {
    let mut names = Vec::new();
    let mut child = root.first_element_child();
    while let Some(element) = child {
        if element.tag_name().eq_ignore_ascii_case("canvas")
            && element.get_attribute("role").as_deref() == Some("img")
        {
            names.extend(element.get_attribute("aria-label"));
        }
        names.extend(figure_names(&element));
        child = element.next_element_sibling();
    }
    names
}
