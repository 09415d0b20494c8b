//! MNIST-sized images on a canvas: one digit, or a grid of them, as dark ink on white.
//!
//! The 28×28 grey bytes (LeCun, Cortes & Burges, "The MNIST database", 1998: 0 background,
//! 255 ink) are written once into an offscreen "atlas" canvas at native size with
//! putImageData, then each cell is copied onto the visible canvas with nearest-neighbour
//! scaling. That is one upload and a hundred cheap copies for a 10×10 grid, and the pixels
//! stay square at any devicePixelRatio.

use leptos::html::Canvas;
use leptos::prelude::*;
use wasm_bindgen::{Clamped, JsCast};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, ImageData, KeyboardEvent, MouseEvent};

use super::surface::{context_2d, keep_painted, offset_xy, Surface};
use crate::data::mnist::{PIXELS, ROWS};
use crate::view::cell_grid::CellGrid;
use crate::view::chart_style::{self as style, css};

/// MNIST digits are square.
const SIDE: usize = ROWS;
/// Full ink is the page's text colour, not pure black.
const INK: [u32; 3] = [
    style::INK.0 as u32,
    style::INK.1 as u32,
    style::INK.2 as u32,
];

/// One 28×28 grey image (values 0–255, 0 = background, 255 = ink), drawn as dark ink on white,
/// scaled with crisp pixels. The canvas's `data-nonblank` and `data-hash` describe what it shows.
#[component]
pub fn DigitImage(
    pixels: Signal<Option<Vec<u8>>>,
    #[prop(optional)] size_px: Option<u32>,
    testid: &'static str,
    #[prop(optional)] aria_label: Option<Signal<String>>,
) -> impl IntoView {
    let grid = CellGrid {
        cols: 1,
        rows: 1,
        cell: f64::from(size_px.unwrap_or(112)),
        gap: 0.0,
    };
    let canvas = NodeRef::<Canvas>::new();
    let atlas = Atlas::new();
    keep_painted(
        canvas,
        move || pixels.track(),
        move |element, surface| {
            pixels.try_with_untracked(|p| {
                let images: Vec<&[u8]> = p.iter().map(Vec::as_slice).collect();
                paint(element, surface, atlas.as_ref(), grid, &images, &[]);
            });
        },
    );
    view! {
        <canvas
            node_ref=canvas
            class="digit-image"
            data-testid=testid
            role="img"
            aria-label=move || aria_label.map(|l| l.get())
            style:width=grid_width(&grid)
            style:aspect-ratio=grid_aspect(&grid)
        ></canvas>
    }
}

/// A grid of 28×28 images, `cols` per row; `row_labels` name the rows at their left (e.g.
/// "original" / "reconstruction"). With `on_cell`, a click on cell i (or the arrow keys, from
/// the first selected cell) calls it; `selected` cells are outlined.
///
/// A screen reader meets it as an image named `aria_label` (`view::grid_words`), or, when it
/// picks a cell, as a slider over the cells whose value is the first selected one.
#[component]
pub fn DigitGrid(
    images: Signal<Vec<Vec<u8>>>,
    cols: usize,
    #[prop(optional)] cell_px: Option<u32>,
    #[prop(into)] testid: String,
    #[prop(optional)] row_labels: Option<Signal<Vec<String>>>,
    #[prop(optional)] on_cell: Option<Callback<usize>>,
    #[prop(optional)] selected: Option<Signal<Vec<usize>>>,
    /// What the grid shows now, for a screen reader.
    aria_label: Signal<String>,
) -> impl IntoView {
    let cols = cols.max(1);
    let cell = f64::from(cell_px.unwrap_or(40));
    // Only the number of rows changes the layout; new pixels alone do not.
    let rows = Memo::new(move |_| images.with(|v| v.len().div_ceil(cols).max(1)));
    let grid = move |rows: usize| CellGrid {
        cols,
        rows,
        cell,
        gap: 2.0,
    };
    let canvas = NodeRef::<Canvas>::new();
    paint_grid(canvas, images, selected, cols, grid);

    let count = move || images.with_untracked(Vec::len);
    let on_click = move |ev: MouseEvent| {
        let (Some(callback), Some(element)) = (on_cell, canvas.get_untracked()) else {
            return;
        };
        let rect = element.get_bounding_client_rect();
        let index =
            grid(rows.get_untracked()).cell_at(offset_xy(&ev), (rect.width(), rect.height()));
        if let Some(i) = index.filter(|&i| i < count()) {
            callback.run(i);
        }
    };
    let on_key = move |ev: KeyboardEvent| {
        let Some(callback) = on_cell else { return };
        let from = selected
            .and_then(|s| s.with_untracked(|s| s.first().copied()))
            .unwrap_or(0);
        let key = ev.key();
        if key.starts_with("Arrow") {
            ev.prevent_default();
        }
        if let Some(to) = grid(rows.get_untracked()).arrow_step(&key, from, count()) {
            callback.run(to);
        }
    };

    view! {
        <div class="digit-grid">
            {row_labels.map(|labels| view! { <RowLabels labels=labels rows=rows /> })}
            <canvas
                node_ref=canvas
                data-testid=testid
                class:pickable=on_cell.is_some()
                tabindex=on_cell.map(|_| "0")
                role=if on_cell.is_some() { "slider" } else { "img" }
                aria-label=aria_label
                aria-valuemin=on_cell.map(|_| "0")
                aria-valuemax=move || on_cell.map(|_| images.with(Vec::len).saturating_sub(1))
                aria-valuenow=move || {
                    on_cell
                        .and(selected)
                        .and_then(|s| s.with(|s| s.first().copied()))
                }
                style:width=move || grid_width(&grid(rows.get()))
                style:aspect-ratio=move || grid_aspect(&grid(rows.get()))
                on:click=on_click
                on:keydown=on_key
            ></canvas>
        </div>
    }
}

/// Repaints the grid whenever its images or the selection change.
fn paint_grid(
    canvas: NodeRef<Canvas>,
    images: Signal<Vec<Vec<u8>>>,
    selected: Option<Signal<Vec<usize>>>,
    cols: usize,
    grid: impl Fn(usize) -> CellGrid + Copy + 'static,
) {
    let atlas = Atlas::new();
    keep_painted(
        canvas,
        move || {
            images.track();
            if let Some(s) = selected {
                s.track();
            }
        },
        move |element, surface| {
            let chosen = selected
                .and_then(|s| s.try_get_untracked())
                .unwrap_or_default();
            images.try_with_untracked(|all| {
                let shown: Vec<&[u8]> = all.iter().map(Vec::as_slice).collect();
                let layout = grid(all.len().div_ceil(cols).max(1));
                paint(element, surface, atlas.as_ref(), layout, &shown, &chosen);
            });
        },
    );
}

/// The rows' names at the grid's left, one per row shown.
#[component]
fn RowLabels(labels: Signal<Vec<String>>, rows: Memo<usize>) -> impl IntoView {
    let names = move || {
        labels
            .get()
            .into_iter()
            .take(rows.get())
            .map(|name| view! { <span>{name}</span> })
            .collect_view()
    };
    view! {
        <div
            class="digit-row-labels"
            style:grid-template-rows=move || format!("repeat({}, 1fr)", rows.get())
        >
            {names}
        </div>
    }
}

/// Natural width, shrinking on a narrow screen with its aspect ratio kept.
// Set as CSS properties (CSSOM), never as a `style` attribute: the site's Content-Security-Policy
// (`style-src 'self'`) blocks style attributes but not properties set from script.
fn grid_width(grid: &CellGrid) -> String {
    format!("{}px", grid.css_size().0)
}

fn grid_aspect(grid: &CellGrid) -> String {
    let (w, h) = grid.css_size();
    format!("{w} / {h}")
}

/// Cell `i` in backing-store pixels.
fn cell_rect(grid: &CellGrid, i: usize, s: &Surface) -> (f64, f64, f64, f64) {
    grid.cell_rect(i, (f64::from(s.px_w), f64::from(s.px_h)))
}

/// An offscreen canvas holding every image at native size, one 28×28 tile per cell.
pub(super) struct Atlas {
    canvas: HtmlCanvasElement,
    ctx: CanvasRenderingContext2d,
}

impl Atlas {
    /// The canvas the tiles are on, to copy from.
    pub(super) fn canvas(&self) -> &HtmlCanvasElement {
        &self.canvas
    }

    pub(super) fn new() -> Option<Atlas> {
        let canvas: HtmlCanvasElement =
            document().create_element("canvas").ok()?.dyn_into().ok()?;
        let ctx = context_2d(&canvas)?;
        Some(Atlas { canvas, ctx })
    }

    /// Uploads the tiles; returns whether any pixel is ink and the FNV-1a hash of all bytes
    /// shown. An image of the wrong length stays a blank (white) tile.
    pub(super) fn upload(&self, grid: CellGrid, images: &[&[u8]]) -> (bool, u64) {
        let (w, h) = (grid.cols * SIDE, grid.rows * SIDE);
        let mut rgba = vec![255u8; w * h * 4]; // (h, w, 4)
        let mut hash = FNV_OFFSET;
        let mut nonblank = false;
        for (i, image) in images.iter().take(grid.cols * grid.rows).enumerate() {
            if image.len() != PIXELS {
                continue;
            }
            hash = fnv1a(hash, image);
            nonblank |= image.iter().any(|&v| v != 0);
            let (row, col) = (i / grid.cols, i % grid.cols);
            for (y, line) in image.chunks_exact(SIDE).enumerate() {
                let start = ((row * SIDE + y) * w + col * SIDE) * 4;
                for (out, &v) in rgba[start..start + SIDE * 4].chunks_exact_mut(4).zip(line) {
                    out[..3].copy_from_slice(&ink_on_white(v));
                }
            }
        }
        let (w, h) = (w as u32, h as u32);
        if self.canvas.width() != w {
            self.canvas.set_width(w);
        }
        if self.canvas.height() != h {
            self.canvas.set_height(h);
        }
        if let Ok(data) = ImageData::new_with_u8_clamped_array_and_sh(Clamped(&rgba), w, h) {
            let _ = self.ctx.put_image_data(&data, 0.0, 0.0);
        }
        (nonblank, hash)
    }
}

fn paint(
    canvas: &HtmlCanvasElement,
    s: Surface,
    atlas: Option<&Atlas>,
    grid: CellGrid,
    images: &[&[u8]],
    selected: &[usize],
) {
    let (Some(ctx), Some(atlas)) = (context_2d(canvas), atlas) else {
        return;
    };
    let (nonblank, hash) = atlas.upload(grid, images);
    // Between cells the rule colour, so white cells read as tiles on a white figure.
    ctx.set_fill_style_str(&css(style::RULE));
    ctx.fill_rect(0.0, 0.0, f64::from(s.px_w), f64::from(s.px_h));
    ctx.set_image_smoothing_enabled(false);
    for i in 0..grid.cols * grid.rows {
        let (x, y, w, h) = cell_rect(&grid, i, &s);
        let (sx, sy) = (
            ((i % grid.cols) * SIDE) as f64,
            ((i / grid.cols) * SIDE) as f64,
        );
        let side = SIDE as f64;
        let _ = ctx.draw_image_with_html_canvas_element_and_sw_and_sh_and_dx_and_dy_and_dw_and_dh(
            &atlas.canvas,
            sx,
            sy,
            side,
            side,
            x,
            y,
            w,
            h,
        );
    }
    let line = s.px(style::SELECTED_PX);
    ctx.set_stroke_style_str(&css(style::ACCENT));
    ctx.set_line_width(line);
    for &i in selected.iter().filter(|&&i| i < grid.cols * grid.rows) {
        let (x, y, w, h) = cell_rect(&grid, i, &s);
        ctx.stroke_rect(x + line / 2.0, y + line / 2.0, w - line, h - line);
    }
    let _ = canvas.set_attribute("data-nonblank", if nonblank { "true" } else { "false" });
    let _ = canvas.set_attribute("data-hash", &format!("{hash:016x}"));
}

/// The colour of grey value `v`: white blended towards the ink colour by v / 255.
fn ink_on_white(v: u8) -> [u8; 3] {
    let a = u32::from(v);
    INK.map(|c| ((255 * (255 - a) + c * a) / 255) as u8)
}

/// FNV-1a, 64 bit (Fowler, Noll & Vo): a cheap hash that tells two images apart in tests.
const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

fn fnv1a(mut hash: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}
