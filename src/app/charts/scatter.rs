//! The latent-space map: each test digit's code as a dot coloured by its class, the visitor's
//! own pictures as dark squares, 1σ ellipses of posteriors, and a marker that the reader moves by pointer or keyboard to probe the decoder.
//!
//! The frame is drawn by plotters, like the line chart; the dots, ellipses and marker go
//! straight to the 2-D context (thousands of plotters elements would cost a string per dot).
//! Pointer positions are mapped back through exactly the range that was last drawn.

use std::f64::consts::TAU;

use leptos::html::Canvas;
use leptos::prelude::*;
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, KeyboardEvent, PointerEvent};

use super::axes::{draw_mesh, plot_rect, Layout, Ticked};
use super::digits::Atlas;
use super::surface::{capture_press, context_2d, keep_painted, offset_xy, Surface};
use super::table_toggle::TableToggle;
use crate::app::use_i18n;
use crate::i18n::Msg;
use crate::view::cell_grid::CellGrid;
use crate::view::chart_style::{
    self as style, css, css_rgba, edge, CLASS_COLORS, CLASS_FILL_ALPHA, OWN_COLOR,
};
use crate::view::covariance::sigma_axes;
use crate::view::format::{fill, fixed};
use crate::view::lab_state::Probe;
use crate::view::latent_table::class_rows;
use crate::view::latent_words::{map_name, probe_words};
use crate::view::plot_area::PlotArea;
use crate::view::sticky_range::{robust_span, settle};
use crate::view::ticks::{self, Span};

/// Codes to show, with their classes and (for a VAE) a few posteriors.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct ScatterData {
    pub xy: Vec<[f32; 2]>,
    pub labels: Vec<u8>,
    /// σ ellipses: centre and the 2×2 covariance [xx, xy, yy]
    pub ellipses: Vec<([f32; 2], [f32; 3])>,
    /// Codes of the visitor's own pictures.
    pub own: Vec<[f32; 2]>,
}

/// The map. The canvas's `data-points` holds how many dots were drawn, `data-classes` how
/// many class colours among them and `data-own-points` how many of the visitor's pictures.
#[component]
pub fn LatentScatter(
    data: Signal<Option<ScatterData>>,
    /// A marked point (e.g. the code of the user's drawing, or the clicked point), drawn on top.
    marker: Signal<Option<[f32; 2]>>,
    /// Called with the data coordinates while the user clicks or drags (pointer down + move) on
    /// the plot, also from the keyboard (arrow keys move the marker by a small step when the
    /// canvas has focus).
    on_pick: Callback<[f32; 2]>,
    /// The figure's title, which opens the map's accessible name.
    title: Signal<String>,
    x_label: Signal<String>,
    y_label: Signal<String>,
    /// Legend title, e.g. "digit".
    class_label: Signal<String>,
    /// The legend's name for the visitor's own pictures, shown while the map has some.
    own_label: Signal<String>,
    testid: &'static str,
    /// The digit decoded at a point, drawn beside that point while the marker is on it, so
    /// the eye need not leave the map to see what a place in it means.
    #[prop(optional_no_strip)]
    inset: Option<Signal<Option<Probe>>>,
) -> impl IntoView {
    let canvas = NodeRef::<Canvas>::new();
    let drawn = paint_on_change(canvas, data, marker, inset, x_label, y_label);

    // Where the keyboard moves from: the marker when it changes, else the last pick (the
    // marker may only follow once the worker has answered).
    let cursor = StoredValue::new(None::<[f32; 2]>);
    Effect::new(move |_| {
        if let Some(m) = marker.get() {
            cursor.set_value(Some(m));
        }
    });
    let pick = move |p: [f32; 2]| {
        cursor.set_value(Some(p));
        on_pick.run(p);
    };
    let pick_at = move |ev: &PointerEvent| {
        if let Some(view) = drawn.get_value() {
            pick(view.data_at(offset_xy(ev)));
        }
    };

    let pressed = StoredValue::new(false);
    // Captured, a drag that leaves the canvas still moves the marker (clamped).
    let on_down = move |ev: PointerEvent| {
        if capture_press(canvas, &ev) {
            pressed.set_value(true);
            pick_at(&ev);
        }
    };
    let on_move = move |ev: PointerEvent| {
        if pressed.get_value() {
            pick_at(&ev);
        }
    };
    let on_up = move |_: PointerEvent| pressed.set_value(false);
    let i18n = use_i18n();
    let rows = Memo::new(move |_| {
        data.with(|d| {
            d.as_ref()
                .map(|d| class_rows(&d.xy, &d.labels))
                .unwrap_or_default()
        })
    });
    // A probe moved by the keyboard is read out where it lands: a screen reader does not
    // re-read the name of the element that has focus when the name changes.
    let readout = RwSignal::new(String::new());
    let on_key = move |ev: KeyboardEvent| {
        let Some(view) = drawn.get_value() else {
            return;
        };
        if let Some(p) = key_move(&ev, &view, cursor.get_value()) {
            ev.prevent_default();
            pick(p);
            readout.set(rows.with_untracked(|r| probe_words(&|m| i18n.t(m), r, p)));
        }
    };

    let named = move || {
        rows.with(|r| {
            map_name(
                &|m| i18n.t(m),
                &title.get(),
                (&x_label.get(), &y_label.get()),
                r,
                marker.get(),
            )
        })
    };
    view! {
        <div class="chart scatter">
            // An application: the arrow keys move the probe rather than the screen reader's
            // virtual cursor.
            <canvas
                node_ref=canvas
                data-testid=testid
                tabindex="0"
                role="application"
                aria-roledescription=move || i18n.t(Msg::LatentMapRole)
                aria-label=named
                on:pointerdown=on_down
                on:pointermove=on_move
                on:pointerup=on_up
                on:pointercancel=on_up
                on:lostpointercapture=on_up
                on:keydown=on_key
            ></canvas>
            <p class="visually-hidden" aria-live="polite" data-testid=format!("{testid}-probe")>
                {move || readout.get()}
            </p>
            <ClassLegend
                title=class_label
                own_label=own_label
                has_own=Signal::derive(move || data.with(|d| d.as_ref().is_some_and(|d| !d.own.is_empty())))
            />
            <ScatterTable data=data title=title class_label=class_label x_label=x_label y_label=y_label testid=testid />
        </div>
    }
}

/// "Show as table": a row per digit, where its codes sit and how tightly
/// (`view::latent_table`), since a thousand dots are no table to read.
#[component]
fn ScatterTable(
    data: Signal<Option<ScatterData>>,
    title: Signal<String>,
    class_label: Signal<String>,
    x_label: Signal<String>,
    y_label: Signal<String>,
    testid: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let open = RwSignal::new(false);
    let rows = move || {
        open.get().then(|| {
            let rows = data.with(|d| {
                d.as_ref()
                    .map(|d| class_rows(&d.xy, &d.labels))
                    .unwrap_or_default()
            });
            rows.into_iter()
                .map(|r| {
                    view! {
                        <tr>
                            <th scope="row">{r.digit}</th>
                            <td class="num">{r.count}</td>
                            <td class="num">{fixed(r.centre[0], 2)}</td>
                            <td class="num">{fixed(r.centre[1], 2)}</td>
                            <td class="num">{fixed(r.spread, 2)}</td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    let centre = move |axis: Signal<String>| {
        move || fill(i18n.t(Msg::LatentColCentre), &[("axis", &axis.get())])
    };
    let label = title;
    view! {
        <TableToggle open=open testid=testid.to_string() label=label>
                <thead>
                    <tr>
                        <th scope="col">{move || class_label.get()}</th>
                        <th scope="col" class="num">{move || i18n.t(Msg::LatentColCount)}</th>
                        <th scope="col" class="num">{centre(x_label)}</th>
                        <th scope="col" class="num">{centre(y_label)}</th>
                        <th scope="col" class="num">{move || i18n.t(Msg::LatentColSpread)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
        </TableToggle>
    }
}

/// Repaints the map whenever its data, marker or labels change; holds the plot area last drawn,
/// through which pointer positions are mapped back to data.
fn paint_on_change(
    canvas: NodeRef<Canvas>,
    data: Signal<Option<ScatterData>>,
    marker: Signal<Option<[f32; 2]>>,
    inset: Option<Signal<Option<Probe>>>,
    x_label: Signal<String>,
    y_label: Signal<String>,
) -> StoredValue<Option<PlotArea>> {
    let drawn = StoredValue::new(None::<PlotArea>);
    // Local: it holds a canvas and its context.
    let atlas = StoredValue::new_local(inset.and_then(|_| Atlas::new()));
    keep_painted(
        canvas,
        move || {
            data.track();
            marker.track();
            if let Some(inset) = inset {
                inset.track();
            }
            x_label.track();
            y_label.track();
        },
        move |element, surface| {
            let Some(marker) = marker.try_get_untracked() else {
                return;
            };
            data.try_with_untracked(|data| {
                x_label.try_with_untracked(|x| {
                    y_label.try_with_untracked(|y| {
                        let labels = Labels { x, y };
                        let old = drawn.try_get_value().flatten();
                        let view = paint(element, surface, data.as_ref(), marker, labels, old);
                        drawn.try_set_value(view.or(old));
                        // Only beside the marker: not while it rings a drawn digit's code.
                        let beside = |probe: &Option<Probe>| match (probe, view) {
                            (Some((at, image)), Some(view)) if marker == Some(*at) => atlas
                                .with_value(|a| {
                                    a.as_ref().and_then(|a| {
                                        draw_inset(element, &surface, &view, a, *at, image)
                                    })
                                }),
                            _ => None,
                        };
                        let shown = inset.and_then(|i| i.try_with_untracked(beside).flatten());
                        // Where the digit was drawn (CSS px), for a test to check.
                        let _ = match shown {
                            Some((x, y)) => {
                                element.set_attribute("data-inset", &format!("{x:.0},{y:.0}"))
                            }
                            None => element.remove_attribute("data-inset"),
                        };
                    })
                })
            });
        },
    );
    drawn
}

/// Where an arrow key moves the marker from `cursor` (the plot's centre if none): 2% of the
/// plot's width per press, 10% with Shift, clamped to the plot. `None` for any other key.
fn key_move(ev: &KeyboardEvent, view: &PlotArea, cursor: Option<[f32; 2]>) -> Option<[f32; 2]> {
    let (dx, dy) = match ev.key().as_str() {
        "ArrowLeft" => (-1.0, 0.0),
        "ArrowRight" => (1.0, 0.0),
        "ArrowUp" => (0.0, 1.0),
        "ArrowDown" => (0.0, -1.0),
        _ => return None,
    };
    let step = if ev.shift_key() { 0.1 } else { 0.02 };
    let [x, y] = cursor.unwrap_or([
        ((view.x.lo + view.x.hi) / 2.0) as f32,
        ((view.y.lo + view.y.hi) / 2.0) as f32,
    ]);
    Some([
        view.x.clamp(f64::from(x) + dx * step * view.x.width()) as f32,
        view.y.clamp(f64::from(y) + dy * step * view.y.width()) as f32,
    ])
}

/// The ten class colours with their digits, and the own pictures' square while there are any.
#[component]
fn ClassLegend(
    title: Signal<String>,
    own_label: Signal<String>,
    has_own: Signal<bool>,
) -> impl IntoView {
    let items = CLASS_COLORS
        .iter()
        .enumerate()
        .map(|(digit, &color)| {
            view! {
                <li>
                    <span
                        class="class-swatch"
                        style:background=css_rgba(color, 1.0)
                        style:box-shadow=format!("inset 0 0 0 1.5px {}", css_rgba(edge(color), 1.0))
                    ></span>
                    {digit}
                </li>
            }
        })
        .collect_view();
    view! {
        <div class="class-legend">
            <span class="class-legend-title">{move || title.get()}</span>
            <ul>
                {items}
                <li class="own-entry" hidden=move || !has_own.get()>
                    <span class="class-swatch own-swatch" style:background=css_rgba(OWN_COLOR, 1.0)></span>
                    {move || own_label.get()}
                </li>
            </ul>
        </div>
    }
}

struct Labels<'a> {
    x: &'a str,
    y: &'a str,
}

fn paint(
    canvas: &HtmlCanvasElement,
    s: Surface,
    data: Option<&ScatterData>,
    marker: Option<[f32; 2]>,
    labels: Labels,
    old: Option<PlotArea>,
) -> Option<PlotArea> {
    let ctx = context_2d(canvas)?;
    ctx.clear_rect(0.0, 0.0, f64::from(s.px_w), f64::from(s.px_h));

    let finite = |p: &&[f32; 2]| p[0].is_finite() && p[1].is_finite();
    let codes = || {
        data.into_iter()
            .flat_map(|d| d.xy.iter().chain(&d.own))
            .filter(finite)
    };
    let axis = |i: usize, old: Option<Span>| {
        let values = codes().map(|p| f64::from(p[i])).collect();
        let fresh = robust_span(values)
            .or(old)
            .unwrap_or(Span { lo: -2.5, hi: 2.5 });
        settle(old, fresh, marker.map(|m| f64::from(m[i])))
    };
    let x = axis(0, old.map(|v| v.x));
    let y = axis(1, old.map(|v| v.y));

    let backend = CanvasBackend::with_canvas_object(canvas.clone())?;
    let root = backend.into_drawing_area();
    let layout = Layout::new(!labels.x.is_empty(), !labels.y.is_empty());
    let (nx, ny) = layout.tick_budget(&s);
    let (x_ticks, x_step) = ticks::linear(x, nx);
    let (y_ticks, y_step) = ticks::linear(y, ny);
    let mut chart = layout
        .builder(&root, &s)
        .build_cartesian_2d(
            Ticked::<RangedCoordf64>::new(x.lo..x.hi, x_ticks),
            Ticked::<RangedCoordf64>::new(y.lo..y.hi, y_ticks),
        )
        .ok()?;
    let x_fmt = move |v: &f64| ticks::label_linear(*v, x_step);
    let y_fmt = move |v: &f64| ticks::label_linear(*v, y_step);
    if let Err(e) = draw_mesh(&mut chart, &s, labels.x, labels.y, &x_fmt, &y_fmt) {
        web_sys::console::warn_1(&format!("latent map: {e}").into());
    }
    let (left, top, width, height) = plot_rect(&chart);
    let to_px = PlotArea {
        left,
        top,
        width,
        height,
        x,
        y,
    };

    // Outliers beyond the robust range stay inside the frame.
    ctx.save();
    ctx.begin_path();
    ctx.rect(left, top, width + 1.0, height + 1.0);
    ctx.clip();
    // The σ ellipses first: drawn over the dots, they hid them.
    if let Some(d) = data {
        draw_ellipses(&ctx, &s, &to_px, &d.ellipses);
    }
    let (count, classes) = match data {
        Some(d) => draw_dots(&ctx, &s, &to_px, d),
        None => (0, 0),
    };
    let own = data.map_or(0, |d| draw_own(&ctx, &s, &to_px, &d.own));
    if let Some([mx, my]) = marker.filter(|m| m[0].is_finite() && m[1].is_finite()) {
        draw_marker(&ctx, &s, to_px.to_pixels(f64::from(mx), f64::from(my)));
    }
    ctx.restore();

    let _ = canvas.set_attribute("data-points", &count.to_string());
    let _ = canvas.set_attribute("data-classes", &classes.to_string());
    let _ = canvas.set_attribute("data-own-points", &own.to_string());
    Some(to_px.shrunk(s.scale()))
}

/// One translucent dot per code, in data order so that no class is always on top, each edged
/// with its class colour at 3:1 against the page (`palette::edge`), so that the light classes
/// stay visible too. Returns the number of dots and of distinct class colours drawn.
fn draw_dots(
    ctx: &CanvasRenderingContext2d,
    s: &Surface,
    to_px: &PlotArea,
    data: &ScatterData,
) -> (usize, usize) {
    let fills: Vec<String> = CLASS_COLORS
        .iter()
        .map(|&c| css_rgba(c, CLASS_FILL_ALPHA))
        .collect();
    let edges: Vec<String> = CLASS_COLORS
        .iter()
        .map(|&c| css_rgba(edge(c), 0.9))
        .collect();
    let unknown = css_rgba(style::UNKNOWN, 0.5);
    let radius = s.px(style::DOT_RADIUS_PX);
    ctx.set_line_width(s.px(style::DOT_EDGE_PX));
    let mut seen = [false; 10];
    let mut count = 0;
    let mut current = None;
    for (i, p) in data.xy.iter().enumerate() {
        if !(p[0].is_finite() && p[1].is_finite()) {
            continue;
        }
        let class = data
            .labels
            .get(i)
            .map(|&l| usize::from(l))
            .filter(|&l| l < 10);
        if current != Some(class) {
            ctx.set_fill_style_str(class.map_or(&unknown, |c| &fills[c]));
            ctx.set_stroke_style_str(class.map_or(&unknown, |c| &edges[c]));
            current = Some(class);
        }
        if let Some(c) = class {
            seen[c] = true;
        }
        let (px, py) = to_px.to_pixels(f64::from(p[0]), f64::from(p[1]));
        ctx.begin_path();
        let _ = ctx.arc(px, py, radius, 0.0, TAU);
        ctx.fill();
        ctx.stroke();
        count += 1;
    }
    (count, seen.iter().filter(|&&s| s).count())
}

/// The visitor's pictures as dark squares with a white edge, over the digits' dots so a handful
/// among a thousand stays visible. Returns how many were drawn.
fn draw_own(
    ctx: &CanvasRenderingContext2d,
    s: &Surface,
    to_px: &PlotArea,
    own: &[[f32; 2]],
) -> usize {
    let half = s.px(style::OWN_HALF_PX);
    ctx.set_fill_style_str(&css_rgba(OWN_COLOR, 0.85));
    ctx.set_stroke_style_str(&css_rgba(style::PAPER, 0.9));
    ctx.set_line_width(s.px(1.0));
    let mut count = 0;
    for p in own.iter().filter(|p| p[0].is_finite() && p[1].is_finite()) {
        let (px, py) = to_px.to_pixels(f64::from(p[0]), f64::from(p[1]));
        ctx.fill_rect(px - half, py - half, 2.0 * half, 2.0 * half);
        ctx.stroke_rect(px - half, py - half, 2.0 * half, 2.0 * half);
        count += 1;
    }
    count
}

/// The 1σ contour of each Gaussian: the unit circle stretched along the covariance's
/// eigenvectors by the square roots of its eigenvalues, mapped point by point so that it stays
/// right when the axes have different scales.
fn draw_ellipses(
    ctx: &CanvasRenderingContext2d,
    s: &Surface,
    to_px: &PlotArea,
    ellipses: &[([f32; 2], [f32; 3])],
) {
    // Thin and half-tone, under the dots: an outline of where a code may fall, not a mark
    // that competes with the codes (still 3:1 against the card).
    ctx.set_stroke_style_str(&css_rgba(style::INK, style::ELLIPSE_ALPHA));
    ctx.set_line_width(s.px(style::ELLIPSE_PX));
    for &([cx, cy], cov) in ellipses {
        let Some((a, b)) = sigma_axes(cov) else {
            continue;
        };
        let (cx, cy) = (f64::from(cx), f64::from(cy));
        if !(cx.is_finite() && cy.is_finite()) {
            continue;
        }
        ctx.begin_path();
        for k in 0..=48 {
            let t = TAU * f64::from(k) / 48.0;
            let (c, sn) = (t.cos(), t.sin());
            let (px, py) = to_px.to_pixels(cx + c * a[0] + sn * b[0], cy + c * a[1] + sn * b[1]);
            if k == 0 {
                ctx.move_to(px, py);
            } else {
                ctx.line_to(px, py);
            }
        }
        ctx.close_path();
        ctx.stroke();
    }
}

/// The decoded digit on a white card with an ink edge, beside the probe at `at`, three
/// pixels to each of its own (nearest neighbour, so the pixels show as pixels). Returns its
/// top-left corner in CSS pixels.
fn draw_inset(
    canvas: &HtmlCanvasElement,
    s: &Surface,
    view: &PlotArea,
    atlas: &Atlas,
    at: [f32; 2],
    image: &[u8],
) -> Option<(f64, f64)> {
    let ctx = context_2d(canvas)?;
    // The plot area as drawn is kept in CSS pixels; the canvas draws in backing ones.
    let px = view.shrunk(1.0 / s.scale());
    let probe = px.to_pixels(f64::from(at[0]), f64::from(at[1]));
    let side = s.px(style::INSET_PX);
    let (x, y) = px.beside(
        probe,
        side,
        s.px(style::PROBE_RADIUS_PX + style::PROBE_TICK_PX),
    );
    let grid = CellGrid {
        cols: 1,
        rows: 1,
        cell: 28.0,
        gap: 0.0,
    };
    atlas.upload(grid, &[image]);
    let edge = s.px(style::DOT_EDGE_PX.max(1.0));
    ctx.set_fill_style_str(&css(style::PAPER));
    ctx.fill_rect(
        x - 2.0 * edge,
        y - 2.0 * edge,
        side + 4.0 * edge,
        side + 4.0 * edge,
    );
    ctx.set_image_smoothing_enabled(false);
    let _ = ctx.draw_image_with_html_canvas_element_and_sw_and_sh_and_dx_and_dy_and_dw_and_dh(
        atlas.canvas(),
        0.0,
        0.0,
        28.0,
        28.0,
        x,
        y,
        side,
        side,
    );
    ctx.set_stroke_style_str(&css(style::INK));
    ctx.set_line_width(edge);
    ctx.stroke_rect(x - edge, y - edge, side + 2.0 * edge, side + 2.0 * edge);
    Some((x / s.scale(), y / s.scale()))
}

/// A ring with four ticks, dark on a white halo, so it reads over dots of any colour.
fn draw_marker(ctx: &CanvasRenderingContext2d, s: &Surface, (x, y): (f64, f64)) {
    let r = s.px(style::PROBE_RADIUS_PX);
    let tick = s.px(style::PROBE_TICK_PX);
    let shape = || {
        ctx.begin_path();
        let _ = ctx.arc(x, y, r, 0.0, TAU);
        for (dx, dy) in [(1.0, 0.0), (-1.0, 0.0), (0.0, 1.0), (0.0, -1.0)] {
            ctx.move_to(x + dx * r, y + dy * r);
            ctx.line_to(x + dx * (r + tick), y + dy * (r + tick));
        }
    };
    ctx.set_line_cap("round");
    shape();
    ctx.set_stroke_style_str(&css_rgba(style::PAPER, 0.95));
    ctx.set_line_width(s.px(style::PROBE_HALO_PX));
    ctx.stroke();
    shape();
    ctx.set_stroke_style_str(&css(style::INK));
    ctx.set_line_width(s.px(style::PROBE_RING_PX));
    ctx.stroke();
}
