//! The visitor's own pictures in the autoencoder and VAE labs: picked or dropped files, decoded
//! by the browser, drawn small and prepared as MNIST digits (`data::own_images::prepare`), then
//! sent to the worker. Nothing leaves the page. The words and the rules come from
//! `view::own_images_state`; this is the page's part: the file input, the decoding, the markup.

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::{CanvasRenderingContext2d, File, FileList, HtmlCanvasElement, ImageBitmap};

use super::{grid_name, send_own, GridWords};
use crate::app::charts::DigitGrid;
use crate::app::lab_store::LabStore;
use crate::app::use_i18n;
use crate::app::widgets::{Choice, Select};
use crate::data::own_images::{
    prepare, raster_size, sniff, ImageProblem, MAX_IMAGES, MAX_TOTAL_BYTES,
};
use crate::i18n::Msg;
use crate::jobs::lab::config::DataMode;
use crate::view::format::{fill, group_thousands, megabytes};
use crate::view::own_images_state::{
    mix_note, mode_after_clear, model_stale, option_open, own_rows,
};

/// Whether the model in the worker trains on another set of pictures than the page holds.
pub fn stale(lab: LabStore) -> bool {
    let mode = lab.config.with(|c| c.train().data);
    let count = lab.own.with(|s| s.count());
    lab.setup.with(|s| model_stale(mode, s.as_ref(), count))
}

/// Pictures per row of the reconstructions.
pub const RECON_COLS: usize = 8;

/// The visitor's shown pictures over their reconstructions, two rows (see `own_rows`), or none.
pub fn own_recon_rows(lab: LabStore) -> Vec<Vec<u8>> {
    lab.setup.with(|setup| {
        lab.summary.with(|summary| match (setup, summary) {
            (Some(setup), Some(summary)) => {
                own_rows(&setup.own_shown, &summary.own_recon, RECON_COLS)
            }
            _ => Vec::new(),
        })
    })
}

/// Whether the model in the worker trains on the visitor's pictures; the link it makes then
/// asks for pictures it does not carry.
pub fn link_note(lab: LabStore) -> Option<Msg> {
    lab.config
        .with(|c| c.train().data != DataMode::Digits)
        .then_some(Msg::OwnLinkNote)
}

/// A figure of the visitor's pictures and their reconstructions (id `{prefix}-own-recon`),
/// shown while the model trains on them.
#[component]
pub fn OwnReconFigure(lab: LabStore, prefix: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    let images = Signal::derive(move || own_recon_rows(lab));
    let labels = Signal::derive(move || {
        vec![
            i18n.t(Msg::OwnRowYours).to_string(),
            i18n.t(Msg::AeRebuilt).to_string(),
        ]
    });
    view! {
        <figure class="lab-figure" aria-label=move || i18n.t(Msg::OwnReconTitle) hidden=move || images.with(Vec::is_empty)>
            <figcaption>
                <strong>{move || i18n.t(Msg::OwnReconTitle)}</strong>
                " "
                {move || i18n.t(Msg::OwnReconCaption)}
            </figcaption>
            <DigitGrid
                images=images
                cols=RECON_COLS
                testid=format!("{prefix}-own-recon")
                row_labels=labels
                aria_label=grid_name(lab, Msg::OwnReconTitle, || GridWords::OwnRecon, move || {
                    images.with(Vec::len) / 2
                })
            />
        </figure>
    }
}

/// Waits for a promise; its rejection becomes `problem`.
async fn settle(promise: js_sys::Promise, problem: ImageProblem) -> Result<JsValue, ImageProblem> {
    JsFuture::from(promise).await.map_err(|_| problem)
}

/// One file as a digit: its first bytes say what it is and how big it claims to be (before it
/// is decoded), the browser decodes it, and it is drawn at most `RASTER_SIDE` px on its longer
/// side, with the browser's best resampling, to read its pixels.
async fn read_digit(file: &File) -> Result<Vec<u8>, ImageProblem> {
    let bytes = settle(file.array_buffer(), ImageProblem::Damaged).await?;
    sniff(&js_sys::Uint8Array::new(&bytes).to_vec())?;
    let window = window();
    let decode = window
        .create_image_bitmap_with_blob(file)
        .map_err(|_| ImageProblem::Damaged)?;
    let full: ImageBitmap = settle(decode, ImageProblem::Damaged)
        .await?
        .unchecked_into();
    let (w, h) = raster_size(full.width(), full.height());
    let options = web_sys::ImageBitmapOptions::new();
    options.set_resize_width(w as u32);
    options.set_resize_height(h as u32);
    options.set_resize_quality(web_sys::ResizeQuality::High);
    let scaled =
        window.create_image_bitmap_with_image_bitmap_and_image_bitmap_options(&full, &options);
    let small = match scaled {
        Ok(p) => settle(p, ImageProblem::Damaged).await,
        Err(_) => Err(ImageProblem::Damaged),
    };
    full.close();
    let small: ImageBitmap = small?.unchecked_into();
    let rgba = pixels_of(&small, w, h).ok_or(ImageProblem::Damaged);
    small.close();
    prepare(&rgba?, w, h)
}

/// The RGBA pixels of `bitmap`, drawn on a detached canvas of its size.
fn pixels_of(bitmap: &ImageBitmap, w: usize, h: usize) -> Option<Vec<u8>> {
    let canvas: HtmlCanvasElement = document().create_element("canvas").ok()?.unchecked_into();
    canvas.set_width(w as u32);
    canvas.set_height(h as u32);
    let ctx: CanvasRenderingContext2d = canvas.get_context("2d").ok()??.unchecked_into();
    ctx.draw_image_with_image_bitmap(bitmap, 0.0, 0.0).ok()?;
    let data = ctx.get_image_data(0.0, 0.0, w as f64, h as f64).ok()?;
    Some(data.data().0)
}

/// Reads `files` one after another (each await lets the page draw), each checked against the
/// limits before it is read, then gives the worker the new set.
fn take_files(lab: LabStore, files: FileList) {
    let files: Vec<File> = (0..files.length()).filter_map(|i| files.get(i)).collect();
    if files.is_empty() || lab.own.with_untracked(|s| s.reading.is_some()) {
        return;
    }
    let total = files.len();
    spawn_local(async move {
        for (i, file) in files.iter().enumerate() {
            let name = file.name();
            let admitted = lab
                .own
                .try_update(|s| {
                    s.reading = Some((i, total));
                    s.admit(&name, file.size() as u64)
                })
                .unwrap_or(false);
            if admitted {
                let digit = read_digit(file).await;
                lab.own.update(|s| s.prepared(&name, digit));
            }
        }
        lab.own.update(|s| s.reading = None);
        send_own(lab);
    });
}

/// The pictures' panel, with ids `{prefix}-data-upload` (the file input, inside a label that
/// files can be dropped on), `{prefix}-data-mix` (what the lab trains on: the form's own
/// field), `{prefix}-data-preview` (the prepared digits, the count and the refusals, with
/// `data-count`), `{prefix}-data-status`, `{prefix}-data-refused`, `{prefix}-data-privacy` and
/// `{prefix}-data-clear`; the preview's canvas is `{prefix}-data-preview-grid`.
#[component]
pub fn OwnImagesPanel(
    lab: LabStore,
    prefix: &'static str,
    /// The form's choice of what to train on (applied with the other settings).
    mode: RwSignal<DataMode>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = move |name: &str| format!("{prefix}-{name}");
    let count = Memo::new(move |_| lab.own.with(|s| s.count()));
    let reading = Memo::new(move |_| lab.own.with(|s| s.reading.is_some()));
    let dragging = RwSignal::new(false);

    let pick = move |ev: leptos::ev::Event| {
        // Bound to the file input below, so the target is that input.
        let input = event_target::<web_sys::HtmlInputElement>(&ev);
        if let Some(files) = input.files() {
            take_files(lab, files);
        }
        // Picking the same files again must fire `change` again.
        input.set_value("");
    };
    let over = move |ev: web_sys::DragEvent| {
        // Without this the browser would open a dropped file in place of the page.
        ev.prevent_default();
        dragging.set(true);
    };
    let drop = move |ev: web_sys::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        if let Some(files) = ev.data_transfer().and_then(|d| d.files()) {
            take_files(lab, files);
        }
    };
    let clear = move |_| {
        lab.own.update(|s| s.clear());
        mode.update(|m| *m = mode_after_clear(*m));
        send_own(lab);
    };

    let option = move |value: DataMode, key: &str, msg: Msg| {
        Choice::msg(value, key, msg)
            .disabled_while(Signal::derive(move || !option_open(value, count.get())))
    };
    let options = vec![
        option(DataMode::Digits, "digits", Msg::OwnModeDigits),
        option(DataMode::Own, "own", Msg::OwnModeOwn),
        option(DataMode::Mixed, "both", Msg::OwnModeBoth),
    ];
    let note = move || {
        if stale(lab) {
            return Some(i18n.t(Msg::OwnStale));
        }
        mix_note(mode.get(), count.get()).map(|m| i18n.t(m))
    };
    let how = move || {
        fill(
            i18n.t(Msg::OwnHow),
            &[
                ("max", &group_thousands(MAX_IMAGES as u64)),
                ("mb", &megabytes(MAX_TOTAL_BYTES)),
            ],
        )
    };
    let preview = Signal::derive(move || lab.own.with(|s| s.preview()));
    let status = move || {
        lab.own.with(|s| {
            s.progress_text(|m| i18n.t(m))
                .unwrap_or_else(|| s.status_text(|m| i18n.t(m)))
        })
    };
    let refused = move || {
        lab.own
            .with(|s| s.refusal_lines(|m| i18n.t(m)))
            .into_iter()
            .map(|line| view! { <li>{line}</li> })
            .collect_view()
    };
    view! {
        <section class="own-images" aria-labelledby=id("data-title")>
            <h3 class="own-title" id=id("data-title")>{move || i18n.t(Msg::OwnTitle)}</h3>
            <label
                class="file-button drop-zone"
                class:dragging=move || dragging.get()
                class:disabled=move || reading.get()
                on:dragenter=over
                on:dragover=over
                on:dragleave=move |_| dragging.set(false)
                on:drop=drop
            >
                <input
                    type="file"
                    multiple
                    class="visually-hidden"
                    accept="image/png,image/jpeg"
                    data-testid=id("data-upload")
                    disabled=move || reading.get()
                    on:change=pick
                />
                {move || i18n.t(Msg::OwnPick)}
            </label>
            <p class="hint">{how}</p>
            <p class="hint own-privacy" data-testid=id("data-privacy")>{move || i18n.t(Msg::OwnPrivacy)}</p>
            <div class="own-preview" data-testid=id("data-preview") data-count=move || count.get().to_string()>
                <div hidden=move || count.get() == 0>
                    <DigitGrid
                        images=preview
                        cols=8
                        cell_px=24
                        testid=id("data-preview-grid")
                        aria_label=Signal::derive(move || lab.own.with(|s| s.preview_label(|m| i18n.t(m))))
                    />
                </div>
                <p class="own-status" role="status" data-testid=id("data-status")>{status}</p>
                <ul class="own-refused" data-testid=id("data-refused") hidden=move || lab.own.with(|s| s.refused.is_empty())>
                    {refused}
                </ul>
            </div>
            <div class="own-mix-row">
                <Select
                    label=Msg::OwnMix
                    value=mode
                    options=options
                    testid=id("data-mix")
                />
                <button
                    type="button"
                    data-testid=id("data-clear")
                    disabled=move || reading.get() || lab.own.with(|s| s.count() == 0 && s.refused.is_empty())
                    on:click=clear
                >
                    {move || i18n.t(Msg::OwnClear)}
                </button>
            </div>
            <p class="hint own-note" data-testid=id("data-mix-note") hidden=move || note().is_none()>{note}</p>
        </section>
    }
}
