//! The visitor's own sentence pairs, read from pasted or uploaded text: one pair a line, source
//! and target split by a tab if the line has one, else by its first comma (so a source that
//! holds a comma needs a tab). Surrounding whitespace, a leading UTF-8 BOM, CRLF line ends,
//! empty lines and `#` comment lines are allowed for. Nothing here touches the network: the
//! text comes from the page and stays in the page and its worker.
//!
//! A bad line is skipped and named by its number; the text as a whole is refused only when a
//! limit is broken or too few pairs remain. The pairs then make a task of their own
//! ([`super::Task::Pairs`]): a vocabulary of their characters, and a held-out tenth.

use std::collections::HashMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use super::{Example, Vocab};
use crate::error::Error;
use crate::rng::Rng;

/// Pairs one text may hold: 20,000 pairs of 64 characters prepare in well under a second.
pub const MAX_PAIRS: usize = 20_000;
/// Characters (not bytes) a side may hold: the model's positions grow with it.
pub const MAX_SIDE_CHARS: usize = 64;
/// Bytes of text read at most; 20,000 full lines of Chinese would be about 7.7 MB, but real
/// word pairs are short, and a larger file is more likely the wrong one.
pub const MAX_TEXT_BYTES: usize = 2 * 1024 * 1024;
/// Fewer pairs than this cannot train: the held-out tenth would be one example, whose score
/// says nothing, and the model would learn the rest by heart in a few steps.
pub const MIN_PAIRS: usize = 20;
/// Bad lines named one by one; the rest are counted.
pub const LISTED_LINES: usize = 5;

/// Why one line gave no pair.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum LineProblem {
    /// Neither a tab nor a comma.
    NoSeparator,
    /// The source or the target is empty once trimmed.
    EmptySide,
    /// A side has this many characters, over [`MAX_SIDE_CHARS`].
    TooLong { chars: usize },
    /// A control character (a second tab, a lone CR, a NUL…), as its code point.
    Control { code: u32 },
    /// The source came before, on this line, with another target: which one is right?
    Conflict { first_line: usize },
}

/// A bad line by its number (from 1, as an editor counts).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BadLine {
    pub line: usize,
    pub problem: LineProblem,
}

/// Why the text as a whole gave no pairs to train on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PairsRefusal {
    TooLarge {
        bytes: u64,
        max: u64,
    },
    /// Not UTF-8 from this line on (a binary file, or another encoding).
    NotText {
        line: usize,
    },
    /// Pair number `MAX_PAIRS + 1` is on this line.
    TooManyPairs {
        max: usize,
        line: usize,
    },
    /// Only `found` usable pairs; `skipped` says why the other lines gave none.
    TooFew {
        found: usize,
        min: usize,
        skipped: Skipped,
    },
}

/// The first few bad lines and how many there were.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Skipped {
    pub listed: Vec<BadLine>,
    pub count: usize,
}

impl Skipped {
    fn push(&mut self, line: usize, problem: LineProblem) {
        if self.listed.len() < LISTED_LINES {
            self.listed.push(BadLine { line, problem });
        }
        self.count += 1;
    }
}

/// Text that gave pairs, and what was left out of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PairsRead {
    pub pairs: OwnPairs,
    pub skipped: Skipped,
    /// Lines equal to an earlier one, dropped: a copy could sit in both the training and the
    /// held-out set and flatter the score.
    pub duplicates: usize,
}

/// Reads uploaded bytes: refused unread when larger than [`MAX_TEXT_BYTES`], refused if not
/// UTF-8 (naming the line where it stops being so), else [`read_text`].
pub fn read_bytes(bytes: &[u8]) -> Result<PairsRead, PairsRefusal> {
    check_size(bytes.len() as u64)?;
    match std::str::from_utf8(bytes) {
        Ok(text) => read_text(text),
        Err(e) => {
            let valid = bytes.get(..e.valid_up_to()).unwrap_or_default();
            let line = 1 + valid.iter().filter(|&&b| b == b'\n').count();
            Err(PairsRefusal::NotText { line })
        }
    }
}

/// A file of `bytes` is refused before it is read if it is larger than any text taken.
pub fn check_size(bytes: u64) -> Result<(), PairsRefusal> {
    let max = MAX_TEXT_BYTES as u64;
    if bytes > max {
        return Err(PairsRefusal::TooLarge { bytes, max });
    }
    Ok(())
}

/// The pairs of `text`, in its order, or why there are none to train on.
pub fn read_text(text: &str) -> Result<PairsRead, PairsRefusal> {
    check_size(text.len() as u64)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut pairs = Vec::new();
    let mut skipped = Skipped::default();
    let mut duplicates = 0;
    // Each source, the line it came on and the index of its pair.
    let mut seen: HashMap<&str, (usize, usize)> = HashMap::new();
    // `lines` splits at '\n' and drops a '\r' before it: CRLF and LF alike.
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        let raw = raw.trim();
        if raw.is_empty() || raw.starts_with('#') {
            continue;
        }
        let (source, target) = match split_line(raw) {
            Ok(pair) => pair,
            Err(problem) => {
                skipped.push(line, problem);
                continue;
            }
        };
        match seen.get(source) {
            Some(&(_, at)) if pairs.get(at).is_some_and(|e: &Example| e.target == target) => {
                duplicates += 1;
                continue;
            }
            Some(&(first_line, _)) => {
                skipped.push(line, LineProblem::Conflict { first_line });
                continue;
            }
            None => {}
        }
        if pairs.len() == MAX_PAIRS {
            return Err(PairsRefusal::TooManyPairs {
                max: MAX_PAIRS,
                line,
            });
        }
        seen.insert(source, (line, pairs.len()));
        pairs.push(Example {
            source: source.to_string(),
            target: target.to_string(),
        });
    }
    if pairs.len() < MIN_PAIRS {
        return Err(PairsRefusal::TooFew {
            found: pairs.len(),
            min: MIN_PAIRS,
            skipped,
        });
    }
    Ok(PairsRead {
        pairs: OwnPairs { pairs },
        skipped,
        duplicates,
    })
}

/// A trimmed, non-empty, non-comment line as (source, target), or what is wrong with it.
fn split_line(line: &str) -> Result<(&str, &str), LineProblem> {
    let (source, target) = line
        .split_once('\t')
        .or_else(|| line.split_once(','))
        .ok_or(LineProblem::NoSeparator)?;
    let (source, target) = (source.trim(), target.trim());
    for side in [source, target] {
        if side.is_empty() {
            return Err(LineProblem::EmptySide);
        }
        if let Some(c) = side.chars().find(|c| c.is_control()) {
            return Err(LineProblem::Control { code: u32::from(c) });
        }
        let chars = side.chars().count();
        if chars > MAX_SIDE_CHARS {
            return Err(LineProblem::TooLong { chars });
        }
    }
    Ok((source, target))
}

/// The sizes of a set of pairs that a model is built for: small and `Copy`, so that
/// [`super::Task`] stays `Copy` while the pairs travel beside it in [`super::TaskConfig`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PairsShape {
    // Small types: every command that carries a preset grows with this. Each holds its limit
    // (20,000 pairs, 64 characters), and the count of characters saturates, which the trainer
    // then refuses for not matching the vocabulary (`TransformerTrainer::with_vocab`).
    pub count: u16,
    /// Distinct characters over both sides: the vocabulary without its special tokens.
    pub chars: u16,
    pub max_source_len: u8,
    pub max_target_len: u8,
}

/// Pairs that passed [`read_text`]'s checks, in the order of the text. The `Debug` form gives
/// their count only: a preset's `Debug` text is what the page names when memory runs out.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnPairs {
    pairs: Vec<Example>,
}

impl fmt::Debug for OwnPairs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "OwnPairs({} pairs)", self.pairs.len())
    }
}

impl OwnPairs {
    pub fn pairs(&self) -> &[Example] {
        &self.pairs
    }

    pub fn len(&self) -> usize {
        self.pairs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }

    /// Every character of both sides, in code-point order: the same pairs always give the same
    /// ids, whatever order they came in.
    pub fn vocab(&self) -> Vocab {
        let text: String = self
            .pairs
            .iter()
            .flat_map(|e| [e.source.as_str(), e.target.as_str()])
            .collect();
        Vocab::from_alphabet(&text)
    }

    pub fn shape(&self) -> PairsShape {
        let small = |n: usize| u16::try_from(n).unwrap_or(u16::MAX);
        let longest = |side: fn(&Example) -> &str| {
            let chars = self.pairs.iter().map(|e| side(e).chars().count());
            u8::try_from(chars.max().unwrap_or(0)).unwrap_or(u8::MAX)
        };
        PairsShape {
            count: small(self.pairs.len()),
            chars: small(self.vocab().chars().len()),
            max_source_len: longest(|e| &e.source),
            max_target_len: longest(|e| &e.target),
        }
    }

    /// The pairs held out for scoring: a tenth, rounded up.
    pub fn test_size(count: usize) -> usize {
        count.div_ceil(10)
    }

    /// (train, test): the pairs shuffled by `seed`, the first tenth held out. A seed names the
    /// same split, as it names the same drawn data set for the built-in tasks.
    pub fn split(&self, seed: u64) -> (Vec<Example>, Vec<Example>) {
        let mut shuffled = self.pairs.clone();
        Rng::seed(seed).shuffle(&mut shuffled);
        let train = shuffled.split_off(Self::test_size(shuffled.len()).min(shuffled.len()));
        (train, shuffled)
    }

    /// The checks of [`read_text`] again, for pairs that arrive as a message: the worker
    /// trusts nothing the page sends.
    pub fn validate(&self) -> Result<(), Error> {
        let invalid = |detail: String| Error::InvalidConfig {
            field: "pairs",
            detail,
        };
        if !(MIN_PAIRS..=MAX_PAIRS).contains(&self.pairs.len()) {
            return Err(invalid(format!(
                "{} pairs; between {MIN_PAIRS} and {MAX_PAIRS} are needed",
                self.pairs.len()
            )));
        }
        for (i, e) in self.pairs.iter().enumerate() {
            let side_ok = |s: &str| {
                !s.is_empty()
                    && s.trim() == s
                    && !s.chars().any(char::is_control)
                    && s.chars().count() <= MAX_SIDE_CHARS
            };
            if !side_ok(&e.source) || !side_ok(&e.target) {
                return Err(invalid(format!("pair {} is not a valid pair", i + 1)));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
#[path = "own_pairs_tests.rs"]
mod tests;
