//! Where the ticks of an axis go and how their labels read: "nice" steps of 1, 2 or 5 × 10ᵏ
//! on linear axes (Heckbert, "Nice numbers for graph labels", Graphics Gems, 1990), and 1-2-5
//! decades on log axes.
//!
//! Plotters' own log ticks leave a range narrower than one decade (a late loss curve, say)
//! without any label, so the charts compute their ticks here and hand them to plotters.

/// An interval of an axis, `lo < hi`, both finite.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Span {
    pub lo: f64,
    pub hi: f64,
}

impl Span {
    pub fn width(&self) -> f64 {
        self.hi - self.lo
    }

    pub fn clamp(&self, v: f64) -> f64 {
        v.clamp(self.lo, self.hi)
    }

    /// The extent of `values`, or `None` when there is none. A single value gets some room
    /// around it, since an axis of zero width cannot be drawn.
    pub fn of(values: impl Iterator<Item = f64>, log: bool) -> Option<Span> {
        let (lo, hi) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
            (lo.min(v), hi.max(v))
        });
        if !(lo.is_finite() && hi.is_finite()) {
            return None;
        }
        Some(if hi > lo {
            Span { lo, hi }
        } else if log {
            Span {
                lo: lo / 2.0,
                hi: hi * 2.0,
            }
        } else {
            let room = (lo.abs() * 0.1).max(0.5);
            Span {
                lo: lo - room,
                hi: hi + room,
            }
        })
    }

    /// Widened by `frac` of the width at both ends (of the decades, on a log axis). A linear
    /// span that starts at or above zero is not pushed below it: losses are never negative.
    pub fn padded(&self, frac: f64, log: bool) -> Span {
        if log {
            let f = (self.hi / self.lo).powf(frac).max(1.02);
            Span {
                lo: self.lo / f,
                hi: self.hi * f,
            }
        } else {
            let pad = self.width() * frac;
            let lo = if self.lo >= 0.0 {
                (self.lo - pad).max(0.0)
            } else {
                self.lo - pad
            };
            Span {
                lo,
                hi: self.hi + pad,
            }
        }
    }
}

/// Ticks of a linear axis: multiples of a nice step (1, 2 or 5 × 10ᵏ) inside `span`, at most
/// `max` of them (at least two). Returns the ticks and the step, which sets how many decimals
/// a label needs.
pub fn linear(span: Span, max: usize) -> (Vec<f64>, f64) {
    let max = max.max(2);
    let raw = span.width() / max as f64;
    let magnitude = 10f64.powf(raw.log10().floor());
    // The slack keeps a tick that sits on an end, whatever the rounding of the division.
    let ends = |step: f64| {
        (
            (span.lo / step - 1e-9).ceil() as i64,
            (span.hi / step + 1e-9).floor() as i64,
        )
    };
    let count = |step: f64| {
        let (first, last) = ends(step);
        last - first + 1
    };
    let candidates = [1.0, 2.0, 5.0, 10.0, 20.0].map(|m| m * magnitude);
    let fits = candidates
        .iter()
        .position(|&step| step >= raw && count(step) <= max as i64)
        .unwrap_or(candidates.len() - 1);
    // On a short axis the fitting step may leave a single tick; one more than asked reads better.
    let step = if count(candidates[fits]) < 2 && fits > 0 {
        candidates[fits - 1]
    } else {
        candidates[fits]
    };
    let (first, last) = ends(step);
    // `n * step` rather than repeated addition, so that 0.1 + 0.2 drift never shows in a label.
    let ticks = (first..=last).map(|n| n as f64 * step).collect();
    (ticks, step)
}

/// Ticks of a log axis: powers of ten, with 2 and 5 (or all of 1-9) between them when there is
/// room; every k-th decade when there are many; nice linear steps when the span is too narrow
/// to hold two of those.
pub fn log(span: Span, max: usize) -> Vec<f64> {
    let max = max.max(2);
    let (e0, e1) = (
        span.lo.log10().floor() as i32,
        span.hi.log10().ceil() as i32,
    );
    let within = |v: &f64| *v >= span.lo * (1.0 - 1e-9) && *v <= span.hi * (1.0 + 1e-9);
    let decades = |every: i32, mantissas: &[f64]| -> Vec<f64> {
        (e0..=e1)
            .filter(|e| e.rem_euclid(every) == 0)
            .flat_map(|e| mantissas.iter().map(move |m| m * 10f64.powi(e)))
            .filter(within)
            .collect()
    };
    // Major ticks only: the powers of ten when three of them fit, 1-2-5 when the span is too
    // short for three, every mantissa only within a decade. A label on every minor tick (2, 3,
    // 4, … in each decade) crowds the axis and hides which decade a curve is in.
    let candidates = [
        decades(1, &[1.0]),
        decades(1, &[1.0, 2.0, 5.0]),
        decades(1, &[1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0]),
    ];
    if candidates[0].len() > max {
        let every = (e1 - e0 + max as i32) / max as i32;
        return decades(every, &[1.0]);
    }
    let fits = || candidates.iter().filter(|t| t.len() <= max);
    if let Some(ticks) = fits().find(|t| t.len() >= 3) {
        return ticks.clone();
    }
    match fits().max_by_key(|t| t.len()) {
        Some(ticks) if ticks.len() >= 2 => ticks.clone(),
        _ => linear(span, max.min(5)).0,
    }
}

/// The label of a linear tick: as many decimals as the step needs, thousands as "k".
pub fn label_linear(v: f64, step: f64) -> String {
    let (scale, suffix) = if step >= 1e6 {
        (1e6, "M")
    } else if step >= 1e3 {
        (1e3, "k")
    } else {
        (1.0, "")
    };
    let step = step / scale;
    if step < 1e-4 {
        return scientific(v);
    }
    let decimals = (0..6)
        .find(|&d| {
            let s = step * 10f64.powi(d);
            (s - s.round()).abs() < 1e-6 * s.max(1.0)
        })
        .unwrap_or(6) as usize;
    // Zero as computed may be -1e-17 ("-0.0"), and "0k" reads oddly.
    if v.abs() < step * scale * 1e-6 {
        return format!("{:.*}", decimals, 0.0);
    }
    format!("{:.*}{suffix}", decimals, v / scale)
}

/// The label of a log tick (or any value shown on its own): three significant digits at most.
pub fn label_compact(v: f64) -> String {
    let a = v.abs();
    if a == 0.0 {
        "0".into()
    } else if a >= 1e12 {
        format!("{}T", trim(format!("{:.2}", v / 1e12)))
    } else if a >= 1e9 {
        format!("{}G", trim(format!("{:.2}", v / 1e9)))
    } else if a >= 1e6 {
        format!("{}M", trim(format!("{:.2}", v / 1e6)))
    } else if a >= 1e4 {
        format!("{}k", trim(format!("{:.2}", v / 1e3)))
    } else if a < 1e-3 {
        scientific(v)
    } else {
        let decimals = (2 - a.log10().floor() as i32).max(0) as usize;
        trim(format!("{v:.decimals$}"))
    }
}

/// "2.5e-5" rather than Rust's "2.5e-5" with trailing zeros or "0.000025".
fn scientific(v: f64) -> String {
    let s = format!("{v:.1e}");
    match s.split_once('e') {
        Some((mantissa, exp)) => format!("{}e{exp}", trim(mantissa.to_string())),
        None => s,
    }
}

/// Drops trailing zeros after a decimal point, and the point itself if nothing is left.
fn trim(s: String) -> String {
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

#[cfg(test)]
#[path = "ticks_tests.rs"]
mod tests;
