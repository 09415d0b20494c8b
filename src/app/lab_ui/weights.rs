//! A lab's weights as files: "Export to PyTorch" downloads a `.safetensors` file and shows the
//! generated PyTorch script that loads it; "Import weights" loads such a file back, made here or
//! by PyTorch for the same model. The worker does the work (`export`); the words come from
//! `view::weights_state`. This is the page's part: the buttons, the downloads, the file.

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::{spawn_local, JsFuture};

use super::send;
use crate::app::lab_store::LabStore;
use crate::app::use_i18n;
use crate::app::widgets::{copy_text, picked_file, Copied};
use crate::i18n::Msg;
use crate::jobs::lab::LabCommand;
use crate::view::format::fill;
use crate::view::weights_state::WeightsState;

/// Offers `bytes` as a download named `name`, through an object URL that is released at once
/// (the download holds its own reference by then). Nothing leaves the page: a `blob:` URL is
/// the page's own memory.
fn download(bytes: &[u8], name: &str, mime: &str) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let a: web_sys::HtmlAnchorElement = document().create_element("a")?.unchecked_into();
    a.set_href(&url);
    a.set_download(name);
    a.click();
    web_sys::Url::revoke_object_url(&url)
}

fn download_weights(files: RwSignal<WeightsState>) {
    files.with_untracked(|f| {
        if let Some(f) = &f.exported {
            let name = format!("{}.safetensors", f.stem);
            let _ = download(&f.weights, &name, "application/octet-stream");
        }
    });
}

fn download_script(files: RwSignal<WeightsState>) {
    files.with_untracked(|f| {
        if let Some(f) = &f.exported {
            let _ = download(
                f.script.as_bytes(),
                &format!("{}.py", f.stem),
                "text/x-python",
            );
        }
    });
}

/// [`WeightsFiles`] for the autoencoder or VAE lab.
#[component]
pub fn LabWeightsFiles(lab: LabStore, prefix: &'static str) -> impl IntoView {
    view! {
        <WeightsFiles
            prefix=prefix
            files=lab.files
            ready=Signal::derive(move || lab.status.get().has_model())
            on_export=Callback::new(move |()| send(lab, LabCommand::Export))
            on_import=Callback::new(move |bytes| send(lab, LabCommand::Import(bytes)))
        />
    }
}

/// The export and import controls of a lab, with ids `{prefix}-export`, `{prefix}-import` (the
/// file input), `{prefix}-import-status`, and once exported `{prefix}-export-code` (the
/// script), `{prefix}-export-code-copy`, `{prefix}-export-code-download` and
/// `{prefix}-export-weights-download`.
#[component]
pub fn WeightsFiles(
    prefix: &'static str,
    files: RwSignal<WeightsState>,
    /// There is a model to export or to import into.
    ready: Signal<bool>,
    on_export: Callback<()>,
    on_import: Callback<Vec<u8>>,
) -> impl IntoView {
    let i18n = use_i18n();
    // The weights download as their export arrives, unless it arrived before this chapter was
    // shown (a visit does not download again what an earlier one asked for).
    let seen = StoredValue::new(files.with_untracked(|f| f.exports));
    Effect::new(move |_| {
        let exports = files.with(|f| f.exports);
        if exports > seen.get_value() {
            seen.set_value(exports);
            download_weights(files);
        }
    });
    let copied = RwSignal::new(Copied::Not);
    let copy_code = move |_| {
        if let Some(script) =
            files.with_untracked(|f| f.exported.as_ref().map(|f| f.script.clone()))
        {
            copy_text(script, copied);
        }
    };
    let pick = move |ev: leptos::ev::Event| {
        let Some(file) = picked_file(&ev) else {
            return;
        };
        if !files
            .try_update(|f| f.choose(file.name(), file.size() as u64))
            .unwrap_or(false)
        {
            return;
        }
        spawn_local(async move {
            match JsFuture::from(file.array_buffer()).await {
                Ok(buffer) => on_import.run(js_sys::Uint8Array::new(&buffer).to_vec()),
                Err(_) => files.update(WeightsState::unreadable),
            }
        });
    };
    // Memos, so that a new note does not redraw the script (closing its <details>), nor a new
    // export the note.
    let note = Memo::new(move |_| files.with(|f| f.import.clone()));
    let refused = move || note.with(|n| n.as_ref().is_some_and(|n| n.is_refusal()));
    let script = Memo::new(move |_| {
        files.with(|f| {
            f.exported
                .as_ref()
                .map(|f| (f.stem.clone(), f.script.clone()))
        })
    });
    view! {
        <div class="weights">
            <div class="weights-row">
                <button
                    type="button"
                    data-testid=format!("{prefix}-export")
                    on:click=move |_| on_export.run(())
                    disabled=move || !ready.get()
                >
                    {move || i18n.t(Msg::WeightsExport)}
                </button>
                <label class="file-button" class:disabled=move || !ready.get()>
                    <input
                        type="file"
                        class="visually-hidden"
                        accept=".safetensors"
                        data-testid=format!("{prefix}-import")
                        on:change=pick
                        disabled=move || !ready.get()
                    />
                    {move || i18n.t(Msg::WeightsImport)}
                </label>
            </div>
            <p class="hint">{move || i18n.t(Msg::WeightsHint)}</p>
            <p
                class="weights-status"
                class:bad=refused
                role="status"
                data-testid=format!("{prefix}-import-status")
                hidden=move || note.with(Option::is_none)
            >
                {move || note.with(|n| n.as_ref().map(|n| n.text(|m| i18n.t(m))))}
            </p>
            {move || script.get().map(|(stem, code)| view! {
                <details class="export-code" open>
                    <summary>{move || fill(i18n.t(Msg::WeightsScript), &[("stem", &stem)])}</summary>
                    <div class="export-code-buttons">
                        <button type="button" data-testid=format!("{prefix}-export-code-copy") on:click=copy_code>
                            {move || i18n.t(if copied.get() == Copied::Yes { Msg::WeightsCopied } else { Msg::WeightsCopyCode })}
                        </button>
                        <button
                            type="button"
                            data-testid=format!("{prefix}-export-weights-download")
                            on:click=move |_| download_weights(files)
                        >
                            {move || i18n.t(Msg::WeightsDownloadWeights)}
                        </button>
                        <button
                            type="button"
                            data-testid=format!("{prefix}-export-code-download")
                            on:click=move |_| download_script(files)
                        >
                            {move || i18n.t(Msg::WeightsDownloadScript)}
                        </button>
                    </div>
                    <p class="hint" hidden=move || copied.get() != Copied::Refused>
                        {move || i18n.t(Msg::WeightsCopyRefused)}
                    </p>
                    <pre class="export-code-text" tabindex="0" data-testid=format!("{prefix}-export-code")>
                        <code>{code}</code>
                    </pre>
                </details>
            })}
        </div>
    }
}
