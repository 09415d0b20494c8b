//! An attention map: one cell per (query, key), darker for more weight, with the tokens on both
//! axes, as Bahdanau, Cho & Bengio (2015, Fig. 3) and Vaswani et al. (2017, Figs. 3–5) draw
//! them. Hovering a cell reads out its weight; so do tapping it, and the arrow keys once the map
//! has focus. "Show as table" gives every cell with its row and column labels.
//!
//! The same figure draws any small matrix (queries, scores) in its signed mode: blue for
//! positive, orange for negative, by magnitude, and hatched grey where a mask put −∞.

use leptos::html::Canvas;
use leptos::prelude::*;
use web_sys::{HtmlCanvasElement, KeyboardEvent, MouseEvent, PointerEvent};

use super::surface::{context_2d, keep_painted, offset_xy, Surface};
use super::table_toggle::TableToggle;
use crate::app::use_i18n;
use crate::i18n::Msg;
use crate::view::chart_style::{self as style, css};
use crate::view::format::matrix_entry;
pub use crate::view::heat::Heat;
use crate::view::heat::{scale_gradient, shown, tint, LABEL, WORD_FONT};

/// Positive values, and negative ones in the signed mode (`chart_style`'s accent and orange).
const ACCENT: (f64, f64, f64) = (
    style::ACCENT.0 as f64,
    style::ACCENT.1 as f64,
    style::ACCENT.2 as f64,
);
const NEGATIVE: (f64, f64, f64) = (
    style::NEGATIVE.0 as f64,
    style::NEGATIVE.1 as f64,
    style::NEGATIVE.2 as f64,
);

/// Draws `heat`, with an outline around `cursor`, the cell the keyboard or a tap is on.
fn paint(canvas: &HtmlCanvasElement, s: Surface, heat: &Heat, cursor: Option<(usize, usize)>) {
    let Some(ctx) = context_2d(canvas) else {
        return;
    };
    ctx.set_fill_style_str(&css(style::PAPER));
    ctx.fill_rect(0.0, 0.0, f64::from(s.px_w), f64::from(s.px_h));
    let (rows, cols) = (heat.rows.len(), heat.cols.len());
    if rows * cols == 0 || heat.values.len() != rows * cols {
        return;
    }
    let at = heat.layout(s.css_w);
    let (c, rh, left, top) = (s.px(at.cell), s.px(at.row_h), s.px(at.left), s.px(at.top));
    let full = heat.full_scale();
    // A gap between cells, unless the cells are too narrow to spare it.
    let gap = if at.cell >= 6.0 { 1.0 } else { 0.0 };
    for r in 0..rows {
        for k in 0..cols {
            let (x, y) = (left + k as f64 * c, top + r as f64 * rh);
            let v = heat.values[r * cols + k];
            if v == f32::NEG_INFINITY {
                ctx.set_fill_style_str(&css(style::MASKED));
                ctx.fill_rect(x, y, c - gap, rh - gap);
                // A hatch, so a masked cell never reads as a small weight.
                ctx.set_stroke_style_str(&css(style::HATCH));
                ctx.set_line_width(s.px(1.0));
                ctx.begin_path();
                ctx.move_to(x + 2.0, y + rh - 3.0);
                ctx.line_to(x + c - 3.0, y + 2.0);
                ctx.stroke();
                continue;
            }
            let colour = if v < 0.0 { NEGATIVE } else { ACCENT };
            ctx.set_fill_style_str(&tint(colour, f64::from(v.abs() / full)));
            ctx.fill_rect(x, y, c - gap, rh - gap);
        }
    }
    if let Some((r, k)) = cursor.filter(|&(r, k)| r < rows && k < cols) {
        // Dark inside light, so the outline shows on a pale cell and on a dark one.
        let (x, y) = (left + k as f64 * c, top + r as f64 * rh);
        for (colour, inset) in [(style::INK, 0.0), (style::PAPER, 2.0)] {
            ctx.set_stroke_style_str(&css(colour));
            ctx.set_line_width(s.px(style::CURSOR_PX));
            let i = s.px(inset + 1.0);
            ctx.stroke_rect(x + i, y + i, c - gap - 2.0 * i, rh - gap - 2.0 * i);
        }
    }
    ctx.set_fill_style_str(&css(style::INK));
    let font = if at.words {
        WORD_FONT
    } else {
        (c / s.scale()).min(14.0)
    };
    ctx.set_font(&format!("{}px {}", s.px(font), style::MONO));
    // Labels would overlap in cells narrower than their font: leave them to the hover readout.
    let readable = at.cell >= 9.0;
    if at.words {
        ctx.set_text_align("right");
        ctx.set_text_baseline("middle");
        for (r, t) in heat.rows.iter().enumerate() {
            let _ = ctx.fill_text(&shown(t), left - s.px(5.0), top + (r as f64 + 0.5) * rh);
        }
        if readable && !at.upright {
            ctx.set_text_align("center");
            for (k, t) in heat.cols.iter().enumerate() {
                let _ = ctx.fill_text(&shown(t), left + (k as f64 + 0.5) * c, top / 2.0);
            }
        } else if readable {
            // Column words read upwards, ending just above their column.
            ctx.set_text_align("left");
            for (k, t) in heat.cols.iter().enumerate() {
                ctx.save();
                let _ = ctx.translate(left + (k as f64 + 0.5) * c, top - s.px(5.0));
                let _ = ctx.rotate(-std::f64::consts::FRAC_PI_2);
                let _ = ctx.fill_text(&shown(t), 0.0, 0.0);
                ctx.restore();
            }
        }
        return;
    }
    ctx.set_text_align("center");
    ctx.set_text_baseline("middle");
    if readable {
        for (k, t) in heat.cols.iter().enumerate() {
            let _ = ctx.fill_text(&shown(t), left + (k as f64 + 0.5) * c, top / 2.0);
        }
    }
    for (r, t) in heat.rows.iter().enumerate() {
        let _ = ctx.fill_text(&shown(t), left / 2.0, top + (r as f64 + 0.5) * c);
    }
}

#[component]
pub fn Heatmap(
    heat: Signal<Option<Heat>>,
    testid: String,
    /// What the map is ("Head 2"): its accessible name, followed by the map in words (its size
    /// and largest cell), since a canvas says nothing to a screen reader.
    #[prop(into)]
    label: Signal<String>,
    /// Reads "row → col: weight" for the hovered cell.
    #[prop(optional)]
    readout: Option<RwSignal<String>>,
    /// The canvas's CSS width; cells shrink to fit it, and the height follows.
    #[prop(optional)]
    width_px: Option<f64>,
    /// Also publish the values (`data-values`: rows by `;`, columns by `,`) and each row's sum
    /// (`data-row-sums`), so a test can check what is drawn.
    #[prop(optional)]
    publish: bool,
    /// The figure already shows the numbers beside the map (`MatrixView`): no "Show as table".
    #[prop(optional)]
    numbers_beside: bool,
    /// A cursor shared with other maps of the same shape (the heads of a layer): the pointer
    /// moves it too, so every map outlines the cell pointed at in one.
    #[prop(optional_no_strip)]
    linked: Option<RwSignal<Option<(usize, usize)>>>,
    /// Fill the width of its grid cell, up to `width_px`, instead of being `width_px` wide.
    /// The signal keeps the width last drawn, so maps of one grid share it and a map drawn
    /// anew (the next step's) starts at the right height instead of jumping.
    #[prop(optional_no_strip)]
    fill: Option<RwSignal<f64>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let canvas = NodeRef::<Canvas>::new();
    let width = width_px.unwrap_or(420.0);
    // The cell the keyboard (or a tap) is on; `None` while the map has no focus.
    let cursor = linked.unwrap_or_else(|| RwSignal::new(None::<(usize, usize)>));
    keep_painted(
        canvas,
        move || {
            heat.track();
            cursor.track();
        },
        move |element, surface| {
            if let Some(drawn) = fill {
                if drawn
                    .try_get_untracked()
                    .is_some_and(|w| (w - surface.css_w).abs() > 0.5)
                {
                    drawn.try_set(surface.css_w);
                }
            }
            let at = cursor.get_untracked();
            heat.with_untracked(|h| {
                if let Some(h) = h {
                    paint(element, surface, h, at);
                }
            })
        },
    );
    let height = move || {
        let drawn = fill.map_or(width, |w| w.get().min(width));
        heat.with(|h| h.as_ref().map_or(LABEL, |h| h.css_height(drawn)))
    };
    let with_heat =
        move |f: fn(&Heat) -> String| heat.with(|h| h.as_ref().map(f).unwrap_or_default());
    let published = move |f: fn(&Heat) -> String| publish.then(|| with_heat(f));
    let read = move |(r, k): (usize, usize)| {
        let Some(out) = readout else { return };
        if let Some(text) = heat.with_untracked(|h| h.as_ref().and_then(|h| h.readout(r, k))) {
            out.set(text);
        }
    };
    // A live map (a Transformer that trains) keeps the cursor's readout current.
    Effect::new(move |_| {
        heat.track();
        if let Some(cell) = cursor.get_untracked() {
            read(cell);
        }
    });
    let cell_under = move |ev: &MouseEvent| {
        let (x, y) = offset_xy(ev);
        // The drawn width: CSS may have narrowed the canvas to fit a phone.
        let drawn = canvas
            .get_untracked()
            .map_or(width, |c| f64::from(c.client_width()));
        heat.with_untracked(|h| {
            let h = h.as_ref()?;
            h.cell_at(&h.layout(drawn), (x, y))
        })
    };
    let on_move = move |ev: PointerEvent| {
        if let Some(cell) = cell_under(&ev) {
            if linked.is_some() {
                cursor.set(Some(cell));
            }
            read(cell);
        }
    };
    // A tap reads the cell as hovering does, and marks it.
    let on_down = move |ev: PointerEvent| {
        if readout.is_none() {
            return;
        }
        if let Some(cell) = cell_under(&ev) {
            cursor.set(Some(cell));
            read(cell);
        }
    };
    // Focus starts on the cell a reader sees first, the largest.
    let on_focus = move |_| {
        let start = cursor
            .get_untracked()
            .or_else(|| heat.with_untracked(|h| h.as_ref().map(|h| h.largest().unwrap_or((0, 0)))));
        cursor.set(start);
        if let Some(cell) = start {
            read(cell);
        }
    };
    let on_key = move |ev: KeyboardEvent| {
        let Some(at) = cursor.get_untracked() else {
            return;
        };
        let next = heat.with_untracked(|h| h.as_ref().and_then(|h| h.step(at, &ev.key())));
        if let Some(cell) = next {
            // The arrows move the cursor, not the page.
            ev.prevent_default();
            cursor.set(Some(cell));
            read(cell);
        }
    };
    let open = RwSignal::new(false);
    // Built only while the table is open, like its rows: a live map changes several times a
    // second, and a closed table's header would be rebuilt each time for nobody.
    let heads = move || {
        open.get().then(|| {
            heat.with(|h| {
                h.iter()
                    .flat_map(|h| &h.cols)
                    .map(|c| view! { <th scope="col">{shown(c)}</th> })
                    .collect_view()
            })
        })
    };
    let rows = move || {
        open.get().then(|| {
            heat.with(|h| h.as_ref().map(Heat::table).unwrap_or_default())
                .into_iter()
                .map(|(label, cells)| {
                    view! {
                        <tr>
                            <th scope="row">{label}</th>
                            {cells.into_iter().map(|c| view! { <td class="num">{c}</td> }).collect_view()}
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <div class="heatmap-box">
            <canvas
                node_ref=canvas
                class="heatmap"
                data-testid=testid.clone()
                data-nonblank=move || heat.with(|h| h.as_ref().is_some_and(Heat::nonblank)).to_string()
                data-hash=move || with_heat(Heat::hash)
                data-values=move || published(Heat::values_text)
                data-row-sums=move || published(Heat::row_sums_text)
                data-cursor=move || cursor.get().map(|(r, k)| format!("{r},{k}"))
                role="img"
                aria-label=move || {
                    let words = heat.with(|h| match h {
                        Some(h) => h.describe(&|m| i18n.t(m)),
                        None => i18n.t(Msg::HeatWaiting).to_string(),
                    });
                    format!("{}{}{words}", label.get(), i18n.t(Msg::NameSep))
                }
                tabindex=readout.map(|_| "0")
                style:width=if fill.is_some() { "100%".to_string() } else { format!("{width}px") }
                style:max-width=if fill.is_some() { format!("{width}px") } else { "100%".to_string() }
                style:height=move || format!("{:.0}px", height())
                on:pointermove=on_move
                on:pointerdown=on_down
                on:focus=on_focus
                on:blur=move |_| cursor.set(None)
                on:pointerleave=move |_| {
                    if linked.is_some() {
                        cursor.set(None);
                    }
                }
                on:keydown=on_key
            ></canvas>
            {(!numbers_beside)
                .then(|| {
                    view! {
                        <TableToggle open=open testid=testid.clone() label=label>
                            <thead>
                                <tr>
                                    <td></td>
                                    {heads}
                                </tr>
                            </thead>
                            <tbody>{rows}</tbody>
                        </TableToggle>
                    }
                })}
        </div>
    }
}

/// The colour scale under a map (`aria-hidden`: its numbers are in the map's table and
/// readout): the value each shade stands for, 0 to 1 for attention weights, or from −|max|
/// through 0 to |max| for a signed matrix.
#[component]
pub fn HeatScale(
    /// The map it explains; a signed map's scale ends at its largest magnitude.
    heat: Signal<Option<Heat>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let signed = move || heat.with(|h| h.as_ref().is_some_and(|h| h.signed));
    let end = move || {
        heat.with(|h| match h {
            Some(h) if h.signed => matrix_entry(h.full_scale()),
            _ => "1".to_string(),
        })
    };
    view! {
        <div class="heat-scale" aria-hidden="true" hidden=move || heat.with(Option::is_none)>
            <span class="mono">{move || if signed() { format!("−{}", end()) } else { "0".to_string() }}</span>
            <span class="heat-ramp" style:background-image=move || scale_gradient(ACCENT, NEGATIVE, signed())></span>
            <span class="mono">{end}</span>
            <span class="muted">{move || i18n.t(if signed() { Msg::HeatScaleSigned } else { Msg::HeatScaleWeight })}</span>
        </div>
    }
}
