//! The History chapter's timeline laid out: where each band, tick and event sits along the
//! axis (as a percentage of its width, so the page only positions), which row each event's
//! marker takes so that neighbours do not cover each other, and how the arrow keys move the
//! choice (the WAI-ARIA roving-focus pattern: one marker is in the tab order at a time).

use crate::i18n::history::{Era, Event, TIMELINE_FROM};

/// A time axis from `from` to `to`, in years.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Axis {
    pub from: f32,
    pub to: f32,
}

impl Axis {
    /// From the first year the timeline shows to the end of `this_year`.
    pub fn until(this_year: u16) -> Axis {
        Axis {
            from: f32::from(TIMELINE_FROM),
            to: f32::from(this_year.max(TIMELINE_FROM)) + 1.0,
        }
    }

    /// Where `at` (in years) falls, in percent of the axis, clamped to it.
    pub fn percent(&self, at: f32) -> f32 {
        let span = (self.to - self.from).max(f32::EPSILON);
        ((at - self.from) / span * 100.0).clamp(0.0, 100.0)
    }

    /// The decades inside the axis: the ticks it is labelled with.
    pub fn decades(&self) -> Vec<u16> {
        let first = (self.from / 10.0).ceil() as u16 * 10;
        (first..)
            .step_by(10)
            .take_while(|&y| f32::from(y) <= self.to)
            .collect()
    }

    /// A band's left edge and width in percent. A band covers its years whole: 1974–1979 runs
    /// from the start of 1974 to the end of 1979, and an open band runs to the axis' end.
    pub fn band(&self, era: &Era) -> (f32, f32) {
        let left = self.percent(f32::from(era.from));
        let right = era.to.map_or(100.0, |to| self.percent(f32::from(to) + 1.0));
        (left, (right - left).max(0.0))
    }
}

/// The row of each event's marker: the lowest row whose last marker is at least `gap` percent
/// to the left, so close events stack instead of overlapping. Events come in time order.
pub fn rows(positions: &[f32], gap: f32) -> Vec<u8> {
    let mut last_in_row: Vec<f32> = Vec::new();
    positions
        .iter()
        .map(|&x| {
            let row = last_in_row
                .iter()
                .position(|&last| x - last >= gap)
                .unwrap_or(last_in_row.len());
            if row == last_in_row.len() {
                last_in_row.push(x);
            } else {
                last_in_row[row] = x;
            }
            row as u8
        })
        .collect()
}

/// One event as the page draws it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Marker {
    pub event: &'static Event,
    pub left: f32,
    pub row: u8,
}

/// How far apart, in percent of the axis, two markers on one row must be. A marker's label is
/// its year (four digits), about 4.5% of the narrowest track the page allows (720 px).
const MARKER_GAP: f32 = 4.8;

pub fn markers(events: &'static [Event], axis: &Axis) -> Vec<Marker> {
    let lefts: Vec<f32> = events.iter().map(|e| axis.percent(e.at())).collect();
    let rows = rows(&lefts, MARKER_GAP);
    events
        .iter()
        .zip(lefts)
        .zip(rows)
        .map(|((event, left), row)| Marker { event, left, row })
        .collect()
}

/// A key that moves the choice along the timeline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Move {
    Previous,
    Next,
    First,
    Last,
}

impl Move {
    /// The key of a `KeyboardEvent.key`, if it moves the choice.
    pub fn from_key(key: &str) -> Option<Move> {
        match key {
            "ArrowLeft" | "ArrowUp" => Some(Move::Previous),
            "ArrowRight" | "ArrowDown" => Some(Move::Next),
            "Home" => Some(Move::First),
            "End" => Some(Move::Last),
            _ => None,
        }
    }

    /// The index chosen after this move from `current`, among `len` events; the ends stop the
    /// move rather than wrap, as a timeline has a first and a last event.
    pub fn apply(self, current: usize, len: usize) -> usize {
        let last = len.saturating_sub(1);
        match self {
            Move::Previous => current.saturating_sub(1),
            Move::Next => (current + 1).min(last),
            Move::First => 0,
            Move::Last => last,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::history::{ERAS, EVENTS};

    #[test]
    fn the_axis_maps_years_to_percent_and_clamps() {
        let axis = Axis {
            from: 1955.0,
            to: 2027.0,
        };
        assert_eq!(axis.percent(1955.0), 0.0);
        assert_eq!(axis.percent(2027.0), 100.0);
        assert!((axis.percent(1991.0) - 50.0).abs() < 1e-4);
        assert_eq!(axis.percent(1900.0), 0.0);
        assert_eq!(axis.percent(2100.0), 100.0);
    }

    #[test]
    fn decades_label_the_axis() {
        let axis = Axis::until(2026);
        assert_eq!(axis.to, 2027.0);
        assert_eq!(
            axis.decades(),
            vec![1950, 1960, 1970, 1980, 1990, 2000, 2010, 2020]
        );
    }

    #[test]
    fn a_band_covers_its_years_whole_and_an_open_band_runs_to_the_end() {
        let axis = Axis {
            from: 1950.0,
            to: 2050.0,
        };
        // 1974–1979: from 24% to the end of 1979, 30%.
        let winter = ERAS.iter().find(|e| e.from == 1974);
        let (left, width) = axis.band(winter.expect("first winter"));
        assert!((left - 24.0).abs() < 1e-4 && (width - 6.0).abs() < 1e-4);
        let open = ERAS.last().expect("eras");
        let (left, width) = axis.band(open);
        assert!((left + width - 100.0).abs() < 1e-4);
    }

    #[test]
    fn close_markers_stack_and_far_ones_share_the_first_row() {
        assert_eq!(rows(&[0.0, 2.0, 3.0, 10.0, 10.5], 4.0), vec![0, 1, 2, 0, 1]);
        assert_eq!(rows(&[], 4.0), Vec::<u8>::new());
        // Exactly `gap` apart is far enough.
        assert_eq!(rows(&[0.0, 4.0], 4.0), vec![0, 0]);
    }

    #[test]
    fn the_real_events_fit_in_three_rows() {
        let m = markers(EVENTS, &Axis::until(2026));
        assert_eq!(m.len(), EVENTS.len());
        assert!(m.iter().all(|m| m.row < 3), "{m:?}");
        for w in m.windows(2) {
            assert!(w[0].left <= w[1].left);
        }
    }

    #[test]
    fn arrow_keys_move_the_choice_and_stop_at_the_ends() {
        assert_eq!(Move::from_key("ArrowRight"), Some(Move::Next));
        assert_eq!(Move::from_key("ArrowUp"), Some(Move::Previous));
        assert_eq!(Move::from_key("Enter"), None);
        assert_eq!(Move::Next.apply(3, 5), 4);
        assert_eq!(Move::Next.apply(4, 5), 4);
        assert_eq!(Move::Previous.apply(0, 5), 0);
        assert_eq!(Move::First.apply(3, 5), 0);
        assert_eq!(Move::Last.apply(0, 5), 4);
        assert_eq!(Move::Last.apply(0, 0), 0);
    }
}
