//! The Transformer's attention maps as it trains: any kind, layer and head (or all heads), for
//! a watched example, scrubbable back through the snapshots taken so far.

use leptos::prelude::*;

use crate::app::charts::{Heat, HeatScale, Heatmap};
use crate::app::translate_store::{send_translate as send, TranslateStore};
use crate::app::use_i18n;
use crate::app::widgets::{indexed, Choice, Select};
use crate::i18n::Msg;
use crate::jobs::translate::TranslateCommand;
use crate::models::{AttentionKind, AttentionMaps};
use crate::tasks::Task;
use crate::view::format::{fill, group_thousands};

/// The map of one layer and head of one kind, labelled with the example's characters.
pub fn heat(maps: &AttentionMaps, kind: AttentionKind, layer: usize, head: usize) -> Option<Heat> {
    let stack = maps.stack(kind);
    let values = stack.map(layer, head)?.to_vec();
    let (rows, cols) = match kind {
        AttentionKind::EncoderSelf => (maps.source.clone(), maps.source.clone()),
        AttentionKind::DecoderSelf => (maps.decoder_input.clone(), maps.decoder_input.clone()),
        AttentionKind::Cross => (maps.decoder_input.clone(), maps.source.clone()),
    };
    (rows.len() == stack.queries && cols.len() == stack.keys).then_some(Heat {
        rows,
        cols,
        values,
        signed: false,
    })
}

/// Which heads to show: one, or all.
const ALL_HEADS: usize = usize::MAX;
/// The largest a head of the all-heads grid grows on a wide screen: 28 px cells for a date.
const HEAD_MAX_PX: f64 = 330.0;

/// What the figure shows, chosen by the visitor.
#[derive(Clone, Copy)]
struct Pick {
    kind: RwSignal<AttentionKind>,
    layer: RwSignal<usize>,
    head: RwSignal<usize>,
    /// The snapshot index shown; `None` follows the model as it trains.
    scrub: RwSignal<Option<usize>>,
}

/// The maps shown, with the step they are from.
type Shown = Memo<Option<(u64, AttentionMaps)>>;

#[component]
pub fn TfAttention(tf: TranslateStore) -> impl IntoView {
    let i18n = use_i18n();
    let pick = Pick {
        kind: RwSignal::new(AttentionKind::Cross),
        layer: RwSignal::new(0usize),
        // Every head of the layer at once, as small multiples: how the heads divide the work
        // shows only side by side (one head at a time hid it behind a select).
        head: RwSignal::new(ALL_HEADS),
        scrub: RwSignal::new(None::<usize>),
    };
    let readout = RwSignal::new(String::new());
    let shown: Shown = Memo::new(move |_| -> Option<(u64, AttentionMaps)> {
        match pick.scrub.get() {
            Some(i) => tf.snapshots.with(|s| s.get(i).cloned()),
            None => tf
                .attention
                .with(|a| a.as_ref().map(|(_, step, m)| (*step, m.clone()))),
        }
    });
    let explain = move || {
        i18n.t(match pick.kind.get() {
            AttentionKind::EncoderSelf => Msg::TfAttnEnc,
            AttentionKind::DecoderSelf => Msg::TfAttnDec,
            AttentionKind::Cross => tf.preset.with(|p| match p.task.task {
                Task::Dates(_) => Msg::TfAttnCrossDates,
                Task::Numbers => Msg::TfAttnCrossNumbers,
                Task::Reversal => Msg::TfAttnCrossReversal,
                Task::Pairs(_) => Msg::TfAttnCrossPairs,
            }),
        })
    };
    view! {
        <figure class="lab-figure wide" aria-label=move || i18n.t(Msg::TfAttnTitle)>
            <figcaption>
                <strong>{move || i18n.t(Msg::TfAttnTitle)}</strong>
                " "
                {explain}
                " "
                {move || i18n.t(Msg::TfAttnCaption)}
            </figcaption>
            <div class="attn-pickers">
                <Pickers tf=tf pick=pick shown=shown />
                <Scrub tf=tf pick=pick shown=shown />
            </div>
            <HeadMaps pick=pick shown=shown readout=readout />
            <p class="muted mono" data-testid="tf-attn-hover" aria-live="polite">{move || readout.get()}</p>
        </figure>
    }
}

/// Layers and heads of the kind shown (at least one each).
fn counts(shown: Shown, kind: RwSignal<AttentionKind>) -> (Signal<usize>, Signal<usize>) {
    let layers = Signal::derive(move || {
        shown.with(|s| {
            s.as_ref()
                .map_or(1, |(_, m)| m.stack(kind.get()).layers.max(1))
        })
    });
    let heads = Signal::derive(move || {
        shown.with(|s| {
            s.as_ref()
                .map_or(1, |(_, m)| m.stack(kind.get()).heads.max(1))
        })
    });
    (layers, heads)
}

/// The example watched, the kind of attention, the layer and the head.
#[component]
fn Pickers(tf: TranslateStore, pick: Pick, shown: Shown) -> impl IntoView {
    let (layers, heads) = counts(shown, pick.kind);
    let examples = Signal::derive(move || {
        tf.setup.get().map_or(Vec::new(), |s| {
            s.watched
                .into_iter()
                .enumerate()
                .map(|(i, (src, _))| Choice::text(i as u8, i, src))
                .collect()
        })
    });
    // A new example: the snapshots so far are of the old one.
    let watch = Callback::new(move |i: u8| {
        tf.snapshots.set(Vec::new());
        pick.scrub.set(None);
        send(TranslateCommand::Watch(i));
    });
    let kinds = vec![
        (AttentionKind::EncoderSelf, Msg::TfKindEnc),
        (AttentionKind::DecoderSelf, Msg::TfKindDec),
        (AttentionKind::Cross, Msg::TfKindCross),
    ];
    let numbered = |n: usize| {
        (0..n)
            .map(|i| Choice::text(i, i, (i + 1).to_string()))
            .collect::<Vec<_>>()
    };
    let head_choices = Signal::derive(move || {
        let mut c = numbered(heads.get());
        c.push(Choice::msg(ALL_HEADS, "all", Msg::TfAllHeads));
        c
    });
    view! {
        <div class="fields attn-controls">
            <Select label=Msg::TfExample value=tf.watching options=examples testid="tf-example" on_pick=watch class="wide" />
            <Select label=Msg::TfKind value=pick.kind options=indexed(kinds) testid="tf-attn-kind" class="wide" />
            <Select label=Msg::TfLayer value=pick.layer options=Signal::derive(move || numbered(layers.get())) testid="tf-attn-layer" />
            <Select label=Msg::TfHead value=pick.head options=head_choices testid="tf-attn-head" />
        </div>
    }
}

/// The slider through the snapshots; its far end follows the model live.
#[component]
fn Scrub(tf: TranslateStore, pick: Pick, shown: Shown) -> impl IntoView {
    let i18n = use_i18n();
    let scrub = pick.scrub;
    let scrub_label = move || match (scrub.get(), shown.get()) {
        (None, Some((step, _))) => fill(i18n.t(Msg::TfLive), &[("step", &group_thousands(step))]),
        (_, Some((step, _))) => group_thousands(step),
        _ => "–".into(),
    };
    view! {
        <label class="field scrub-field">
            <span class="field-label">{move || i18n.t(Msg::TfScrub)} {move || i18n.t(Msg::NameSep)} <output data-testid="tf-scrub-step" aria-live="off">{scrub_label}</output></span>
            <input
                type="range"
                min="0"
                data-testid="tf-scrub"
                // An output is a polite live region by default: while training it would speak
                // every snapshot (above, off). The slider is named here, since the label's
                // first control is the readout, and speaks the step, not its index.
                aria-label=move || i18n.t(Msg::TfScrub)
                aria-valuetext=scrub_label
                prop:max=move || tf.snapshots.with(Vec::len).to_string()
                prop:value=move || scrub.get().unwrap_or_else(|| tf.snapshots.with(Vec::len)).to_string()
                on:input=move |ev| {
                    let i: usize = event_target_value(&ev).parse().unwrap_or(0);
                    let n = tf.snapshots.with_untracked(Vec::len);
                    scrub.set((i < n).then_some(i));
                }
            />
        </label>
    }
}

/// One head large, or every head small: the first map shown is `tf-attention`, the others
/// `tf-attention-head-{h}`. The small maps share one cursor, so pointing at a cell of one head
/// outlines the same query and key in every head (linked hover).
#[component]
fn HeadMaps(pick: Pick, shown: Shown, readout: RwSignal<String>) -> impl IntoView {
    let i18n = use_i18n();
    let (layers, heads) = counts(shown, pick.kind);
    let linked = RwSignal::new(None::<(usize, usize)>);
    // The maps fill their columns; one width for all, kept across the maps of each new step.
    let drawn = RwSignal::new(HEAD_MAX_PX);
    let maps_view = move || {
        let (_, maps) = shown.get()?;
        let (k, l) = (pick.kind.get(), pick.layer.get().min(layers.get() - 1));
        let which: Vec<usize> = if pick.head.get() == ALL_HEADS {
            (0..heads.get()).collect()
        } else {
            vec![pick.head.get().min(heads.get() - 1)]
        };
        let single = which.len() == 1;
        Some(
            which
                .into_iter()
                .enumerate()
                .map(|(i, h)| {
                    let heat = heat(&maps, k, l, h);
                    let id = if i == 0 {
                        "tf-attention".to_string()
                    } else {
                        format!("tf-attention-head-{h}")
                    };
                    view! {
                        <div class="heat-cell">
                            <span class="figure-label">{format!("{} {}", i18n.t(Msg::TfHead), h + 1)}</span>
                            <Heatmap
                                heat=Signal::derive(move || heat.clone())
                                testid=id
                                label=format!("{} {}", i18n.t(Msg::TfHead), h + 1)
                                readout=readout
                                width_px=if single { 460.0 } else { HEAD_MAX_PX }
                                linked=(!single).then_some(linked)
                                fill=(!single).then_some(drawn)
                            />
                        </div>
                    }
                })
                .collect_view(),
        )
    };
    let first = Signal::derive(move || {
        let (_, maps) = shown.get()?;
        heat(
            &maps,
            pick.kind.get(),
            pick.layer.get().min(layers.get() - 1),
            0,
        )
    });
    view! {
        <div class="heat-grid" class:heads=move || pick.head.get() == ALL_HEADS>{maps_view}</div>
        <HeatScale heat=first />
    }
}
