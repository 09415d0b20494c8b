//! Cardinal numbers in Chinese numerals as mainland primary-school textbooks read them out
//! (人教版《数学》四年级上册, "大数的认识"): digits grouped by 万; the zeros at the end of a group
//! are not read; any other run of zeros, including one that opens the lower group, is read as a
//! single 零; a 1 in the tens place is written 十 when it leads the whole number (10 → 十,
//! 150000 → 十五万) and 一十 anywhere else (3012 → 三千零一十二). Numbers use 二, never 两,
//! as written numerals do.

const DIGITS: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/// The place words inside a group of four digits, thousands first.
const PLACES: [&str; 4] = ["千", "百", "十", ""];

/// The largest number [`chinese`] writes: 亿 (10⁸) is the next group word, which it does not use.
pub const CHINESE_MAX: u32 = 99_999_999;

/// Every character [`chinese`] can produce.
pub fn chinese_alphabet() -> String {
    let mut s: String = DIGITS.iter().collect();
    s.push_str("十百千万");
    s
}

/// n in Chinese numerals; numbers above [`CHINESE_MAX`] are written as that.
pub fn chinese(n: u32) -> String {
    let n = n.min(CHINESE_MAX);
    if n == 0 {
        return DIGITS[0].into();
    }
    let (high, low) = (n / 10_000, n % 10_000);
    let mut out = String::new();
    if high > 0 {
        group(high, true, &mut out);
        out.push('万');
    }
    if low > 0 {
        // 一万零五, 一百万零一百: the lower group's leading zeros are read as one 零.
        if high > 0 && low < 1000 {
            out.push('零');
        }
        group(low, high == 0, &mut out);
    }
    out
}

/// 1..=9999, appended to `out`; `leading` when this group starts the number.
fn group(n: u32, leading: bool, out: &mut String) {
    let digits = [n / 1000, n / 100 % 10, n / 10 % 10, n % 10];
    let (mut started, mut zero_pending) = (false, false);
    for (place, &d) in digits.iter().enumerate() {
        if d == 0 {
            // A zero is read only if a non-zero digit follows; trailing zeros stay silent.
            zero_pending |= started;
            continue;
        }
        if std::mem::take(&mut zero_pending) {
            out.push('零');
        }
        let bare_ten = place == 2 && d == 1 && leading && !started;
        if !bare_ten {
            out.push(DIGITS[d as usize]);
        }
        out.push_str(PLACES[place]);
        started = true;
    }
}

/// A year digit by digit, as dates write it: 2026 → 二〇二六 (〇, not 零, in a digit string).
pub fn chinese_digits(n: u32) -> String {
    n.to_string()
        .chars()
        .map(|c| match c.to_digit(10) {
            Some(0) => '〇',
            Some(d) => DIGITS[d as usize],
            None => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn should_read_zeros_and_tens_as_textbooks_do() {
        // Hand-checked against the textbook rules in the module comment.
        let table = [
            (0, "零"),
            (7, "七"),
            (10, "十"),
            (11, "十一"),
            (20, "二十"),
            (28, "二十八"),
            (100, "一百"),
            (101, "一百零一"),
            (110, "一百一十"),
            (111, "一百一十一"),
            (1000, "一千"),
            (1001, "一千零一"),
            (1010, "一千零一十"),
            (1012, "一千零一十二"),
            (1100, "一千一百"),
            (2020, "二千零二十"),
            (3012, "三千零一十二"),
            (10_000, "一万"),
            (10_005, "一万零五"),
            (10_010, "一万零一十"),
            (10_100, "一万零一百"),
            (11_000, "一万一千"),
            (20_506, "二万零五百零六"),
            (99_999, "九万九千九百九十九"),
            (100_000, "十万"),
            (100_001, "十万零一"),
            (150_000, "十五万"),
            (1_000_100, "一百万零一百"),
            (1_001_000, "一百万一千"),
            (10_000_000, "一千万"),
            (12_345_678, "一千二百三十四万五千六百七十八"),
        ];
        for (n, text) in table {
            assert_eq!(chinese(n), text, "{n}");
        }
    }

    #[test]
    fn should_write_years_digit_by_digit() {
        assert_eq!(chinese_digits(2026), "二〇二六");
        assert_eq!(chinese_digits(1950), "一九五〇");
    }
}
