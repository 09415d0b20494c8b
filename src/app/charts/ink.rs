//! The ink of a drawn digit: a round brush swept along the pointer's path, rasterised into
//! coverage values in [0, 1], the same shape the pad shows on screen.
//!
//! Each segment paints the capsule of points within `radius` of it, with a one-pixel
//! antialiased edge, and a pixel keeps the larger of its old and new coverage: crossing strokes
//! do not add up past full ink, just as an opaque pen's alpha does not.

/// A coverage buffer, row-major: `values[y * width + x]`.
pub struct Ink {
    pub width: usize,
    pub height: usize,
    pub values: Vec<f32>,
}

impl Ink {
    pub fn new(width: usize, height: usize) -> Ink {
        Ink {
            width,
            height,
            values: vec![0.0; width * height],
        }
    }

    pub fn clear(&mut self) {
        self.values.fill(0.0);
    }

    /// Sweeps a disc of `radius` from `a` to `b` (pixel units; `a == b` paints a dot).
    pub fn stroke(&mut self, a: (f64, f64), b: (f64, f64), radius: f64) {
        let reach = radius + 1.0;
        let span = |lo: f64, hi: f64, n: usize| {
            let first = (lo - reach).floor().max(0.0) as usize;
            let last = ((hi + reach).ceil().max(0.0) as usize).min(n);
            first..last
        };
        let xs = span(a.0.min(b.0), a.0.max(b.0), self.width);
        let ys = span(a.1.min(b.1), a.1.max(b.1), self.height);
        for y in ys {
            for x in xs.clone() {
                let centre = (x as f64 + 0.5, y as f64 + 0.5);
                let cover =
                    (radius + 0.5 - distance_to_segment(centre, a, b)).clamp(0.0, 1.0) as f32;
                let v = &mut self.values[y * self.width + x];
                *v = v.max(cover);
            }
        }
    }
}

/// Distance from `p` to the segment `a`–`b`: to the nearest point a + t(b − a), t ∈ [0, 1].
fn distance_to_segment(p: (f64, f64), a: (f64, f64), b: (f64, f64)) -> f64 {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let len2 = dx * dx + dy * dy;
    let t = if len2 > 0.0 {
        (((p.0 - a.0) * dx + (p.1 - a.1) * dy) / len2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    (p.0 - (a.0 + t * dx)).hypot(p.1 - (a.1 + t * dy))
}
