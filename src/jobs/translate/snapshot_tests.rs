//! A Transformer run saved and restored trains on bit for bit (dropout masks and the
//! learning-rate schedule included); bytes that are not such a run are refused with a reason.

use super::super::{TranslateCommand, TranslateEvent, TranslateSession};
use super::*;
use crate::jobs::fake_clock::drive;
use crate::jobs::session::Session;
use crate::tasks::Task;

fn preset() -> TransformerPreset {
    let mut p = TransformerPreset::for_task(Task::Reversal);
    (p.task.train_size, p.task.test_size) = (300, 16);
    (p.trainer.model.d_model, p.trainer.model.d_ff) = (16, 32);
    p.trainer.model.dropout = 0.1;
    p.batch_size = 8;
    p
}

/// Each step's training loss, one Step at a time.
fn steps(s: &mut TranslateSession, n: usize) -> Vec<u32> {
    (0..n)
        .map(|_| {
            let mut out = Vec::new();
            s.command(TranslateCommand::Step, 0.0, &mut out)
                .expect("a step");
            let loss = out.iter().find_map(|e| match e {
                TranslateEvent::Summary(s) => s.train_loss,
                _ => None,
            });
            loss.expect("a step's summary").to_bits()
        })
        .collect()
}

/// Slices until the session has prepared.
fn prepare(s: &mut TranslateSession) -> Vec<TranslateEvent> {
    let mut out = Vec::new();
    drive(60_000.0, 1.0, |env, deadline| {
        s.run_slice(env, deadline, &mut out).expect("prepared");
        s.preparing()
    });
    out
}

fn checkpoint(s: &mut TranslateSession) -> Vec<u8> {
    let mut out = Vec::new();
    s.command(TranslateCommand::Checkpoint, 0.0, &mut out)
        .expect("a snapshot");
    match out.pop() {
        Some(TranslateEvent::Checkpoint { bytes, .. }) => bytes,
        other => panic!("{other:?}"),
    }
}

/// [`preset`] on the visitor's pairs (the shipped example): their characters are the vocabulary.
fn pairs_preset() -> TransformerPreset {
    let text = include_str!("../../../assets/pairs/en-zh-animals.tsv");
    let pairs = crate::tasks::own_pairs::read_text(text)
        .expect("pairs")
        .pairs;
    let mut p = TransformerPreset::for_pairs(std::sync::Arc::new(pairs));
    let small = preset();
    p.trainer.model.d_model = small.trainer.model.d_model;
    p.trainer.model.d_ff = small.trainer.model.d_ff;
    p.trainer.model.dropout = small.trainer.model.dropout;
    p.batch_size = small.batch_size;
    p
}

#[test]
fn a_transformer_resumes_bit_for_bit_with_its_dropout_and_schedule() {
    resumes_bit_for_bit(preset());
}

#[test]
fn a_transformer_on_the_visitors_pairs_resumes_bit_for_bit() {
    resumes_bit_for_bit(pairs_preset());
}

fn resumes_bit_for_bit(preset: TransformerPreset) {
    let (n, m) = (6, 5);
    let mut whole = TranslateSession::open(&preset).expect("session");
    prepare(&mut whole);
    let all = steps(&mut whole, n + m);
    let mut cut = TranslateSession::open(&preset).expect("session");
    prepare(&mut cut);
    assert_eq!(steps(&mut cut, n), all[..n]);
    let bytes = checkpoint(&mut cut);
    drop(cut);
    let mut resumed = TranslateSession::restore(&bytes).expect("restored");
    let events = prepare(&mut resumed);
    let first = events.iter().find_map(|e| match e {
        TranslateEvent::Summary(s) => Some((s.step, s.running)),
        _ => None,
    });
    assert_eq!(first, Some((n as u64, false)), "paused at the saved step");
    assert_eq!(
        steps(&mut resumed, m),
        all[n..],
        "the losses after the restore"
    );
    assert_eq!(
        checkpoint(&mut resumed),
        checkpoint(&mut whole),
        "the whole state"
    );
}

#[test]
fn a_damaged_or_misfit_transformer_run_is_refused_with_its_reason() {
    let mut s = TranslateSession::open(&preset()).expect("session");
    prepare(&mut s);
    steps(&mut s, 2);
    let good = checkpoint(&mut s);
    let refused = |bytes: &[u8]| TranslateSession::restore(bytes).err().expect("refused");
    let edited = |edit: fn(&mut TranslateSnapshot)| {
        let mut body: TranslateSnapshot = checkpoint::open(&good, TAG, VERSION).expect("opens");
        edit(&mut body);
        checkpoint::seal(TAG, VERSION, &body).expect("sealed")
    };
    assert!(matches!(
        refused(&good[..good.len() - 3]),
        RestoreProblem::Malformed { .. }
    ));
    assert!(matches!(
        refused(&edited(|b| b.preset.trainer.model.d_model = 32)),
        RestoreProblem::Weights(_)
    ));
    assert!(matches!(
        refused(&edited(|b| b.trainer.params[0].data[0] = f32::INFINITY)),
        RestoreProblem::Weights(_)
    ));
    assert!(matches!(
        refused(&edited(|b| b.sampler.1 = 300)),
        RestoreProblem::State { .. }
    ));
    assert!(matches!(
        refused(&edited(|b| b.preset.batch_size = 100_000)),
        RestoreProblem::Settings { .. }
    ));
}
