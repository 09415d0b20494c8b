//! The view range of a scatter axis: robust to outliers, and still while the data drifts.
//!
//! The range spans the 1st to 99th percentile of the values (a few far-flung codes would
//! otherwise squeeze the rest into a corner), padded, with 0 when it is close. While training,
//! codes move a little with every update; a view that followed them exactly would wobble, so
//! the previous range is kept until the new one differs by more than 15 % of its width
//! (hysteresis: small moves are absorbed, large ones followed at once).

use super::ticks::Span;

/// How far, as a fraction of the width, a new edge may move before the view follows.
const TOLERANCE: f64 = 0.15;
/// Room around the data, as a fraction of its width.
const PADDING: f64 = 0.08;

/// The 1st-99th percentile of `values`, padded; 0 is included when it lies within a quarter
/// width of the range. `None` without finite values.
pub fn robust_span(mut values: Vec<f64>) -> Option<Span> {
    values.retain(|v| v.is_finite());
    if values.is_empty() {
        return None;
    }
    let n = values.len();
    let lo_at = (n - 1) / 100;
    let hi_at = n - 1 - lo_at;
    let (_, lo, _) = values.select_nth_unstable_by(lo_at, f64::total_cmp);
    let lo = *lo;
    let (_, hi, _) = values.select_nth_unstable_by(hi_at, f64::total_cmp);
    let hi = *hi;
    let span = Span::of([lo, hi].into_iter(), false)?;
    let near = span.width() * 0.25;
    let span = Span {
        lo: if span.lo > 0.0 && span.lo < near {
            0.0
        } else {
            span.lo
        },
        hi: if span.hi < 0.0 && -span.hi < near {
            0.0
        } else {
            span.hi
        },
    };
    Some(span.padded_both(PADDING))
}

/// `fresh` widened to show `keep` (the marker); then `old` if `fresh` is within tolerance of
/// it, and `old` still shows `keep` and all of `fresh`'s data (its span without the padding):
/// a view that stays put while the codes spread would cut dots at its edge.
pub fn settle(old: Option<Span>, fresh: Span, keep: Option<f64>) -> Span {
    let fresh = match keep.filter(|k| k.is_finite()) {
        Some(k) if k < fresh.lo => Span {
            lo: k - fresh.width() * PADDING,
            hi: fresh.hi,
        },
        Some(k) if k > fresh.hi => Span {
            lo: fresh.lo,
            hi: k + fresh.width() * PADDING,
        },
        _ => fresh,
    };
    let Some(old) = old else { return fresh };
    let shows_keep = keep.is_none_or(|k| !k.is_finite() || (old.lo..=old.hi).contains(&k));
    let data = fresh.padded_both(-PADDING / (1.0 + 2.0 * PADDING));
    let shows_data = old.lo <= data.lo && data.hi <= old.hi;
    let limit = old.width() * TOLERANCE;
    if shows_keep
        && shows_data
        && (fresh.lo - old.lo).abs() <= limit
        && (fresh.hi - old.hi).abs() <= limit
    {
        old
    } else {
        fresh
    }
}

impl Span {
    /// Widened by `frac` of the width at both ends, zero or not.
    fn padded_both(&self, frac: f64) -> Span {
        let pad = self.width() * frac;
        Span {
            lo: self.lo - pad,
            hi: self.hi + pad,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(lo: f64, hi: f64) -> Span {
        Span { lo, hi }
    }

    fn close(a: Span, b: Span) -> bool {
        (a.lo - b.lo).abs() < 1e-9 && (a.hi - b.hi).abs() < 1e-9
    }

    #[test]
    fn the_robust_span_drops_the_outermost_percent() {
        // 0..=199 and one far outlier: of 201 sorted values, indices 2 and 198 bound the
        // range, 2..198; the outlier is gone.
        let mut values: Vec<f64> = (0..200).map(f64::from).collect();
        values.push(1e6);
        let s = robust_span(values).unwrap();
        // 2 is within a quarter width of 0, so the range starts at 0: 0..198, padded by 8 %.
        let width = 198.0;
        assert!(close(s, span(-0.08 * width, 198.0 + 0.08 * width)), "{s:?}");
    }

    #[test]
    fn zero_is_included_only_when_near() {
        // 10..20: 10 is not within a quarter width (2.5) of 0.
        let s = robust_span(vec![10.0, 20.0]).unwrap();
        assert!(close(s, span(10.0 - 0.8, 20.0 + 0.8)), "{s:?}");
        // −20..−1: −1 is within 4.75 of 0, so the range ends at 0.
        let s = robust_span(vec![-20.0, -1.0]).unwrap();
        assert!(close(s, span(-20.0 - 1.6, 1.6)), "{s:?}");
    }

    #[test]
    fn no_finite_values_give_no_span() {
        assert_eq!(robust_span(vec![]), None);
        assert_eq!(robust_span(vec![f64::NAN, f64::INFINITY]), None);
    }

    #[test]
    fn a_small_move_keeps_the_old_range() {
        let old = span(0.0, 10.0);
        // Both ends within 15 % of the width (1.5), the data (1.66..9.84) inside the view.
        assert_eq!(settle(Some(old), span(1.0, 10.5), None), old);
    }

    #[test]
    fn data_that_spreads_past_the_edge_is_followed_however_little() {
        let old = span(0.0, 10.0);
        // Within tolerance, but the data now reach 10.7: the dots there would be cut.
        let fresh = span(0.5, 11.4);
        assert_eq!(settle(Some(old), fresh, None), fresh);
    }

    #[test]
    fn a_large_move_is_followed_at_once() {
        let old = span(0.0, 10.0);
        let fresh = span(0.0, 12.0);
        assert_eq!(settle(Some(old), fresh, None), fresh);
        assert_eq!(settle(None, fresh, None), fresh);
    }

    #[test]
    fn the_marker_widens_the_range_and_is_always_shown() {
        let fresh = span(0.0, 10.0);
        // A marker at 15 past the top: the top moves to 15 + 8 % of 10.
        let s = settle(None, fresh, Some(15.0));
        assert!(close(s, span(0.0, 15.8)), "{s:?}");
        // The old range, within tolerance of the fresh one but without the marker, goes; the
        // bottom moves to −1 − 8 % of 10.
        let old = span(0.5, 10.5);
        assert_eq!(settle(Some(old), fresh, Some(-1.0)), span(-1.8, 10.0));
        // A marker inside the old range keeps it.
        assert_eq!(settle(Some(old), fresh, Some(5.0)), old);
        // A marker that is not a number is ignored.
        assert_eq!(settle(Some(old), fresh, Some(f64::NAN)), old);
    }
}
