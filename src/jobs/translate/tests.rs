//! The Transformer lab on the reversal task, driven by a fake clock.

use super::*;
use crate::jobs::fake_clock::{drive, drive_slices};
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

/// Trains `lab` until it has taken `steps` steps, in slices of `slice` ms of a fake clock that
/// moves `tick` ms a reading: a slow clock against short steps makes the lab score the test
/// set, and send summaries and attention, every few steps.
fn run_steps(lab: &mut TranslateLab, steps: u64, tick: f64, slice: f64) -> Vec<TranslateEvent> {
    let mut out = Vec::new();
    lab.command(TranslateCommand::Run, 0.0, &mut out).unwrap();
    let end = drive_slices(slice, f64::INFINITY, tick, |env, deadline| {
        lab.run_slice(env, deadline, &mut out).unwrap();
        lab.step() < steps
    });
    lab.pause(end, &mut out);
    out
}

/// A seed fixes a run: the same settings (dropout on, so its masks count too) train through
/// the same losses, bit for bit, whether step by step or in time slices at two clock speeds,
/// between which held-out scoring, attention maps and summaries fall at other steps.
#[test]
fn the_same_settings_train_through_the_same_losses_whatever_the_clock() {
    let mut preset = TransformerPreset::for_task(Task::Reversal);
    (preset.task.train_size, preset.task.test_size) = (2000, 64);
    preset.trainer.model.dropout = 0.1;
    (preset.trainer.seed, preset.task.seed) = (5, 5);
    let lab = || {
        let mut lab = TranslateLab::new(&preset).expect("lab");
        begin(&mut lab);
        lab
    };
    let summaries = |events: Vec<TranslateEvent>| -> Vec<TranslateSummary> {
        let summaries = events.into_iter().filter_map(|e| match e {
            TranslateEvent::Summary(s) => Some(s),
            _ => None,
        });
        summaries.collect()
    };
    // The steps at which the test set was scored.
    let scored = |run: &[TranslateSummary]| {
        let mut at: Vec<u64> = run.iter().filter_map(|s| s.test.map(|(k, _)| k)).collect();
        at.dedup();
        at
    };
    let runs = [
        summaries(run_steps(&mut lab(), 200, 1.0, 15.0)),
        summaries(run_steps(&mut lab(), 200, 100.0, 1000.0)),
    ];
    assert_eq!(scored(&runs[0]), [0]);
    assert!(scored(&runs[1]).len() > 4, "{:?}", scored(&runs[1]));
    let steps = runs.iter().map(|r| r.last().map_or(0, |s| s.step)).max();
    let steps = steps.unwrap_or(0);
    let mut stepped = lab();
    let mut out = Vec::new();
    let losses: Vec<f32> = (0..steps)
        .map(|_| {
            stepped
                .command(TranslateCommand::Step, 0.0, &mut out)
                .unwrap();
            summaries(std::mem::take(&mut out))[0]
                .train_loss
                .expect("a loss")
        })
        .collect();
    for run in &runs {
        let mut from = 0;
        for s in run {
            let to = s.step as usize;
            // As the lab sums them: in f64, in order.
            let sum: f64 = losses[from..to].iter().map(|&l| f64::from(l)).sum();
            let mean = (to > from).then(|| (sum / (to - from) as f64) as f32);
            assert_eq!(s.train_loss, mean, "steps {from}..{to}");
            from = to;
        }
    }
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

/// The visitor's pairs train as a task of their own: 200 of the shipped example's pairs, a
/// tenth held out, the loss falls; a typed character outside the pairs is named; the export's
/// script carries the pairs' vocabulary.
#[test]
fn own_pairs_train_translate_and_export() {
    use std::sync::Arc;

    use crate::tasks::own_pairs::read_text;
    let text = include_str!("../../../assets/pairs/en-zh-animals.tsv");
    let first: String = text.lines().take(203).map(|l| format!("{l}\n")).collect();
    let pairs = Arc::new(read_text(&first).expect("pairs").pairs);
    assert_eq!(pairs.len(), 200);
    let preset = TransformerPreset::for_pairs(pairs.clone());
    let mut lab = TranslateLab::new(&preset).expect("lab");
    let setup = begin(&mut lab)
        .into_iter()
        .find_map(|e| match e {
            TranslateEvent::Setup(s) => Some(s),
            _ => None,
        })
        .expect("setup");
    assert_eq!((setup.train_examples, setup.test_examples), (180, 20));
    let mut losses = Vec::new();
    for _ in 0..150 {
        let mut out = Vec::new();
        lab.command(TranslateCommand::Step, 0.0, &mut out).unwrap();
        losses.extend(out.iter().filter_map(|e| match e {
            TranslateEvent::Summary(s) => s.train_loss,
            _ => None,
        }));
    }
    let mean = |l: &[f32]| l.iter().sum::<f32>() / l.len() as f32;
    let (early, late) = (mean(&losses[..10]), mean(&losses[losses.len() - 10..]));
    assert!(late < 0.5 * early, "loss {early} -> {late}");

    let mut out = Vec::new();
    lab.command(
        TranslateCommand::Translate("a red cat".into()),
        0.0,
        &mut out,
    )
    .unwrap();
    assert!(matches!(
        out.last(),
        Some(TranslateEvent::Translation { .. })
    ));
    lab.command(
        TranslateCommand::Translate("a red ca✓".into()),
        0.0,
        &mut out,
    )
    .unwrap();
    assert_eq!(
        out.last(),
        Some(&TranslateEvent::Unknown {
            input: "a red ca✓".into(),
            chars: vec![(8, '✓')]
        })
    );
    lab.command(TranslateCommand::Export, 0.0, &mut out)
        .unwrap();
    let Some(TranslateEvent::Exported(file)) = out.last() else {
        panic!("no export");
    };
    assert!(file.stem.contains("pairs"), "{}", file.stem);
    let chars: String = pairs.vocab().chars().iter().collect();
    assert!(file.script.contains(&chars), "the script's CHARS");
}

/// A paused lab's attention is the paused model's: the last map sent carries the step it
/// paused at, whatever step the running lab last sent one at.
#[test]
fn a_pause_sends_the_paused_models_attention() {
    let mut lab = reversal();
    begin(&mut lab);
    // A slow clock: the lab pauses between two attention maps.
    let out = run_steps(&mut lab, 30, 7.0, 50.0);
    let paused = out.iter().rev().find_map(|e| match e {
        TranslateEvent::Paused { step } => Some(*step),
        _ => None,
    });
    let last_map = out.iter().rev().find_map(|e| match e {
        TranslateEvent::Attention { step, .. } => Some(*step),
        _ => None,
    });
    assert_eq!(paused, Some(lab.step()));
    assert_eq!(last_map, paused);
}
