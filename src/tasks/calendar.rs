//! The proleptic Gregorian calendar as day numbers, after Howard Hinnant's `days_from_civil` and
//! `civil_from_days` ("chrono-Compatible Low-Level Date Algorithms", 2013): a uniformly random
//! date is a uniformly random day number, and its weekday is that number modulo 7.

/// A calendar date; months and days count from 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

/// Monday = 0 … Sunday = 6 (ISO 8601 order).
pub type Weekday = usize;

impl Date {
    /// Days since 1970-01-01 (negative before it).
    pub fn days(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400; // [0, 399]
        let m = i64::from(self.month);
        let mp = (m + 9) % 12; // March = 0, so the leap day ends the year
        let doy = (153 * mp + 2) / 5 + i64::from(self.day) - 1; // [0, 365]
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy; // [0, 146096]
        era * 146_097 + doe - 719_468
    }

    /// The date `days` after 1970-01-01.
    pub fn from_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// 1970-01-01 was a Thursday (3 counting from Monday = 0).
    pub fn weekday(self) -> Weekday {
        (self.days() + 3).rem_euclid(7) as Weekday
    }

    /// "YYYY-MM-DD", the ISO 8601 calendar date.
    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(year: i32, month: u32, day: u32) -> Date {
        Date { year, month, day }
    }

    #[test]
    fn should_match_known_weekdays() {
        // Checked against `date -d … +%A`: Saturday, Saturday, Sunday, Friday, Thursday.
        assert_eq!(date(2026, 11, 28).weekday(), 5);
        assert_eq!(date(2000, 1, 1).weekday(), 5);
        assert_eq!(date(1950, 1, 1).weekday(), 6);
        assert_eq!(date(2049, 12, 31).weekday(), 4);
        assert_eq!(date(1970, 1, 1).weekday(), 3);
    }

    #[test]
    fn should_round_trip_every_day_and_count_leap_days() {
        let (first, last) = (date(1950, 1, 1).days(), date(2049, 12, 31).days());
        // 100 years with 25 leap days (2000 is one; 1900 and 2100 are outside).
        assert_eq!(last - first + 1, 100 * 365 + 25);
        let mut prev = Date::from_days(first - 1);
        for d in first..=last {
            let x = Date::from_days(d);
            assert_eq!(x.days(), d);
            assert!(x > prev, "{x:?} after {prev:?}");
            prev = x;
        }
        assert_eq!(Date::from_days(date(2024, 2, 29).days()), date(2024, 2, 29));
        assert_eq!(
            Date::from_days(date(2023, 2, 28).days() + 1),
            date(2023, 3, 1)
        );
        assert_eq!(date(2026, 1, 5).iso(), "2026-01-05");
    }
}
