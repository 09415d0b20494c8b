//! The latent map of a lab, beside the image decoded at the point the visitor picked: the same
//! figure in the autoencoder and VAE chapters.

use leptos::prelude::*;

use super::send;
use crate::app::charts::{DigitImage, LatentScatter, ScatterData};
use crate::app::lab_store::LabStore;
use crate::app::{use_i18n, I18n};
use crate::i18n::Msg;
use crate::jobs::lab::{LabCommand, LabSummary};
use crate::view::format::{lead_in, matrix_entry, sentences};

/// What the map's axes are: the code itself, or its first two principal components.
fn note_text(i18n: I18n, s: &LabSummary) -> String {
    if s.projected {
        let share = format!("{:.0}%{}", 100.0 * s.explained, i18n.t(Msg::FullStop));
        lead_in(i18n.t(Msg::AeLatentPca), &share)
    } else {
        i18n.t(Msg::AeLatent2d).to_string()
    }
}

/// Ids `latent_id` (the map), `decoded_id` and `{prefix}-latent-note`. `axis` names the code's
/// coordinates when they are drawn as they are ("z" or "μ"); `extra` adds a sentence to the
/// caption; `marker` is the point to ring (the probe, or a drawn digit's code).
#[component]
pub fn LatentFigure(
    lab: LabStore,
    prefix: &'static str,
    latent_id: &'static str,
    decoded_id: &'static str,
    title: Msg,
    axis: &'static str,
    #[prop(optional)] extra: Option<Msg>,
    marker: Signal<Option<[f32; 2]>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let data = Signal::derive(move || {
        let labels = lab
            .setup
            .with(|s| s.as_ref().map(|s| s.test_labels.clone()))?;
        lab.summary.with(|s| {
            s.as_ref().map(|s| ScatterData {
                xy: s.latent.clone(),
                labels: labels.clone(),
                ellipses: s.ellipses.clone(),
                own: s.own_latent.clone(),
            })
        })
    });
    let projected = move || {
        lab.summary
            .with(|s| s.as_ref().is_some_and(|s| s.projected))
    };
    // The note, the chapter's extra sentence and the hint, run together as the language does.
    let words = move || {
        let note = lab
            .summary
            .with(|s| s.as_ref().map(|s| note_text(i18n, s)))
            .unwrap_or_default();
        let extra = extra.map(|m| i18n.t(m)).unwrap_or_default();
        sentences(&[&note, extra, i18n.t(Msg::AeLatentHint)])
    };
    let axis_label = move |i: usize| {
        Signal::derive(move || {
            if projected() {
                format!("PC{}", i + 1)
            } else {
                format!("{axis}{}", i + 1)
            }
        })
    };
    view! {
        <figure class="lab-figure wide latent-figure" aria-label=move || i18n.t(title)>
            <figcaption>
                <strong>{move || i18n.t(title)}</strong>
                " "
                <span data-testid=format!("{prefix}-latent-note")>{words}</span>
            </figcaption>
            <div class="latent-row">
                <LatentScatter
                    data=data
                    marker=marker
                    on_pick=Callback::new(move |p: [f32; 2]| send(lab, LabCommand::Probe(p)))
                    title=Signal::derive(move || i18n.t(title).to_string())
                    x_label=axis_label(0)
                    y_label=axis_label(1)
                    class_label=Signal::derive(move || i18n.t(Msg::LegendDigit).to_string())
                    own_label=Signal::derive(move || i18n.t(Msg::LegendOwn).to_string())
                    testid=latent_id
                    inset=Some(Signal::derive(move || lab.decoded.get()))
                />
                <Decoded lab=lab testid=decoded_id />
            </div>
        </figure>
    }
}

/// The image decoded at the picked point (id `testid`), or what will appear there.
#[component]
fn Decoded(lab: LabStore, testid: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    let decoded = Signal::derive(move || lab.decoded.with(|d| d.as_ref().map(|(_, i)| i.clone())));
    // Named by the point it was decoded from, or by what to do to get one.
    let named = Signal::derive(move || {
        let at = lab.decoded.with(|d| {
            d.as_ref()
                .map(|([x, y], _)| format!("z = ({}, {})", matrix_entry(*x), matrix_entry(*y)))
        });
        let what = at.unwrap_or_else(|| i18n.t(Msg::AeDecodedEmpty).to_string());
        format!(
            "{}{}{what}",
            i18n.t(Msg::AeDecodedTitle),
            i18n.t(Msg::NameSep)
        )
    });
    view! {
        <div class="decoded">
            <span class="figure-label">{move || i18n.t(Msg::AeDecodedTitle)}</span>
            <DigitImage pixels=decoded size_px=140 testid=testid aria_label=named />
            <span class="muted" hidden=move || lab.decoded.with(Option::is_some)>
                {move || i18n.t(Msg::AeDecodedEmpty)}
            </span>
        </div>
    }
}
