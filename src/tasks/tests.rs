//! Task generators against independent checks: a small parser reads every date style back,
//! Zeller's congruence re-derives weekdays, and data sets are checked for disjointness,
//! determinism and a vocabulary that covers them.

use std::collections::HashSet;

use super::calendar::Date;
use super::dates::{self, DateLanguages, DateStyle, MONTHS, STYLES, WEEKDAYS};
use super::{Dataset, DatasetBuilder, Task, TaskConfig, Vocab};
use crate::error::Error;
use crate::rng::Rng;

/// Zeller's congruence (1882), Monday = 0: an independent formula for the weekday.
fn zeller(d: Date) -> usize {
    let (mut y, mut m) = (d.year, d.month as i32);
    if m < 3 {
        m += 12;
        y -= 1;
    }
    let (k, j) = (y % 100, y / 100);
    let h = (d.day as i32 + 13 * (m + 1) / 5 + k + k / 4 + j / 4 + 5 * j) % 7; // 0 = Saturday
    ((h + 5) % 7) as usize
}

/// 一 … 三十一 as a number; 〇-digit strings (years) digit by digit.
fn parse_chinese(s: &str) -> Option<i32> {
    let digit = |c: char| "〇一二三四五六七八九".chars().position(|x| x == c);
    if s.chars().all(|c| c.is_ascii_digit()) {
        return s.parse().ok();
    }
    if !s.contains('十') {
        return s
            .chars()
            .try_fold(0, |n, c| Some(10 * n + digit(c)? as i32));
    }
    let (tens, ones) = s.split_once('十')?;
    let tens = if tens.is_empty() {
        1
    } else {
        digit(tens.chars().next()?)?
    };
    let ones = if ones.is_empty() {
        0
    } else {
        digit(ones.chars().next()?)?
    };
    Some(10 * tens as i32 + ones as i32)
}

fn full_year(y: i32, digits: usize) -> i32 {
    match (digits, y) {
        (2, 50..) => 1900 + y,
        (2, _) => 2000 + y,
        _ => y,
    }
}

/// Reads a source back: the date and the weekday it names, if any.
fn parse(source: &str) -> Option<(Date, Option<usize>)> {
    if let Some((year, rest)) = source.split_once('年') {
        let (month, rest) = rest.split_once('月')?;
        let (day, rest) = rest.split_once('日')?;
        let weekday = match rest.strip_prefix("星期") {
            Some(w) => Some("一二三四五六日".chars().position(|c| w == c.to_string())?),
            None if rest.is_empty() => None,
            None => return None,
        };
        let date = Date {
            year: parse_chinese(year)?,
            month: parse_chinese(month)? as u32,
            day: parse_chinese(day)? as u32,
        };
        return Some((date, weekday));
    }
    let numbers =
        |parts: &[&str]| -> Option<Vec<i32>> { parts.iter().map(|p| p.parse().ok()).collect() };
    for (sep, order) in [('/', [1, 0, 2]), ('.', [0, 1, 2])] {
        let parts: Vec<&str> = source.split(sep).collect();
        if parts.len() == 3 {
            let n = numbers(&parts)?;
            let (day, month, year) = (n[order[0]], n[order[1]], n[order[2]]);
            let year = full_year(year, parts[2].len());
            return Some((
                Date {
                    year,
                    month: month as u32,
                    day: day as u32,
                },
                None,
            ));
        }
    }
    let words: Vec<&str> = source.split([' ', ',']).filter(|w| !w.is_empty()).collect();
    let (mut weekday, mut month, mut nums) = (None, None, Vec::new());
    for w in words {
        if let Some(i) = WEEKDAYS.iter().position(|&d| d == w) {
            weekday = Some(i);
        } else if let Some(i) = MONTHS.iter().position(|&m| m == w || &m[..3] == w) {
            month = Some(i as u32 + 1);
        } else {
            nums.push((w.parse::<i32>().ok()?, w.len()));
        }
    }
    // Every English style with a month name gives the day before the year.
    let [(day, _), (year, digits)] = nums[..] else {
        return None;
    };
    let date = Date {
        year: full_year(year, digits),
        month: month?,
        day: day as u32,
    };
    Some((date, weekday))
}

fn century() -> std::ops::RangeInclusive<i64> {
    let first = Date {
        year: dates::FIRST_YEAR,
        month: 1,
        day: 1,
    };
    let last = Date {
        year: dates::LAST_YEAR,
        month: 12,
        day: 31,
    };
    first.days()..=last.days()
}

#[test]
fn should_agree_with_zeller_on_every_weekday_of_the_century() {
    for d in century() {
        let date = Date::from_days(d);
        assert_eq!(date.weekday(), zeller(date), "{date:?}");
    }
}

#[test]
fn should_parse_every_style_back_to_its_target_with_the_right_weekday() {
    // Every 7th day, so each style meets every weekday and month over the century.
    for d in century().step_by(7) {
        let date = Date::from_days(d);
        for style in STYLES {
            let source = style.write(date);
            let (parsed, weekday) = parse(&source).unwrap_or_else(|| panic!("{source}"));
            assert_eq!(parsed.iso(), date.iso(), "{source}");
            if let Some(w) = weekday {
                assert_eq!(w, zeller(date), "{source}");
            }
        }
    }
    let mut rng = Rng::seed(9);
    for _ in 0..2000 {
        let e = dates::sample(DateLanguages::Both, &mut rng);
        let (parsed, _) = parse(&e.source).unwrap_or_else(|| panic!("{}", e.source));
        assert_eq!(parsed.iso(), e.target, "{}", e.source);
    }
}

#[test]
fn should_know_the_longest_date_strings() {
    let (mut source, mut target) = (0, 0);
    for d in century() {
        let date = Date::from_days(d);
        for style in STYLES {
            source = source.max(style.write(date).chars().count());
        }
        target = target.max(date.iso().len());
    }
    assert_eq!(source, dates::MAX_SOURCE_LEN);
    assert_eq!(target, dates::MAX_TARGET_LEN);
    assert_eq!(
        DateStyle::WeekdayMonthDayYear.write(Date {
            year: 2026,
            month: 9,
            day: 30
        }),
        "Wednesday, September 30, 2026"
    );
}

fn config(task: Task, train: usize, test: usize, seed: u64) -> TaskConfig {
    TaskConfig {
        task,
        train_size: train,
        test_size: test,
        seed,
        pairs: None,
    }
}

#[test]
fn should_hold_out_a_disjoint_test_set_and_repeat_per_seed() {
    for task in [
        Task::Dates(DateLanguages::Both),
        Task::Numbers,
        Task::Reversal,
    ] {
        let a = Dataset::generate(&config(task, 5000, 500, 3)).unwrap();
        let b = Dataset::generate(&config(task, 5000, 500, 3)).unwrap();
        let c = Dataset::generate(&config(task, 5000, 500, 4)).unwrap();
        assert_eq!((a.train.len(), a.test.len()), (5000, 500));
        assert_eq!((&a.train, &a.test), (&b.train, &b.test), "{task:?}");
        assert_ne!(a.test, c.test, "{task:?}");
        let train: HashSet<&str> = a.train.iter().map(|e| e.source.as_str()).collect();
        assert_eq!(train.len(), 5000, "{task:?}: training sources repeat");
        assert!(a.test.iter().all(|e| !train.contains(e.source.as_str())));
        // The test set does not depend on how much is drawn for training.
        let smaller = Dataset::generate(&config(task, 200, 500, 3)).unwrap();
        assert_eq!(smaller.test, a.test);
        for e in a.train.iter().chain(&a.test) {
            assert!(a.vocab.encode(&e.source).is_ok(), "{}", e.source);
            assert!(a.vocab.encode(&e.target).is_ok(), "{}", e.target);
            assert!(e.source.chars().count() <= task.max_source_len());
            assert!(e.target.chars().count() <= task.max_target_len());
        }
    }
}

#[test]
fn should_share_one_vocabulary_across_date_languages() {
    let v: Vec<Vocab> = [
        DateLanguages::Both,
        DateLanguages::English,
        DateLanguages::Chinese,
    ]
    .map(|l| Task::Dates(l).vocab())
    .into();
    assert!(v[0] == v[1] && v[1] == v[2]);
    assert_eq!(Task::Reversal.vocab().len(), 3 + 26);
}

#[test]
fn should_refuse_sizes_the_task_cannot_give() {
    assert!(config(Task::Numbers, 60_000, 500, 0).validate().is_err());
    assert!(config(Task::Numbers, 0, 500, 0).validate().is_err());
    assert!(config(Task::Reversal, 20_000, 0, 0).validate().is_err());
    assert!(config(Task::Numbers, 20_000, 500, 0).validate().is_ok());
}

/// FNV-1a over every example, test set first: a fingerprint of a whole data set.
fn fingerprint(data: &Dataset) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for e in data.test.iter().chain(&data.train) {
        let bytes = e
            .source
            .bytes()
            .chain([0])
            .chain(e.target.bytes())
            .chain([1]);
        for b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

#[test]
fn should_draw_the_same_data_set_in_pieces_as_at_once() {
    for task in [
        Task::Dates(DateLanguages::Both),
        Task::Numbers,
        Task::Reversal,
    ] {
        let config = config(task, 3000, 300, 7);
        let whole = Dataset::generate(&config).unwrap();
        let mut builder = DatasetBuilder::new(&config).unwrap();
        // Pieces of uneven sizes, some ending inside the test set and one across its end.
        for draws in [1, 7, 250, 100].into_iter().cycle() {
            if builder.is_done() {
                break;
            }
            builder.advance(draws).unwrap();
            let (done, total) = builder.progress();
            assert!(done <= total);
        }
        assert_eq!(builder.progress(), (3300, 3300));
        let pieces = builder.finish().unwrap();
        assert_eq!((&pieces.test, &pieces.train), (&whole.test, &whole.train));
    }
}

#[test]
fn should_draw_the_data_sets_it_drew_before_pieces() {
    // Fingerprints of the data sets `Dataset::generate` drew before it was cut into pieces
    // (commit 659f76c): the same seed still names the same examples.
    let expected = [
        (Task::Reversal, 0xcf95_4dae_a17c_adcd),
        (Task::Numbers, 0xa08d_35c4_6e19_a012),
        (Task::Dates(DateLanguages::Both), 0xe323_8a38_4e95_5034),
    ];
    for (task, fp) in expected {
        let data = Dataset::generate(&config(task, 3000, 300, 7)).unwrap();
        assert_eq!(fingerprint(&data), fp, "{task:?}");
    }
}

#[test]
fn should_refuse_to_finish_a_data_set_half_drawn() {
    let mut builder = DatasetBuilder::new(&config(Task::Reversal, 100, 10, 0)).unwrap();
    builder.advance(50).unwrap();
    assert!(!builder.is_done());
    assert!(matches!(builder.finish(), Err(Error::InvalidConfig { .. })));
}
