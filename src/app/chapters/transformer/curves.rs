//! The Transformer's learning curves: loss, and token and exact-match accuracy on held-out data.

use leptos::prelude::*;

use crate::app::charts::{LineChart, Series, SERIES};
use crate::app::lab_ui::train_test_series;
use crate::app::translate_store::TranslateStore;
use crate::app::use_i18n;
use crate::i18n::Msg;
use crate::view::format::format_loss;

#[component]
pub fn TfCurves(tf: TranslateStore) -> impl IntoView {
    let i18n = use_i18n();
    let loss = Signal::derive(move || {
        let h = tf.history.get();
        let train = h
            .iter()
            .filter_map(|p| p.train_loss.map(|l| (p.step as f64, f64::from(l))))
            .collect();
        let test = h
            .iter()
            .filter_map(|p| p.test.map(|e| (p.step as f64, f64::from(e.loss))))
            .collect();
        train_test_series(
            i18n.t(Msg::LabTrain).into(),
            train,
            i18n.t(Msg::LabTest).into(),
            test,
        )
    });
    let accuracy = Signal::derive(move || {
        let h = tf.history.get();
        let pick = |f: fn(&crate::models::Evaluation) -> f32| {
            h.iter()
                .filter_map(|p| p.test.map(|e| (p.step as f64, 100.0 * f64::from(f(&e)))))
                .collect()
        };
        vec![
            Series {
                label: i18n.t(Msg::TfTokenAcc).into(),
                color: SERIES[2],
                points: pick(|e| e.token_accuracy),
                dashed: false,
            },
            Series {
                label: i18n.t(Msg::TfExact).into(),
                color: SERIES[0],
                points: pick(|e| e.exact_match),
                dashed: false,
            },
        ]
    });
    let x = Signal::derive(move || i18n.t(Msg::AxisStep).to_string());
    view! {
        <figure class="lab-figure" aria-label=move || i18n.t(Msg::TfLossTitle)>
            <figcaption>
                <strong>{move || i18n.t(Msg::TfLossTitle)}</strong>
                " "
                {move || i18n.t(Msg::TfLossCaption)}
            </figcaption>
            <LineChart
                series=loss
                x_label=x
                y_label=Signal::derive(move || i18n.t(Msg::AxisLoss).to_string())
                log_y=true
                testid="tf-loss-chart"
            />
        </figure>
        <figure class="lab-figure" aria-label=move || i18n.t(Msg::TfAccTitle)>
            <figcaption>
                <strong>{move || i18n.t(Msg::TfAccTitle)}</strong>
                " "
                {move || i18n.t(Msg::TfAccCaption)}
            </figcaption>
            <LineChart series=accuracy x_label=x y_label=Signal::derive(|| "%".to_string()) testid="tf-acc-chart" />
        </figure>
    }
}

/// The loss the chart plots, as a formula carrying the visitor's latest held-out value.
#[component]
pub fn TfLossFormula(tf: TranslateStore) -> impl IntoView {
    let i18n = use_i18n();
    // The chart's last held-out point, read from the same history it draws.
    let last = move || {
        tf.history.with(|h| {
            h.iter()
                .rev()
                .find_map(|p| p.test.map(|e| (p.step, e.loss)))
        })
    };
    let math = move || {
        let (value, step) = last().map_or(("–".to_string(), 0), |(s, l)| (format_loss(l), s));
        live_math(&value, i18n.t(Msg::LabAtStep), step)
    };
    view! {
        <div
            class="panel live-formula"
            data-testid="tf-formula"
            data-test-loss=move || last().map(|(_, l)| l.to_string())
        >
            <p class="muted">{move || i18n.t(Msg::TfFormulaIntro)}</p>
            <div tabindex="0" class="math" inner_html=math></div>
        </div>
    }
}

/// MathML of the teacher-forced loss with its value; the value is a formatted number and the
/// label our own catalog's, never visitor text.
fn live_math(value: &str, step_label: &str, step: u64) -> String {
    let body = concat!(
        "<mrow><mo>−</mo><mfrac><mn>1</mn><mi>N</mi></mfrac></mrow>",
        "<munderover><mo>∑</mo><mrow><mi>t</mi><mo>=</mo><mn>1</mn></mrow><mi>N</mi></munderover>",
        "<mi>ln</mi><msub><mi>p</mi><mi>θ</mi></msub>",
        "<mo>(</mo><msub><mi>y</mi><mi>t</mi></msub><mo>|</mo>",
        "<msub><mi>y</mi><mrow><mo>&lt;</mo><mi>t</mi></mrow></msub><mo>,</mo><mi>x</mi><mo>)</mo>"
    );
    format!(
        r#"<math display="block"><mi>L</mi><mo>=</mo>{body}<mo>=</mo><mn data-testid="tf-formula-value">{value}</mn><mspace width="1em"></mspace><mtext>({step_label} {step})</mtext></math>"#
    )
}
