//! An attention map: one cell per (query, key), darker for more weight, with the tokens on both
//! axes, as Bahdanau, Cho & Bengio (2015, Fig. 3) and Vaswani et al. (2017, Figs. 3–5) draw
//! them. Hovering a cell reads out its weight.

use leptos::html::Canvas;
use leptos::prelude::*;
use web_sys::{HtmlCanvasElement, MouseEvent};

use super::surface::{context_2d, keep_painted, offset_xy, Surface};

/// One map: `values` is (rows, cols) row-major, in [0, 1].
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Heat {
    pub rows: Vec<String>,
    pub cols: Vec<String>,
    pub values: Vec<f32>,
}

/// Room for the labels, in CSS pixels.
const LABEL: f64 = 22.0;
const ACCENT: (f64, f64, f64) = (47.0, 91.0, 211.0);

fn hash(values: &[f32]) -> String {
    let h = values.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, v| {
        (h ^ u64::from((v.clamp(0.0, 1.0) * 255.0).round() as u8)).wrapping_mul(0x100_0000_01b3)
    });
    format!("{h:016x}")
}

/// Cell size in CSS pixels for a map of this many columns in a canvas this wide.
fn cell(heat: &Heat, css_w: f64) -> f64 {
    ((css_w - LABEL) / heat.cols.len().max(1) as f64).clamp(4.0, 28.0)
}

fn paint(canvas: &HtmlCanvasElement, s: Surface, heat: &Heat) {
    let Some(ctx) = context_2d(canvas) else {
        return;
    };
    ctx.set_fill_style_str("#ffffff");
    ctx.fill_rect(0.0, 0.0, f64::from(s.px_w), f64::from(s.px_h));
    let (rows, cols) = (heat.rows.len(), heat.cols.len());
    if rows * cols == 0 || heat.values.len() != rows * cols {
        return;
    }
    let c = s.px(cell(heat, s.css_w));
    let label = s.px(LABEL);
    for r in 0..rows {
        for k in 0..cols {
            let v = f64::from(heat.values[r * cols + k].clamp(0.0, 1.0));
            // White at 0, the accent at 1, through the pale accent.
            let mix = |a: f64| (255.0 + (a - 255.0) * v.sqrt()).round();
            ctx.set_fill_style_str(&format!(
                "rgb({},{},{})",
                mix(ACCENT.0),
                mix(ACCENT.1),
                mix(ACCENT.2)
            ));
            ctx.fill_rect(label + k as f64 * c, label + r as f64 * c, c - 1.0, c - 1.0);
        }
    }
    ctx.set_fill_style_str("#1d2329");
    ctx.set_font(&format!(
        "{}px ui-monospace, Menlo, Consolas, monospace",
        s.px((c / s.scale()).min(14.0))
    ));
    ctx.set_text_align("center");
    ctx.set_text_baseline("middle");
    let show = |t: &str| {
        if t == " " {
            "␣".to_string()
        } else {
            t.to_string()
        }
    };
    for (k, t) in heat.cols.iter().enumerate() {
        let _ = ctx.fill_text(&show(t), label + (k as f64 + 0.5) * c, label / 2.0);
    }
    for (r, t) in heat.rows.iter().enumerate() {
        let _ = ctx.fill_text(&show(t), label / 2.0, label + (r as f64 + 0.5) * c);
    }
}

#[component]
pub fn Heatmap(
    heat: Signal<Option<Heat>>,
    testid: String,
    /// Reads "row → col: weight" for the hovered cell.
    #[prop(optional)]
    readout: Option<RwSignal<String>>,
    /// The canvas's CSS width; cells shrink to fit it, and the height follows.
    #[prop(optional)]
    width_px: Option<f64>,
) -> impl IntoView {
    let canvas = NodeRef::<Canvas>::new();
    let width = width_px.unwrap_or(420.0);
    keep_painted(
        canvas,
        move || heat.track(),
        move |element, surface| {
            heat.with_untracked(|h| {
                if let Some(h) = h {
                    paint(element, surface, h);
                }
            })
        },
    );
    let height = move || {
        heat.with(|h| {
            h.as_ref().map_or(LABEL, |h| {
                LABEL + cell(h, width) * h.rows.len() as f64 + 2.0
            })
        })
    };
    let nonblank = move || {
        heat.with(|h| {
            h.as_ref()
                .is_some_and(|h| h.values.iter().any(|&v| v > 0.0))
        })
        .to_string()
    };
    let on_move = move |ev: MouseEvent| {
        let Some(out) = readout else { return };
        let (x, y) = offset_xy(&ev);
        // The drawn width: CSS may have narrowed the canvas to fit a phone.
        let drawn = canvas
            .get_untracked()
            .map_or(width, |c| f64::from(c.client_width()));
        heat.with_untracked(|h| {
            let Some(h) = h else { return };
            let c = cell(h, drawn);
            let (k, r) = ((x - LABEL) / c, (y - LABEL) / c);
            if k < 0.0 || r < 0.0 {
                return;
            }
            let (k, r) = (k as usize, r as usize);
            // A column past the last would index into the next row: check it first.
            if k >= h.cols.len() {
                return;
            }
            if let (Some(row), Some(col), Some(v)) = (
                h.rows.get(r),
                h.cols.get(k),
                h.values.get(r * h.cols.len() + k),
            ) {
                out.set(format!("{row} → {col}: {v:.3}"));
            }
        });
    };
    view! {
        <canvas
            node_ref=canvas
            class="heatmap"
            data-testid=testid
            data-nonblank=nonblank
            data-hash=move || heat.with(|h| h.as_ref().map(|h| hash(&h.values)).unwrap_or_default())
            role="img"
            style=move || format!("width: {width}px; max-width: 100%; height: {:.0}px", height())
            on:mousemove=on_move
        ></canvas>
    }
}
