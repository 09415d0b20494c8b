//! A live line chart (loss against step), drawn by plotters on a canvas, with an HTML legend.
//!
//! Plotters (https://github.com/plotters-rs/plotters) draws axes, grid and lines through
//! plotters-canvas; the legend is HTML so that it is sharp, wraps on a phone and follows the
//! language. Redraws are coalesced to one per animation frame by [`keep_painted`].

use leptos::html::Canvas;
use leptos::prelude::*;
use plotters::coord::ranged1d::ValueFormatter;
use plotters::coord::types::RangedCoordf64;
use plotters::drawing::DrawingAreaErrorKind;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use web_sys::HtmlCanvasElement;

use super::axes::{draw_mesh, plot_rect, CanvasError, Layout, Ticked};
use super::surface::{context_2d, keep_painted, Surface};
use super::table_toggle::TableToggle;
use crate::app::use_i18n;
use crate::i18n::Msg;
use crate::view::chart_marks::{marked_points, Mark};
use crate::view::chart_style::{self as style, css_rgba};
use crate::view::chart_table::chart_table;
use crate::view::chart_words::chart_words;
use crate::view::format::{fill, group_thousands};
use crate::view::line_labels;
use crate::view::ticks::{self, Span};

/// One line of a chart: its legend label, colour, and (x, y) points in drawing order.
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    pub label: String,
    pub color: (u8, u8, u8),
    pub points: Vec<(f64, f64)>,
    pub dashed: bool,
}

/// A line chart of `series`. Points that are not finite, or not positive on a log axis, are
/// left out and break the line there. The canvas's `data-points` holds how many were drawn.
#[component]
pub fn LineChart(
    series: Signal<Vec<Series>>,
    x_label: Signal<String>,
    y_label: Signal<String>,
    #[prop(optional)] log_y: bool,
    #[prop(optional)] log_x: bool,
    testid: &'static str,
    #[prop(optional)] aria_label: Option<Signal<String>>,
    /// A heading of its own, for charts that share a figure (the VAE's three terms); it also
    /// begins the chart's name.
    #[prop(optional)]
    title: Option<Signal<String>>,
) -> impl IntoView {
    let canvas = NodeRef::<Canvas>::new();
    let scales = Scales { log_x, log_y };
    // Whether the lines carry their labels on the canvas; the legend is then not needed.
    let direct = RwSignal::new(false);
    keep_painted(
        canvas,
        move || {
            series.track();
            x_label.track();
            y_label.track();
        },
        move |element, surface| {
            // `try_`: a frame may come after the chart was removed.
            series.try_with_untracked(|all| {
                x_label.try_with_untracked(|x| {
                    y_label.try_with_untracked(|y| {
                        let labelled = paint(element, surface, all, x, y, scales);
                        if direct.try_get_untracked() != Some(labelled) {
                            direct.try_set(labelled);
                        }
                    })
                })
            });
        },
    );

    // Entries change only when a label does, not with every new point.
    let legend = Memo::new(move |_| {
        series.with(|all| {
            all.iter()
                .enumerate()
                .filter(|(_, s)| !s.label.is_empty())
                .map(|(i, s)| (s.label.clone(), s.color, s.dashed, Mark::of(i)))
                .collect::<Vec<_>>()
        })
    });
    let entries = move || {
        legend
            .get()
            .into_iter()
            .map(|(label, color, dashed, mark)| {
                let (line, glyph) = (css_rgba(color, 1.0), css_rgba(color, 1.0));
                view! {
                    <li data-mark=mark.name()>
                        <span
                            class="chart-swatch"
                            class:dashed=dashed
                            style:border-top-color=line
                        >
                            <span class="chart-mark" aria-hidden="true" style:color=glyph>
                                {mark.glyph()}
                            </span>
                        </span>
                        {label}
                    </li>
                }
            })
            .collect_view()
    };
    // Named by what it shows now: each series' latest value (`view::chart_words`).
    let i18n = use_i18n();
    let described = move || {
        let words = match aria_label {
            Some(label) => label.get(),
            None => series.with(|all| {
                let each: Vec<(&str, &[(f64, f64)])> = all
                    .iter()
                    .map(|s| (s.label.as_str(), s.points.as_slice()))
                    .collect();
                chart_words(&|m| i18n.t(m), &y_label.get(), &x_label.get(), &each)
            }),
        };
        match title {
            Some(title) => format!("{}{}{words}", title.get(), i18n.t(Msg::NameSep)),
            None => words,
        }
    };

    // Points at fewer than two steps are not yet a line (a first evaluation, say): say so
    // instead of showing lone dots on a linear x axis made up around them.
    let empty = Memo::new(move |_| {
        series.with(|all| {
            let mut xs = all.iter().flat_map(|s| &s.points).filter_map(|&(x, y)| {
                (x.is_finite() && y.is_finite() && (!log_x || x > 0.0) && (!log_y || y > 0.0))
                    .then_some(x)
            });
            // A log axis still spans a real decade around one x (accuracy at the first K).
            xs.next()
                .is_none_or(|first| !log_x && xs.all(|x| x == first))
        })
    });

    view! {
        <div class="chart">
            {title.map(|title| view! { <p class="chart-title">{title}</p> })}
            <div class="chart-plot">
                <canvas node_ref=canvas data-testid=testid role="img" aria-label=described></canvas>
                <p class="chart-empty" aria-hidden="true" hidden=move || !empty.get()>
                    {move || i18n.t(Msg::ChartEmpty)}
                </p>
            </div>
            <ul class="chart-legend" hidden=move || direct.get()>{entries}</ul>
            <ChartTableView series=series x_label=x_label y_label=y_label testid=testid />
        </div>
    }
}

/// Rows a chart's table shows at most: enough to read the curve's shape, few enough to read.
const TABLE_ROWS: usize = 40;

/// "Show as table": the same series as numbers, a row per step, thinned to `TABLE_ROWS`.
#[component]
fn ChartTableView(
    series: Signal<Vec<Series>>,
    x_label: Signal<String>,
    y_label: Signal<String>,
    testid: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let open = RwSignal::new(false);
    let table = Memo::new(move |_| {
        if !open.get() {
            return None;
        }
        Some(series.with(|all| {
            let each: Vec<(&str, &[(f64, f64)])> = all
                .iter()
                .map(|s| (s.label.as_str(), s.points.as_slice()))
                .collect();
            chart_table(&each, TABLE_ROWS)
        }))
    });
    let heads = move || {
        series.with(|all| {
            all.iter()
                .filter(|s| !s.label.is_empty())
                .map(|s| view! { <th scope="col" class="num">{s.label.clone()}</th> })
                .collect_view()
        })
    };
    let rows = move || {
        table.get().map(|t| {
            t.rows
                .into_iter()
                .map(|(x, cells)| {
                    view! {
                        <tr>
                            <th scope="row" class="num">{x}</th>
                            {cells.into_iter().map(|c| view! { <td class="num">{c}</td> }).collect_view()}
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    let thinned = move || {
        table.get().and_then(|t| {
            (t.total > t.rows.len()).then(|| {
                fill(
                    i18n.t(Msg::ChartTableThinned),
                    &[
                        ("rows", &t.rows.len().to_string()),
                        ("total", &group_thousands(t.total as u64)),
                    ],
                )
            })
        })
    };
    let label = Signal::derive(move || {
        fill(
            i18n.t(Msg::ChartAxes),
            &[("y", &y_label.get()), ("x", &x_label.get())],
        )
    });
    view! {
        <TableToggle open=open testid=testid.to_string() label=label>
            <thead>
                <tr>
                    <th scope="col" class="num">{move || x_label.get()}</th>
                    {heads}
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </TableToggle>
        <p class="muted small" hidden=move || thinned().is_none()>{thinned}</p>
    }
}

#[derive(Clone, Copy)]
struct Scales {
    log_x: bool,
    log_y: bool,
}

impl Scales {
    fn drawable(&self, &(x, y): &(f64, f64)) -> bool {
        x.is_finite() && y.is_finite() && (!self.log_x || x > 0.0) && (!self.log_y || y > 0.0)
    }
}

/// A formatter for tick labels, chosen with the axis.
type Labeller = Box<dyn Fn(&f64) -> String>;

/// Paints the chart; returns whether its lines are labelled on the canvas (`line_labels`).
fn paint(
    canvas: &HtmlCanvasElement,
    s: Surface,
    all: &[Series],
    x_desc: &str,
    y_desc: &str,
    scales: Scales,
) -> bool {
    let Some(ctx) = context_2d(canvas) else {
        return false;
    };
    ctx.clear_rect(0.0, 0.0, f64::from(s.px_w), f64::from(s.px_h));
    // Plotters leaves joins to the canvas; the default mitre spikes on a noisy loss curve.
    ctx.set_line_join("round");

    let points = || {
        all.iter()
            .flat_map(|series| series.points.iter())
            .filter(|p| scales.drawable(p))
    };
    // With nothing to show, empty axes still say what will be plotted.
    let empty = |log: bool| {
        if log {
            Span { lo: 0.01, hi: 1.0 }
        } else {
            Span { lo: 0.0, hi: 1.0 }
        }
    };
    let x_span =
        Span::of(points().map(|p| p.0), scales.log_x).unwrap_or_else(|| empty(scales.log_x));
    let y_span = Span::of(points().map(|p| p.1), scales.log_y)
        .map(|span| span.padded(0.05, scales.log_y))
        .unwrap_or_else(|| empty(scales.log_y));

    let Some(backend) = CanvasBackend::with_canvas_object(canvas.clone()) else {
        return false;
    };
    let root = backend.into_drawing_area();
    let mut layout = Layout::new(!x_desc.is_empty(), !y_desc.is_empty());
    // Labels at the lines' ends, if the chart is wide enough for them; chosen from the labels
    // alone, so the legend does not come and go as points arrive.
    let widths: Vec<f64> = all
        .iter()
        .filter(|series| !series.label.is_empty())
        .map(|series| line_labels::text_width(&series.label, style::LINE_LABEL_PX))
        .collect();
    let margin = line_labels::margin(&widths, s.css_w);
    if let Some(m) = margin {
        layout.right = m;
    }
    let (nx, ny) = layout.tick_budget(&s);
    let plot = Plot {
        layout: &layout,
        s: &s,
        all,
        scales,
        x_desc,
        y_desc,
    };
    let drawn = match (scales.log_x, scales.log_y) {
        (false, false) => plot.draw(&root, linear(x_span, nx), linear(y_span, ny)),
        (false, true) => plot.draw(&root, linear(x_span, nx), log(y_span, ny)),
        (true, false) => plot.draw(&root, log(x_span, nx), linear(y_span, ny)),
        (true, true) => plot.draw(&root, log(x_span, nx), log(y_span, ny)),
    };
    match drawn {
        Ok(drawn) => {
            let _ = canvas.set_attribute("data-points", &drawn.count.to_string());
            if margin.is_some() {
                label_ends(&ctx, &s, all, &drawn);
                let _ = canvas.set_attribute("data-labels", "direct");
            } else {
                let _ = canvas.remove_attribute("data-labels");
            }
        }
        Err(e) => web_sys::console::warn_1(&format!("line chart: {e}").into()),
    }
    margin.is_some()
}

/// Each labelled line's name in the margin right of the plot, level with the line's last
/// point and nudged apart from the others, after a mark of the line's shape and colour. The
/// words are in ink, since a series colour is only bright enough for lines, not for text.
fn label_ends(ctx: &web_sys::CanvasRenderingContext2d, s: &Surface, all: &[Series], drawn: &Drawn) {
    let labelled: Vec<(usize, f64)> = drawn
        .ends
        .iter()
        .enumerate()
        .filter(|&(i, _)| !all[i].label.is_empty())
        .filter_map(|(i, end)| end.map(|y| (i, y)))
        .collect();
    let wanted: Vec<f64> = labelled.iter().map(|&(_, y)| y).collect();
    let (left, top, w, h) = drawn.rect;
    let gap = s.px(style::LINE_LABEL_PX + 3.0);
    let ys = line_labels::spread(&wanted, gap, top, top + h);
    let x = left + w + s.px(style::LINE_LABEL_GAP_PX);
    // The context keeps the alignment plotters last drew its tick labels with.
    ctx.set_text_align("left");
    ctx.set_text_baseline("middle");
    for (&(i, _), y) in labelled.iter().zip(ys) {
        let series = &all[i];
        ctx.set_font(&format!(
            "{}px {}",
            s.px(style::LINE_LABEL_PX + 1.0),
            style::FONT
        ));
        ctx.set_fill_style_str(&css_rgba(series.color, 1.0));
        let _ = ctx.fill_text(Mark::of(i).glyph(), x, y);
        ctx.set_font(&format!("{}px {}", s.px(style::LINE_LABEL_PX), style::FONT));
        ctx.set_fill_style_str(&style::css(style::INK));
        let _ = ctx.fill_text(&series.label, x + s.px(style::LINE_LABEL_MARK_PX), y);
    }
}

/// What one paint drew: how many points, each series' last drawn point (its height in
/// backing-store pixels), and the plot area (`axes::plot_rect`).
struct Drawn {
    count: usize,
    ends: Vec<Option<f64>>,
    rect: (f64, f64, f64, f64),
}

fn linear(span: Span, max: usize) -> (Ticked<RangedCoordf64>, Labeller) {
    let (ticks, step) = ticks::linear(span, max);
    (
        Ticked::new(span.lo..span.hi, ticks),
        Box::new(move |v: &f64| ticks::label_linear(*v, step)),
    )
}

fn log(span: Span, max: usize) -> (Ticked<LogCoord<f64>>, Labeller) {
    let ticks = ticks::log(span, max);
    (
        Ticked::new((span.lo..span.hi).log_scale(), ticks),
        Box::new(|v: &f64| ticks::label_compact(*v)),
    )
}

/// What one paint draws, apart from the coordinate types, which vary with the scales.
struct Plot<'a> {
    layout: &'a Layout,
    s: &'a Surface,
    all: &'a [Series],
    scales: Scales,
    x_desc: &'a str,
    y_desc: &'a str,
}

impl Plot<'_> {
    /// Draws the frame and the lines.
    fn draw<X, Y>(
        &self,
        root: &DrawingArea<CanvasBackend, plotters::coord::Shift>,
        (x, x_fmt): (X, Labeller),
        (y, y_fmt): (Y, Labeller),
    ) -> Result<Drawn, DrawingAreaErrorKind<CanvasError>>
    where
        X: Ranged<ValueType = f64> + ValueFormatter<f64>,
        Y: Ranged<ValueType = f64> + ValueFormatter<f64>,
    {
        let mut chart = self.layout.builder(root, self.s).build_cartesian_2d(x, y)?;
        draw_mesh(
            &mut chart,
            self.s,
            self.x_desc,
            self.y_desc,
            &*x_fmt,
            &*y_fmt,
        )?;

        let width = self.s.px(style::LINE_PX).round().max(1.0) as u32;
        let (dash, gap) = (
            self.s.px(style::DASH_PX.0) as i32,
            self.s.px(style::DASH_PX.1) as i32,
        );
        let mut count = 0;
        let lines = self.all.len();
        for (i, series) in self.all.iter().enumerate() {
            let (r, g, b) = series.color;
            let style = RGBColor(r, g, b).stroke_width(width);
            // A point that cannot be drawn breaks the line instead of bridging the gap.
            for run in series
                .points
                .split(|p| !self.scales.drawable(p))
                .filter(|run| !run.is_empty())
            {
                count += run.len();
                if run.len() == 1 {
                    chart.draw_series(std::iter::once(Circle::new(
                        run[0],
                        width + 1,
                        style.filled(),
                    )))?;
                } else if series.dashed {
                    chart.draw_series(DashedLineSeries::new(
                        run.iter().copied(),
                        dash,
                        gap,
                        style,
                    ))?;
                } else {
                    chart.draw_series(LineSeries::new(run.iter().copied(), style))?;
                }
            }
            let marked = marked_points(series.points.len(), i, lines)
                .map(|at| series.points[at])
                .filter(|p| self.scales.drawable(p));
            let size = self.s.px(style::MARK_PX).round() as i32;
            draw_marks(&mut chart, marked, Mark::of(i), size, style)?;
        }
        let ends = self
            .all
            .iter()
            .map(|series| {
                let last = series.points.iter().rev().find(|p| self.scales.drawable(p));
                last.map(|p| f64::from(chart.backend_coord(p).1))
            })
            .collect();
        Ok(Drawn {
            count,
            ends,
            rect: plot_rect(&chart),
        })
    }
}

/// Draws `mark` at each of `points`, `size` device pixels from its centre to its edge.
fn draw_marks<DB: DrawingBackend, CT: CoordTranslate<From = (f64, f64)>>(
    chart: &mut ChartContext<'_, DB, CT>,
    points: impl Iterator<Item = (f64, f64)>,
    mark: Mark,
    size: i32,
    style: ShapeStyle,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let filled = style.filled();
    match mark {
        Mark::Circle => {
            chart.draw_series(points.map(|p| Circle::new(p, size, filled)))?;
        }
        Mark::Square => {
            // A square of the circle's area looks the same size.
            let half = (f64::from(size) * 0.886).round() as i32;
            chart.draw_series(points.map(|p| {
                EmptyElement::at(p) + Rectangle::new([(-half, -half), (half, half)], filled)
            }))?;
        }
        Mark::Triangle => {
            chart.draw_series(points.map(|p| TriangleMarker::new(p, size + 1, filled)))?;
        }
        Mark::Cross => {
            chart.draw_series(points.map(|p| Cross::new(p, size, style)))?;
        }
    }
    Ok(())
}
