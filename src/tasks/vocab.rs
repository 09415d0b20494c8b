//! A character vocabulary with the three special tokens a sequence-to-sequence model needs: PAD
//! fills short rows of a batch, BOS starts the decoder's input, EOS ends its output (Sutskever,
//! Vinyals & Le 2014, "Sequence to Sequence Learning with Neural Networks", §2).
//!
//! A vocabulary is made from a task's alphabet, not from the examples drawn, so one task always
//! has the same ids whatever the seed or the subset of formats: a model pretrained on English
//! dates can be fine-tuned on Chinese ones.

use serde::{Deserialize, Serialize};

use crate::error::Error;

/// Fills the rows of a batch beyond each sequence's length; losses ignore it.
pub const PAD: usize = 0;
/// The decoder's first input token.
pub const BOS: usize = 1;
/// The token that ends an output.
pub const EOS: usize = 2;
/// Ids below this are special tokens; characters follow in code-point order.
const FIRST_CHAR: usize = 3;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Vocab {
    /// Sorted and distinct: the character of id i is `chars[i - FIRST_CHAR]`.
    chars: Vec<char>,
}

impl Vocab {
    /// The special tokens and every character of `alphabet`, in code-point order.
    pub fn from_alphabet(alphabet: &str) -> Vocab {
        let mut chars: Vec<char> = alphabet.chars().collect();
        chars.sort_unstable();
        chars.dedup();
        Vocab { chars }
    }

    /// Ids in use, special tokens included: the model's input and output width.
    pub fn len(&self) -> usize {
        FIRST_CHAR + self.chars.len()
    }

    /// Never true: the special tokens are always there.
    pub fn is_empty(&self) -> bool {
        false
    }

    pub fn chars(&self) -> &[char] {
        &self.chars
    }

    pub fn id(&self, c: char) -> Option<usize> {
        self.chars.binary_search(&c).ok().map(|i| i + FIRST_CHAR)
    }

    /// The characters of `text` that have no id, with their positions (in characters, from 0),
    /// so an input box can mark each one.
    pub fn unknown_chars(&self, text: &str) -> Vec<(usize, char)> {
        text.chars()
            .enumerate()
            .filter(|&(_, c)| self.id(c).is_none())
            .collect()
    }

    /// The ids of `text`'s characters, or an error naming every character the vocabulary lacks:
    /// an unknown character is never dropped, since the model would then translate something
    /// other than what was typed.
    pub fn encode(&self, text: &str) -> Result<Vec<usize>, Error> {
        let mut ids = Vec::with_capacity(text.len());
        self.encode_into(text, &mut ids)?;
        Ok(ids)
    }

    /// As [`Vocab::encode`], appending to `ids`; on error `ids` is left as it was.
    pub fn encode_into(&self, text: &str, ids: &mut Vec<usize>) -> Result<(), Error> {
        let start = ids.len();
        for c in text.chars() {
            match self.id(c) {
                Some(id) => ids.push(id),
                None => {
                    ids.truncate(start);
                    return Err(self.unknown_error(text));
                }
            }
        }
        Ok(())
    }

    fn unknown_error(&self, text: &str) -> Error {
        let listed: Vec<String> = self
            .unknown_chars(text)
            .iter()
            .map(|(at, c)| format!("{c:?} at {at}"))
            .collect();
        Error::InvalidConfig {
            field: "input",
            detail: format!("characters not in the vocabulary: {}", listed.join(", ")),
        }
    }

    /// The text of an output: characters up to the first EOS, other special tokens skipped. An id
    /// beyond the vocabulary shows as U+FFFD rather than vanishing.
    pub fn decode(&self, ids: &[usize]) -> String {
        ids.iter()
            .take_while(|&&id| id != EOS)
            .filter(|&&id| id >= FIRST_CHAR)
            .map(|&id| {
                self.chars
                    .get(id - FIRST_CHAR)
                    .copied()
                    .unwrap_or('\u{FFFD}')
            })
            .collect()
    }

    /// A token as an axis label: the character itself, or a name for a special token.
    pub fn label(&self, id: usize) -> String {
        match id {
            PAD => "<pad>".into(),
            BOS => "<s>".into(),
            EOS => "</s>".into(),
            _ => self.decode(&[id]),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn should_round_trip_and_order_ids_by_code_point() {
        let v = Vocab::from_alphabet("cab年a");
        assert_eq!(v.len(), 3 + 4);
        assert_eq!(v.encode("abc年").unwrap(), vec![3, 4, 5, 6]);
        assert_eq!(v.decode(&[BOS, 5, 3, EOS, 4]), "ca");
        assert_eq!(v.label(BOS), "<s>");
        assert_eq!(v.label(6), "年");
    }

    #[test]
    fn should_name_every_unknown_character_and_where_it_is() {
        let v = Vocab::from_alphabet("abc");
        assert_eq!(v.unknown_chars("aXbY"), vec![(1, 'X'), (3, 'Y')]);
        let e = v.encode("aXbY").unwrap_err().to_string();
        assert!(e.contains("'X' at 1") && e.contains("'Y' at 3"), "{e}");
    }
}
