//! Where a plot's data lands on its canvas and back: the affine map plotters uses for its
//! axes (x grows rightwards from `x.lo`, y upwards from `y.lo`, so pixel rows run the other
//! way), and its inverse for hit-testing a pointer.

use super::ticks::Span;

/// A plot's area in pixels (CSS or backing store) and the data ranges it shows.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PlotArea {
    pub left: f64,
    pub top: f64,
    pub width: f64,
    pub height: f64,
    pub x: Span,
    pub y: Span,
}

impl PlotArea {
    /// The pixel of the data point (x, y).
    pub fn to_pixels(&self, x: f64, y: f64) -> (f64, f64) {
        (
            self.left + (x - self.x.lo) / self.x.width() * self.width,
            self.top + (self.y.hi - y) / self.y.width() * self.height,
        )
    }

    /// The data point under a pixel, clamped to the plot; the middle of an axis the plot has
    /// no pixels for (before layout), never NaN, which the worker would refuse.
    pub fn data_at(&self, (px, py): (f64, f64)) -> [f32; 2] {
        let fraction = |f: f64| if f.is_nan() { 0.5 } else { f.clamp(0.0, 1.0) };
        let fx = fraction((px - self.left) / self.width);
        let fy = fraction((py - self.top) / self.height);
        [
            (self.x.lo + fx * self.x.width()) as f32,
            (self.y.hi - fy * self.y.width()) as f32,
        ]
    }

    /// Where a `side`-pixel square goes beside the point `at`, `gap` pixels off it: above and
    /// to the right, or on whichever side keeps it inside the area (a probe near the right
    /// edge shows its digit on its left). Returns the square's top-left corner.
    pub fn beside(&self, (x, y): (f64, f64), side: f64, gap: f64) -> (f64, f64) {
        let right = self.left + self.width;
        let bottom = self.top + self.height;
        let left = if x + gap + side <= right {
            x + gap
        } else {
            x - gap - side
        };
        let top = if y - gap - side >= self.top {
            y - gap - side
        } else {
            y + gap
        };
        // A plot smaller than the square: keep its corner in the plot.
        (
            left.clamp(self.left, (right - side).max(self.left)),
            top.clamp(self.top, (bottom - side).max(self.top)),
        )
    }

    /// The same area in pixels `factor` times smaller (backing-store to CSS pixels).
    pub fn shrunk(&self, factor: f64) -> PlotArea {
        PlotArea {
            left: self.left / factor,
            top: self.top / factor,
            width: self.width / factor,
            height: self.height / factor,
            ..*self
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn area() -> PlotArea {
        // 200 × 100 pixels from (10, 20), showing x in −1..1 and y in 0..10.
        PlotArea {
            left: 10.0,
            top: 20.0,
            width: 200.0,
            height: 100.0,
            x: Span { lo: -1.0, hi: 1.0 },
            y: Span { lo: 0.0, hi: 10.0 },
        }
    }

    #[test]
    fn the_square_beside_a_point_goes_up_right_and_flips_at_the_edges() {
        let a = area(); // x 10..210, y 20..120
                        // Room above and right of (100, 90).
        assert_eq!(a.beside((100.0, 90.0), 40.0, 5.0), (105.0, 45.0));
        // Near the right edge it goes left; near the top, below.
        assert_eq!(a.beside((200.0, 90.0), 40.0, 5.0), (155.0, 45.0));
        assert_eq!(a.beside((100.0, 30.0), 40.0, 5.0), (105.0, 35.0));
        // Near the top-right corner both flip, and the square stays in the area.
        let (x, y) = a.beside((205.0, 25.0), 40.0, 5.0);
        assert_eq!((x, y), (160.0, 30.0));
        let (x, y) = a.beside((100.0, 118.0), 200.0, 5.0);
        assert!(x >= 10.0 && y >= 20.0, "{x}, {y}");
    }

    #[test]
    fn corners_of_the_data_land_on_corners_of_the_area() {
        let a = area();
        assert_eq!(a.to_pixels(-1.0, 10.0), (10.0, 20.0));
        assert_eq!(a.to_pixels(1.0, 0.0), (210.0, 120.0));
        assert_eq!(a.to_pixels(0.0, 5.0), (110.0, 70.0));
    }

    #[test]
    fn data_at_inverts_to_pixels() {
        let a = area();
        let (px, py) = a.to_pixels(0.5, 2.5);
        assert_eq!(a.data_at((px, py)), [0.5, 2.5]);
    }

    #[test]
    fn a_pointer_outside_the_plot_is_clamped_to_its_edge() {
        let a = area();
        assert_eq!(a.data_at((0.0, 0.0)), [-1.0, 10.0]);
        assert_eq!(a.data_at((500.0, 500.0)), [1.0, 0.0]);
    }

    #[test]
    fn a_plot_without_pixels_gives_its_middle_not_nan() {
        let a = PlotArea {
            width: 0.0,
            height: 0.0,
            ..area()
        };
        assert_eq!(a.data_at((10.0, 20.0)), [0.0, 5.0]);
    }

    #[test]
    fn shrinking_scales_the_pixels_not_the_ranges() {
        let a = area().shrunk(2.0);
        assert_eq!((a.left, a.top, a.width, a.height), (5.0, 10.0, 100.0, 50.0));
        assert_eq!(a.x, area().x);
        // The same data point, at half the pixel coordinates.
        assert_eq!(a.to_pixels(1.0, 0.0), (105.0, 60.0));
    }
}
