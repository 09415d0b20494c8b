//! A labelled `<select>` over values of any type: each choice carries its value, the key written
//! into the page (what a browser test selects by) and its label.

use leptos::prelude::*;

use crate::app::use_i18n;
use crate::i18n::Msg;

/// What a choice shows: a catalog message (follows the language) or fixed text.
#[derive(Clone, Debug, PartialEq)]
pub enum ChoiceText {
    Msg(Msg),
    Text(String),
}

/// One `<option>`.
#[derive(Clone, Debug)]
pub struct Choice<T> {
    pub value: T,
    /// The option's `value` attribute.
    pub key: String,
    pub text: ChoiceText,
    /// Shown but not choosable while this holds.
    pub disabled: Option<Signal<bool>>,
}

impl<T> Choice<T> {
    /// A choice labelled by a catalog message; its key is its position.
    pub fn msg(value: T, key: impl ToString, msg: Msg) -> Self {
        Choice {
            value,
            key: key.to_string(),
            text: ChoiceText::Msg(msg),
            disabled: None,
        }
    }

    /// A choice labelled by fixed text.
    pub fn text(value: T, key: impl ToString, text: impl Into<String>) -> Self {
        Choice {
            value,
            key: key.to_string(),
            text: ChoiceText::Text(text.into()),
            disabled: None,
        }
    }

    /// A number that is its own key and label.
    pub fn number(value: T) -> Self
    where
        T: ToString,
    {
        let key = value.to_string();
        Choice::text(value, key.clone(), key)
    }

    pub fn disabled_while(mut self, disabled: Signal<bool>) -> Self {
        self.disabled = Some(disabled);
        self
    }
}

/// Choices labelled by messages, keyed by their position (0, 1, …).
pub fn indexed<T>(options: Vec<(T, Msg)>) -> Vec<Choice<T>> {
    options
        .into_iter()
        .enumerate()
        .map(|(i, (v, m))| Choice::msg(v, i, m))
        .collect()
}

/// A labelled drop-down (`<label class="field {class}">`). The option equal to `shown` (by
/// default `value`) is selected; picking one sets `value`, then runs `on_pick`.
#[component]
pub fn Select<T>(
    label: Msg,
    value: RwSignal<T>,
    #[prop(into)] options: Signal<Vec<Choice<T>>>,
    #[prop(into)] testid: String,
    /// What is shown as selected, when it differs from `value` (a value clamped to the options).
    #[prop(optional, into)]
    shown: Option<Signal<T>>,
    #[prop(optional)] on_pick: Option<Callback<T>>,
    /// Extra classes of the label, after `field`.
    #[prop(optional)]
    class: &'static str,
    #[prop(optional, into)] hidden: Option<Signal<bool>>,
) -> impl IntoView
where
    T: Clone + PartialEq + Send + Sync + 'static,
{
    let i18n = use_i18n();
    let shown = shown.unwrap_or_else(|| value.into());
    let choices = move || {
        options
            .get()
            .into_iter()
            .map(|c| {
                let Choice {
                    value: v,
                    key,
                    text,
                    disabled,
                } = c;
                let text = move || match &text {
                    ChoiceText::Msg(m) => i18n.t(*m).to_string(),
                    ChoiceText::Text(t) => t.clone(),
                };
                view! {
                    <option
                        value=key
                        selected=move || shown.with(|s| *s == v)
                        disabled=move || disabled.is_some_and(|d| d.get())
                    >
                        {text}
                    </option>
                }
            })
            .collect_view()
    };
    let pick = move |ev| {
        let key = event_target_value(&ev);
        let chosen =
            options.with_untracked(|o| o.iter().find(|c| c.key == key).map(|c| c.value.clone()));
        if let Some(v) = chosen {
            value.set(v.clone());
            if let Some(f) = on_pick {
                f.run(v);
            }
        }
    };
    let class = if class.is_empty() {
        "field".to_string()
    } else {
        format!("field {class}")
    };
    view! {
        <label class=class hidden=move || hidden.is_some_and(|h| h.get())>
            <span class="field-label">{move || i18n.t(label)}</span>
            <select data-testid=testid on:change=pick>
                {choices}
            </select>
        </label>
    }
}
