use super::*;
use crate::view::lab_state::MAX_HISTORY;

fn eval(loss: f32) -> Evaluation {
    Evaluation {
        loss,
        token_accuracy: 0.5,
        exact_match: 0.25,
        examples: 10,
    }
}

fn summary(step: u64, running: bool, test: Option<(u64, Evaluation)>) -> TranslateSummary {
    TranslateSummary {
        step,
        running,
        train_loss: Some(1.0),
        test,
        tokens_per_sec: 0.0,
        samples_per_sec: 0.0,
        train_ms: 0.0,
        lr: 1e-3,
        outputs: Vec::new(),
    }
}

fn maps(tag: &str) -> AttentionMaps {
    AttentionMaps {
        source: vec![tag.to_string()],
        ..AttentionMaps::default()
    }
}

#[test]
fn a_repeated_held_out_score_is_recorded_once() {
    let mut tf = TranslateState::default();
    tf.apply(TranslateEvent::Summary(summary(
        10,
        true,
        Some((10, eval(2.0))),
    )));
    tf.apply(TranslateEvent::Summary(summary(
        20,
        true,
        Some((10, eval(2.0))),
    )));
    tf.apply(TranslateEvent::Summary(summary(
        30,
        true,
        Some((30, eval(1.5))),
    )));
    let tests: Vec<Option<f32>> = tf.history.iter().map(|p| p.test.map(|e| e.loss)).collect();
    assert_eq!(tests, vec![Some(2.0), None, Some(1.5)]);
    assert_eq!(tf.status, LabStatus::Running);
}

#[test]
fn thinning_keeps_every_scored_point() {
    let mut tf = TranslateState::default();
    for step in 0..=MAX_HISTORY as u64 {
        // A new score every 3 steps.
        let test = (step % 3 == 0).then(|| (step, eval(1.0)));
        tf.apply(TranslateEvent::Summary(summary(step, true, test)));
    }
    assert!(tf.history.len() < MAX_HISTORY);
    let scored = tf.history.iter().filter(|p| p.test.is_some()).count();
    assert_eq!(scored, (0..=MAX_HISTORY).filter(|s| s % 3 == 0).count());
    assert!(tf
        .history
        .iter()
        .all(|p| p.step % 2 == 0 || p.step % 3 == 0));
}

#[test]
fn a_score_on_every_summary_is_thinned_too() {
    // A long run at a summary per held-out score: about 1,200 an hour, without end.
    let mut tf = TranslateState::default();
    let n = 5 * MAX_HISTORY as u64;
    for step in 1..=n {
        tf.apply(TranslateEvent::Summary(summary(
            step,
            true,
            Some((step, eval(1.0))),
        )));
        assert!(tf.history.len() <= MAX_HISTORY);
    }
    assert_eq!(tf.history.first().map(|p| p.step), Some(1));
    assert_eq!(
        tf.history.last().map(|p| (p.step, p.test.is_some())),
        Some((n, true))
    );
    // The latest score, repeated, is still not recorded twice.
    tf.apply(TranslateEvent::Summary(summary(
        n + 1,
        true,
        Some((n, eval(1.0))),
    )));
    assert_eq!(
        tf.history.last().map(|p| (p.step, p.test.is_some())),
        Some((n + 1, false))
    );
}

#[test]
fn snapshots_of_the_watched_example_stay_sorted_and_replace_their_step() {
    let mut tf = TranslateState::default();
    for (step, tag) in [(40, "a"), (10, "b"), (40, "c")] {
        let changed = tf.apply(TranslateEvent::Snapshot {
            example: 0,
            step,
            maps: maps(tag),
        });
        assert!(changed.snapshots);
    }
    let seen: Vec<(u64, &str)> = tf
        .snapshots
        .iter()
        .map(|(s, m)| (*s, m.source[0].as_str()))
        .collect();
    assert_eq!(seen, vec![(10, "b"), (40, "c")]);
}

#[test]
fn snapshots_of_another_example_are_ignored() {
    let mut tf = TranslateState {
        watching: 2,
        ..TranslateState::default()
    };
    let changed = tf.apply(TranslateEvent::Snapshot {
        example: 1,
        step: 5,
        maps: maps("x"),
    });
    assert!(tf.snapshots.is_empty());
    assert!(!changed.snapshots);
}

#[test]
fn setup_clears_attention_answers_and_the_watched_example() {
    let mut tf = TranslateState {
        watching: 3,
        status: LabStatus::Starting,
        ..TranslateState::default()
    };
    tf.apply(TranslateEvent::TooLong {
        input: "x".into(),
        max: 12,
    });
    tf.apply(TranslateEvent::Attention {
        example: 3,
        step: 9,
        maps: maps("m"),
    });
    let setup = TranslateSetup {
        params: 10,
        train_examples: 1,
        test_examples: 1,
        watched: vec![("a".into(), "b".into())],
        samples: Vec::new(),
    };
    let changed = tf.apply(TranslateEvent::Setup(setup.clone()));
    assert_eq!(tf.setup, Some(setup));
    assert_eq!(
        (tf.watching, tf.typed.clone(), tf.attention.clone()),
        (0, None, None)
    );
    assert_eq!(tf.status, LabStatus::Starting);
    assert!(changed.watching && changed.typed && changed.inspected && !changed.status);
}

#[test]
fn typed_answers_replace_each_other() {
    let mut tf = TranslateState::default();
    tf.apply(TranslateEvent::Unknown {
        input: "é".into(),
        chars: vec![(0, 'é')],
    });
    assert_eq!(
        tf.typed,
        Some(Typed::Unknown {
            input: "é".into(),
            chars: vec![(0, 'é')]
        })
    );
    tf.apply(TranslateEvent::Translation {
        input: "1 may".into(),
        output: "05-01".into(),
        maps: maps("1"),
        next: Vec::new(),
    });
    assert!(matches!(&tf.typed, Some(Typed::Output { output, .. }) if output == "05-01"));
    tf.apply(TranslateEvent::TooLong {
        input: "long".into(),
        max: 3,
    });
    assert_eq!(tf.typed, Some(Typed::TooLong { max: 3 }));
}

#[test]
fn divergence_is_reported_as_non_finite_and_survives_summaries() {
    let mut tf = TranslateState {
        status: LabStatus::Running,
        ..TranslateState::default()
    };
    let changed = tf.apply(TranslateEvent::Diverged { step: 3 });
    assert!(changed.status);
    tf.apply(TranslateEvent::Summary(summary(3, false, None)));
    assert_eq!(
        tf.status,
        LabStatus::Diverged {
            reason: Divergence::NonFinite,
            step: 3
        }
    );
}

#[test]
fn imported_weights_end_a_divergence_and_their_score_ends_the_preparation() {
    use crate::experiments::StepCount;
    use crate::jobs::translate::{PrepStage, Preparation};
    let mut tf = TranslateState {
        status: LabStatus::Diverged {
            reason: Divergence::NonFinite,
            step: 3,
        },
        ..TranslateState::default()
    };
    let imported = crate::export::Imported {
        tensors: 10,
        scalars: 100,
    };
    assert!(tf.apply(TranslateEvent::Imported(imported)).status);
    assert_eq!(tf.status, LabStatus::Paused);
    tf.apply(TranslateEvent::Preparing(Preparation {
        stage: PrepStage::Scoring,
        count: StepCount { done: 0, total: 64 },
    }));
    assert!(tf.preparing.is_some());
    tf.apply(TranslateEvent::Summary(summary(
        3,
        false,
        Some((3, eval(1.0))),
    )));
    assert_eq!(
        (tf.status, tf.preparing.is_none()),
        (LabStatus::Paused, true)
    );
    // A refusal changes nothing here: the page shows it beside its file picker.
    let before = tf.clone();
    let problem = crate::export::WeightsProblem::Dtype {
        name: "output.bias".into(),
        dtype: "F16".into(),
    };
    let changed = tf.apply(TranslateEvent::ImportRefused { problem });
    assert_eq!((changed.status, changed.files), (false, true));
    assert!(tf.files.import.as_ref().is_some_and(|n| n.is_refusal()));
    assert_eq!(
        TranslateState {
            files: before.files.clone(),
            ..tf
        },
        before
    );
}

#[test]
fn failure_and_loss_follow_the_lab_rules() {
    let mut tf = TranslateState {
        status: LabStatus::Starting,
        ..TranslateState::default()
    };
    tf.failed();
    assert_eq!(tf.status, LabStatus::Failed);
    tf.status = LabStatus::Running;
    tf.lost();
    assert_eq!((tf.status, tf.resume), (LabStatus::Empty, true));
    tf.starting();
    assert_eq!((tf.status, tf.resume), (LabStatus::Starting, false));
}

#[test]
fn a_new_lab_shows_its_progress_and_stays_starting_until_its_first_summary() {
    use crate::experiments::StepCount;
    use crate::jobs::translate::{PrepStage, Preparation};
    let at = |stage, done| Preparation {
        stage,
        count: StepCount { done, total: 500 },
    };
    let mut tf = TranslateState::default();
    tf.starting();
    let c = tf.apply(TranslateEvent::Preparing(at(PrepStage::DataSet, 200)));
    assert!(c.preparing && !c.status);
    assert_eq!(tf.preparing, Some(at(PrepStage::DataSet, 200)));
    // The setup comes once the model is built, before it is scored: still starting.
    tf.apply(TranslateEvent::Setup(TranslateSetup {
        params: 1,
        train_examples: 2,
        test_examples: 500,
        watched: Vec::new(),
        samples: Vec::new(),
    }));
    tf.apply(TranslateEvent::Preparing(at(PrepStage::Scoring, 300)));
    assert_eq!(tf.status, LabStatus::Starting);
    assert_eq!(tf.preparing, Some(at(PrepStage::Scoring, 300)));
    // A waiting Run taken back by a Pause leaves it starting too.
    tf.apply(TranslateEvent::Paused { step: 0 });
    assert_eq!(tf.status, LabStatus::Starting);
    let c = tf.apply(TranslateEvent::Summary(summary(
        0,
        false,
        Some((0, eval(3.0))),
    )));
    assert!(c.preparing && c.status);
    assert_eq!((tf.status, tf.preparing), (LabStatus::Paused, None));
    // A new reset forgets the last progress.
    tf.apply(TranslateEvent::Preparing(at(PrepStage::DataSet, 100)));
    tf.starting();
    assert_eq!(tf.preparing, None);
}

#[test]
fn a_restored_run_keeps_its_curves_and_adds_the_fresh_score_of_its_step() {
    let point = |step, test: Option<f32>| TfPoint {
        step,
        train_loss: Some(1.0),
        test: test.map(eval),
    };
    let kept = vec![point(0, Some(3.0)), point(50, None), point(107, None)];
    let now = [
        TfPoint {
            train_loss: None,
            ..point(107, Some(2.0))
        },
        point(120, None),
    ];
    let merged = resumed_history(kept, &now);
    let seen: Vec<(u64, Option<f32>, Option<f32>)> = merged
        .iter()
        .map(|p| (p.step, p.train_loss, p.test.map(|e| e.loss)))
        .collect();
    assert_eq!(
        seen,
        vec![
            (0, Some(1.0), Some(3.0)),
            (50, Some(1.0), None),
            (107, Some(1.0), Some(2.0)),
            (120, Some(1.0), None),
        ]
    );
    // Nothing reported yet: the kept curves as they were.
    assert_eq!(resumed_history(merged.clone(), &[]).len(), 4);
}
