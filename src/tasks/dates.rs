//! The date-normalisation task: one date written in one of many English or Chinese styles
//! becomes its ISO 8601 form, "YYYY-MM-DD" (as the date-translation demos after Bahdanau, Cho &
//! Bengio 2015 do, here with Chinese added). The styles put day, month and year in different
//! orders, so the alignment that cross-attention learns is not a diagonal.

use serde::{Deserialize, Serialize};

use super::calendar::Date;
use super::chinese_numerals::{chinese, chinese_alphabet, chinese_digits};
use super::Example;
use crate::rng::Rng;

pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Monday first, as [`super::calendar::Weekday`] counts.
pub const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// 星期一 … 星期日, Monday first.
const WEEKDAYS_ZH: [&str; 7] = ["一", "二", "三", "四", "五", "六", "日"];

/// Dates span a century; a two-digit year yy means 19yy from 50 up and 20yy below, as the
/// pivot-year rule of POSIX `strptime %y` does with its own pivot.
pub const FIRST_YEAR: i32 = 1950;
pub const LAST_YEAR: i32 = 2049;

/// The longest source ("Wednesday, September 28, 2026") and target ("2026-11-28") in characters,
/// checked over every date and style by a test.
pub const MAX_SOURCE_LEN: usize = 29;
pub const MAX_TARGET_LEN: usize = 10;

/// One way of writing a date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DateStyle {
    /// "Saturday, 28 November 2026"
    WeekdayDayMonthYear,
    /// "Saturday, November 28, 2026"
    WeekdayMonthDayYear,
    /// "28 November 2026"
    DayMonthYear,
    /// "November 28, 2026"
    MonthDayYear,
    /// "28 Nov 2026"
    DayMonYear,
    /// "Nov 28, 26"
    MonDayShortYear,
    /// "11/28/2026" (US order, no leading zeros)
    UsSlashes,
    /// "28.11.2026" (European order, two-digit day and month)
    EuropeanDots,
    /// "2026年11月28日"
    ZhArabic,
    /// "2026年11月28日星期六"
    ZhArabicWeekday,
    /// "二〇二六年十一月二十八日"
    ZhNumerals,
    /// "二〇二六年十一月二十八日星期六"
    ZhNumeralsWeekday,
}

/// English styles first, then Chinese.
pub const STYLES: [DateStyle; 12] = [
    DateStyle::WeekdayDayMonthYear,
    DateStyle::WeekdayMonthDayYear,
    DateStyle::DayMonthYear,
    DateStyle::MonthDayYear,
    DateStyle::DayMonYear,
    DateStyle::MonDayShortYear,
    DateStyle::UsSlashes,
    DateStyle::EuropeanDots,
    DateStyle::ZhArabic,
    DateStyle::ZhArabicWeekday,
    DateStyle::ZhNumerals,
    DateStyle::ZhNumeralsWeekday,
];
const ENGLISH_COUNT: usize = 8;

/// Which styles a data set draws from: issue 7 pretrains on English and fine-tunes on Chinese.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DateLanguages {
    Both,
    English,
    Chinese,
}

impl DateLanguages {
    pub fn styles(self) -> &'static [DateStyle] {
        match self {
            DateLanguages::Both => &STYLES,
            DateLanguages::English => &STYLES[..ENGLISH_COUNT],
            DateLanguages::Chinese => &STYLES[ENGLISH_COUNT..],
        }
    }
}

impl DateStyle {
    pub fn write(self, d: Date) -> String {
        let (day, month, year) = (d.day, d.month, d.year);
        let name = MONTHS[month as usize - 1];
        let mon = &name[..3];
        let weekday = WEEKDAYS[d.weekday()];
        let zh_weekday = WEEKDAYS_ZH[d.weekday()];
        let zh_numerals = || {
            let y = chinese_digits(year.unsigned_abs());
            format!("{y}年{}月{}日", chinese(month), chinese(day))
        };
        match self {
            DateStyle::WeekdayDayMonthYear => format!("{weekday}, {day} {name} {year}"),
            DateStyle::WeekdayMonthDayYear => format!("{weekday}, {name} {day}, {year}"),
            DateStyle::DayMonthYear => format!("{day} {name} {year}"),
            DateStyle::MonthDayYear => format!("{name} {day}, {year}"),
            DateStyle::DayMonYear => format!("{day} {mon} {year}"),
            DateStyle::MonDayShortYear => format!("{mon} {day}, {:02}", year.rem_euclid(100)),
            DateStyle::UsSlashes => format!("{month}/{day}/{year}"),
            DateStyle::EuropeanDots => format!("{day:02}.{month:02}.{year}"),
            DateStyle::ZhArabic => format!("{year}年{month}月{day}日"),
            DateStyle::ZhArabicWeekday => format!("{year}年{month}月{day}日星期{zh_weekday}"),
            DateStyle::ZhNumerals => zh_numerals(),
            DateStyle::ZhNumeralsWeekday => format!("{}星期{zh_weekday}", zh_numerals()),
        }
    }
}

/// Every character any style writes, and the target's digits and hyphen.
pub fn alphabet() -> String {
    let mut s: String = MONTHS.iter().chain(&WEEKDAYS).copied().collect();
    s.push_str("0123456789 ,./-年月日星期〇");
    s.push_str(&chinese_alphabet());
    s
}

/// A date drawn uniformly from [`FIRST_YEAR`]-01-01 ..= [`LAST_YEAR`]-12-31, written in a style
/// drawn uniformly from `languages`.
pub fn sample(languages: DateLanguages, rng: &mut Rng) -> Example {
    let first = Date {
        year: FIRST_YEAR,
        month: 1,
        day: 1,
    }
    .days();
    let last = Date {
        year: LAST_YEAR,
        month: 12,
        day: 31,
    }
    .days();
    let date = Date::from_days(first + i64::from(rng.below((last - first + 1) as u32)));
    let styles = languages.styles();
    let style = styles[rng.below(styles.len() as u32) as usize];
    Example {
        source: style.write(date),
        target: date.iso(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(year: i32, month: u32, day: u32) -> Date {
        Date { year, month, day }
    }

    #[test]
    fn should_write_the_issue_examples() {
        let d = date(2026, 11, 28);
        let written: Vec<String> = DateLanguages::Both
            .styles()
            .iter()
            .map(|s| s.write(d))
            .collect();
        assert_eq!(
            written,
            [
                "Saturday, 28 November 2026",
                "Saturday, November 28, 2026",
                "28 November 2026",
                "November 28, 2026",
                "28 Nov 2026",
                "Nov 28, 26",
                "11/28/2026",
                "28.11.2026",
                "2026年11月28日",
                "2026年11月28日星期六",
                "二〇二六年十一月二十八日",
                "二〇二六年十一月二十八日星期六",
            ]
        );
        let early = date(1950, 1, 5);
        assert_eq!(DateStyle::UsSlashes.write(early), "1/5/1950");
        assert_eq!(DateStyle::EuropeanDots.write(early), "05.01.1950");
        assert_eq!(DateStyle::MonDayShortYear.write(early), "Jan 5, 50");
        assert_eq!(DateStyle::ZhNumerals.write(early), "一九五〇年一月五日");
        // 1950-01-05 was a Thursday.
        assert_eq!(
            DateStyle::ZhArabicWeekday.write(early),
            "1950年1月5日星期四"
        );
    }

    #[test]
    fn should_draw_only_the_chosen_language() {
        let mut rng = Rng::seed(1);
        for _ in 0..200 {
            let zh = sample(DateLanguages::Chinese, &mut rng);
            assert!(zh.source.contains('年'), "{}", zh.source);
            let en = sample(DateLanguages::English, &mut rng);
            assert!(en.source.is_ascii(), "{}", en.source);
        }
    }
}
