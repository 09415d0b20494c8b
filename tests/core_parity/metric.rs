//! The error metric, the same as make_fixtures.py's max_rel_err.

use crate::FLOOR;

/// max_i |got_i − want_i| / max(|want_i|, FLOOR · max_j |want_j|); non-finite entries must
/// match exactly (else the error is infinite).
pub(crate) fn max_rel_err(got: &[f32], want: &[f64]) -> f64 {
    if got.len() != want.len() {
        return f64::INFINITY;
    }
    let scale = want
        .iter()
        .filter(|w| w.is_finite())
        .fold(0.0f64, |m, w| m.max(w.abs()))
        * FLOOR;
    let mut err = 0.0f64;
    for (&g, &w) in got.iter().zip(want) {
        let g = f64::from(g);
        if !w.is_finite() || !g.is_finite() {
            let same = (w.is_nan() && g.is_nan()) || g == w;
            if !same {
                return f64::INFINITY;
            }
            continue;
        }
        err = err.max((g - w).abs() / w.abs().max(scale).max(1e-30));
    }
    err
}

pub(crate) fn same_shape(got: &[usize], want: &[usize]) -> bool {
    // A 0-d torch scalar may come out of the engine as shape [] or [1].
    got == want || (want.is_empty() && got.iter().product::<usize>() == 1)
}
