//! The input embeddings X, and step 7: every head's pattern side by side and the layer's output.

use leptos::prelude::*;

use super::compute::{heat_of, numbered, Computed};
use super::matrix_view::MatrixView;
use super::Source;
use crate::app::charts::{HeatScale, Heatmap};
use crate::app::use_i18n;
use crate::explain::Matrix;
use crate::i18n::Msg;

#[component]
pub fn Embeddings(shown: Memo<Option<Computed>>, source: RwSignal<Source>) -> impl IntoView {
    let i18n = use_i18n();
    let heat = Signal::derive(move || {
        shown.with(|c| {
            c.as_ref()
                .map(|c| heat_of(&c.x, &c.walk.tokens, numbered(c.x.cols), true))
        })
    });
    view! {
        <figure class="lab-figure wide" aria-label=move || i18n.t(Msg::AttnEmbedTitle)>
            <figcaption>
                <strong>{move || i18n.t(Msg::AttnEmbedTitle)}</strong>
                " "
                {move || {
                    i18n.t(if source.get() == Source::Seeded { Msg::AttnEmbedCaption } else { Msg::AttnEmbedTrained })
                }}
            </figcaption>
            <MatrixView title=Signal::derive(|| "X".to_string()) heat=heat testid="attn-x" />
        </figure>
    }
}

/// Step 7: every head's pattern, the heads side by side, and the layer's output.
#[component]
pub fn HeadsView(shown: Memo<Option<Computed>>) -> impl IntoView {
    let i18n = use_i18n();
    let count = move || shown.with(|c| c.as_ref().map_or(0, |c| c.walk.heads.len()));
    let maps = move || {
        (0..count())
            .map(|h| {
                let heat = Signal::derive(move || {
                    shown.with(|c| {
                        let c = c.as_ref()?;
                        let m = &c.walk.heads.get(h)?.weights;
                        Some(heat_of(m, &c.walk.tokens, c.walk.tokens.clone(), false))
                    })
                });
                view! {
                    <div class="heat-cell">
                        <span class="figure-label">{move || format!("{} {}", i18n.t(Msg::AttnWeightsOf), h + 1)}</span>
                        <Heatmap
                            heat=heat
                            testid=format!("attn-weights-head-{h}")
                            label=Signal::derive(move || format!("{} {}", i18n.t(Msg::AttnWeightsOf), h + 1))
                            width_px=220.0
                        />
                    </div>
                }
            })
            .collect_view()
    };
    let whole = move |pick: fn(&Computed) -> &Matrix| {
        Signal::derive(move || {
            shown.with(|c| {
                c.as_ref()
                    .map(|c| heat_of(pick(c), &c.walk.tokens, numbered(pick(c).cols), true))
            })
        })
    };
    // One scale for the heads: each is a softmax, so every map runs from 0 to 1.
    let first = Signal::derive(move || {
        shown.with(|c| {
            let c = c.as_ref()?;
            let m = &c.walk.heads.first()?.weights;
            Some(heat_of(m, &c.walk.tokens, c.walk.tokens.clone(), false))
        })
    });
    view! {
        <div class="heat-grid">{maps}</div>
        <HeatScale heat=first />
        <MatrixView title=Signal::derive(move || i18n.t(Msg::AttnConcat).to_string()) heat=whole(|c| &c.walk.concat) testid="attn-concat" />
        <MatrixView title=Signal::derive(move || i18n.t(Msg::AttnOutput).to_string()) heat=whole(|c| &c.walk.output) testid="attn-output" />
    }
}
