use super::*;
use crate::i18n::{Lang, Msg};

fn en(m: Msg) -> &'static str {
    m.get(Lang::En)
}

fn zh(m: Msg) -> &'static str {
    m.get(Lang::Zh)
}

#[test]
fn an_answer_is_told_by_the_name_of_the_file_that_was_chosen() {
    let mut files = WeightsState::default();
    assert!(files.choose("mine.safetensors".into(), 1200));
    assert_eq!(
        files.import.as_ref().unwrap().text(en),
        "Checking mine.safetensors…"
    );
    files.imported(Imported {
        tensors: 12,
        scalars: 234_567,
    });
    let note = files.import.clone().unwrap();
    assert!(!note.is_refusal());
    let text = note.text(en);
    assert!(
        text.starts_with("Loaded mine.safetensors: 12 tensors, 234,567 numbers."),
        "{text}"
    );

    assert!(files.choose("other.safetensors".into(), 99));
    files.refused(WeightsProblem::Missing {
        name: "mu.weight".into(),
        more: 3,
    });
    let note = files.import.clone().unwrap();
    assert!(note.is_refusal());
    assert_eq!(
        note.text(en),
        "other.safetensors was not loaded, and the model is unchanged: the file lacks the tensor \
         mu.weight (and 3 more)."
    );
    assert!(note.text(zh).contains("mu.weight"));
    assert!(note.text(zh).contains("模型保持不变"));
}

#[test]
fn a_file_larger_than_any_model_is_refused_unread() {
    let mut files = WeightsState::default();
    let huge = MAX_FILE_BYTES as u64 + 1;
    assert!(!files.choose("huge.bin".into(), huge));
    let note = files.import.unwrap();
    assert!(note.is_refusal());
    let text = note.text(en);
    assert!(
        text.contains("huge.bin") && text.contains("256 MiB"),
        "{text}"
    );
}

#[test]
fn an_unreadable_file_is_named_and_each_export_counts() {
    let mut files = WeightsState::default();
    files.choose("gone.safetensors".into(), 10);
    files.unreadable();
    assert!(files.import.as_ref().unwrap().is_refusal());
    assert!(files
        .import
        .as_ref()
        .unwrap()
        .text(zh)
        .contains("gone.safetensors"));
    let file = ExportFile {
        stem: "s".into(),
        weights: vec![1],
        script: "print()".into(),
    };
    files.exported(file.clone());
    files.exported(file);
    assert_eq!(files.exports, 2);
}

#[test]
fn every_reason_has_words_in_both_languages_and_keeps_hostile_names_as_text() {
    let name = "{max}<img src=x>".to_string();
    let problems = [
        WeightsProblem::FileTooLarge {
            bytes: 3 << 20,
            max: 1 << 20,
        },
        WeightsProblem::HeaderTooLarge {
            bytes: u64::MAX,
            max: 1 << 20,
        },
        WeightsProblem::Truncated {
            bytes: 5,
            needed: 8,
        },
        WeightsProblem::Malformed {
            detail: "overlapping offsets".into(),
        },
        WeightsProblem::Missing {
            name: name.clone(),
            more: 0,
        },
        WeightsProblem::Unexpected {
            name: name.clone(),
            more: 1,
        },
        WeightsProblem::Shape {
            name: name.clone(),
            expected: vec![128, 4],
            found: vec![1; 100],
        },
        WeightsProblem::Dtype {
            name: name.clone(),
            dtype: "F16".into(),
        },
        WeightsProblem::NonFinite {
            name: name.clone(),
            index: 7,
            value: "NaN".into(),
        },
        WeightsProblem::Model {
            detail: "no such parameter".into(),
        },
    ];
    for p in &problems {
        for t in [en, zh] {
            let text = problem_text(t, p);
            assert!(!text.contains('{') || text.contains(&name), "{text}");
            assert!(text.chars().count() > 12, "{text}");
        }
    }
    let shape = problem_text(en, &problems[6]);
    assert!(
        shape.contains("[128, 4]") && shape.contains("(100 dimensions)"),
        "{shape}"
    );
    assert!(problem_text(zh, &problems[8]).contains("下标 7"));
    assert!(problem_text(en, &problems[1]).contains("18,446,744,073,709,551,615"));
}
