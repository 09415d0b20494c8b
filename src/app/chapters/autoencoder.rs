//! The autoencoder chapter: compress a digit into a few numbers and rebuild it, live.

use leptos::prelude::*;

use super::ChapterPage;
use crate::app::charts::{DigitGrid, DigitImage, DrawPad, LineChart};
use crate::app::lab_store::LabStore;
use crate::app::lab_ui::extras::LabExtras;
use crate::app::lab_ui::form::{checked, ModelFields, ModelFieldsView};
use crate::app::lab_ui::guide::LabGuide;
use crate::app::lab_ui::latent::LatentFigure;
use crate::app::lab_ui::own_images::own_recon_rows;
use crate::app::lab_ui::share::with_link_refusals;
use crate::app::lab_ui::{
    format_loss, grid_name, keep_alive_while_shown, send, split_images, train_test_series,
    use_explained, DivergedNotice, GridWords, LabBar,
};
use crate::app::prose::Intro;
use crate::app::widgets::{indexed, Select};
use crate::app::{use_i18n, use_worker};
use crate::data::mnist::PIXELS;
use crate::data::mnistify;
use crate::i18n::Msg;
use crate::jobs::lab::config::{AeLabConfig, LabConfig};
use crate::jobs::lab::fields::FieldErrors;
use crate::jobs::lab::LabCommand;
use crate::models::ReconLoss;
use crate::routes::Chapter;
use crate::view::guide_lab::AE_QUESTIONS;

#[component]
pub fn Autoencoder() -> impl IntoView {
    let lab = use_worker().ae;
    keep_alive_while_shown(lab);
    view! {
        <ChapterPage chapter=Chapter::Autoencoder>
            <Intro chapter=Chapter::Autoencoder />
            <LabGuide lab=lab testid="try-autoencoder" questions=AE_QUESTIONS />
            {move || {
                // A run kept in the browser brings its settings after the first draw.
                crate::app::saved_runs::restored_forms(lab.id).track();
                view! { <AeLab lab=lab /> }
            }}
        </ChapterPage>
    }
}

#[component]
fn AeLab(lab: LabStore) -> impl IntoView {
    let LabConfig::Ae(start) = lab.config.get_untracked() else {
        return ().into_any();
    };
    let fields = ModelFields::new(
        vec![
            (AeLabConfig::seed().layers, Msg::LabPresetSeed),
            (AeLabConfig::latent_2d().layers, Msg::LabPreset2d),
        ],
        &start.layers,
        &start.train,
    );
    let loss = RwSignal::new(start.loss);
    // The form as a configuration, or the reasons it is refused.
    let parsed = Memo::new(move |_| {
        let mut errors = FieldErrors::new();
        let config = fields
            .parse(&mut errors)
            .map(|(layers, train)| AeLabConfig {
                layers,
                loss: loss.get(),
                train,
            });
        checked(config, errors, AeLabConfig::validate)
    });
    let errors = Signal::derive(move || {
        with_link_refusals(parsed.get().err().unwrap_or_default(), lab.link_refused)
    });
    let form = Signal::derive(move || parsed.get().ok().map(LabConfig::Ae));
    let explained = use_explained();

    view! {
        <section class="lab workbench ae-workbench" class:terse=move || !explained.get() data-testid="ae-lab">
            <LabBar lab=lab prefix="ae" form=form />
            <div class="panel lab-controls">
                <ModelFieldsView fields=fields errors=errors prefix="ae">
                    <Select
                        label=Msg::LabLoss
                        value=loss
                        options=indexed(vec![(ReconLoss::Mse, Msg::LabLossMse), (ReconLoss::Bce, Msg::LabLossBce)])
                        testid="ae-loss"
                        class="wide"
                    />
                </ModelFieldsView>
                <DivergedNotice lab=lab prefix="ae" />
            </div>
            <div class="figures-grid ae-figures">
                <AeLossFigure lab=lab />
                <LatentFigure
                    lab=lab
                    prefix="ae"
                    latent_id="ae-latent"
                    decoded_id="ae-decoded"
                    title=Msg::AeLatentTitle
                    axis="z"
                    marker=Signal::derive(move || {
                        lab.drawn
                            .with(|d| d.as_ref().map(|(p, _)| *p))
                            .or_else(|| lab.decoded.with(|d| d.as_ref().map(|(p, _)| *p)))
                    })
                />
                <AeReconFigure lab=lab />
                <AeDrawFigure lab=lab />
            </div>
            <LabExtras lab=lab prefix="ae" mode=fields.train.data />
            <LiveFormula lab=lab />
        </section>
    }
    .into_any()
}

/// Train and test curves, from the summaries the store kept.
#[component]
fn AeLossFigure(lab: LabStore) -> impl IntoView {
    let i18n = use_i18n();
    let series = Signal::derive(move || {
        let history = lab.history.get();
        let train = history
            .iter()
            .filter_map(|p| p.train.map(|t| (p.step as f64, t.total as f64)))
            .collect();
        let test = history
            .iter()
            .map(|p| (p.step as f64, p.test.total as f64))
            .collect();
        train_test_series(
            i18n.t(Msg::LabTrain).into(),
            train,
            i18n.t(Msg::LabTest).into(),
            test,
        )
    });
    view! {
        <figure class="lab-figure wide fig-loss" aria-label=move || i18n.t(Msg::AeLossTitle)>
            <figcaption>
                <strong>{move || i18n.t(Msg::AeLossTitle)}</strong>
                " "
                {move || i18n.t(Msg::AeLossCaption)}
            </figcaption>
            <LineChart
                series=series
                x_label=Signal::derive(move || i18n.t(Msg::AxisStep).to_string())
                y_label=Signal::derive(move || i18n.t(Msg::AxisLoss).to_string())
                log_y=true
                testid="ae-loss-chart"
            />
        </figure>
    }
}

#[component]
fn AeReconFigure(lab: LabStore) -> impl IntoView {
    let i18n = use_i18n();
    let images = Signal::derive(move || {
        let mut images = lab
            .setup
            .with(|s| s.as_ref().map(|s| split_images(&s.shown)))
            .unwrap_or_default();
        let recon = lab
            .summary
            .with(|s| s.as_ref().map(|s| split_images(&s.recon)))
            .unwrap_or_default();
        if recon.len() == images.len() {
            images.extend(recon);
        }
        // The visitor's pictures, when the model trains on them: two rows more.
        images.extend(own_recon_rows(lab));
        images
    });
    let labels = Signal::derive(move || {
        vec![
            i18n.t(Msg::AeOriginal).to_string(),
            i18n.t(Msg::AeRebuilt).to_string(),
            i18n.t(Msg::OwnRowYours).to_string(),
            i18n.t(Msg::AeRebuilt).to_string(),
        ]
    });
    view! {
        <figure class="lab-figure fig-recon" aria-label=move || i18n.t(Msg::AeReconTitle)>
            <figcaption>
                <strong>{move || i18n.t(Msg::AeReconTitle)}</strong>
                " "
                {move || i18n.t(Msg::AeReconCaption)}
            </figcaption>
            <DigitGrid
                images=images
                cols=8
                testid="ae-recon-grid"
                row_labels=labels
                aria_label=grid_name(lab, Msg::AeReconTitle, || GridWords::Recon, move || {
                    lab.summary.with(|s| s.as_ref().map_or(0, |s| s.recon.len() / PIXELS))
                })
            />
        </figure>
    }
}

#[component]
fn AeDrawFigure(lab: LabStore) -> impl IntoView {
    let i18n = use_i18n();
    let on_ink =
        Callback::new(
            move |(ink, w, h): (Vec<f32>, usize, usize)| match mnistify(&ink, w, h) {
                Ok(Some(digit)) => send(lab, LabCommand::Draw(Some(digit))),
                _ => {
                    lab.drawn.set(None);
                    send(lab, LabCommand::Draw(None));
                }
            },
        );
    let recon = Signal::derive(move || lab.drawn.with(|d| d.as_ref().map(|(_, i)| i.clone())));
    view! {
        <figure class="lab-figure fig-draw" aria-label=move || i18n.t(Msg::AeDrawTitle)>
            <figcaption>
                <strong>{move || i18n.t(Msg::AeDrawTitle)}</strong>
                " "
                {move || i18n.t(Msg::AeDrawCaption)}
            </figcaption>
            <div class="draw-row">
                <DrawPad
                    on_ink=on_ink
                    testid="ae-draw"
                    clear_testid="ae-draw-clear"
                    clear_label=Signal::derive(move || i18n.t(Msg::Clear).to_string())
                    aria_label=Signal::derive(move || i18n.t(Msg::DrawPadLabel).to_string())
                />
                <div class="decoded">
                    <span class="figure-label">{move || i18n.t(Msg::AeDrawRecon)}</span>
                    <DigitImage
                        pixels=recon
                        size_px=140
                        testid="ae-draw-recon"
                        aria_label=Signal::derive(move || {
                            let what = if lab.drawn.with(Option::is_some) { Msg::AeDrawRebuilt } else { Msg::AeDrawEmpty };
                            format!("{}{}{}", i18n.t(Msg::AeDrawRecon), i18n.t(Msg::NameSep), i18n.t(what))
                        })
                    />
                    <span class="muted" hidden=move || lab.drawn.with(Option::is_some)>
                        {move || i18n.t(Msg::AeDrawEmpty)}
                    </span>
                </div>
            </div>
        </figure>
    }
}

/// The loss formula of the current run with its current value.
#[component]
fn LiveFormula(lab: LabStore) -> impl IntoView {
    let i18n = use_i18n();
    let math = move || {
        let LabConfig::Ae(config) = lab.config.get() else {
            return String::new();
        };
        let summary = lab.summary.get();
        let value = summary
            .as_ref()
            .map_or("–".into(), |s| format_loss(s.test.total));
        let step = summary.as_ref().map_or(0, |s| s.step);
        live_math(config.loss, &value, i18n.t(Msg::LabAtStep), step)
    };
    view! {
        <div class="panel live-formula">
            <p>{move || i18n.t(Msg::LabLiveValues)}</p>
            <div tabindex="0" class="math" inner_html=math></div>
        </div>
    }
}

/// MathML of the loss with its value; the value is a formatted number, never visitor text.
fn live_math(loss: ReconLoss, value: &str, step_label: &str, step: u64) -> String {
    let body = match loss {
        ReconLoss::Mse => concat!(
            "<mfrac><mn>1</mn><mi>D</mi></mfrac>",
            "<munderover><mo>∑</mo><mrow><mi>j</mi><mo>=</mo><mn>1</mn></mrow><mi>D</mi></munderover>",
            "<msup><mrow><mo>(</mo><msub><mi>x</mi><mi>j</mi></msub><mo>−</mo>",
            r#"<msub><mover accent="true"><mi>x</mi><mo>^</mo></mover><mi>j</mi></msub>"#,
            "<mo>)</mo></mrow><mn>2</mn></msup>"
        ),
        ReconLoss::Bce => concat!(
            "<mrow><mo>−</mo><mfrac><mn>1</mn><mi>D</mi></mfrac></mrow>",
            "<munderover><mo>∑</mo><mrow><mi>j</mi><mo>=</mo><mn>1</mn></mrow><mi>D</mi></munderover>",
            "<mo>[</mo><msub><mi>x</mi><mi>j</mi></msub><mi>log</mi>",
            r#"<msub><mover accent="true"><mi>x</mi><mo>^</mo></mover><mi>j</mi></msub>"#,
            "<mo>+</mo><mo>(</mo><mn>1</mn><mo>−</mo><msub><mi>x</mi><mi>j</mi></msub><mo>)</mo>",
            "<mi>log</mi><mo>(</mo><mn>1</mn><mo>−</mo>",
            r#"<msub><mover accent="true"><mi>x</mi><mo>^</mo></mover><mi>j</mi></msub>"#,
            "<mo>)</mo><mo>]</mo>"
        ),
    };
    format!(
        r#"<math display="block"><mi>L</mi><mo>=</mo>{body}<mo>=</mo><mn data-testid="ae-formula-value">{value}</mn><mspace width="1em"></mspace><mtext>(D = 784, {step_label} {step})</mtext></math>"#
    )
}
