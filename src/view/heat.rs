//! The geometry and colours of an attention map (a heatmap of one cell per query and key):
//! where the cells go for a given width, the colour of a value, which cell a pointer is over
//! and what the readout says of it. The canvas drawing is `app::charts::heatmap`.

use crate::i18n::Msg;
use crate::view::format::{fill, fixed};

/// One map: `values` is (rows, cols) row-major, in [0, 1] unless `signed`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Heat {
    pub rows: Vec<String>,
    pub cols: Vec<String>,
    pub values: Vec<f32>,
    /// Any real values, −∞ included, coloured by sign and by magnitude against the largest.
    pub signed: bool,
}

/// Room for one-character labels, in CSS pixels.
pub const LABEL: f64 = 22.0;
/// The font of word labels, in CSS pixels.
pub const WORD_FONT: f64 = 12.0;

/// Where the cells go, in CSS pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct HeatLayout {
    /// Room for the row labels on the left and the column labels on top.
    pub left: f64,
    pub top: f64,
    /// Cell width; cells are square unless word labels need taller rows.
    pub cell: f64,
    pub row_h: f64,
    /// Characters label the axes one per cell (the Transformer's); words need their own room,
    /// and column words stand upright.
    pub words: bool,
    pub upright: bool,
}

/// An estimate of a label's width: monospace Latin is about 0.6 em, a CJK character 1 em.
pub fn label_width(t: &str) -> f64 {
    let ems: f64 = t
        .chars()
        .map(|c| if (c as u32) >= 0x2E80 { 1.0 } else { 0.62 })
        .sum();
    ems * WORD_FONT + 8.0
}

impl Heat {
    /// The cells and label room for a figure `css_w` pixels wide: cells of 4 to 28 pixels.
    pub fn layout(&self, css_w: f64) -> HeatLayout {
        let words = self
            .rows
            .iter()
            .chain(&self.cols)
            .any(|t| t.chars().count() > 1);
        let extent = |labels: &[String]| {
            labels
                .iter()
                .map(|t| label_width(t))
                .fold(LABEL, f64::max)
                .min(120.0)
        };
        // Short column labels (numbered dimensions) fit across their cells.
        let upright = words && self.cols.iter().any(|t| t.chars().count() > 2);
        let left = if words { extent(&self.rows) } else { LABEL };
        let top = if upright { extent(&self.cols) } else { LABEL };
        let cell = ((css_w - left) / self.cols.len().max(1) as f64).clamp(4.0, 28.0);
        // A row labelled with a word needs the word's height, however narrow the columns.
        let row_h = if words {
            cell.max(WORD_FONT + 3.0)
        } else {
            cell
        };
        HeatLayout {
            left,
            top,
            cell,
            row_h,
            words,
            upright,
        }
    }

    /// What 1.0 on the colour scale stands for: 1 for weights, the largest |value| when signed.
    pub fn full_scale(&self) -> f32 {
        if !self.signed {
            return 1.0;
        }
        self.values
            .iter()
            .filter(|v| v.is_finite())
            .fold(0.0f32, |m, v| m.max(v.abs()))
            .max(1e-12)
    }

    /// The cell a key moves the keyboard's cursor to from `at` (row, column): the arrows by one
    /// cell, Home and End to the row's ends, stopping at the edges. `None` for any other key,
    /// which the map leaves to the page (Tab moves on).
    pub fn step(&self, (r, k): (usize, usize), key: &str) -> Option<(usize, usize)> {
        let (last_r, last_k) = (
            self.rows.len().checked_sub(1)?,
            self.cols.len().checked_sub(1)?,
        );
        let (r, k) = (r.min(last_r), k.min(last_k));
        Some(match key {
            "ArrowUp" => (r.saturating_sub(1), k),
            "ArrowDown" => ((r + 1).min(last_r), k),
            "ArrowLeft" => (r, k.saturating_sub(1)),
            "ArrowRight" => (r, (k + 1).min(last_k)),
            "Home" => (r, 0),
            "End" => (r, last_k),
            _ => return None,
        })
    }

    /// The map as a table: each row's label and its cells as the readout writes them.
    pub fn table(&self) -> Vec<(String, Vec<String>)> {
        let cols = self.cols.len().max(1);
        self.rows
            .iter()
            .zip(self.values.chunks(cols))
            .map(|(label, row)| (shown(label), row.iter().map(|&v| cell_text(v)).collect()))
            .collect()
    }

    /// The (row, column) under a point in CSS pixels of a figure laid out as `at`.
    pub fn cell_at(&self, at: &HeatLayout, (x, y): (f64, f64)) -> Option<(usize, usize)> {
        let (k, r) = ((x - at.left) / at.cell, (y - at.top) / at.row_h);
        if k < 0.0 || r < 0.0 {
            return None;
        }
        let (k, r) = (k as usize, r as usize);
        // A column past the last would index into the next row.
        (k < self.cols.len() && r < self.rows.len()).then_some((r, k))
    }

    /// "row → col: 0.123" (or "−∞" for a masked cell), for the hover readout.
    pub fn readout(&self, r: usize, k: usize) -> Option<String> {
        self.cell_words(r, k, ": ")
    }

    /// The cell at (r, k) as "row → col", `sep`, and its value.
    fn cell_words(&self, r: usize, k: usize, sep: &str) -> Option<String> {
        let (row, col) = (self.rows.get(r)?, self.cols.get(k)?);
        let v = self.values.get(r * self.cols.len() + k)?;
        Some(format!("{row} → {col}{sep}{}", cell_text(*v)))
    }

    /// The cell of largest magnitude among the finite ones, as (row, col): what a reader of
    /// the map sees first.
    pub fn largest(&self) -> Option<(usize, usize)> {
        let cols = self.cols.len().max(1);
        self.values
            .iter()
            .enumerate()
            .filter(|(_, v)| v.is_finite())
            .max_by(|a, b| a.1.abs().total_cmp(&b.1.abs()))
            .map(|(i, _)| (i / cols, i % cols))
    }

    /// The map in words, for its accessible name: its size and its largest cell.
    pub fn describe(&self, tr: &dyn Fn(Msg) -> &'static str) -> String {
        let size = (self.rows.len().to_string(), self.cols.len().to_string());
        let largest = self
            .largest()
            // Inside a sentence, with the sentence's own colon ("：" in Chinese).
            .and_then(|(r, k)| self.cell_words(r, k, tr(Msg::NameSep)))
            .unwrap_or_default();
        fill(
            tr(Msg::HeatDescribed),
            &[("rows", &size.0), ("cols", &size.1), ("largest", &largest)],
        )
    }

    /// A fingerprint of the values, quantised so that rounding noise below what the colours
    /// show does not count as a change (FNV-1a over the values in thousandths).
    pub fn hash(&self) -> String {
        let h = self.values.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, v| {
            let q = if v.is_finite() {
                (v * 1000.0).round() as i64
            } else {
                i64::MIN
            };
            (h ^ q as u64).wrapping_mul(0x100_0000_01b3)
        });
        format!("{h:016x}")
    }

    /// The canvas's CSS height at CSS width `css_w`: the labels, the rows, and a margin.
    pub fn css_height(&self, css_w: f64) -> f64 {
        let at = self.layout(css_w);
        at.top + at.row_h * self.rows.len() as f64 + 2.0
    }

    /// Whether any cell holds a finite value other than zero.
    pub fn nonblank(&self) -> bool {
        self.values.iter().any(|&v| v.is_finite() && v != 0.0)
    }

    /// The values as text for a test to read: rows by `;`, columns by `,`, six decimals.
    pub fn values_text(&self) -> String {
        self.rows_text(|row| {
            row.iter()
                .map(|v| format!("{v:.6}"))
                .collect::<Vec<_>>()
                .join(",")
        })
    }

    /// Each row's sum, by `;`, six decimals.
    pub fn row_sums_text(&self) -> String {
        self.rows_text(|row| format!("{:.6}", row.iter().sum::<f32>()))
    }

    fn rows_text(&self, row: impl Fn(&[f32]) -> String) -> String {
        self.values
            .chunks(self.cols.len().max(1))
            .map(row)
            .collect::<Vec<_>>()
            .join(";")
    }
}

/// A cell's value as the readout and the table write it: three decimals, "−∞" where masked.
/// Three decimals and a true minus, as the page's tables write negatives ("−0.900").
fn cell_text(v: f32) -> String {
    if v == f32::NEG_INFINITY {
        "−∞".into()
    } else {
        fixed(v, 3).replace('-', "−")
    }
}

/// A label as the figure shows it: a space as "␣", which would otherwise be invisible.
pub fn shown(t: &str) -> String {
    if t == " " {
        "␣".into()
    } else {
        t.to_string()
    }
}

/// The colour of one cell: white at 0, the full colour at `v == 1`, through its pale tints
/// (the square root lifts small weights off the white).
pub fn tint((r, g, b): (f64, f64, f64), v: f64) -> String {
    let mix = |a: f64| (255.0 + (a - 255.0) * v.clamp(0.0, 1.0).sqrt()).round();
    format!("rgb({},{},{})", mix(r), mix(g), mix(b))
}

/// The stops of a map's colour scale, as a CSS gradient: the tints `paint` uses (they are not
/// linear in the value), from `negative` at −1 through white to `positive` at 1 for a signed
/// map, from white to `positive` otherwise.
pub fn scale_gradient(
    positive: (f64, f64, f64),
    negative: (f64, f64, f64),
    signed: bool,
) -> String {
    // Eight steps per side: the square root's bend is smooth at that many.
    let side = |colour, from: f64, to: f64| {
        (0..=8).map(move |i| {
            let v = f64::from(i) / 8.0;
            format!(
                "{} {:.1}%",
                tint(colour, v),
                100.0 * (from + (to - from) * v)
            )
        })
    };
    let stops: Vec<String> = if signed {
        let mut left: Vec<String> = side(negative, 0.5, 0.0).collect();
        left.reverse();
        left.extend(side(positive, 0.5, 1.0).skip(1));
        left
    } else {
        side(positive, 0.0, 1.0).collect()
    };
    format!("linear-gradient(to right, {})", stops.join(", "))
}

#[cfg(test)]
#[path = "heat_tests.rs"]
mod tests;
