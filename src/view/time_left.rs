//! How long a run has left: an estimate from the pace so far, and how it reads in each language
//! ("1 min 05 s left", "剩余 1 分 05 秒").

use crate::experiments::StepCount;
use crate::i18n::{Lang, Msg};

/// Seconds left at the pace of the steps done in `elapsed_ms`; `None` before the first step
/// (no pace yet) or when no time has passed.
pub fn seconds_left(steps: StepCount, elapsed_ms: f64) -> Option<f64> {
    if steps.done == 0 || elapsed_ms.is_nan() || elapsed_ms <= 0.0 {
        return None;
    }
    Some(elapsed_ms / steps.done as f64 * steps.remaining() as f64 / 1e3)
}

/// "1 min 05 s left" or "42 s left"; in Chinese "剩余 1 分 05 秒". Under a minute the seconds
/// are rounded; past it they are cut, as a countdown shows them.
pub fn format_time_left(lang: Lang, seconds: f64) -> String {
    let seconds = seconds.max(0.0);
    let whole = if seconds < 60.0 {
        seconds.round()
    } else {
        seconds.floor()
    };
    let (min, sec) = if whole >= 60.0 {
        (Some((whole / 60.0).floor()), whole % 60.0)
    } else {
        (None, whole)
    };
    let left = Msg::FtLeft.get(lang);
    match (lang, min) {
        (Lang::En, Some(m)) => format!("{m} min {sec:02} s {left}"),
        (Lang::En, None) => format!("{sec} s {left}"),
        (Lang::Zh, Some(m)) => format!("{left} {m} 分 {sec:02} 秒"),
        (Lang::Zh, None) => format!("{left} {sec} 秒"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn steps(done: usize, total: usize) -> StepCount {
        StepCount { done, total }
    }

    #[test]
    fn the_pace_so_far_sets_the_time_left() {
        // 10 steps in 2 s: 0.2 s a step, 90 steps left = 18 s.
        assert_eq!(seconds_left(steps(10, 100), 2000.0), Some(18.0));
        assert_eq!(seconds_left(steps(100, 100), 5000.0), Some(0.0));
    }

    #[test]
    fn no_estimate_before_the_first_step_or_without_elapsed_time() {
        assert_eq!(seconds_left(steps(0, 100), 2000.0), None);
        assert_eq!(seconds_left(steps(5, 100), 0.0), None);
        assert_eq!(seconds_left(steps(5, 100), -3.0), None);
        assert_eq!(seconds_left(steps(5, 100), f64::NAN), None);
    }

    #[test]
    fn under_a_minute_reads_in_seconds() {
        assert_eq!(format_time_left(Lang::En, 42.4), "42 s left");
        assert_eq!(format_time_left(Lang::En, 0.2), "0 s left");
        assert_eq!(format_time_left(Lang::Zh, 42.6), "剩余 43 秒");
    }

    #[test]
    fn past_a_minute_reads_in_minutes_and_two_digit_seconds() {
        assert_eq!(format_time_left(Lang::En, 65.9), "1 min 05 s left");
        assert_eq!(format_time_left(Lang::En, 60.0), "1 min 00 s left");
        assert_eq!(format_time_left(Lang::En, 3725.0), "62 min 05 s left");
        assert_eq!(format_time_left(Lang::Zh, 65.0), "剩余 1 分 05 秒");
    }

    #[test]
    fn just_under_a_minute_rounds_up_into_minutes() {
        assert_eq!(format_time_left(Lang::En, 59.6), "1 min 00 s left");
    }

    #[test]
    fn a_negative_estimate_reads_as_zero() {
        assert_eq!(format_time_left(Lang::En, -4.0), "0 s left");
    }
}
