//! The self-attention chapter: softmax(QKᵀ/√dₖ + M)·V on a sentence the visitor types, one
//! step at a time, each intermediate as numbers and as a heatmap.
//!
//! The arithmetic is the core's (`explain::Walkthrough`, on the `nn` attention layer). It is small
//! enough to run on the page's own thread at every keystroke: no worker round trip.

mod compute;
mod controls;
mod formula;
mod guide;
mod heads;
mod matrix_view;
mod steps;

use leptos::prelude::*;

use super::ChapterPage;
use crate::app::prose::Intro;
use crate::app::translate_store::send_translate;
use crate::app::{use_i18n, use_worker};
use crate::explain::{WalkthroughConfig, MAX_TOKENS};
use crate::i18n::Msg;
use crate::jobs::translate::TranslateCommand;
use crate::routes::Chapter;
use crate::view::attention::shown_after;
use compute::{compute, trained, Computed, Problem};
use controls::Controls;
use guide::AttentionGuide;
use heads::Embeddings;
use steps::Steps;

#[component]
pub fn Attention() -> impl IntoView {
    view! {
        <ChapterPage chapter=Chapter::Attention>
            <Intro chapter=Chapter::Attention />
            <AttentionLab />
        </ChapterPage>
    }
}

/// Where W_Q, W_K, W_V and W_O come from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Source {
    Seeded,
    Trained,
}

const HEADS: [usize; 3] = [1, 2, 4];
const D_HEAD: [usize; 5] = [2, 4, 8, 16, 64];
/// Number tables show this many columns (a whole T × T map); the heatmap beside them shows all.
const TABLE_COLS: usize = 12;
const STEPS: [(Msg, Msg); 7] = [
    (Msg::AttnStep1, Msg::AttnExplain1),
    (Msg::AttnStep2, Msg::AttnExplain2),
    (Msg::AttnStep3, Msg::AttnExplain3),
    (Msg::AttnStep4, Msg::AttnExplain4),
    (Msg::AttnStep5, Msg::AttnExplain5),
    (Msg::AttnStep6, Msg::AttnExplain6),
    (Msg::AttnStep7, Msg::AttnExplain7),
];

/// The lab's settings, shared by its parts.
#[derive(Clone, Copy)]
pub(crate) struct Settings {
    /// `None` until the visitor types: then the sentence follows the language.
    text: RwSignal<Option<String>>,
    heads: RwSignal<usize>,
    d_head: RwSignal<usize>,
    seed: RwSignal<String>,
    causal: RwSignal<bool>,
    scaled: RwSignal<bool>,
    step: RwSignal<usize>,
    head: RwSignal<usize>,
    source: RwSignal<Source>,
    /// The trained model's input, characters; `None` follows the Transformer's first example.
    chars: RwSignal<Option<String>>,
}

#[component]
fn AttentionLab() -> impl IntoView {
    let i18n = use_i18n();
    let s = Settings {
        text: RwSignal::new(None),
        heads: RwSignal::new(2),
        d_head: RwSignal::new(4),
        seed: RwSignal::new("1".into()),
        causal: RwSignal::new(false),
        scaled: RwSignal::new(true),
        step: RwSignal::new(1),
        head: RwSignal::new(0),
        source: RwSignal::new(Source::Seeded),
        chars: RwSignal::new(None),
    };
    let tf = use_worker().tf;
    let chars = Signal::derive(move || {
        s.chars.get().unwrap_or_else(|| {
            tf.setup.with(|setup| {
                setup
                    .as_ref()
                    .and_then(|setup| setup.watched.first())
                    .map(|(src, _)| src.chars().take(MAX_TOKENS).collect())
                    .unwrap_or_default()
            })
        })
    });
    // The trained layer lives in the worker: ask it for this input whenever the input changes.
    Effect::new(move || {
        if s.source.get() == Source::Trained {
            let text = chars.get();
            if (1..=MAX_TOKENS).contains(&text.chars().count()) {
                send_translate(TranslateCommand::Inspect(text));
            }
        }
    });
    let text = Signal::derive(move || {
        s.text
            .get()
            .unwrap_or_else(|| i18n.t(Msg::AttnDefaultSentence).to_string())
    });
    let result = Memo::new(move |_| {
        let config = WalkthroughConfig {
            causal: s.causal.get(),
            scaled: s.scaled.get(),
        };
        match s.source.get() {
            Source::Seeded => s
                .seed
                .with(|seed| compute(&text.get(), s.heads.get(), s.d_head.get(), seed, &config)),
            Source::Trained => tf
                .inspected
                .with(|a| trained(&chars.get(), a.as_ref(), &config)),
        }
    });
    // A refused input clears the figures (its reason shows under the field); one the worker has
    // yet to answer keeps the last ones.
    let shown = Memo::new(move |prev: Option<&Option<Computed>>| {
        let result = result.get();
        let waiting = matches!(result, Err(Problem::Waiting));
        shown_after(prev.cloned().flatten(), result.ok(), waiting)
    });
    view! {
        <section class="lab attn-lab" data-testid="attn-lab">
            <h2>{move || i18n.t(Msg::AttnLabTitle)}</h2>
            <AttentionGuide s=s text=text />
            <Controls s=s shown=shown result=result text=text chars=chars />
            <Embeddings shown=shown source=s.source />
            <Steps s=s shown=shown />
        </section>
    }
}
