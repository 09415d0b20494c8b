//! The Transformer lab on the reversal task, driven by a fake clock.

use super::*;
use crate::jobs::fake_clock::drive;
use crate::models::AttentionKind;
use crate::tasks::Task;

pub(super) fn reversal() -> TranslateLab {
    let mut preset = TransformerPreset::for_task(Task::Reversal);
    preset.task.train_size = 2000;
    preset.task.test_size = 64;
    TranslateLab::new(&preset).expect("lab")
}

/// The setup, the step-0 score, attention and summary, prepared a unit at a time.
pub(super) fn begin(lab: &mut TranslateLab) -> Vec<TranslateEvent> {
    let mut out = Vec::new();
    lab.begin(&mut out);
    while lab.preparing() {
        lab.prepare_unit(0.0, &mut out);
    }
    out
}

pub(super) fn run_for(lab: &mut TranslateLab, ms: f64, tick: f64) -> Vec<TranslateEvent> {
    let mut out = Vec::new();
    lab.command(TranslateCommand::Run, 0.0, &mut out).unwrap();
    let end = drive(ms, tick, |env, deadline| {
        lab.run_slice(env, deadline, &mut out).unwrap();
        lab.running()
    });
    lab.pause(end, &mut out);
    out
}

#[test]
fn snapshots_are_log_spaced() {
    let steps: Vec<u64> = snapshot_steps().take(7).collect();
    assert_eq!(steps, [0, 10, 30, 100, 300, 1000, 3000]);
}

#[test]
fn the_lab_reports_setup_scores_attention_and_learns() {
    let mut lab = reversal();
    let out = begin(&mut lab);
    let TranslateEvent::Setup(setup) = &out[0] else {
        panic!("no setup")
    };
    assert_eq!(setup.watched.len(), 4);
    assert!(setup.params > 0);
    let first = out
        .iter()
        .find_map(|e| match e {
            TranslateEvent::Summary(s) => s.test,
            _ => None,
        })
        .expect("a step-0 score");
    assert_eq!(first.0, 0);
    let maps = out
        .iter()
        .find_map(|e| match e {
            TranslateEvent::Attention { maps, .. } => Some(maps.clone()),
            _ => None,
        })
        .expect("attention");
    let cross = maps.stack(AttentionKind::Cross);
    let row: f32 = cross.map(0, 0).expect("map")[..cross.keys].iter().sum();
    assert!((row - 1.0).abs() < 1e-4, "a row of attention sums to {row}");

    // Three clock readings a step, 10 ms each: about 800 steps, 8 s of training time, so two
    // held-out scores.
    let events = run_for(&mut lab, 24_000.0, 10.0);
    let last = events
        .iter()
        .rev()
        .find_map(|e| match e {
            TranslateEvent::Summary(s) => s.test,
            _ => None,
        })
        .expect("a score");
    assert!(last.0 > 0);
    assert!(
        last.1.token_accuracy > first.1.token_accuracy + 0.2,
        "token accuracy {} → {}",
        first.1.token_accuracy,
        last.1.token_accuracy
    );
    let snapshots: Vec<u64> = events
        .iter()
        .filter_map(|e| match e {
            TranslateEvent::Snapshot { step, .. } => Some(*step),
            _ => None,
        })
        .collect();
    assert!(snapshots.starts_with(&[10, 30, 100]), "{snapshots:?}");
}

#[test]
fn typed_input_is_translated_or_its_unknown_characters_named() {
    let mut lab = reversal();
    let mut out = Vec::new();
    lab.command(TranslateCommand::Translate("abc".into()), 0.0, &mut out)
        .unwrap();
    assert!(matches!(&out[0], TranslateEvent::Translation { input, .. } if input == "abc"));
    out.clear();
    lab.command(TranslateCommand::Translate("ab€c".into()), 0.0, &mut out)
        .unwrap();
    assert!(
        matches!(&out[0], TranslateEvent::Unknown { chars, .. } if chars == &[(2, '€')]),
        "{:?}",
        out[0]
    );
    out.clear();
    lab.command(TranslateCommand::Translate("a".repeat(500)), 0.0, &mut out)
        .unwrap();
    assert!(matches!(&out[0], TranslateEvent::TooLong { .. }));
}

#[test]
fn each_refusal_of_typed_input_says_its_own_reason() {
    let mut lab = reversal();
    let max = lab.trainer.config().model.max_len as u32;
    let mut answer = |text: String| {
        let mut out = Vec::new();
        lab.command(TranslateCommand::Translate(text.clone()), 0.0, &mut out)
            .unwrap();
        lab.command(TranslateCommand::Inspect(text), 0.0, &mut out)
            .unwrap();
        let [typed, TranslateEvent::Inspected { inspection, .. }] =
            <[_; 2]>::try_from(out).unwrap()
        else {
            panic!("no inspection")
        };
        (typed, inspection)
    };
    // Empty was answered "too long" once.
    assert_eq!(
        answer(String::new()),
        (TranslateEvent::Empty, Inspection::Empty)
    );
    // A pasted megabyte of unknown characters is too long, without listing them.
    let (typed, inspection) = answer("é".repeat(1 << 20));
    assert!(matches!(typed, TranslateEvent::TooLong { max: m, .. } if m == max));
    assert_eq!(inspection, Inspection::TooLong { max });
    let (typed, inspection) = answer("aé".into());
    assert!(matches!(typed, TranslateEvent::Unknown { ref chars, .. } if chars == &[(1, 'é')]));
    assert_eq!(inspection, Inspection::Unknown(vec![(1, 'é')]));
}

#[test]
fn watching_another_example_sends_its_kept_snapshots() {
    let mut lab = reversal();
    begin(&mut lab);
    let mut out = Vec::new();
    lab.command(TranslateCommand::Watch(2), 0.0, &mut out)
        .unwrap();
    assert!(matches!(
        &out[0],
        TranslateEvent::Snapshot {
            example: 2,
            step: 0,
            ..
        }
    ));
    assert!(matches!(
        out.last(),
        Some(TranslateEvent::Attention { example: 2, .. })
    ));
}

#[test]
fn a_bad_batch_size_is_refused() {
    let mut preset = TransformerPreset::for_task(Task::Reversal);
    preset.batch_size = 0;
    assert!(matches!(
        TranslateLab::new(&preset),
        Err(Error::OutOfRange { field: "batch", .. })
    ));
}

#[test]
fn the_inspected_first_layer_steps_through_to_the_models_own_attention() {
    use crate::explain::{Walkthrough, WalkthroughConfig};
    let mut lab = reversal();
    let mut out = Vec::new();
    lab.command(TranslateCommand::Inspect("abcab".into()), 0.0, &mut out)
        .unwrap();
    let TranslateEvent::Inspected {
        inspection: Inspection::Ready(a),
        ..
    } = out.pop().unwrap()
    else {
        panic!("not inspected");
    };
    assert_eq!(a.tokens, ["a", "b", "c", "a", "b"]);
    assert_eq!((a.x.rows, a.x.cols), (5, a.weights.d_model));
    let (params, attention) = a.weights.layer().unwrap();
    let config = WalkthroughConfig {
        causal: false,
        scaled: true,
    };
    let walk = Walkthrough::run(&a.tokens, &a.x, &attention, &params, &config).unwrap();

    lab.command(TranslateCommand::Translate("abcab".into()), 0.0, &mut out)
        .unwrap();
    let Some(TranslateEvent::Translation { maps, .. }) = out.pop() else {
        panic!("not translated");
    };
    let stack = maps.stack(AttentionKind::EncoderSelf);
    for (h, head) in walk.heads.iter().enumerate() {
        let model = stack.map(0, h).unwrap();
        for (p, q) in head.weights.data.iter().zip(model) {
            assert!((p - q).abs() < 1e-5, "head {h}: {p} against {q}");
        }
    }

    lab.command(TranslateCommand::Inspect("ab€".into()), 0.0, &mut out)
        .unwrap();
    assert!(matches!(
        out.pop(),
        Some(TranslateEvent::Inspected {
            inspection: Inspection::Unknown(chars),
            ..
        }) if chars == [(2, '€')]
    ));
}
