//! The frame of a plot, shared by the line chart and the latent map: label areas sized for
//! the screen, a light grid, and tick labels in the page's font and colours.
//!
//! Everything is drawn in backing-store pixels, so every length here is a CSS length times
//! the surface's scale. Tick positions come from [`super::ticks`]; plotters draws them.

use std::ops::Range;

use plotters::chart::ChartContext;
use plotters::coord::cartesian::Cartesian2d;
use plotters::coord::ranged1d::{DefaultFormatting, KeyPointHint, Ranged, ValueFormatter};
use plotters::drawing::DrawingAreaErrorKind;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;

use super::surface::Surface;
use crate::view::chart_style as style;

/// A colour of the chart style, as plotters takes it.
pub fn rgb((r, g, b): style::Rgb) -> RGBColor {
    RGBColor(r, g, b)
}

/// The error of a plotters drawing on a canvas (plotters-canvas does not export its name).
pub type CanvasError = <CanvasBackend as DrawingBackend>::ErrorType;

/// An axis with the ticks we chose. Plotters' `WithKeyPoints` does the same but, around its
/// linear f64 axis, loses the label formatting the mesh needs; this one keeps it.
pub struct Ticked<R> {
    inner: R,
    ticks: Vec<f64>,
}

impl<R: Ranged<ValueType = f64>> Ticked<R> {
    pub fn new(inner: impl Into<R>, ticks: Vec<f64>) -> Ticked<R> {
        Ticked {
            inner: inner.into(),
            ticks,
        }
    }
}

impl<R: Ranged<ValueType = f64>> Ranged for Ticked<R> {
    type FormatOption = DefaultFormatting;
    type ValueType = f64;

    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        self.inner.map(value, limit)
    }

    /// The ticks for bold grid lines and labels; no light lines in between.
    fn key_points<H: KeyPointHint>(&self, hint: H) -> Vec<f64> {
        if hint.weight().allow_light_points() {
            Vec::new()
        } else {
            self.ticks.clone()
        }
    }

    fn range(&self) -> Range<f64> {
        self.inner.range()
    }
}

/// Label-area and margin sizes in CSS pixels. Wide enough for labels like "0.0123" and "12k".
pub struct Layout {
    pub top: f64,
    pub right: f64,
    pub x_area: f64,
    pub y_area: f64,
}

impl Layout {
    pub fn new(has_x_desc: bool, has_y_desc: bool) -> Layout {
        Layout {
            top: 10.0,
            right: 14.0,
            x_area: if has_x_desc { 36.0 } else { 22.0 },
            y_area: if has_y_desc { 58.0 } else { 44.0 },
        }
    }

    /// How many ticks fit along the plot: about one per 70 CSS px across, 34 px up.
    pub fn tick_budget(&self, s: &Surface) -> (usize, usize) {
        let w = s.css_w - self.y_area - self.right;
        let h = s.css_h - self.x_area - self.top;
        (
            ((w / 70.0).floor() as usize).clamp(2, 10),
            ((h / 34.0).floor() as usize).clamp(2, 8),
        )
    }

    /// A chart builder on `root` with these areas.
    pub fn builder<'a, 'b>(
        &self,
        root: &'a DrawingArea<CanvasBackend, plotters::coord::Shift>,
        s: &Surface,
    ) -> ChartBuilder<'a, 'b, CanvasBackend> {
        let mut builder = ChartBuilder::on(root);
        builder
            .margin_top(s.px(self.top) as u32)
            .margin_right(s.px(self.right) as u32)
            .x_label_area_size(s.px(self.x_area) as u32)
            .y_label_area_size(s.px(self.y_area) as u32);
        builder
    }
}

/// Grid, axes, tick labels and axis titles. The coordinates carry their own tick positions
/// (`with_key_points`), so plotters draws exactly the ticks computed in `ticks`.
pub fn draw_mesh<X, Y>(
    chart: &mut ChartContext<'_, CanvasBackend, Cartesian2d<X, Y>>,
    s: &Surface,
    x_desc: &str,
    y_desc: &str,
    x_fmt: &dyn Fn(&f64) -> String,
    y_fmt: &dyn Fn(&f64) -> String,
) -> Result<(), DrawingAreaErrorKind<CanvasError>>
where
    X: Ranged<ValueType = f64> + ValueFormatter<f64>,
    Y: Ranged<ValueType = f64> + ValueFormatter<f64>,
{
    let thin = s.px(1.0).round().max(1.0) as u32;
    let mut mesh = chart.configure_mesh();
    mesh.bold_line_style(rgb(style::GRID).stroke_width(thin))
        .light_line_style(TRANSPARENT)
        .axis_style(rgb(style::AXIS).stroke_width(thin))
        .set_all_tick_mark_size(s.px(style::TICK_MARK_PX) as i32)
        .label_style(
            (style::FONT, s.px(style::TICK_LABEL_PX))
                .into_font()
                .color(&rgb(style::MUTED)),
        )
        .axis_desc_style(
            (style::FONT, s.px(style::AXIS_TITLE_PX))
                .into_font()
                .color(&rgb(style::INK)),
        )
        .x_label_formatter(x_fmt)
        .y_label_formatter(y_fmt);
    if !x_desc.is_empty() {
        mesh.x_desc(x_desc);
    }
    if !y_desc.is_empty() {
        mesh.y_desc(y_desc);
    }
    mesh.draw()
}

/// The plot area in backing-store pixels as plotters maps values onto it: left, top, and the
/// distance to the last column and row (the right and bottom edges are exclusive).
pub fn plot_rect<X: Ranged, Y: Ranged>(
    chart: &ChartContext<'_, CanvasBackend, Cartesian2d<X, Y>>,
) -> (f64, f64, f64, f64) {
    let (xs, ys) = chart.plotting_area().get_pixel_range();
    (
        f64::from(xs.start),
        f64::from(ys.start),
        f64::from(xs.end - 1 - xs.start).max(1.0),
        f64::from(ys.end - 1 - ys.start).max(1.0),
    )
}
