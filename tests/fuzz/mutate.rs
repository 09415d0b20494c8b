//! Damage done to a real encoding: bits flipped, bytes set, removed or inserted, the end cut
//! off or added to. Positions are drawn from all of `usize` and wrap around the length, so every
//! byte of a short or long encoding can be hit and shrinking finds the smallest damage.

use proptest::collection::vec;
use proptest::prelude::*;

/// One damage done to an encoding.
#[derive(Clone, Debug)]
pub(crate) enum Mutation {
    FlipBit(usize),
    SetByte(usize, u8),
    Truncate(usize),
    Insert(usize, Vec<u8>),
    Append(Vec<u8>),
    Remove(usize),
}

pub(crate) fn mutations() -> impl Strategy<Value = Vec<Mutation>> {
    let one = prop_oneof![
        any::<usize>().prop_map(Mutation::FlipBit),
        any::<(usize, u8)>().prop_map(|(at, b)| Mutation::SetByte(at, b)),
        any::<usize>().prop_map(Mutation::Truncate),
        (any::<usize>(), vec(any::<u8>(), 1..12)).prop_map(|(at, b)| Mutation::Insert(at, b)),
        vec(any::<u8>(), 1..12).prop_map(Mutation::Append),
        any::<usize>().prop_map(Mutation::Remove),
    ];
    vec(one, 1..4)
}

/// Applies `edits` to `bytes`; positions wrap around the current length.
pub(crate) fn mutate(mut bytes: Vec<u8>, edits: &[Mutation]) -> Vec<u8> {
    for edit in edits {
        let len = bytes.len();
        let at = |i: usize| if len == 0 { 0 } else { i % len };
        match edit {
            Mutation::FlipBit(i) if len > 0 => bytes[at(i / 8)] ^= 1 << (i % 8),
            Mutation::SetByte(i, b) if len > 0 => bytes[at(*i)] = *b,
            Mutation::Truncate(i) => bytes.truncate(i % (len + 1)),
            Mutation::Insert(i, b) => {
                let i = i % (len + 1);
                bytes.splice(i..i, b.iter().copied());
            }
            Mutation::Append(b) => bytes.extend_from_slice(b),
            Mutation::Remove(i) if len > 0 => {
                bytes.remove(at(*i));
            }
            _ => {}
        }
    }
    bytes
}
