//! The attention lab's controls: where the weights come from, the input, the layer's shape,
//! the mask and scale switches, and the mean entropy of the weights shown.

use leptos::prelude::*;

use super::compute::{Computed, Problem};
use super::{Settings, Source, D_HEAD, HEADS};
use crate::app::lab_ui::unknown_chars_text;
use crate::app::widgets::{Choice, NumberField, Select, Toggle};
use crate::app::{use_i18n, use_worker, I18n};
use crate::explain::{mean_entropy, TokenError};
use crate::i18n::Msg;
use crate::jobs::translate::Inspection;
use crate::view::attention::uniform_entropy;
use crate::view::core_error::core_error_text;
use crate::view::format::fixed;

/// Why the input is refused, in the current language; `None` while it is fine or pending.
fn problem_text(i18n: I18n, result: &Result<Computed, Problem>) -> Option<String> {
    match result {
        Err(Problem::Tokens(TokenError::Empty)) => Some(i18n.t(Msg::AttnErrEmpty).to_string()),
        Err(Problem::Tokens(TokenError::TooMany { count })) => {
            Some(format!("{count} {}", i18n.t(Msg::AttnErrTooMany)))
        }
        Err(Problem::Seed) => Some(format!("{} 0 – {}", i18n.t(Msg::LabErrWhole), u32::MAX)),
        Err(Problem::Chars(count)) => Some(format!("{count} {}", i18n.t(Msg::AttnErrTooManyChars))),
        Err(Problem::Unknown(chars)) => Some(unknown_chars_text(i18n, chars)),
        Err(Problem::ModelTooLong(max)) => Some(format!("{} {max}", i18n.t(Msg::TfTooLong))),
        Err(Problem::Core(e)) => Some(core_error_text(|m| i18n.t(m), e)),
        Ok(_) | Err(Problem::Waiting) => None,
    }
}

/// `text` is the seeded layer's sentence, `chars` the trained model's input.
#[component]
pub fn Controls(
    s: Settings,
    shown: Memo<Option<Computed>>,
    result: Memo<Result<Computed, Problem>>,
    text: Signal<String>,
    chars: Signal<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="panel lab-controls">
            <SourcePicker s=s shown=shown />
            <InputField s=s result=result text=text chars=chars />
            <div class="fields attn-fields" hidden=move || s.source.get() == Source::Trained>
                <SeededFields s=s />
            </div>
            <div class="attn-toggles">
                <Toggle label=Msg::AttnCausal value=s.causal testid="attn-causal-toggle" />
                <Toggle label=Msg::AttnScale value=s.scaled testid="attn-scale-toggle" />
                <EntropyBox s=s shown=shown />
            </div>
            <p class="muted small" hidden=move || s.source.get() == Source::Trained>
                {move || i18n.t(Msg::AttnScaleHint)}
            </p>
        </div>
    }
}

/// Seeded weights, or the Transformer chapter's trained encoder once it has trained.
#[component]
fn SourcePicker(s: Settings, shown: Memo<Option<Computed>>) -> impl IntoView {
    let i18n = use_i18n();
    let tf = use_worker().tf;
    let trained_ready = move || tf.summary.with(|s| s.as_ref().is_some_and(|s| s.step > 0));
    let sources = vec![
        Choice::msg(Source::Seeded, "seeded", Msg::AttnSourceSeeded),
        Choice::msg(Source::Trained, "trained", Msg::AttnSourceTrained)
            .disabled_while(Signal::derive(move || !trained_ready())),
    ];
    let info = move || {
        let step = tf.inspected.with(|a| match a {
            Some((_, Inspection::Ready(a))) => a.step,
            _ => 0,
        });
        let shape = shown.with(|c| c.as_ref().map(|c| (c.walk.heads.len(), c.walk.d_head)));
        let shape = shape.map_or(String::new(), |(h, dk)| {
            format!(" · h = {h}, dₖ = {dk}, d_model = {}", h * dk)
        });
        format!(
            "{} {step} {}{shape}",
            i18n.t(Msg::AttnModelInfo),
            i18n.t(Msg::AttnModelSteps)
        )
    };
    view! {
        <div class="fields attn-source">
            <Select label=Msg::AttnSource value=s.source options=sources testid="attn-source" class="wide" />
        </div>
        <p class="muted small" data-testid="attn-trained-missing" hidden=trained_ready>
            {move || i18n.t(Msg::AttnTrainedMissing)}
        </p>
        <p class="muted small" data-testid="attn-model-info" hidden=move || s.source.get() == Source::Seeded>
            {info}
        </p>
    }
}

/// The sentence (seeded) or characters (trained), with why it is refused below.
#[component]
fn InputField(
    s: Settings,
    result: Memo<Result<Computed, Problem>>,
    text: Signal<String>,
    chars: Signal<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let problem = move || result.with(|r| problem_text(i18n, r));
    let seeded = move || s.source.get() == Source::Seeded;
    view! {
        <label class="field">
            <span class="field-label">
                {move || i18n.t(if seeded() { Msg::AttnSentence } else { Msg::AttnChars })}
            </span>
            <input
                type="text"
                class="attn-sentence"
                data-testid="attn-tokens"
                spellcheck="false"
                aria-invalid=move || problem().is_some().to_string()
                prop:value=move || if seeded() { text.get() } else { chars.get() }
                on:input=move |ev| {
                    let v = event_target_value(&ev);
                    match s.source.get_untracked() {
                        Source::Seeded => s.text.set(Some(v)),
                        Source::Trained => s.chars.set(Some(v)),
                    }
                }
            />
        </label>
        <p class="field-error" role="alert" data-testid="attn-tokens-error">{problem}</p>
    }
}

/// The seeded layer's heads, head width and seed.
#[component]
fn SeededFields(s: Settings) -> impl IntoView {
    let i18n = use_i18n();
    let numbers = |values: &[usize]| {
        values
            .iter()
            .map(|&v| Choice::number(v))
            .collect::<Vec<_>>()
    };
    let reseed = move |_| {
        let next = s
            .seed
            .with_untracked(|v| v.trim().parse::<u32>().unwrap_or(0))
            .wrapping_add(1);
        s.seed.set(next.to_string());
    };
    view! {
        <Select label=Msg::AttnHeads value=s.heads options=numbers(&HEADS) testid="attn-heads" />
        <Select label=Msg::AttnDk value=s.d_head options=numbers(&D_HEAD) testid="attn-dk" />
        <NumberField label=Msg::AttnSeed value=s.seed testid="attn-seed" whole=true />
        <div class="field">
            <span class="field-label">" "</span>
            <button data-testid="attn-reseed" on:click=reseed>
                {move || i18n.t(Msg::AttnReseed)}
            </button>
        </div>
    }
}

/// The mean entropy of the head shown, beside that of uniform attention.
#[component]
fn EntropyBox(s: Settings, shown: Memo<Option<Computed>>) -> impl IntoView {
    let i18n = use_i18n();
    let n_heads = move || shown.with(|c| c.as_ref().map_or(1, |c| c.walk.heads.len().max(1)));
    let head = move || s.head.get().min(n_heads() - 1);
    let weights = move || {
        shown.with(|c| {
            c.as_ref()
                .and_then(|c| c.walk.heads.get(head()).map(|h| h.weights.clone()))
        })
    };
    let entropy = move || weights().map(|w| mean_entropy(&w));
    let uniform = move || weights().map(|w| uniform_entropy(w.rows, w.cols, s.causal.get()));
    view! {
        <dl class="live-numbers attn-entropy-box">
            <div>
                <dt>{move || i18n.t(Msg::AttnEntropy)}</dt>
                <dd
                    data-testid="attn-entropy"
                    data-value=move || entropy().map(|e| fixed(e, 6)).unwrap_or_default()
                >
                    {move || entropy().map_or("–".into(), |e| format!("{} {}", fixed(e, 3), i18n.t(Msg::AttnNats)))}
                    <span class="muted small">
                        {move || uniform().map(|u| format!(" ({} {})", i18n.t(Msg::AttnUniform), fixed(u, 3)))}
                    </span>
                </dd>
            </div>
        </dl>
    }
}
