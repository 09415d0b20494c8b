//! Lines told apart by shape as well as colour (WCAG 1.4.1, use of colour): each series of a line
//! chart carries a mark, drawn at a few points along its line and beside its legend label, so a
//! reader who cannot tell the colours apart, or a grey-scale projector, still can.

/// About this many marks along each line: enough to follow a line, few enough not to hide it.
const MARKS_PER_LINE: usize = 8;

/// The shape of a series' mark.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mark {
    Circle,
    Square,
    Triangle,
    Cross,
}

impl Mark {
    const ALL: [Mark; 4] = [Mark::Circle, Mark::Square, Mark::Triangle, Mark::Cross];

    /// The mark of a chart's `i`-th series; charts have at most five lines, and a fifth that
    /// repeats the first shape still differs from it by colour and by its place in the legend.
    pub fn of(i: usize) -> Mark {
        Mark::ALL[i % Mark::ALL.len()]
    }

    /// The same shape as a character, for the legend.
    pub fn glyph(self) -> &'static str {
        match self {
            Mark::Circle => "●",
            Mark::Square => "■",
            Mark::Triangle => "▲",
            Mark::Cross => "✕",
        }
    }

    /// Its name, for `data-mark` on the legend entry.
    pub fn name(self) -> &'static str {
        match self {
            Mark::Circle => "circle",
            Mark::Square => "square",
            Mark::Triangle => "triangle",
            Mark::Cross => "cross",
        }
    }
}

/// Which of a line's `len` points carry its mark: evenly spaced, and the marks of series `i`
/// of `n` shifted by i/n of the spacing, so that lines lying on top of each other still show
/// every shape instead of one mark hiding another.
pub fn marked_points(len: usize, i: usize, n: usize) -> impl Iterator<Item = usize> {
    let spacing = (len / MARKS_PER_LINE).max(1);
    let offset = (i * spacing).checked_div(n).unwrap_or(0);
    (offset..len).step_by(spacing)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_of_the_first_four_series_has_its_own_shape() {
        let shapes: Vec<Mark> = (0..4).map(Mark::of).collect();
        for (a, x) in shapes.iter().enumerate() {
            for y in &shapes[a + 1..] {
                assert_ne!(x, y);
                assert_ne!(x.glyph(), y.glyph());
            }
        }
        assert_eq!(Mark::of(4), Mark::of(0));
    }

    #[test]
    fn a_long_line_gets_about_eight_marks_and_a_short_one_a_mark_per_point() {
        let long: Vec<usize> = marked_points(1000, 0, 2).collect();
        assert_eq!(long.len(), 8);
        assert!(long.iter().all(|&p| p < 1000));
        assert_eq!(marked_points(5, 0, 1).collect::<Vec<_>>(), [0, 1, 2, 3, 4]);
        assert_eq!(marked_points(0, 0, 1).count(), 0);
    }

    #[test]
    fn lines_that_overlap_put_their_marks_at_different_points() {
        // Train and test losses of a run, logged at the same steps.
        let a: Vec<usize> = marked_points(400, 0, 2).collect();
        let b: Vec<usize> = marked_points(400, 1, 2).collect();
        assert!(a.iter().all(|p| !b.contains(p)), "{a:?} / {b:?}");
        assert_eq!(b.len(), a.len());
    }
}
