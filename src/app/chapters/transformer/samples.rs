//! Fixed held-out examples with the model's current output beside the target.

use leptos::prelude::*;

use crate::app::translate_store::TranslateStore;
use crate::app::use_i18n;
use crate::app::widgets::FigureTable;
use crate::i18n::Msg;

#[component]
pub fn TfSamples(tf: TranslateStore) -> impl IntoView {
    let i18n = use_i18n();
    let rows = move || {
        let samples = tf.setup.with(|s| s.as_ref().map(|s| s.samples.clone()))?;
        let outputs = tf.summary.with(|s| s.as_ref().map(|s| s.outputs.clone()))?;
        Some(
            samples
                .into_iter()
                .enumerate()
                .map(|(i, (source, target))| {
                    let output = outputs.get(i).cloned().unwrap_or_default();
                    let right = output == target;
                    view! {
                        <tr class:right=right>
                            <td class="mono">{source}</td>
                            <td class="mono">{target}</td>
                            <td class="mono">{output} {if right { " ✓" } else { " ✗" }}</td>
                        </tr>
                    }
                })
                .collect_view(),
        )
    };
    view! {
        <figure class="lab-figure wide tf-samples-figure" aria-label=move || i18n.t(Msg::TfSamplesTitle)>
            <figcaption>
                <strong>{move || i18n.t(Msg::TfSamplesTitle)}</strong>
            </figcaption>
            <FigureTable caption=move || i18n.t(Msg::TfSamplesTitle).to_string() testid="tf-samples">
                <thead>
                    <tr>
                        <th scope="col">{move || i18n.t(Msg::TfSource)}</th>
                        <th scope="col">{move || i18n.t(Msg::TfTarget)}</th>
                        <th scope="col">{move || i18n.t(Msg::TfOutput)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </FigureTable>
        </figure>
    }
}
