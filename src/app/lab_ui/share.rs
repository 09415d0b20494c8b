//! "Copy link": a lab's settings as a link that reproduces its run (`view::share_link`), and
//! the refusals of the link the page was opened with.

use leptos::prelude::*;

use crate::app::use_i18n;
use crate::app::widgets::{copy_text, error_text, Copied};
use crate::i18n::Msg;
use crate::jobs::lab::fields::FieldErrors;
use crate::view::share_link::{href, Settings};

/// This page's address with `settings` in its fragment.
fn full_url(settings: &Settings) -> String {
    let location = window().location();
    let origin = location.origin().unwrap_or_default();
    let path = location.pathname().unwrap_or_default();
    format!("{origin}{path}{}", href(settings))
}

/// The form's refusals, and the link's for fields the visitor has not refused anything in.
pub fn with_link_refusals(form: FieldErrors, link: RwSignal<FieldErrors>) -> FieldErrors {
    let mut all = form;
    for (field, e) in link.get() {
        if !all.iter().any(|(f, _)| *f == field) {
            all.push((field, e));
        }
    }
    all
}

/// The button `{prefix}-share` (its `data-url` is the link), its status line, and the notice
/// `{prefix}-link-refused` naming what the opening link asked for and did not get.
#[component]
pub fn ShareLink(
    prefix: &'static str,
    /// The settings of the model in the worker (not the form's pending edits).
    settings: Signal<Settings>,
    refused: RwSignal<FieldErrors>,
    /// The fields that show their own refusal; the others (choices, the link as a whole) are
    /// listed in the notice.
    shown_at_fields: &'static [&'static str],
    /// A sentence beside the button about what the link does not carry, while it applies.
    #[prop(optional)]
    note: Option<Signal<Option<Msg>>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let url = Memo::new(move |_| full_url(&settings.get()));
    let copied = RwSignal::new(Copied::Not);
    // A new model makes an earlier "copied" stale.
    Effect::new(move |_| {
        url.track();
        copied.set(Copied::Not);
    });
    let copy = move |_| copy_text(url.get_untracked(), copied);
    let listed = move || {
        refused
            .get()
            .into_iter()
            .filter(|(field, _)| !shown_at_fields.contains(field))
            .map(|(field, e)| view! { <li><code>{field}</code>{i18n.t(Msg::NameSep)}{error_text(|m| i18n.t(m), &e)}</li> })
            .collect_view()
    };
    view! {
        <div class="share-row">
            <button type="button" data-testid=format!("{prefix}-share") data-url=move || url.get() on:click=copy>
                {move || i18n.t(Msg::LabShare)}
            </button>
            <span class="muted" role="status" data-testid=format!("{prefix}-share-status")>
                {move || match copied.get() {
                    Copied::Not => "",
                    Copied::Yes => i18n.t(Msg::LabShareCopied),
                    Copied::Refused => i18n.t(Msg::LabShareManual),
                }}
            </span>
            {move || note.and_then(|n| n.get()).map(|m| view! {
                <span class="hint share-note" data-testid=format!("{prefix}-share-note")>{move || i18n.t(m)}</span>
            })}
            <input
                type="text"
                readonly
                class="share-url"
                aria-label=move || i18n.t(Msg::LabShareLink)
                prop:value=move || url.get()
                hidden=move || copied.get() != Copied::Refused
                on:focus=|ev| {
                    use wasm_bindgen::JsCast;
                    if let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                        input.select();
                    }
                }
            />
        </div>
        <div class="notice warn" role="alert" data-testid=format!("{prefix}-link-refused") hidden=move || refused.with(Vec::is_empty)>
            <p>{move || i18n.t(Msg::LinkRefused)}</p>
            <ul>{listed}</ul>
        </div>
    }
}
