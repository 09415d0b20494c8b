//! The visitor's own input, translated by the model as it is, with its cross-attention.

use leptos::prelude::*;

use super::attention::heat;
use crate::app::charts::Heatmap;
use crate::app::lab_ui::unknown_chars_text;
use crate::app::translate_store::{send_translate as send, TranslateStore, Typed};
use crate::app::use_i18n;
use crate::i18n::Msg;
use crate::jobs::translate::TranslateCommand;
use crate::models::AttentionKind;

#[component]
pub fn TfTranslate(tf: TranslateStore) -> impl IntoView {
    let i18n = use_i18n();
    let input = RwSignal::new("Saturday, 28 November 2026".to_string());
    let go = move || send(TranslateCommand::Translate(input.get_untracked()));
    let output = move || match tf.typed.get() {
        Some(Typed::Output { output, .. }) => output,
        _ => String::new(),
    };
    let problem = move || match tf.typed.get() {
        Some(Typed::Unknown { chars, .. }) => Some(unknown_chars_text(i18n, &chars)),
        Some(Typed::TooLong { max }) => Some(format!("{} {max}", i18n.t(Msg::TfTooLong))),
        _ => None,
    };
    let cross = Signal::derive(move || match tf.typed.get() {
        Some(Typed::Output { maps, .. }) => heat(
            &maps,
            AttentionKind::Cross,
            maps.cross.layers.saturating_sub(1),
            0,
        ),
        _ => None,
    });
    view! {
        <figure class="lab-figure wide">
            <figcaption>
                <strong>{move || i18n.t(Msg::TfInputTitle)}</strong>
                " "
                {move || i18n.t(Msg::TfInputCaption)}
            </figcaption>
            <form
                class="translate-row"
                on:submit=move |ev| {
                    ev.prevent_default();
                    go();
                }
            >
                <input
                    type="text"
                    class="translate-input"
                    data-testid="tf-input"
                    spellcheck="false"
                    prop:value=move || input.get()
                    on:input=move |ev| input.set(event_target_value(&ev))
                />
                <button type="submit" class="primary" data-testid="tf-translate" disabled=move || tf.setup.with(Option::is_none)>
                    {move || i18n.t(Msg::TfTranslate)}
                </button>
            </form>
            <p class="field-error" role="alert" data-testid="tf-input-error">{problem}</p>
            <p class="translate-output">"→ " <output class="mono" data-testid="tf-output">{output}</output></p>
            <Heatmap heat=cross testid="tf-input-attention".to_string() width_px=460.0 />
        </figure>
    }
    .into_any()
}
