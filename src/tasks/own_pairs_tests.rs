use std::sync::Arc;

use super::*;
use crate::tasks::{DatasetBuilder, Task, TaskConfig};

const EXAMPLE: &str = include_str!("../../assets/pairs/en-zh-animals.tsv");

/// `n` distinct pairs "wN,N reversed".
fn lines(n: usize) -> String {
    (0..n)
        .map(|i| format!("w{i},{}\n", i.to_string().chars().rev().collect::<String>()))
        .collect()
}

fn bad(text: &str) -> Vec<BadLine> {
    read_text(text).unwrap().skipped.listed
}

#[test]
fn should_split_at_a_tab_else_at_the_first_comma() {
    let text = format!("a, b\tc\nx,y,z\n{}", lines(20));
    let read = read_text(&text).unwrap();
    let p = read.pairs.pairs();
    assert_eq!((p[0].source.as_str(), p[0].target.as_str()), ("a, b", "c"));
    assert_eq!((p[1].source.as_str(), p[1].target.as_str()), ("x", "y,z"));
    assert_eq!(read.pairs.len(), 22);
}

#[test]
fn should_take_crlf_a_bom_comments_blank_lines_and_surrounding_spaces() {
    let text = format!(
        "\u{feff}# a comment\r\n\r\n  cat \t 猫  \r\n   \n{}",
        lines(20)
    );
    let read = read_text(&text.replace('\n', "\r\n")).unwrap();
    let first = &read.pairs.pairs()[0];
    assert_eq!(
        (first.source.as_str(), first.target.as_str()),
        ("cat", "猫")
    );
    assert_eq!(read.skipped, Skipped::default());
}

#[test]
fn should_name_each_bad_line_by_its_number() {
    let long = "x".repeat(65);
    let text = format!(
        "ok1,1\nno separator\n,empty\nsrc,\n{long},y\na\tb\tc\nnul,\u{0}\nok2,2\n{}",
        lines(20)
    );
    let listed = bad(&text);
    let problems: Vec<(usize, LineProblem)> =
        listed.into_iter().map(|b| (b.line, b.problem)).collect();
    assert_eq!(
        problems,
        vec![
            (2, LineProblem::NoSeparator),
            (3, LineProblem::EmptySide),
            (4, LineProblem::EmptySide),
            (5, LineProblem::TooLong { chars: 65 }),
            (6, LineProblem::Control { code: 9 }),
        ]
    );
    let read = read_text(&text).unwrap();
    assert_eq!(read.skipped.count, 6, "line 7 is counted, not listed");
    assert_eq!(read.pairs.len(), 22);
}

#[test]
fn should_count_characters_not_bytes() {
    // 64 Chinese characters are 192 bytes and fit; 65 do not.
    let ok = format!("a,{}\n{}", "猫".repeat(64), lines(20));
    assert_eq!(read_text(&ok).unwrap().pairs.len(), 21);
    let over = format!("a,{}\n{}", "猫".repeat(65), lines(20));
    assert_eq!(
        bad(&over),
        vec![BadLine {
            line: 1,
            problem: LineProblem::TooLong { chars: 65 }
        }]
    );
}

#[test]
fn should_drop_repeats_and_report_a_source_with_two_targets() {
    let text = format!("a,1\na,1\nb,2\na,3\n{}", lines(20));
    let read = read_text(&text).unwrap();
    assert_eq!(read.duplicates, 1);
    assert_eq!(
        read.skipped.listed,
        vec![BadLine {
            line: 4,
            problem: LineProblem::Conflict { first_line: 1 }
        }]
    );
    assert_eq!(read.pairs.len(), 22);
}

#[test]
fn should_refuse_too_few_too_many_too_large_and_binary() {
    match read_text("a,1\nb\n") {
        Err(PairsRefusal::TooFew {
            found: 1,
            min: MIN_PAIRS,
            skipped,
        }) => assert_eq!(skipped.listed[0].line, 2),
        other => panic!("{other:?}"),
    }
    let many = format!("# header\n{}", lines(MAX_PAIRS + 1));
    assert_eq!(
        read_text(&many).unwrap_err(),
        PairsRefusal::TooManyPairs {
            max: MAX_PAIRS,
            line: MAX_PAIRS + 2
        }
    );
    assert!(read_text(&lines(MAX_PAIRS)).is_ok());
    let big = "a".repeat(MAX_TEXT_BYTES + 1);
    assert!(matches!(
        read_text(&big),
        Err(PairsRefusal::TooLarge { .. })
    ));
    assert!(matches!(
        read_bytes(big.as_bytes()),
        Err(PairsRefusal::TooLarge { .. })
    ));
    let mut binary = lines(3).into_bytes();
    binary.extend([0x89, b'P', b'N', b'G', 0xff, 0xfe]);
    assert_eq!(
        read_bytes(&binary).unwrap_err(),
        PairsRefusal::NotText { line: 4 }
    );
}

#[test]
fn should_build_the_same_vocabulary_whatever_the_order() {
    let read = read_text(&lines(30)).unwrap();
    let text = lines(30);
    let mut reversed: Vec<&str> = text.lines().collect();
    reversed.reverse();
    let other = read_text(&reversed.join("\n")).unwrap();
    assert_eq!(read.pairs.vocab(), other.pairs.vocab());
    let chars: String = read.pairs.vocab().chars().iter().collect();
    assert_eq!(chars, "0123456789w");
    assert_eq!(read.pairs.shape().chars, 11);
}

#[test]
fn should_hold_out_a_tenth_named_by_the_seed() {
    let pairs = read_text(EXAMPLE).unwrap().pairs;
    assert_eq!(pairs.len(), 500);
    let (train, test) = pairs.split(3);
    assert_eq!((train.len(), test.len()), (450, 50));
    assert_eq!(pairs.split(3), (train.clone(), test.clone()));
    assert_ne!(pairs.split(4).1, test);
    assert!(test.iter().all(|t| !train.contains(t)));
    assert_eq!(OwnPairs::test_size(21), 3);
}

#[test]
fn should_read_the_shipped_example_without_a_skipped_line() {
    let read = read_text(EXAMPLE).unwrap();
    assert_eq!((read.skipped.count, read.duplicates), (0, 0));
    let shape = read.pairs.shape();
    assert!(
        shape.max_source_len <= 20 && shape.max_target_len <= 10,
        "{shape:?}"
    );
}

#[test]
fn should_make_a_data_set_of_the_split_and_the_pairs_vocabulary() {
    let pairs = Arc::new(read_text(EXAMPLE).unwrap().pairs);
    let config = TaskConfig::pairs(pairs.clone(), 7);
    let mut builder = DatasetBuilder::new(&config).unwrap();
    assert!(builder.is_done());
    builder.advance(10).unwrap();
    let data = builder.finish().unwrap();
    assert_eq!((data.train, data.test), pairs.split(7));
    assert_eq!(data.vocab, pairs.vocab());
    assert_eq!(Task::Pairs(pairs.shape()).vocab_len(), data.vocab.len());
}

#[test]
fn should_refuse_a_pairs_task_without_its_pairs_or_with_others() {
    let pairs = Arc::new(read_text(EXAMPLE).unwrap().pairs);
    let mut config = TaskConfig::pairs(pairs, 0);
    assert!(config.validate().is_ok());
    let other = Arc::new(read_text(&lines(40)).unwrap().pairs);
    config.pairs = Some(other);
    assert!(config.validate().is_err(), "a shape of other pairs");
    config.pairs = None;
    assert!(config.validate().is_err());
}

#[test]
fn should_say_only_the_count_in_debug() {
    let pairs = read_text(&lines(25)).unwrap().pairs;
    assert_eq!(format!("{pairs:?}"), "OwnPairs(25 pairs)");
}
