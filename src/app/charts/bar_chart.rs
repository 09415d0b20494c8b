//! A grouped bar chart (one group per setting, one bar per system), drawn by plotters on a
//! canvas with an HTML legend, like the line chart.

use leptos::html::Canvas;
use leptos::prelude::*;
use plotters::coord::types::RangedCoordf64;
use plotters::drawing::DrawingAreaErrorKind;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use web_sys::HtmlCanvasElement;

use super::axes::{draw_mesh, CanvasError, Layout, Ticked};
use super::surface::{context_2d, keep_painted, Surface};
use crate::app::use_i18n;
use crate::view::chart_style::css_rgba;
use crate::view::chart_words::bar_words;
use crate::view::ticks::{self, Span};

/// Bars: `values[g][b]` is bar `b` of group `g`; NaN leaves a gap.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Bars {
    pub groups: Vec<String>,
    /// (legend label, colour) of each bar within a group.
    pub bars: Vec<(String, (u8, u8, u8))>,
    pub values: Vec<Vec<f64>>,
}

#[component]
pub fn BarChart(
    bars: Signal<Bars>,
    x_label: Signal<String>,
    y_label: Signal<String>,
    testid: &'static str,
) -> impl IntoView {
    let canvas = NodeRef::<Canvas>::new();
    keep_painted(
        canvas,
        move || {
            bars.track();
            x_label.track();
            y_label.track();
        },
        move |element, surface| {
            bars.try_with_untracked(|b| {
                x_label.try_with_untracked(|x| {
                    y_label.try_with_untracked(|y| match paint(element, surface, b, x, y) {
                        Ok(count) => {
                            let _ = element.set_attribute("data-bars", &count.to_string());
                        }
                        Err(e) => web_sys::console::warn_1(&format!("bar chart: {e}").into()),
                    })
                })
            });
        },
    );
    let legend = move || {
        bars.with(|b| {
            b.bars
                .iter()
                .map(|(label, color)| {
                    view! {
                        <li>
                            <span class="chart-swatch bar" style:background=css_rgba(*color, 1.0)></span>
                            {label.clone()}
                        </li>
                    }
                })
                .collect_view()
        })
    };
    let i18n = use_i18n();
    // Its name gives every bar, as the line chart's gives each series' last point.
    let described = move || {
        bars.with(|b| {
            let names: Vec<String> = b.bars.iter().map(|(label, _)| label.clone()).collect();
            bar_words(&|m| i18n.t(m), &y_label.get(), &b.groups, &names, &b.values)
        })
    };
    view! {
        <div class="chart">
            <canvas node_ref=canvas data-testid=testid role="img" aria-label=described></canvas>
            <ul class="chart-legend">{legend}</ul>
        </div>
    }
}

fn paint(
    canvas: &HtmlCanvasElement,
    s: Surface,
    b: &Bars,
    x_desc: &str,
    y_desc: &str,
) -> Result<usize, DrawingAreaErrorKind<CanvasError>> {
    let Some(ctx) = context_2d(canvas) else {
        return Ok(0);
    };
    ctx.clear_rect(0.0, 0.0, f64::from(s.px_w), f64::from(s.px_h));
    let Some(backend) = CanvasBackend::with_canvas_object(canvas.clone()) else {
        return Ok(0);
    };
    let root = backend.into_drawing_area();
    let layout = Layout::new(!x_desc.is_empty(), !y_desc.is_empty());
    let (_, ny) = layout.tick_budget(&s);
    let top = b
        .values
        .iter()
        .flatten()
        .copied()
        .filter(|v| v.is_finite())
        .fold(0.0, f64::max);
    let span = Span {
        lo: 0.0,
        hi: if top > 0.0 { top * 1.08 } else { 1.0 },
    };
    let (y_ticks, step) = ticks::linear(span, ny);
    let groups = b.groups.len().max(1);
    // Group g spans [g, g + 1); its label sits at the middle.
    let centres: Vec<f64> = (0..groups).map(|g| g as f64 + 0.5).collect();
    let mut chart = layout.builder(&root, &s).build_cartesian_2d(
        Ticked::<RangedCoordf64>::new(0.0..groups as f64, centres),
        Ticked::<RangedCoordf64>::new(span.lo..span.hi, y_ticks),
    )?;
    let group_label = |v: &f64| {
        b.groups
            .get(v.floor() as usize)
            .cloned()
            .unwrap_or_default()
    };
    draw_mesh(&mut chart, &s, x_desc, y_desc, &group_label, &|v: &f64| {
        ticks::label_linear(*v, step)
    })?;
    let n = b.bars.len().max(1) as f64;
    let width = 0.8 / n;
    let mut count = 0;
    for (g, values) in b.values.iter().enumerate() {
        for (i, (&v, (_, (r, gr, bl)))) in values.iter().zip(&b.bars).enumerate() {
            if !v.is_finite() {
                continue;
            }
            let x0 = g as f64 + 0.1 + i as f64 * width;
            chart.draw_series(std::iter::once(Rectangle::new(
                [(x0, 0.0), (x0 + width * 0.9, v)],
                RGBColor(*r, *gr, *bl).filled(),
            )))?;
            count += 1;
        }
    }
    Ok(count)
}
