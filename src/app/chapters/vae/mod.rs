//! The variational autoencoder chapter: codes become distributions, the KL term keeps them near
//! N(0, I), and new digits can be sampled.

mod figures;
mod formula;

use leptos::prelude::*;

use super::ChapterPage;
use crate::app::lab_store::LabStore;
use crate::app::lab_ui::extras::LabExtras;
use crate::app::lab_ui::form::{checked, ModelFields, ModelFieldsView};
use crate::app::lab_ui::guide::LabGuide;
use crate::app::lab_ui::latent::LatentFigure;
use crate::app::lab_ui::own_images::OwnReconFigure;
use crate::app::lab_ui::share::with_link_refusals;
use crate::app::lab_ui::{
    format_loss, keep_alive_while_shown, send, use_explained, DivergedNotice, LabBar,
};
use crate::app::prose::Intro;
use crate::app::{use_i18n, use_worker};
use crate::i18n::Msg;
use crate::jobs::lab::config::{validate_beta, LabConfig, VaeLabConfig};
use crate::jobs::lab::fields::FieldErrors;
use crate::jobs::lab::LabCommand;
use crate::models::Losses;
use crate::routes::Chapter;
use crate::view::guide_lab::VAE_QUESTIONS;
use figures::{VaeInterpolationFigure, VaeLossFigure, VaeManifoldFigure, VaeSamplesFigure};
use formula::VaeLiveFormula;

#[component]
pub fn Vae() -> impl IntoView {
    let lab = use_worker().vae;
    keep_alive_while_shown(lab);
    view! {
        <ChapterPage chapter=Chapter::Vae>
            <Intro chapter=Chapter::Vae />
            <LabGuide lab=lab testid="try-vae" questions=VAE_QUESTIONS />
            {move || {
                // A run kept in the browser brings its settings after the first draw.
                crate::app::saved_runs::restored_forms(lab.id).track();
                view! { <VaeLab lab=lab /> }
            }}
        </ChapterPage>
    }
}

#[component]
fn VaeLab(lab: LabStore) -> impl IntoView {
    let LabConfig::Vae(start) = lab.config.get_untracked() else {
        return ().into_any();
    };
    let fields = ModelFields::new(
        vec![
            (VaeLabConfig::latent_2d().layers, Msg::VaePreset2d),
            (VaeLabConfig::latent_16d().layers, Msg::VaePreset16d),
        ],
        &start.layers,
        &start.train,
    );
    // β is applied live: the slider keeps the model's configuration in step, so a new β alone
    // is not a pending setting.
    let beta = RwSignal::new(start.beta);
    let parsed = Memo::new(move |_| {
        let mut errors = FieldErrors::new();
        let config = fields
            .parse(&mut errors)
            .map(|(layers, train)| VaeLabConfig {
                layers,
                beta: beta.get(),
                train,
            });
        checked(config, errors, VaeLabConfig::validate)
    });
    let errors = Signal::derive(move || {
        with_link_refusals(parsed.get().err().unwrap_or_default(), lab.link_refused)
    });
    let form = Signal::derive(move || parsed.get().ok().map(LabConfig::Vae));
    let explained = use_explained();

    view! {
        <section class="lab workbench" class:terse=move || !explained.get() data-testid="vae-lab">
            <LabBar lab=lab prefix="vae" form=form />
            <div class="panel lab-controls">
                <ModelFieldsView fields=fields errors=errors prefix="vae" />
                <BetaSlider lab=lab beta=beta />
                <VaeTerms lab=lab />
                <DivergedNotice lab=lab prefix="vae" />
            </div>
            <div class="figures-grid vae-figures">
                <VaeLossFigure lab=lab />
                <LatentFigure
                    lab=lab
                    prefix="vae"
                    latent_id="vae-latent"
                    decoded_id="vae-decoded"
                    title=Msg::VaeLatentTitle
                    axis="μ"
                    extra=Msg::VaeEllipses
                    marker=Signal::derive(move || lab.decoded.with(|d| d.as_ref().map(|(p, _)| *p)))
                />
                <VaeSamplesFigure lab=lab />
                <OwnReconFigure lab=lab prefix="vae" />
                <VaeManifoldFigure lab=lab />
                <VaeInterpolationFigure lab=lab />
            </div>
            <LabExtras lab=lab prefix="vae" mode=fields.train.data />
            <VaeLiveFormula lab=lab />
        </section>
    }
    .into_any()
}

/// β from 0 to 10, sent to the worker as it moves: the effect on KL shows within seconds.
#[component]
fn BetaSlider(lab: LabStore, beta: RwSignal<f32>) -> impl IntoView {
    let i18n = use_i18n();
    let on_input = move |ev| {
        let Ok(b) = event_target_value(&ev).parse::<f32>() else {
            return;
        };
        if validate_beta(b).is_err() {
            return;
        }
        beta.set(b);
        // The model's configuration follows, so a changed β alone is not a pending setting.
        lab.config.update(|c| {
            if let LabConfig::Vae(v) = c {
                v.beta = b;
            }
        });
        send(lab, LabCommand::SetBeta(b));
    };
    view! {
        <label class="field beta-field">
            <span class="field-label">
                {move || i18n.t(Msg::VaeBeta)} " = "
                // The slider speaks its own value; the readout would say it twice.
                <output data-testid="vae-beta-value" aria-live="off">{move || format!("{:.1}", beta.get())}</output>
            </span>
            <input
                type="range"
                min="0"
                max="10"
                step="0.1"
                data-testid="vae-beta"
                // The label's first control is the readout: the slider is named here.
                aria-label=move || i18n.t(Msg::VaeBeta)
                prop:value=move || beta.get().to_string()
                on:input=on_input
            />
            <span class="muted small">{move || i18n.t(Msg::VaeBetaHint)}</span>
        </label>
    }
}

/// The two terms of the current test loss, as numbers.
#[component]
fn VaeTerms(lab: LabStore) -> impl IntoView {
    let i18n = use_i18n();
    let test = move || lab.summary.get().map(|s| s.test);
    let show =
        move |f: fn(Losses) -> f32| move || test().map_or("–".into(), |t| format_loss(f(t)));
    view! {
        <dl class="live-numbers">
            <div>
                <dt>{move || i18n.t(Msg::VaeRecon)}</dt>
                <dd data-testid="vae-recon">{show(|t| t.recon)}</dd>
            </div>
            <div>
                <dt>{move || i18n.t(Msg::VaeKl)}</dt>
                <dd data-testid="vae-kl">{show(|t| t.kl)}</dd>
            </div>
            <div>
                <dt>{move || i18n.t(Msg::VaeTotal)}</dt>
                <dd data-testid="vae-total">{show(|t| t.total)}</dd>
            </div>
        </dl>
    }
}
