//! Saved runs (`gradlab::jobs::checkpoint`, read by `Lab::restore` and
//! `TranslateSession::restore`) and the page's saved-run records: real ones, bit-flipped, cut
//! short or extended, and arbitrary bytes, are taken or refused with a reason, never a panic.

use std::rc::Rc;

use gradlab::data::mnist::parse;
use gradlab::data::{Mnist, Split};
use gradlab::jobs::lab::config::{AeLabConfig, LabConfig, TrainSettings};
use gradlab::jobs::lab::{Lab, LabCommand, LabEvent, LabId};
use gradlab::jobs::translate::{TranslateCommand, TranslateEvent, TranslateSession};
use gradlab::jobs::Session;
use gradlab::models::TransformerPreset;
use gradlab::tasks::Task;
use gradlab::view::saved_run::SavedRun;
use proptest::collection::vec;
use proptest::prelude::*;

use crate::mutate::{mutate, mutations};
use crate::{config, CASES};

struct Digits {
    data: Rc<Mnist>,
    split: Split,
}

fn digits() -> Digits {
    let bytes = include_bytes!("../../assets/mnist/mnist-10k.bin.gz");
    let data = Rc::new(parse(bytes).expect("the shipped asset parses"));
    let split = data.split(0);
    Digits { data, split }
}

/// A real snapshot of a small autoencoder after two steps.
fn ae_snapshot(d: &Digits) -> Vec<u8> {
    let config = LabConfig::Ae(AeLabConfig {
        layers: vec![8, 2],
        train: TrainSettings {
            batch: 4,
            ..TrainSettings::default()
        },
        ..AeLabConfig::seed()
    });
    let mut lab = Lab::new(&config, d.data.clone(), &d.split).expect("lab");
    let mut out = Vec::new();
    for cmd in [LabCommand::Step, LabCommand::Step, LabCommand::Checkpoint] {
        lab.command(cmd, 0.0, &mut out).expect("answered");
    }
    match out.pop() {
        Some(LabEvent::Checkpoint { bytes, .. }) => bytes,
        other => panic!("{other:?}"),
    }
}

/// A real snapshot of a tiny Transformer, taken before it trained.
fn tf_snapshot() -> Vec<u8> {
    let mut p = TransformerPreset::for_task(Task::Reversal);
    (p.task.train_size, p.task.test_size) = (64, 8);
    (p.trainer.model.d_model, p.trainer.model.d_ff) = (16, 16);
    let mut s = TranslateSession::open(&p).expect("session");
    let t = std::cell::Cell::new(0.0);
    let now = || {
        t.set(t.get() + 1.0);
        t.get()
    };
    let env = gradlab::jobs::Env {
        now: &now,
        memory_bytes: &|| 0,
        team: &gradlab::jobs::team::Solo,
    };
    let mut out = Vec::new();
    while s.preparing() {
        s.run_slice(&env, now() + 15.0, &mut out).expect("prepares");
    }
    s.command(TranslateCommand::Checkpoint, 0.0, &mut out)
        .expect("answered");
    match out.pop() {
        Some(TranslateEvent::Checkpoint { bytes, .. }) => bytes,
        other => panic!("{other:?}"),
    }
}

#[test]
fn damaged_saved_runs_are_taken_or_refused_never_a_panic() {
    let d = digits();
    let (ae, tf) = (ae_snapshot(&d), tf_snapshot());
    assert!(Lab::restore(LabId::Ae, &ae, d.data.clone(), &d.split).is_ok());
    assert!(TranslateSession::restore(&tf).is_ok());
    proptest!(config(CASES), |(edits in mutations(), which in 0..3u8)| {
        match which {
            0 => drop(Lab::restore(LabId::Ae, &mutate(ae.clone(), &edits), d.data.clone(), &d.split)),
            1 => drop(Lab::restore(LabId::Vae, &mutate(ae.clone(), &edits), d.data.clone(), &d.split)),
            _ => drop(TranslateSession::restore(&mutate(tf.clone(), &edits))),
        }
    });
}

#[test]
fn arbitrary_bytes_are_never_a_saved_run_or_a_record_that_panics() {
    let d = digits();
    proptest!(config(CASES), |(bytes in vec(any::<u8>(), 0..256))| {
        drop(Lab::restore(LabId::Ae, &bytes, d.data.clone(), &d.split));
        drop(TranslateSession::restore(&bytes));
        drop(SavedRun::decode(&bytes));
    });
}
