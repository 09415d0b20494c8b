//! A free-hand drawing turned into an MNIST digit, prepared the way LeCun, Cortes & Burges
//! prepared MNIST ("The MNIST database of handwritten digits", 1998): the ink is "size
//! normalized to fit in a 20x20 pixel box while preserving their aspect ratio", anti-aliased,
//! and "centered in a 28x28 image by computing the center of mass of the pixels".
//!
//! Scaling and centring are one area-averaging (box filter) resample: an output pixel is the mean
//! of the ink over the patch of the drawing it covers. The centring shift enters that map with
//! its fraction, so a digit is resampled once, not scaled and then shifted: at scale 1 the box
//! filter over a shifted grid is exactly a bilinear subpixel shift, and when a 280-px canvas
//! shrinks to 20 px it anti-aliases.

use super::mnist::{COLS, PIXELS, ROWS};
use crate::error::Error;

/// Pixels at least this dark set the bounding box. Fainter ones are a brush's anti-aliased halo
/// or a stray speck, and would stretch the box; on MNIST itself this threshold gives the same
/// 20-px boxes as any ink at all (checked on the shipped asset).
const INK: f32 = 0.1;
/// The longer side of the ink's bounding box, in output pixels.
const BOX: f32 = 20.0;
/// Where the centre of mass lands, as a pixel index. The shipped digits' mean centre of mass is
/// (14.00, 14.00) in index coordinates, so "the centre of 28x28" means index 14, not 13.5.
const CENTRE: f32 = 14.0;

/// The MNIST view of a drawing, or `None` when no pixel is dark enough to count as ink.
///
/// Ink outside [0, 1] is clamped into it and NaN reads as 0, so the result lies in [0, 1].
/// Allocates only the result: it runs on every pointer move.
///
/// # Shapes
/// `ink`: (height, width) row-major, 1 = ink. Result: (28, 28) row-major.
pub fn mnistify(ink: &[f32], width: usize, height: usize) -> Result<Option<Vec<f32>>, Error> {
    if width.checked_mul(height) != Some(ink.len()) {
        return Err(Error::ShapeMismatch {
            op: "mnistify",
            lhs: vec![height, width],
            rhs: vec![ink.len()],
        });
    }
    let Some(bounds) = Bounds::of(ink, width) else {
        return Ok(None);
    };
    let (cx, cy) = bounds.centre_of_mass(ink, width);
    let scale = BOX / bounds.x.len().max(bounds.y.len()) as f32;
    let cols: [Footprint; COLS] = std::array::from_fn(|j| Footprint::new(j, &bounds.x, cx, scale));
    let rows: [Footprint; ROWS] = std::array::from_fn(|i| Footprint::new(i, &bounds.y, cy, scale));

    let mut out = vec![0.0; PIXELS];
    for (out_row, row) in out.chunks_exact_mut(COLS).zip(&rows) {
        for y in row.first..row.end {
            let wy = row.weight(y);
            let line = &ink[y * width..(y + 1) * width];
            for (o, col) in out_row.iter_mut().zip(&cols) {
                *o += wy * col.apply(line);
            }
        }
    }
    // The weights of a patch sum to 1, so only rounding can leave [0, 1].
    for o in &mut out {
        *o = o.clamp(0.0, 1.0);
    }
    Ok(Some(out))
}

/// A pixel's ink in [0, 1]; NaN fails the comparison and reads as no ink.
fn ink_at(v: f32) -> f32 {
    if v > 0.0 {
        v.min(1.0)
    } else {
        0.0
    }
}

/// The bounding box of the pixels that count as ink, as half-open index ranges.
struct Bounds {
    x: std::ops::Range<usize>,
    y: std::ops::Range<usize>,
}

impl Bounds {
    fn of(ink: &[f32], width: usize) -> Option<Bounds> {
        if width == 0 {
            return None;
        }
        let is_ink = |v: &f32| *v >= INK;
        let mut bounds: Option<Bounds> = None;
        for (y, line) in ink.chunks_exact(width).enumerate() {
            let Some(x0) = line.iter().position(is_ink) else {
                continue;
            };
            let x1 = line.iter().rposition(is_ink).unwrap_or(x0) + 1;
            bounds = Some(match bounds {
                None => Bounds {
                    x: x0..x1,
                    y: y..y + 1,
                },
                Some(b) => Bounds {
                    x: b.x.start.min(x0)..b.x.end.max(x1),
                    y: b.y.start..y + 1,
                },
            });
        }
        bounds
    }

    /// The centre of mass of the ink inside the box, in continuous coordinates (pixel `x`
    /// covers [x, x + 1)). Rows sum in f32 and the canvas in f64, so a 280×280 sum stays exact
    /// to far below a pixel. The box holds ink, so the mass is positive.
    fn centre_of_mass(&self, ink: &[f32], width: usize) -> (f32, f32) {
        let (mut mass, mut moment_x, mut moment_y) = (0.0f64, 0.0f64, 0.0f64);
        for y in self.y.clone() {
            let line = &ink[y * width + self.x.start..y * width + self.x.end];
            let (mut row_mass, mut row_moment) = (0.0f32, 0.0f32);
            for (dx, &v) in line.iter().enumerate() {
                let v = ink_at(v);
                row_mass += v;
                row_moment += v * dx as f32;
            }
            let row_mass = f64::from(row_mass);
            mass += row_mass;
            moment_x += f64::from(row_moment) + row_mass * (self.x.start as f64 + 0.5);
            moment_y += row_mass * (y as f64 + 0.5);
        }
        ((moment_x / mass) as f32, (moment_y / mass) as f32)
    }
}

/// The source pixels, along one axis, under one output pixel, and each one's share of it.
///
/// Output pixel `j` covers [j, j + 1); the map sends output point `CENTRE + 0.5` (the middle of
/// pixel 14) to the ink's centre of mass and shrinks lengths by `scale`, so the pixel covers
/// [a, a + 1/scale) of the source, cut to the bounding box. Source pixel `x` then weighs
/// `scale · |[x, x + 1) ∩ [a, b)|`: inner pixels `scale`, the two ends less.
#[derive(Clone, Copy)]
struct Footprint {
    first: usize,
    /// One past the last source pixel.
    end: usize,
    first_weight: f32,
    last_weight: f32,
    scale: f32,
}

impl Footprint {
    fn new(j: usize, bounds: &std::ops::Range<usize>, centre: f32, scale: f32) -> Footprint {
        let (lo, hi) = (bounds.start as f32, bounds.end as f32);
        let a = (centre + (j as f32 - CENTRE - 0.5) / scale).max(lo);
        let b = (centre + (j as f32 + 1.0 - CENTRE - 0.5) / scale).min(hi);
        if a >= b {
            return Footprint {
                first: 0,
                end: 0,
                first_weight: 0.0,
                last_weight: 0.0,
                scale,
            };
        }
        // a ≥ lo ≥ 0 and b ≤ hi, so both ends are indices inside the box.
        let first = a.floor() as usize;
        let end = (b.ceil() as usize).max(first + 1);
        let last = (end - 1) as f32;
        Footprint {
            first,
            end,
            first_weight: scale * ((first as f32 + 1.0).min(b) - a),
            last_weight: scale * (b - last.max(a)),
            scale,
        }
    }

    /// Source pixel `i`'s share, for `i` in `first..end`.
    fn weight(&self, i: usize) -> f32 {
        if i == self.first {
            self.first_weight
        } else if i + 1 == self.end {
            self.last_weight
        } else {
            self.scale
        }
    }

    /// The weighted ink of `line` under this footprint.
    fn apply(&self, line: &[f32]) -> f32 {
        match &line[self.first..self.end] {
            [] => 0.0,
            [only] => self.first_weight * ink_at(*only),
            [head, inner @ .., tail] => {
                self.first_weight * ink_at(*head)
                    + self.scale * inner.iter().map(|&v| ink_at(v)).sum::<f32>()
                    + self.last_weight * ink_at(*tail)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::Rng;

    const SIDE: usize = 280;

    /// A `SIDE`×`SIDE` canvas with the rectangle at (x, y) of size w×h filled.
    fn rectangle(x: usize, y: usize, w: usize, h: usize) -> Vec<f32> {
        let mut ink = vec![0.0; SIDE * SIDE];
        for row in ink.chunks_exact_mut(SIDE).skip(y).take(h) {
            row[x..x + w].fill(1.0);
        }
        ink
    }

    /// Centre of mass of a 28×28 image in index coordinates, (x, y).
    fn centre_of_mass(image: &[f32]) -> (f32, f32) {
        let mass: f32 = image.iter().sum();
        let (mut mx, mut my) = (0.0, 0.0);
        for (i, &v) in image.iter().enumerate() {
            mx += v * (i % COLS) as f32;
            my += v * (i / COLS) as f32;
        }
        (mx / mass, my / mass)
    }

    /// Width and height of a filled rectangle's image: along each axis the darkest value of
    /// each column (row) is that column's coverage, and the coverages add up to the length.
    fn extent(image: &[f32]) -> (f32, f32) {
        let column_max = |j: usize| (0..ROWS).map(|i| image[i * COLS + j]).fold(0.0, f32::max);
        let row_max = |i: usize| {
            image[i * COLS..(i + 1) * COLS]
                .iter()
                .fold(0.0, |m, &v| v.max(m))
        };
        (
            (0..COLS).map(column_max).sum(),
            (0..ROWS).map(row_max).sum(),
        )
    }

    fn mnistified(ink: &[f32], width: usize, height: usize) -> Vec<f32> {
        mnistify(ink, width, height)
            .expect("sizes fit")
            .expect("there is ink")
    }

    #[test]
    fn should_see_no_digit_on_an_empty_or_faint_canvas() {
        assert_eq!(mnistify(&vec![0.0; SIDE * SIDE], SIDE, SIDE), Ok(None));
        assert_eq!(mnistify(&vec![0.05; SIDE * SIDE], SIDE, SIDE), Ok(None));
        assert_eq!(mnistify(&[], 0, 0), Ok(None));
    }

    #[test]
    fn should_reject_ink_of_the_wrong_length() {
        assert_eq!(
            mnistify(&[0.0; 10], 4, 3),
            Err(Error::ShapeMismatch {
                op: "mnistify",
                lhs: vec![3, 4],
                rhs: vec![10],
            })
        );
    }

    #[test]
    fn should_scale_any_rectangle_to_20_px_and_centre_its_mass() {
        // (x, y, w, h): the whole canvas, corners, a single pixel (scaled up 20×), off-centre
        // rectangles of both orientations.
        let cases = [
            (0, 0, SIDE, SIDE),
            (0, 0, 7, 5),
            (270, 265, 10, 15),
            (140, 3, 1, 1),
            (10, 200, 60, 30),
            (150, 20, 100, 240),
            (33, 47, 201, 199),
        ];
        for (x, y, w, h) in cases {
            let image = mnistified(&rectangle(x, y, w, h), SIDE, SIDE);
            let (ew, eh) = extent(&image);
            let long = w.max(h) as f32;
            // A filled rectangle maps to a w·s × h·s box with s = 20 / max(w, h).
            let (want_w, want_h) = (20.0 * w as f32 / long, 20.0 * h as f32 / long);
            assert!(
                (ew - want_w).abs() < 1e-3 && (eh - want_h).abs() < 1e-3,
                "{w}x{h} at ({x}, {y}) came out {ew}x{eh}, not {want_w}x{want_h}"
            );
            let (cx, cy) = centre_of_mass(&image);
            // A symmetric shape's centre survives the resample exactly (measured: within 1e-5).
            assert!(
                (cx - 14.0).abs() < 1e-3 && (cy - 14.0).abs() < 1e-3,
                "{w}x{h} at ({x}, {y}) has its centre of mass at ({cx}, {cy})"
            );
        }
    }

    #[test]
    fn should_centre_the_mass_of_a_lopsided_shape() {
        // A right triangle, its mass towards one corner: the grid moves the resampled centre
        // a little off the mapped one (measured 0.0009 px).
        let mut ink = vec![0.0; SIDE * SIDE];
        for (y, row) in ink.chunks_exact_mut(SIDE).enumerate().skip(30).take(220) {
            row[40..40 + y - 29].fill(1.0);
        }
        let (cx, cy) = centre_of_mass(&mnistified(&ink, SIDE, SIDE));
        assert!(
            (cx - 14.0).abs() < 0.01 && (cy - 14.0).abs() < 0.01,
            "centre of mass at ({cx}, {cy})"
        );
    }

    #[test]
    fn should_keep_the_aspect_ratio_of_a_tall_thin_stroke() {
        // 12 × 240 px: the long side becomes 20 px, so the short one 12 / 240 · 20 = 1 px.
        let image = mnistified(&rectangle(100, 20, 12, 240), SIDE, SIDE);
        let (w, h) = extent(&image);
        assert!((w - 1.0).abs() < 1e-3, "width {w}");
        assert!((h - 20.0).abs() < 1e-3, "height {h}");
    }

    #[test]
    fn should_stay_in_0_1_whatever_the_canvas_holds() {
        let mut rng = Rng::seed(7);
        let mut ink: Vec<f32> = (0..SIDE * SIDE).map(|_| rng.uniform(-0.5, 1.5)).collect();
        ink[SIDE * 140 + 140] = f32::NAN;
        ink[SIDE * 141 + 140] = f32::INFINITY;
        let image = mnistified(&ink, SIDE, SIDE);
        assert!(image.iter().all(|v| (0.0..=1.0).contains(v)));
    }

    #[test]
    fn should_leave_a_real_mnist_digit_nearly_as_it_was() {
        let mnist =
            crate::data::mnist::parse(include_bytes!("../../assets/mnist/mnist-10k.bin.gz"))
                .expect("the shipped asset parses");
        let mut digit = vec![0.0; PIXELS];
        mnist.images_into(&[0], &mut digit).expect("sizes fit");
        let again = mnistified(&digit, COLS, ROWS);
        let mean_abs: f32 = digit
            .iter()
            .zip(&again)
            .map(|(a, b)| (a - b).abs())
            .sum::<f32>()
            / PIXELS as f32;
        // Measured 0.032 (over all 10,000 digits: mean 0.027, worst 0.073). What remains is
        // the blur of the subpixel shift: the shipped digits were centred to whole pixels.
        assert!(mean_abs < 0.04, "mean abs difference {mean_abs}");
    }
}
