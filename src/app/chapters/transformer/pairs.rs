//! The visitor's own sentence pairs on the Transformer page: the data choice, a box to paste
//! into, a file picker that is also a drop target, the shipped example, the status line and a
//! preview. What each does given the state is `view::own_pairs_state`; this is its markup and
//! the browser's file and fetch glue. Nothing leaves the page: a file is read in memory, and
//! the example comes from the site itself.

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::{spawn_local, JsFuture};

use crate::app::translate_store::TranslateStore;
use crate::app::use_i18n;
use crate::app::widgets::{error_text, indexed, picked_file, Select};
use crate::i18n::Msg;
use crate::models::TransformerPreset;
use crate::view::own_pairs_state::{DataSource, PairsPanel, PanelProblem};

/// The shipped example, beside its licence in `assets/pairs/README.md`; relative, so the site
/// works under any path.
const EXAMPLE_URL: &str = "assets/pairs/en-zh-animals.tsv";

/// The choice `tf-data-source` between the built-in tasks and the visitor's pairs; `on_pick`
/// runs after the panel has the new choice.
#[component]
pub fn TfDataSource(tf: TranslateStore, on_pick: Callback<DataSource>) -> impl IntoView {
    let source = RwSignal::new(tf.pairs.with_untracked(|p| p.source));
    let options = vec![
        (DataSource::Builtin, Msg::TfDataBuiltin),
        (DataSource::Pairs, Msg::TfDataPairs),
    ];
    view! {
        <Select
            label=Msg::TfDataSource
            value=source
            options=indexed(options)
            testid="tf-data-source"
            class="wide"
            on_pick=Callback::new(move |s| {
                tf.pairs.update(|p| p.source = s);
                on_pick.run(s);
            })
        />
    }
}

/// The panel of the visitor's pairs; `on_use` gets the preset of pairs that can be trained on.
#[component]
pub fn TfPairsPanel(tf: TranslateStore, on_use: Callback<TransformerPreset>) -> impl IntoView {
    let i18n = use_i18n();
    let panel = tf.pairs;
    let take = move |read: &dyn Fn(&mut PairsPanel) -> Option<TransformerPreset>| {
        if let Some(preset) = panel.try_update(|p| read(p)).flatten() {
            on_use.run(preset);
        }
    };
    let read_file = move |file: web_sys::File| {
        if !panel
            .try_update(|p| p.admit_file(file.size() as u64))
            .unwrap_or(false)
        {
            return;
        }
        spawn_local(async move {
            match JsFuture::from(file.array_buffer()).await {
                Ok(buffer) => {
                    let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
                    take(&move |p| p.read_file(&bytes));
                }
                Err(_) => panel.update(|p| p.failed(PanelProblem::Unreadable)),
            }
        });
    };
    let pick = move |ev: leptos::ev::Event| {
        if let Some(file) = picked_file(&ev) {
            read_file(file);
        }
    };
    let dragging = RwSignal::new(false);
    let drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        let file = ev
            .data_transfer()
            .and_then(|d| d.files())
            .and_then(|list| list.get(0));
        if let Some(file) = file {
            read_file(file);
        }
    };
    let example = move |_| {
        panel.update(|p| p.busy = true);
        spawn_local(async move {
            match fetch_example().await {
                Ok(bytes) => take(&move |p| p.read_file(&bytes)),
                Err(e) => panel.update(|p| p.failed(PanelProblem::Fetch(e))),
            }
        });
    };
    let busy = move || panel.with(|p| p.busy);
    let status = Memo::new(move |_| {
        let t = |m| i18n.t(m);
        panel.with(|p| p.status(t, |e| error_text(t, e)))
    });
    let preview = Memo::new(move |_| panel.with(PairsPanel::preview));
    view! {
        <div class="pairs-panel" data-testid="tf-data-panel">
            <p class="pairs-privacy" data-testid="tf-data-privacy">{move || i18n.t(Msg::TfDataPrivacy)}</p>
            <label class="field pairs-text">
                <span class="field-label">{move || i18n.t(Msg::TfDataText)}</span>
                <textarea
                    rows="5"
                    spellcheck="false"
                    data-testid="tf-data-text"
                    prop:value=move || panel.with(|p| p.text.clone())
                    on:input=move |ev| {
                        let text = event_target_value(&ev);
                        panel.update(|p| p.text = text);
                    }
                ></textarea>
            </label>
            <div class="pairs-buttons">
                <button
                    type="button"
                    data-testid="tf-data-read"
                    disabled=move || !panel.with(PairsPanel::can_read)
                    on:click=move |_| take(&PairsPanel::read_box)
                >
                    {move || i18n.t(Msg::TfDataRead)}
                </button>
                <label
                    class="file-button drop-target"
                    class:dragging=move || dragging.get()
                    class:disabled=busy
                    on:dragover=move |ev: leptos::ev::DragEvent| {
                        ev.prevent_default();
                        dragging.set(true);
                    }
                    on:dragleave=move |_| dragging.set(false)
                    on:drop=drop
                >
                    <input
                        type="file"
                        class="visually-hidden"
                        accept=".tsv,.csv,.txt,text/plain"
                        data-testid="tf-data-upload"
                        disabled=busy
                        on:change=pick
                    />
                    {move || i18n.t(Msg::TfDataUpload)}
                </label>
                <button type="button" data-testid="tf-data-example" disabled=busy on:click=example>
                    {move || i18n.t(Msg::TfDataExample)}
                </button>
            </div>
            <p class="hint">{move || i18n.t(Msg::TfDataExampleHint)}</p>
            <p
                class="pairs-status"
                class:bad=move || status.with(|s| s.1)
                role="status"
                aria-live="polite"
                data-testid="tf-data-status"
            >
                {move || status.with(|s| s.0.clone())}
            </p>
            <div class="pairs-preview" data-testid="tf-data-preview" hidden=move || preview.with(Vec::is_empty)>
                <table>
                    <caption>{move || i18n.t(Msg::TfDataPreview)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{move || i18n.t(Msg::TfDataSourceCol)}</th>
                            <th scope="col">{move || i18n.t(Msg::TfDataTargetCol)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {move || {
                            preview
                                .get()
                                .into_iter()
                                .map(|(s, t)| view! { <tr><td>{s}</td><td>{t}</td></tr> })
                                .collect_view()
                        }}
                    </tbody>
                </table>
            </div>
        </div>
    }
}

/// The example's bytes, from the site itself (the policy's `connect-src 'self'`).
async fn fetch_example() -> Result<Vec<u8>, String> {
    let shown = |e: JsValue| e.as_string().unwrap_or_else(|| format!("{e:?}"));
    let response = JsFuture::from(window().fetch_with_str(EXAMPLE_URL))
        .await
        .map_err(shown)?;
    let response: web_sys::Response = response.dyn_into().map_err(shown)?;
    if !response.ok() {
        return Err(format!("{EXAMPLE_URL}: HTTP {}", response.status()));
    }
    let buffer = JsFuture::from(response.array_buffer().map_err(shown)?)
        .await
        .map_err(shown)?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}
