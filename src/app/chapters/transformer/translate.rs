//! The visitor's own input, translated by the model as it is, with its cross-attention.

use leptos::prelude::*;

use super::attention::heat;
use super::next_probs::TfNextProbs;
use crate::app::charts::{HeatScale, Heatmap};
use crate::app::translate_store::{send_translate as send, TranslateStore, Typed};
use crate::app::use_i18n;
use crate::i18n::Msg;
use crate::jobs::translate::TranslateCommand;
use crate::models::AttentionKind;
use crate::view::typed_input::{clipped, example_input, refusal_text, shown_refusal};

#[component]
pub fn TfTranslate(tf: TranslateStore) -> impl IntoView {
    let i18n = use_i18n();
    // `None` until the visitor types: then it is an example of the task, in the page's language.
    let typed = RwSignal::new(None::<String>);
    let input = Signal::derive(move || {
        typed
            .get()
            .unwrap_or_else(|| tf.preset.with(|p| example_input(&p.task, i18n.lang.get())))
    });
    let go = move || {
        send(TranslateCommand::Translate(
            input.with_untracked(|t| clipped(t)),
        ))
    };
    let output = move || match tf.typed.get() {
        Some(Typed::Output { output, .. }) => output,
        _ => String::new(),
    };
    let problem = move || {
        let refusal = tf
            .typed
            .with(|t| input.with(|f| shown_refusal(f, t.as_ref())));
        refusal.map(|r| refusal_text(i18n.lang.get(), &r))
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
        <figure class="lab-figure wide" aria-label=move || i18n.t(Msg::TfInputTitle)>
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
                    aria-label=move || i18n.t(Msg::TfInputLabel)
                    spellcheck="false"
                    prop:value=move || input.get()
                    on:input=move |ev| typed.set(Some(event_target_value(&ev)))
                />
                <button type="submit" class="primary" data-testid="tf-translate" disabled=move || tf.setup.with(Option::is_none)>
                    {move || i18n.t(Msg::TfTranslate)}
                </button>
            </form>
            <p class="field-error" role="alert" data-testid="tf-input-error">{problem}</p>
            <p class="translate-output">
                "→ "
                <output class="mono" data-testid="tf-output">{output}</output>
                // Before the first translation, the arrow says what will come, not nothing.
                <span class="muted" hidden=move || tf.typed.with(|t| matches!(t, Some(Typed::Output { .. })))>
                    {move || i18n.t(Msg::TfOutputWaiting)}
                </span>
            </p>
            <TfNextProbs tf=tf />
            <Heatmap
                heat=cross
                testid="tf-input-attention".to_string()
                label=Signal::derive(move || i18n.t(Msg::TfInputAttention).to_string())
                width_px=460.0
            />
            <HeatScale heat=cross />
        </figure>
    }
    .into_any()
}
