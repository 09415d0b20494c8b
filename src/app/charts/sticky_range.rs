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
/// it and `old` still shows `keep`.
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
    let limit = old.width() * TOLERANCE;
    if shows_keep && (fresh.lo - old.lo).abs() <= limit && (fresh.hi - old.hi).abs() <= limit {
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
