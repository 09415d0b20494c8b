//! The visitor's sentence pairs (`gradlab::tasks::own_pairs`): any text, any bytes and the
//! shipped example damaged are read or refused with a reason, never a panic; what is read keeps
//! the limits (sides of 1 to 64 characters, no control character, at most 20,000 pairs) and
//! passes the worker's own check; every skipped line is named by a line the text has.

use gradlab::tasks::own_pairs::{read_bytes, read_text, PairsRead, MAX_PAIRS, MAX_SIDE_CHARS};
use proptest::collection::vec;
use proptest::prelude::*;

use crate::mutate::{mutate, mutations};
use crate::{config, CASES};

const EXAMPLE: &[u8] = include_bytes!("../../assets/pairs/en-zh-animals.tsv");

/// Lines made of the characters that matter: separators, comments, CR, BOM, CJK, controls.
fn text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("\t".to_string()),
        Just(",".to_string()),
        Just("#".to_string()),
        Just("\r".to_string()),
        Just("\u{feff}".to_string()),
        Just(" ".to_string()),
        "[a-c猫\u{0}-\u{1f}]{0,70}",
    ];
    let line = vec(piece, 0..6).prop_map(|p| p.concat());
    vec(line, 0..60).prop_map(|lines| lines.join("\n"))
}

fn check(read: &PairsRead, text_lines: usize) {
    let pairs = read.pairs.pairs();
    assert!(pairs.len() <= MAX_PAIRS);
    for e in pairs {
        for side in [&e.source, &e.target] {
            let n = side.chars().count();
            assert!((1..=MAX_SIDE_CHARS).contains(&n), "{side:?}");
            assert!(!side.chars().any(char::is_control), "{side:?}");
        }
    }
    read.pairs
        .validate()
        .expect("what was read passes the worker's check");
    assert!(read
        .skipped
        .listed
        .iter()
        .all(|b| (1..=text_lines).contains(&b.line)));
}

proptest! {
    #![proptest_config(config(CASES))]

    #[test]
    fn any_text_is_read_within_the_limits_or_refused(text in text()) {
        if let Ok(read) = read_text(&text) {
            check(&read, text.lines().count());
        }
    }

    #[test]
    fn any_bytes_are_read_or_refused(bytes in vec(any::<u8>(), 0..400)) {
        if let Ok(read) = read_bytes(&bytes) {
            check(&read, bytes.split(|&b| b == b'\n').count());
        }
    }

    #[test]
    fn the_damaged_example_is_read_or_refused(edits in mutations()) {
        let bytes = mutate(EXAMPLE.to_vec(), &edits);
        if let Ok(read) = read_bytes(&bytes) {
            check(&read, bytes.split(|&b| b == b'\n').count());
        }
    }
}
