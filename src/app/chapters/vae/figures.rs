//! The VAE's figures: its three loss terms, the decoded latent grid, samples from the prior,
//! and the line between two digits' codes.

use leptos::prelude::*;

use crate::app::charts::{DigitGrid, LineChart, Series};
use crate::app::lab_store::LabStore;
use crate::app::lab_ui::{grid_name, send, split_images, GridWords};
use crate::app::use_i18n;
use crate::i18n::Msg;
use crate::jobs::lab::LabCommand;
use crate::models::Losses;
use crate::view::palette::{HELD_OUT, TRAIN};

/// Reconstruction, KL and total, each on its own axes: their scales differ a hundredfold.
#[component]
pub fn VaeLossFigure(lab: LabStore) -> impl IntoView {
    let i18n = use_i18n();
    // Train and held-out in the same colours in all three, as in every other chart.
    let curve = move |pick: fn(&Losses) -> f32| {
        Signal::derive(move || {
            let history = lab.history.get();
            let test = history
                .iter()
                .map(|p| (p.step as f64, pick(&p.test) as f64))
                .collect();
            let train = history
                .iter()
                .filter_map(|p| p.train.map(|t| (p.step as f64, pick(&t) as f64)))
                .collect();
            vec![
                Series {
                    label: i18n.t(Msg::LabTrain).to_string(),
                    color: TRAIN,
                    points: train,
                    dashed: false,
                },
                Series {
                    label: i18n.t(Msg::LabTest).to_string(),
                    color: HELD_OUT,
                    points: test,
                    dashed: false,
                },
            ]
        })
    };
    let x = Signal::derive(move || i18n.t(Msg::AxisStep).to_string());
    let y = Signal::derive(move || i18n.t(Msg::AxisLossPerImage).to_string());
    let term = move |m: Msg| Signal::derive(move || i18n.t(m).to_string());
    view! {
        <figure class="lab-figure wide" aria-label=move || i18n.t(Msg::VaeLossTitle)>
            <figcaption>
                <strong>{move || i18n.t(Msg::VaeLossTitle)}</strong>
                " "
                {move || i18n.t(Msg::VaeLossCaption)}
            </figcaption>
            <div class="chart-row" data-testid="vae-loss-chart">
                <LineChart series=curve(|l| l.recon) title=term(Msg::VaeRecon) x_label=x y_label=y log_y=true testid="vae-loss-recon" />
                <LineChart series=curve(|l| l.kl) title=term(Msg::VaeKl) x_label=x y_label=y testid="vae-loss-kl" />
                <LineChart series=curve(|l| l.total) title=term(Msg::VaeTotal) x_label=x y_label=y log_y=true testid="vae-loss-total" />
            </div>
        </figure>
    }
}

#[component]
pub fn VaeManifoldFigure(lab: LabStore) -> impl IntoView {
    let i18n = use_i18n();
    let images = Signal::derive(move || {
        lab.manifold
            .with(|m| m.as_deref().map(split_images))
            .unwrap_or_default()
    });
    view! {
        <figure class="lab-figure" aria-label=move || i18n.t(Msg::VaeManifoldTitle)>
            <figcaption>
                <strong>{move || i18n.t(Msg::VaeManifoldTitle)}</strong>
                " "
                {move || i18n.t(Msg::VaeManifoldCaption)}
            </figcaption>
            <DigitGrid
                images=images
                cols=10
                cell_px=28
                testid="vae-manifold"
                aria_label=grid_name(lab, Msg::VaeManifoldTitle, || GridWords::Manifold, move || images.with(Vec::len))
            />
        </figure>
    }
}

#[component]
pub fn VaeSamplesFigure(lab: LabStore) -> impl IntoView {
    let i18n = use_i18n();
    let seed = StoredValue::new(0u64);
    let images = Signal::derive(move || {
        lab.samples
            .with(|m| m.as_deref().map(split_images))
            .unwrap_or_default()
    });
    view! {
        <figure class="lab-figure" aria-label=move || i18n.t(Msg::VaeSamplesTitle)>
            <figcaption>
                <strong>{move || i18n.t(Msg::VaeSamplesTitle)}</strong>
                " "
                {move || i18n.t(Msg::VaeSamplesCaption)}
            </figcaption>
            <DigitGrid
                images=images
                cols=4
                cell_px=112
                testid="vae-samples"
                aria_label=grid_name(lab, Msg::VaeSamplesTitle, || GridWords::Samples, move || images.with(Vec::len))
            />
            <div class="controls">
                <button
                    type="button"
                    data-testid="vae-resample"
                    disabled=move || lab.setup.with(Option::is_none)
                    on:click=move |_| {
                        seed.update_value(|s| *s += 1);
                        send(lab, LabCommand::Resample(seed.get_value()));
                    }
                >
                    {move || i18n.t(Msg::VaeResample)}
                </button>
            </div>
        </figure>
    }
}

/// Pick two gallery digits; their codes' line, decoded.
#[component]
pub fn VaeInterpolationFigure(lab: LabStore) -> impl IntoView {
    let i18n = use_i18n();
    // Start with a 1 and a 7, which look alike at one end and differ at the other.
    let from = RwSignal::new(1u8);
    let to = RwSignal::new(7u8);
    let gallery = Signal::derive(move || {
        lab.setup
            .with(|s| s.as_ref().map(|s| split_images(&s.gallery)))
            .unwrap_or_default()
    });
    let ask = move || {
        send(
            lab,
            LabCommand::Interpolate(from.get_untracked(), to.get_untracked()),
        )
    };
    // Ask once the model exists (and again after a reset).
    Effect::new(move || {
        if lab.setup.with(Option::is_some) {
            ask();
        }
    });
    let images = Signal::derive(move || {
        lab.interpolation
            .with(|m| m.as_deref().map(split_images))
            .unwrap_or_default()
    });
    let picker = move |which: RwSignal<u8>, label: Msg, testid: &'static str| {
        view! {
            <div class="gallery-pick">
                <span class="figure-label">{move || i18n.t(label)}</span>
                <DigitGrid
                    images=gallery
                    cols=10
                    cell_px=28
                    testid=testid
                    aria_label=Signal::derive(move || i18n.t(label).to_string())
                    on_cell=Callback::new(move |i: usize| {
                        which.set(i as u8);
                        ask();
                    })
                    selected=Signal::derive(move || vec![usize::from(which.get())])
                />
            </div>
        }
    };
    view! {
        <figure class="lab-figure wide" aria-label=move || i18n.t(Msg::VaeInterpTitle)>
            <figcaption>
                <strong>{move || i18n.t(Msg::VaeInterpTitle)}</strong>
                " "
                {move || i18n.t(Msg::VaeInterpCaption)}
            </figcaption>
            {picker(from, Msg::VaeFrom, "vae-interp-from")}
            {picker(to, Msg::VaeTo, "vae-interp-to")}
            <DigitGrid
                images=images
                cols=10
                cell_px=28
                testid="vae-interpolate"
                aria_label=grid_name(
                    lab,
                    Msg::VaeInterpTitle,
                    move || GridWords::Interpolation { from: from.get(), to: to.get() },
                    move || images.with(Vec::len),
                )
            />
        </figure>
    }
}
