//! The warm-up task: a random string of letters, reversed. Output position i must read input
//! position n − 1 − i, so a trained model's cross-attention is an anti-diagonal.

use super::Example;
use crate::rng::Rng;

pub const LETTERS: &str = "abcdefghijklmnopqrstuvwxyz";
pub const MIN_LEN: usize = 3;
pub const MAX_LEN: usize = 10;

pub fn alphabet() -> String {
    LETTERS.into()
}

/// A length uniform in [`MIN_LEN`]..=[`MAX_LEN`], letters uniform.
pub fn sample(rng: &mut Rng) -> Example {
    let letters = LETTERS.as_bytes();
    let len = MIN_LEN + rng.below((MAX_LEN - MIN_LEN + 1) as u32) as usize;
    let source: String = (0..len)
        .map(|_| char::from(letters[rng.below(letters.len() as u32) as usize]))
        .collect();
    Example {
        target: source.chars().rev().collect(),
        source,
    }
}
