//! A labelled text field for a number, or a list of numbers such as layer widths, with the
//! reason it was refused below it.

use leptos::prelude::*;

use crate::app::use_i18n;
use crate::i18n::Msg;
use crate::jobs::lab::fields::{FieldError, FieldErrors};
use crate::view::format::{lead_in, over_budget_text, range_text};

/// The reason in the current language.
pub fn error_text(lang_t: impl Fn(Msg) -> &'static str, e: &FieldError) -> String {
    match e {
        FieldError::NotNumber => lang_t(Msg::LabErrNumber).to_string(),
        FieldError::NotWhole => lang_t(Msg::LabErrWhole).to_string(),
        FieldError::Widths => lang_t(Msg::LabErrWidths).to_string(),
        FieldError::Range { min, max } => {
            lead_in(lang_t(Msg::LabErrRange), &range_text(*min, *max))
        }
        FieldError::Depth { min, max } => {
            lead_in(lang_t(Msg::LabErrDepth), &range_text(*min, *max))
        }
        FieldError::Latent { min, max } => {
            lead_in(lang_t(Msg::LabErrLatent), &range_text(*min, *max))
        }
        FieldError::HeadsDivide => lang_t(Msg::LabErrHeads).to_string(),
        FieldError::OverBudget {
            bytes,
            seconds,
            max_bytes,
            max_seconds,
        } => over_budget_text(
            lang_t(Msg::LabErrBudget),
            *bytes,
            *seconds,
            *max_bytes,
            *max_seconds,
        ),
        FieldError::Invalid(detail) => detail.clone(),
        FieldError::Link(e) => crate::view::share_link::link_error_text(lang_t, e),
    }
}

/// The reason a field was refused, if it was, for the current language.
fn reason_of(errors: Signal<FieldErrors>, field: &'static str) -> impl Fn() -> Option<String> {
    let i18n = use_i18n();
    move || {
        errors
            .get()
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, e)| error_text(|m| i18n.t(m), e))
    }
}

/// A labelled text field (`{testid}`) with its refusal below it (`{testid}-error`). Without
/// `errors` the field has no refusal line: its parent reports problems elsewhere.
#[component]
pub fn NumberField(
    label: Msg,
    value: RwSignal<String>,
    #[prop(into)] testid: String,
    /// The field's name in the refusals of `errors`.
    #[prop(optional)]
    field: &'static str,
    #[prop(optional, into)] errors: Option<Signal<FieldErrors>>,
    #[prop(optional, into)] disabled: Option<Signal<bool>>,
    #[prop(optional)] wide: bool,
    /// Whole numbers only: a phone shows its numeric keypad.
    #[prop(optional)]
    whole: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let error_id = errors.map(|_| format!("{testid}-error"));
    let invalid = errors.map(|errors| {
        let reason = reason_of(errors, field);
        move || reason().is_some().to_string()
    });
    let error_line = errors.map(|errors| {
        let id = format!("{testid}-error");
        view! {
            <span class="field-error" id=id.clone() data-testid=id role="alert">
                {reason_of(errors, field)}
            </span>
        }
    });
    view! {
        <label class="field" class:wide=wide>
            <span class="field-label">{move || i18n.t(label)}</span>
            <input
                type="text"
                inputmode=if whole { "numeric" } else { "decimal" }
                spellcheck="false"
                autocomplete="off"
                data-testid=testid
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
                aria-invalid=invalid
                aria-describedby=error_id
                disabled=move || disabled.is_some_and(|d| d.get())
            />
            {error_line}
        </label>
    }
}
