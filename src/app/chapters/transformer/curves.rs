//! The Transformer's learning curves: loss, and token and exact-match accuracy on held-out data.

use leptos::prelude::*;

use crate::app::charts::{LineChart, Series, SERIES};
use crate::app::lab_ui::train_test_series;
use crate::app::translate_store::TranslateStore;
use crate::app::use_i18n;
use crate::i18n::Msg;

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
        <figure class="lab-figure">
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
        <figure class="lab-figure">
            <figcaption>
                <strong>{move || i18n.t(Msg::TfAccTitle)}</strong>
                " "
                {move || i18n.t(Msg::TfAccCaption)}
            </figcaption>
            <LineChart series=accuracy x_label=x y_label=Signal::derive(|| "%".to_string()) testid="tf-acc-chart" />
        </figure>
    }
}
