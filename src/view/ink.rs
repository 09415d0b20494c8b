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

#[cfg(test)]
mod tests {
    use super::*;

    fn at(ink: &Ink, x: usize, y: usize) -> f32 {
        ink.values[y * ink.width + x]
    }

    #[test]
    fn a_dot_covers_its_centre_and_fades_over_one_pixel() {
        let mut ink = Ink::new(9, 9);
        ink.stroke((4.5, 4.5), (4.5, 4.5), 2.0);
        assert_eq!(at(&ink, 4, 4), 1.0);
        // Centre (6.5, 4.5) is 2 away: 2 + 0.5 − 2 = 0.5 coverage.
        assert_eq!(at(&ink, 6, 4), 0.5);
        // 3 away: outside the antialiased edge.
        assert_eq!(at(&ink, 7, 4), 0.0);
        assert_eq!(at(&ink, 0, 0), 0.0);
    }

    #[test]
    fn a_segment_inks_the_capsule_between_its_ends() {
        let mut ink = Ink::new(12, 5);
        ink.stroke((2.5, 2.5), (9.5, 2.5), 1.0);
        for x in 2..=9 {
            assert_eq!(at(&ink, x, 2), 1.0, "x = {x}");
        }
        // Rows above and below are 1 away: 1 + 0.5 − 1 = 0.5.
        assert_eq!(at(&ink, 5, 1), 0.5);
        assert_eq!(at(&ink, 5, 3), 0.5);
        assert_eq!(at(&ink, 5, 0), 0.0);
        // Past the end cap.
        assert_eq!(at(&ink, 11, 2), 0.0);
    }

    #[test]
    fn crossing_strokes_do_not_add_past_full_ink() {
        let mut ink = Ink::new(9, 9);
        ink.stroke((0.5, 4.5), (8.5, 4.5), 0.3);
        ink.stroke((4.5, 0.5), (4.5, 8.5), 0.3);
        assert!(ink.values.iter().all(|v| (0.0..=1.0).contains(v)));
        // 0.3 + 0.5 − 0 = 0.8 at the crossing, from either stroke: the max, not the sum.
        assert!((at(&ink, 4, 4) - 0.8).abs() < 1e-6);
    }

    #[test]
    fn strokes_off_the_edge_are_clipped_and_clear_wipes() {
        let mut ink = Ink::new(4, 4);
        ink.stroke((-3.0, -3.0), (10.0, 10.0), 1.0);
        assert_eq!(at(&ink, 0, 0), 1.0);
        assert_eq!(at(&ink, 3, 3), 1.0);
        ink.clear();
        assert!(ink.values.iter().all(|&v| v == 0.0));
    }

    #[test]
    fn the_distance_to_a_segment_is_to_its_nearest_point() {
        assert_eq!(
            distance_to_segment((0.0, 1.0), (-1.0, 0.0), (1.0, 0.0)),
            1.0
        );
        // Beyond an end: the distance to that end, 3-4-5.
        assert_eq!(distance_to_segment((4.0, 4.0), (0.0, 0.0), (1.0, 0.0)), 5.0);
        // A degenerate segment is a point.
        assert_eq!(distance_to_segment((3.0, 4.0), (0.0, 0.0), (0.0, 0.0)), 5.0);
    }
}
