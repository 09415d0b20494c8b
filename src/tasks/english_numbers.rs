//! Cardinal numbers in English words, British style: "and" before the last two digits of a
//! group of hundreds, and before a final part below a hundred ("three thousand and twelve"),
//! hyphens inside 21–99 ("forty-two"). As in Fowler's and the Oxford style guides.

const ONES: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];

const TENS: [&str; 10] = [
    "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];

const SCALES: [&str; 3] = ["hundred", "thousand", "million"];

/// The largest number [`english`] writes: millions are the largest scale word it knows.
pub const ENGLISH_MAX: u32 = 999_999_999;

/// Every character [`english`] can produce.
pub fn english_alphabet() -> String {
    let words = ONES.iter().chain(&TENS).chain(&SCALES);
    let mut s: String = words.copied().collect();
    s.push_str(" -and");
    s
}

/// n in words; numbers above [`ENGLISH_MAX`] are written as that.
pub fn english(n: u32) -> String {
    let n = n.min(ENGLISH_MAX);
    if n == 0 {
        return ONES[0].into();
    }
    let (millions, thousands, rest) = (n / 1_000_000, n / 1000 % 1000, n % 1000);
    let mut parts = Vec::new();
    if millions > 0 {
        parts.push(format!("{} million", below_thousand(millions)));
    }
    if thousands > 0 {
        parts.push(format!("{} thousand", below_thousand(thousands)));
    }
    if rest > 0 {
        // "two thousand and five": the British "and" joins a bare tail to a larger part.
        if parts.is_empty() || rest >= 100 {
            parts.push(below_thousand(rest));
        } else {
            parts.push(format!("and {}", below_hundred(rest)));
        }
    }
    parts.join(" ")
}

/// 1..=999.
fn below_thousand(n: u32) -> String {
    let (hundreds, rest) = (n / 100, n % 100);
    match (hundreds, rest) {
        (0, _) => below_hundred(rest),
        (_, 0) => format!("{} hundred", ONES[hundreds as usize]),
        _ => format!(
            "{} hundred and {}",
            ONES[hundreds as usize],
            below_hundred(rest)
        ),
    }
}

/// 1..=99.
fn below_hundred(n: u32) -> String {
    let (tens, ones) = (n as usize / 10, n as usize % 10);
    match (tens, ones) {
        (0 | 1, _) => ONES[n as usize].into(),
        (_, 0) => TENS[tens].into(),
        _ => format!("{}-{}", TENS[tens], ONES[ones]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn should_write_british_cardinals() {
        let table = [
            (0, "zero"),
            (7, "seven"),
            (13, "thirteen"),
            (20, "twenty"),
            (42, "forty-two"),
            (100, "one hundred"),
            (105, "one hundred and five"),
            (110, "one hundred and ten"),
            (999, "nine hundred and ninety-nine"),
            (1000, "one thousand"),
            (1001, "one thousand and one"),
            (1010, "one thousand and ten"),
            (1100, "one thousand one hundred"),
            (3012, "three thousand and twelve"),
            (10_005, "ten thousand and five"),
            (21_345, "twenty-one thousand three hundred and forty-five"),
            (101_000, "one hundred and one thousand"),
            (1_000_100, "one million one hundred"),
            (2_000_050, "two million and fifty"),
        ];
        for (n, words) in table {
            assert_eq!(english(n), words, "{n}");
        }
    }
}
