//! The number-translation task: English number words become Chinese numerals ("three thousand
//! and twelve" → "三千零一十二"). The two languages group digits differently (by thousands
//! and by 万) and Chinese reads zeros by rule, so the mapping is more than word-for-word.

use super::chinese_numerals::{chinese, chinese_alphabet};
use super::english_numbers::{english, english_alphabet};
use super::Example;
use crate::rng::Rng;

/// Numbers go up to 99,999: every 万-group rule shows up, and sources stay under 60 characters.
pub const MAX_NUMBER: u32 = 99_999;
const DIGITS: u32 = 5;

/// The longest source ("seventy-seven thousand seven hundred and seventy-seven") and target
/// ("七万七千七百七十七") in characters, checked over every number by a test.
pub const MAX_SOURCE_LEN: usize = 54;
pub const MAX_TARGET_LEN: usize = 9;

/// Each digit is zero one time in four rather than one in ten, so the cases Chinese reads with
/// 零 (一万零五, 三千零一十二) are common enough to learn.
const ZERO_ODDS: u32 = 4;

pub fn alphabet() -> String {
    english_alphabet() + &chinese_alphabet()
}

pub fn example(n: u32) -> Example {
    Example {
        source: english(n),
        target: chinese(n),
    }
}

/// A number of up to five digits, each zero with probability 1/4 and otherwise 1–9; leading
/// zeros make shorter numbers.
pub fn sample(rng: &mut Rng) -> Example {
    let n = (0..DIGITS).fold(0, |n, _| {
        let digit = if rng.below(ZERO_ODDS) == 0 {
            0
        } else {
            1 + rng.below(9)
        };
        10 * n + digit
    });
    example(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn should_know_its_longest_strings() {
        let (mut source, mut target) = (0, 0);
        for n in 0..=MAX_NUMBER {
            let e = example(n);
            source = source.max(e.source.chars().count());
            target = target.max(e.target.chars().count());
        }
        assert_eq!((source, target), (MAX_SOURCE_LEN, MAX_TARGET_LEN));
    }

    #[test]
    fn should_translate_the_issue_example() {
        let e = example(3012);
        assert_eq!(e.source, "three thousand and twelve");
        assert_eq!(e.target, "三千零一十二");
    }
}
