//! The Transformer lab prepared in slices: the same step-0 numbers as in one go, slices that
//! end near their deadline at a large model, and commands that come while it prepares.

use std::cell::Cell;

use super::*;
use crate::jobs::fake_clock::drive;
use crate::models::TransformerPreset;
use crate::tasks::Task;

fn reversal() -> TransformerPreset {
    let mut preset = TransformerPreset::for_task(Task::Reversal);
    preset.task.train_size = 2000;
    preset.task.test_size = 64;
    preset
}

/// Slices of 15 fake ms (1 ms a clock reading) until the session is ready or `ms` passed.
fn prepare(s: &mut TranslateSession, ms: f64) -> Vec<TranslateEvent> {
    let mut out = Vec::new();
    drive(ms, 1.0, |env, deadline| {
        s.run_slice(env, deadline, &mut out).unwrap();
        s.preparing()
    });
    out
}

fn summaries(out: &[TranslateEvent]) -> Vec<&TranslateSummary> {
    out.iter()
        .filter_map(|e| match e {
            TranslateEvent::Summary(s) => Some(s),
            _ => None,
        })
        .collect()
}

use super::super::TranslateSummary;

#[test]
fn the_step_0_summary_is_the_one_the_lab_sent_in_one_go() {
    let mut s = TranslateSession::open(&reversal()).unwrap();
    assert!(s.preparing() && !s.running());
    let out = prepare(&mut s, 60_000.0);
    assert!(!s.preparing() && !s.running());
    let first = summaries(&out);
    assert_eq!(first.len(), 1, "{out:?}");
    // The numbers `TranslateLab::start` sent before preparation was sliced (commit 659f76c),
    // for the same preset: the same draws, the same weights, the same score.
    let (step, e) = first[0].test.expect("a step-0 score");
    assert_eq!(step, 0);
    assert_eq!(
        (
            e.loss.to_bits(),
            e.token_accuracy.to_bits(),
            e.exact_match.to_bits(),
            e.examples
        ),
        (0x4077_0206, 0x3d25_d479, 0, 64)
    );
    assert_eq!(
        first[0].outputs,
        [
            "yevyeyevyey",
            "yevyevppppp",
            "yevyeyeyeye",
            "yevtzodizoj",
            "pppppppkuuu",
            "yevtzdizvpp"
        ]
    );
    // Setup first, then the attention, the summary last; progress only before it.
    assert!(
        matches!(out[0], TranslateEvent::Preparing(_)),
        "{:?}",
        out[0]
    );
    let setup = out
        .iter()
        .position(|e| matches!(e, TranslateEvent::Setup(_)))
        .expect("a setup");
    assert!(matches!(out.last(), Some(TranslateEvent::Summary(_))));
    assert!(out[setup..]
        .iter()
        .any(|e| matches!(e, TranslateEvent::Attention { step: 0, .. })));
}

#[test]
fn progress_is_reported_per_stage_a_few_times_a_second_and_climbs() {
    let mut preset = reversal();
    preset.task.train_size = 20_000;
    preset.task.test_size = 500;
    let mut s = TranslateSession::open(&preset).unwrap();
    let mut out = Vec::new();
    // 10 ms a clock reading: a unit or two a slice, over a second or so of fake time.
    let end = drive(600_000.0, 10.0, |env, deadline| {
        s.run_slice(env, deadline, &mut out).unwrap();
        s.preparing()
    });
    let progress: Vec<Preparation> = out
        .iter()
        .filter_map(|e| match e {
            TranslateEvent::Preparing(p) => Some(*p),
            _ => None,
        })
        .collect();
    assert!(progress.len() >= 4, "{progress:?}");
    assert!(
        progress.len() as f64 <= 2.0 + end / PROGRESS_MS + 1.0,
        "{} reports in {end} ms",
        progress.len()
    );
    let stages: Vec<PrepStage> = progress.iter().map(|p| p.stage).collect();
    let first_scoring = stages
        .iter()
        .position(|s| *s == PrepStage::Scoring)
        .expect("a scoring stage");
    assert!(stages[..first_scoring]
        .iter()
        .all(|s| *s == PrepStage::DataSet));
    assert!(stages[first_scoring..]
        .iter()
        .all(|s| *s == PrepStage::Scoring));
    assert_eq!(progress[0].count.total, 20_500);
    assert_eq!(progress[first_scoring].count.total, 500);
    for pair in progress.windows(2) {
        if pair[0].stage == pair[1].stage {
            assert!(pair[0].count.done <= pair[1].count.done, "{pair:?}");
        }
    }
    assert!(progress.iter().all(|p| p.count.done <= p.count.total));
}

/// The model of longest work unit the budget admits on the number task, with the largest
/// training set the task has (half its 100,000 sources): the finding's "large Transformer" as
/// far as the budget allows it now (scoring 16 numbers with 4 + 4 layers is over the budget at
/// any width).
fn large() -> TransformerPreset {
    let mut preset = TransformerPreset::for_task(Task::Numbers);
    preset.task.train_size = 49_840;
    preset.task.test_size = 160;
    let sizes = (1..=4).rev().flat_map(|layers| {
        (32..=256).rev().step_by(32).flat_map(move |d| {
            [256, 128, 64, 32, 16, 8, 4, 2, 1].map(move |batch| (layers, d, batch))
        })
    });
    sizes
        .map(|(layers, d, batch)| {
            let mut p = preset.clone();
            let m = &mut p.trainer.model;
            (m.enc_layers, m.dec_layers) = (layers, layers);
            (m.d_model, m.d_ff, m.heads) = (d, 1024.min(4 * d), 8);
            p.batch_size = batch;
            p
        })
        .filter(|p| super::super::validate(p).is_ok())
        .max_by(|a, b| {
            let flops = |p| super::super::cost(p).flops_per_step;
            flops(a).total_cmp(&flops(b))
        })
        .expect("some model fits")
}

/// With a clock that jumps past the slice's deadline at every reading, each slice does one unit
/// of preparation and returns: the worker gets its mailbox back after every unit (2,048 draws
/// of the data set, the model, one scoring chunk), never after the whole preparation as before.
/// Counted, not timed, so a fast or a busy machine gives the same answer.
#[test]
fn preparation_gives_the_worker_back_after_every_unit() {
    let preset = large();
    let mut s = TranslateSession::open(&preset).unwrap();
    let clock = Cell::new(0.0);
    let now = || {
        clock.set(clock.get() + 20.0);
        clock.get()
    };
    let env = Env {
        now: &now,
        memory_bytes: &|| 0,
        team: &crate::jobs::team::Solo,
    };
    let mut out = Vec::new();
    let mut slices = 0;
    while s.preparing() && slices < 10_000 {
        // The first reading is before the deadline, every later one past it.
        let deadline = clock.get() + 30.0;
        s.run_slice(&env, deadline, &mut out).unwrap();
        slices += 1;
    }
    assert!(!s.preparing(), "still preparing after {slices} slices");
    assert_eq!(summaries(&out).len(), 1);
    let draws = (preset.task.train_size + preset.task.test_size).div_ceil(DRAWS_PER_UNIT);
    let chunks = preset.task.test_size.div_ceil(16);
    assert!(
        slices >= draws + chunks,
        "{slices} slices for {draws} units of draws and {chunks} scoring chunks"
    );
}

/// A small set of the visitor's pairs (40, 4 held out, fewer than the watched and shown
/// examples) prepares and scores as the example's 500 do.
#[test]
fn a_small_set_of_pairs_prepares() {
    use crate::tasks::own_pairs::read_text;
    let example = include_str!("../../../assets/pairs/en-zh-animals.tsv");
    let sources = example
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split('\t').next());
    let text: String = sources
        .take(40)
        .enumerate()
        .map(|(i, s)| format!("{s},{i}\n"))
        .collect();
    let pairs = std::sync::Arc::new(read_text(&text).expect("pairs").pairs);
    let preset = TransformerPreset::for_pairs(pairs);
    let mut s = TranslateSession::open(&preset).expect("opens");
    let out = prepare(&mut s, 60_000.0);
    assert!(!summaries(&out).is_empty(), "{out:?}");
}
