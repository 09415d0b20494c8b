//! The variational autoencoder chapter: codes become distributions, the KL term keeps them near
//! N(0, I), and new digits can be sampled.

use leptos::prelude::*;

use super::ChapterPage;
use crate::app::charts::{DigitGrid, LineChart, Series, SERIES};
use crate::app::lab_store::LabStore;
use crate::app::lab_ui::form::{checked, ModelFields, ModelFieldsView};
use crate::app::lab_ui::latent::LatentFigure;
use crate::app::lab_ui::{
    format_loss, keep_alive_while_shown, send, split_images, DivergedNotice, LiveNumbers, RunBar,
};
use crate::app::prose::Intro;
use crate::app::{use_i18n, use_worker};
use crate::i18n::Msg;
use crate::jobs::lab::config::{validate_beta, LabConfig, VaeLabConfig};
use crate::jobs::lab::fields::FieldErrors;
use crate::jobs::lab::LabCommand;
use crate::models::Losses;
use crate::routes::Chapter;

#[component]
pub fn Vae() -> impl IntoView {
    let lab = use_worker().vae;
    keep_alive_while_shown(lab);
    view! {
        <ChapterPage chapter=Chapter::Vae>
            <Intro chapter=Chapter::Vae />
            <VaeLab lab=lab />
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
    let errors = Signal::derive(move || parsed.get().err().unwrap_or_default());
    let form = Signal::derive(move || parsed.get().ok().map(LabConfig::Vae));

    view! {
        <section class="lab" data-testid="vae-lab">
            <div class="panel lab-controls">
                <ModelFieldsView fields=fields errors=errors prefix="vae" />
                <BetaSlider lab=lab beta=beta />
                <RunBar lab=lab prefix="vae" form=form />
                <LiveNumbers lab=lab prefix="vae" />
                <VaeTerms lab=lab />
                <DivergedNotice lab=lab prefix="vae" />
            </div>
            <div class="figures-grid">
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
                <VaeManifoldFigure lab=lab />
                <VaeSamplesFigure lab=lab />
                <VaeInterpolationFigure lab=lab />
            </div>
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
                <output data-testid="vae-beta-value">{move || format!("{:.1}", beta.get())}</output>
            </span>
            <input
                type="range"
                min="0"
                max="10"
                step="0.1"
                data-testid="vae-beta"
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

/// Reconstruction, KL and total, each on its own axes: their scales differ a hundredfold.
#[component]
fn VaeLossFigure(lab: LabStore) -> impl IntoView {
    let i18n = use_i18n();
    let curve = move |pick: fn(&Losses) -> f32, label: Msg, color: (u8, u8, u8)| {
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
                    label: format!("{} · {}", i18n.t(label), i18n.t(Msg::LabTrain)),
                    color: SERIES[1],
                    points: train,
                    dashed: false,
                },
                Series {
                    label: format!("{} · {}", i18n.t(label), i18n.t(Msg::LabTest)),
                    color,
                    points: test,
                    dashed: false,
                },
            ]
        })
    };
    let x = Signal::derive(move || i18n.t(Msg::AxisStep).to_string());
    let y = Signal::derive(move || i18n.t(Msg::AxisLossPerImage).to_string());
    view! {
        <figure class="lab-figure wide">
            <figcaption>
                <strong>{move || i18n.t(Msg::VaeLossTitle)}</strong>
                " "
                {move || i18n.t(Msg::VaeLossCaption)}
            </figcaption>
            <div class="chart-row" data-testid="vae-loss-chart">
                <LineChart series=curve(|l| l.recon, Msg::VaeRecon, SERIES[0]) x_label=x y_label=y log_y=true testid="vae-loss-recon" />
                <LineChart series=curve(|l| l.kl, Msg::VaeKl, SERIES[2]) x_label=x y_label=y testid="vae-loss-kl" />
                <LineChart series=curve(|l| l.total, Msg::VaeTotal, SERIES[3]) x_label=x y_label=y log_y=true testid="vae-loss-total" />
            </div>
        </figure>
    }
}

#[component]
fn VaeManifoldFigure(lab: LabStore) -> impl IntoView {
    let i18n = use_i18n();
    let images = Signal::derive(move || {
        lab.manifold
            .with(|m| m.as_deref().map(split_images))
            .unwrap_or_default()
    });
    view! {
        <figure class="lab-figure">
            <figcaption>
                <strong>{move || i18n.t(Msg::VaeManifoldTitle)}</strong>
                " "
                {move || i18n.t(Msg::VaeManifoldCaption)}
            </figcaption>
            <DigitGrid images=images cols=10 cell_px=28 testid="vae-manifold" />
        </figure>
    }
}

#[component]
fn VaeSamplesFigure(lab: LabStore) -> impl IntoView {
    let i18n = use_i18n();
    let seed = StoredValue::new(0u64);
    let images = Signal::derive(move || {
        lab.samples
            .with(|m| m.as_deref().map(split_images))
            .unwrap_or_default()
    });
    view! {
        <figure class="lab-figure">
            <figcaption>
                <strong>{move || i18n.t(Msg::VaeSamplesTitle)}</strong>
                " "
                {move || i18n.t(Msg::VaeSamplesCaption)}
            </figcaption>
            <DigitGrid images=images cols=8 cell_px=40 testid="vae-samples" />
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
fn VaeInterpolationFigure(lab: LabStore) -> impl IntoView {
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
        <figure class="lab-figure wide">
            <figcaption>
                <strong>{move || i18n.t(Msg::VaeInterpTitle)}</strong>
                " "
                {move || i18n.t(Msg::VaeInterpCaption)}
            </figcaption>
            {picker(from, Msg::VaeFrom, "vae-interp-from")}
            {picker(to, Msg::VaeTo, "vae-interp-to")}
            <DigitGrid images=images cols=10 cell_px=28 testid="vae-interpolate" />
        </figure>
    }
}

/// The ELBO and the KL of a diagonal Gaussian, with the current run's values.
#[component]
fn VaeLiveFormula(lab: LabStore) -> impl IntoView {
    let i18n = use_i18n();
    let math = move || {
        let s = lab.summary.get();
        let (recon, kl, total, beta, step) = s.as_ref().map_or(
            ("–".into(), "–".into(), "–".into(), "–".into(), 0),
            |s| {
                (
                    format_loss(s.test.recon),
                    format_loss(s.test.kl),
                    format_loss(s.test.total),
                    format!("{:.1}", s.beta),
                    s.step,
                )
            },
        );
        format!(
            concat!(
                // The loss term by term, then the same terms as numbers.
                r#"<math display="block"><mi>L</mi><mo>=</mo>"#,
                r#"<mrow><mo>−</mo><msub><mi mathvariant="normal">E</mi><mrow><mi>q</mi><mo>(</mo><mi>z</mi><mo>∣</mo><mi>x</mi><mo>)</mo></mrow></msub></mrow>"#,
                r#"<mo>[</mo><mi>log</mi><mspace width="0.1667em"></mspace><mi>p</mi><mo>(</mo><mi>x</mi><mo>∣</mo><mi>z</mi><mo>)</mo><mo>]</mo>"#,
                r#"<mo>+</mo><mi>β</mi><mo>·</mo><msub><mi>D</mi><mi>KL</mi></msub>"#,
                r#"<mo>=</mo><mn>{recon}</mn><mo>+</mo><mn>{beta}</mn><mo>×</mo><mn>{kl}</mn>"#,
                r#"<mo>=</mo><mn data-testid="vae-formula-value">{total}</mn></math>"#,
                r#"<math display="block"><msub><mi>D</mi><mi>KL</mi></msub><mo>=</mo><mrow><mo>−</mo><mfrac><mn>1</mn><mn>2</mn></mfrac></mrow>"#,
                r#"<munderover><mo>∑</mo><mrow><mi>j</mi><mo>=</mo><mn>1</mn></mrow><mi>d</mi></munderover>"#,
                r#"<mo>(</mo><mn>1</mn><mo>+</mo><mi>log</mi><mspace width="0.1667em"></mspace><msubsup><mi>σ</mi><mi>j</mi><mn>2</mn></msubsup><mo>−</mo><msubsup><mi>μ</mi><mi>j</mi><mn>2</mn></msubsup><mo>−</mo><msubsup><mi>σ</mi><mi>j</mi><mn>2</mn></msubsup><mo>)</mo>"#,
                r#"<mo>=</mo><mn>{kl}</mn><mspace width="1em"></mspace><mtext>({step_label} {step})</mtext></math>"#
            ),
            recon = recon,
            kl = kl,
            total = total,
            beta = beta,
            step = step,
            step_label = i18n.t(Msg::LabAtStep),
        )
    };
    view! {
        <div class="panel live-formula">
            <p>{move || i18n.t(Msg::LabLiveValues)}</p>
            <div class="math" inner_html=math></div>
        </div>
    }
}
