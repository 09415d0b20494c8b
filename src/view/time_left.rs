//! How the time a run has left reads in each language ("1 min 05 s left", "剩余 1 分 05 秒"). The
//! estimate itself comes from the worker, which has the clock (`jobs::experiment::RunClock`).

use crate::i18n::{Lang, Msg};

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
