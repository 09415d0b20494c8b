//! One visual language for every figure: the inks, strokes, marks and type that the line and
//! bar charts, the latent map, the heatmaps, the digit grids and the draw pad all paint with.
//! Each chart takes its look from here, so a change of style is one edit, and two charts never
//! drift apart (the VAE once drew "test" in three colours). Colours of data (the ten classes,
//! the series, train and held-out) are in [`super::palette`], re-exported here with their
//! checks; the lengths are CSS pixels, scaled to the backing store by the chart.
//!
//! A native test below keeps every chart honest: no colour is written anywhere in
//! `src/app/charts` but here.

pub use super::palette::{
    css_rgba, edge, CLASS_COLORS, CLASS_FILL_ALPHA, HELD_OUT, OWN_COLOR, SERIES, TRAIN,
};

/// An sRGB colour.
pub type Rgb = (u8, u8, u8);

/// The page's font stack (www/style.css), so figure text matches the prose in both languages.
pub const FONT: &str = "system-ui, -apple-system, \"Segoe UI\", Roboto, \"Noto Sans\", \
                        \"PingFang SC\", \"Microsoft YaHei\", \"Noto Sans CJK SC\", sans-serif";
/// Labels that are characters of a sequence (a heatmap's tokens) line up in a fixed width.
pub const MONO: &str = "ui-monospace, Menlo, Consolas, monospace";

/// The card a figure sits on (`--surface`).
pub const PAPER: Rgb = (0xff, 0xff, 0xff);
/// `--ink`: text, digits' ink, outlines that must show on any cell.
pub const INK: Rgb = (0x1d, 0x23, 0x29);
/// `--muted`: tick labels.
pub const MUTED: Rgb = (0x5b, 0x66, 0x70);
/// `--line`: the rules between digits of a grid.
pub const RULE: Rgb = (0xe3, 0xe0, 0xd8);
/// The axes, darker than the grid so the frame reads first.
pub const AXIS: Rgb = (0xc9, 0xc5, 0xbb);
pub const GRID: Rgb = (0xee, 0xec, 0xe6);
/// `--accent`: what the visitor picked or is drawing, and positive cells of a heatmap.
pub const ACCENT: Rgb = (0x2f, 0x5b, 0xd3);
/// Negative cells of a signed heatmap: an orange that stays apart from the accent for the
/// common red-green colour blindnesses.
pub const NEGATIVE: Rgb = (0xd6, 0x60, 0x18);
/// A cell a mask set to −∞, and its hatch, so it never reads as a small weight.
pub const MASKED: Rgb = (0xeb, 0xe8, 0xe1);
pub const HATCH: Rgb = (0xc9, 0xc4, 0xb8);
/// A code whose class is unknown (a test set without labels).
pub const UNKNOWN: Rgb = (0x80, 0x80, 0x80);

/// Type sizes: tick labels, and an axis's title.
pub const TICK_LABEL_PX: f64 = 11.0;
pub const AXIS_TITLE_PX: f64 = 12.0;
pub const TICK_MARK_PX: f64 = 4.0;

/// A series' line, a held-out series' dash and gap, and the size of its marks.
pub const LINE_PX: f64 = 2.0;
pub const DASH_PX: (f64, f64) = (6.0, 4.0);
pub const MARK_PX: f64 = 3.5;
/// A line's name at its end (`line_labels`): its type size, the space between the plot and
/// the line's mark, and from the mark to the name.
pub const LINE_LABEL_PX: f64 = 12.0;
pub const LINE_LABEL_GAP_PX: f64 = 6.0;
pub const LINE_LABEL_MARK_PX: f64 = 14.0;

/// A code on the latent map: a dot of its class, edged; the visitor's own pictures, squares.
pub const DOT_RADIUS_PX: f64 = 2.2;
pub const DOT_EDGE_PX: f64 = 0.8;
pub const OWN_HALF_PX: f64 = 3.2;
/// The σ ellipses of the VAE: thin and half-toned, under the dots.
pub const ELLIPSE_PX: f64 = 1.0;
pub const ELLIPSE_ALPHA: f64 = 0.55;
/// The probe: an ink ring with a white halo, and its cross-hair ticks.
pub const PROBE_RADIUS_PX: f64 = 7.0;
pub const PROBE_TICK_PX: f64 = 6.0;
pub const PROBE_HALO_PX: f64 = 5.0;
pub const PROBE_RING_PX: f64 = 2.2;
/// The digit decoded at the probe, drawn beside it: 28 pixels at three CSS pixels each.
pub const INSET_PX: f64 = 84.0;

/// The outline of a picked digit, and of a heatmap's cell under the cursor.
pub const SELECTED_PX: f64 = 2.5;
pub const CURSOR_PX: f64 = 2.0;

/// `rgb(r,g,b)`, for a canvas's fill or stroke.
pub fn css(c: Rgb) -> String {
    css_rgba(c, 1.0)
}

/// A colour as the floats the heatmap's tints mix.
pub fn float(c: Rgb) -> (f64, f64, f64) {
    (f64::from(c.0), f64::from(c.1), f64::from(c.2))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::view::palette::contrast;

    /// Every file that draws a figure, as it is compiled into the page.
    const CHARTS: [(&str, &str); 9] = [
        ("axes.rs", include_str!("../app/charts/axes.rs")),
        ("bar_chart.rs", include_str!("../app/charts/bar_chart.rs")),
        ("digits.rs", include_str!("../app/charts/digits.rs")),
        ("draw_pad.rs", include_str!("../app/charts/draw_pad.rs")),
        ("heatmap.rs", include_str!("../app/charts/heatmap.rs")),
        ("line_chart.rs", include_str!("../app/charts/line_chart.rs")),
        ("scatter.rs", include_str!("../app/charts/scatter.rs")),
        ("surface.rs", include_str!("../app/charts/surface.rs")),
        (
            "table_toggle.rs",
            include_str!("../app/charts/table_toggle.rs"),
        ),
    ];

    #[test]
    fn every_chart_takes_its_colours_and_strokes_from_this_module() {
        let mut found = Vec::new();
        for (name, text) in CHARTS {
            for (n, line) in text.lines().enumerate() {
                let code = line.split("//").next().unwrap_or("");
                // A colour written as a CSS string ("#1d2329", "rgb(…", "rgba(…") or as a
                // plotters colour with its numbers in it.
                let hex = code.match_indices("\"#").any(|(i, _)| {
                    let tail = &code[i + 2..];
                    tail.len() >= 6 && tail[..6].chars().all(|c| c.is_ascii_hexdigit())
                });
                if hex || code.contains("\"rgb") || code.contains("RGBColor(0x") {
                    found.push(format!("{name}:{}: {}", n + 1, line.trim()));
                }
            }
            let uses = text.contains("chart_style");
            let draws = text.contains("set_fill_style")
                || text.contains("set_stroke_style")
                || text.contains("style:background");
            if draws && !uses {
                found.push(format!("{name}: draws without chart_style"));
            }
        }
        assert!(
            found.is_empty(),
            "colours written outside chart_style:\n{}",
            found.join("\n")
        );
    }

    #[test]
    fn text_and_frames_stand_out_from_the_card() {
        // WCAG 2.1: 4.5:1 for text, 3:1 for the marks and outlines a reader must see.
        assert!(contrast(INK, PAPER) >= 4.5);
        assert!(contrast(MUTED, PAPER) >= 4.5);
        assert!(contrast(ACCENT, PAPER) >= 3.0);
        assert!(contrast(NEGATIVE, PAPER) >= 3.0);
        // The frame is quieter than the data, and the grid quieter than the frame.
        assert!(contrast(AXIS, PAPER) > contrast(GRID, PAPER));
        assert!(contrast(AXIS, PAPER) < contrast(ACCENT, PAPER));
    }
}
