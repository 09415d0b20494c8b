//! The scheduler's policy, with real sessions on a fake clock: routing by target, failures for
//! one target, pre-emption and pausing, the queue of orders waiting for the digits, and the
//! Performance chapter's chain.

use std::rc::Rc;

use super::*;
use crate::data::Mnist;
use crate::jobs::bench::{BenchCommand, BenchEvent};
use crate::jobs::experiment::ExperimentCommand;
use crate::jobs::fake_clock::drive;
use crate::jobs::lab::config::{AeLabConfig, LabConfig, VaeLabConfig};
use crate::jobs::lab::{LabCommand, LabEvent};
use crate::jobs::translate::{TranslateCommand, TranslateEvent};
use crate::jobs::{GemmBenchConfig, GemmShape, TrainBenchConfig};
use crate::models::TransformerPreset;
use crate::tasks::Task;

fn parsed() -> Mnist {
    let bytes = include_bytes!("../../../assets/mnist/mnist-10k.bin.gz");
    crate::data::mnist::parse(bytes).expect("the shipped asset parses")
}

/// A scheduler that holds the digits already.
fn with_digits() -> Sessions {
    let mut s = Sessions::new();
    s.digits = Digits::Ready(Rc::new(parsed()));
    s
}

fn ae_reset() -> Order {
    Order::Ae(LabCommand::Reset(LabConfig::Ae(AeLabConfig::seed())))
}

fn vae_reset() -> Order {
    Order::Vae(LabCommand::Reset(LabConfig::Vae(VaeLabConfig::latent_2d())))
}

fn tiny_gemm() -> GemmBenchConfig {
    GemmBenchConfig {
        shapes: vec![GemmShape::cube(8)],
        millis_per_shape: 5.0,
    }
}

fn tiny_train() -> TrainBenchConfig {
    TrainBenchConfig {
        batches: vec![8],
        millis_per_batch: 10.0,
        warmup_steps: 1,
        seed: 0,
        replicas: 1,
    }
}

/// Slices until nothing runs or `ms` of fake time passed; everything reported.
fn run(s: &mut Sessions, ms: f64) -> Vec<Report> {
    let mut out = Vec::new();
    drive(ms, 1.0, |env, deadline| {
        s.run_slice(env, deadline, &mut out);
        s.busy()
    });
    out
}

fn targets(reports: &[Report]) -> Vec<Target> {
    let mut t: Vec<Target> = reports.iter().map(Report::target).collect();
    t.dedup();
    t
}

#[test]
fn an_order_reaches_its_own_session_only() {
    let mut s = with_digits();
    let mut out = Vec::new();
    s.order(vae_reset(), 0.0, &mut out);
    assert!(matches!(out[0], Report::Vae(LabEvent::Setup(_))));
    assert_eq!(targets(&out), [Target::Vae]);
    // No autoencoder lab yet: its commands find nobody, and nothing answers.
    out.clear();
    s.order(Order::Ae(LabCommand::Step), 0.0, &mut out);
    assert!(out.is_empty(), "{out:?}");
    s.order(Order::Vae(LabCommand::Step), 0.0, &mut out);
    assert!(out
        .iter()
        .any(|r| matches!(r, Report::Vae(LabEvent::Summary(x)) if x.step == 1)));
    assert_eq!(targets(&out), [Target::Vae]);
}

#[test]
fn a_refused_command_fails_for_its_target_alone() {
    let mut s = with_digits();
    let mut out = Vec::new();
    s.order(ae_reset(), 0.0, &mut out);
    out.clear();
    let mut bad = AeLabConfig::seed();
    bad.train.batch = 0;
    s.order(
        Order::Vae(LabCommand::Reset(LabConfig::Ae(bad))),
        0.0,
        &mut out,
    );
    let mut scale = crate::experiments::ScaleConfig::chapter();
    scale.tokens = 0;
    s.order(
        Order::Experiment(ExperimentCommand::Scale(scale)),
        0.0,
        &mut out,
    );
    let failed: Vec<Target> = out
        .iter()
        .filter_map(|r| match r {
            Report::Failed { target, error } if !error.to_string().is_empty() => Some(*target),
            _ => None,
        })
        .collect();
    assert_eq!(failed, [Target::Vae, Target::Experiment], "{out:?}");
    // The autoencoder lab is still there and answers.
    out.clear();
    s.order(Order::Ae(LabCommand::Step), 0.0, &mut out);
    assert!(matches!(out.last(), Some(Report::Ae(_))));
}

#[test]
fn a_labs_run_pauses_the_others_and_each_says_so() {
    let mut s = with_digits();
    let mut out = Vec::new();
    s.order(ae_reset(), 0.0, &mut out);
    s.order(vae_reset(), 0.0, &mut out);
    let mut preset = TransformerPreset::for_task(Task::Reversal);
    preset.task.train_size = 200;
    preset.task.test_size = 16;
    s.order(Order::Tf(TranslateCommand::Reset(preset)), 0.0, &mut out);
    s.order(Order::Ae(LabCommand::Run), 0.0, &mut out);
    assert_eq!(s.next(), Some(Target::Ae));
    out.clear();
    s.order(Order::Tf(TranslateCommand::Run), 1.0, &mut out);
    assert!(
        matches!(out[0], Report::Ae(LabEvent::Paused { .. })),
        "{out:?}"
    );
    assert_eq!(s.next(), Some(Target::Tf));
    out.clear();
    s.order(Order::Vae(LabCommand::Run), 2.0, &mut out);
    assert!(
        out.iter()
            .any(|r| matches!(r, Report::Tf(TranslateEvent::Paused { .. }))),
        "{out:?}"
    );
    assert!(
        !out.iter().any(|r| matches!(r, Report::Ae(_))),
        "Ae was paused already"
    );
    assert_eq!(s.next(), Some(Target::Vae));
}

#[test]
fn a_bench_pre_empts_a_training_lab_and_is_dropped_when_done() {
    let mut s = with_digits();
    let mut out = Vec::new();
    s.order(ae_reset(), 0.0, &mut out);
    s.order(Order::Ae(LabCommand::Run), 0.0, &mut out);
    out.clear();
    s.order(Order::Bench(BenchCommand::Gemm(tiny_gemm())), 1.0, &mut out);
    assert!(
        matches!(out[0], Report::Ae(LabEvent::Paused { .. })),
        "{out:?}"
    );
    assert_eq!(s.next(), Some(Target::Bench));
    let out = run(&mut s, 1_000.0);
    assert!(matches!(out.last(), Some(Report::Bench(BenchEvent::GemmDone(r))) if r.len() == 1));
    assert_eq!(targets(&out), [Target::Bench]);
    assert!(!s.busy());
    // Dropped: a Cancel finds nothing to stop.
    let mut out = Vec::new();
    s.cancel(Target::Bench, &mut out);
    assert!(out.is_empty());
}

#[test]
fn orders_wait_for_the_digits_in_order_and_a_cancel_takes_one_back() {
    let mut s = Sessions::new();
    let mut out = Vec::new();
    s.order(ae_reset(), 0.0, &mut out);
    assert!(s.take_fetch() && !s.take_fetch(), "one fetch at a time");
    s.order(Order::Ae(LabCommand::Step), 0.0, &mut out);
    let train = Order::Bench(BenchCommand::Train(tiny_train()));
    s.order(train, 0.0, &mut out);
    assert!(out.is_empty());
    s.cancel(Target::Bench, &mut out);
    assert_eq!(
        out,
        [Report::Cancelled {
            target: Target::Bench
        }]
    );
    out.clear();
    s.digits_arrived(Ok(parsed()), 0.0, &mut out);
    assert!(s.has_digits());
    assert!(matches!(out[0], Report::Ae(LabEvent::Setup(_))));
    assert!(out
        .iter()
        .any(|r| matches!(r, Report::Ae(LabEvent::Summary(x)) if x.step == 1)));
    assert_eq!(targets(&out), [Target::Ae]);
    assert!(!s.busy(), "the cancelled bench never started");
}

/// The orders waiting for the digits.
fn waiting(s: &Sessions) -> &[Order] {
    match &s.digits {
        Digits::Loading(w) => w,
        _ => &[],
    }
}

#[test]
fn while_the_digits_load_only_the_latest_order_of_each_kind_waits() {
    let mut s = Sessions::new();
    let mut out = Vec::new();
    s.order(ae_reset(), 0.0, &mut out);
    s.order(Order::Ae(LabCommand::Run), 0.0, &mut out);
    let draw = |v: f32| Order::Ae(LabCommand::Draw(Some(vec![v; 784])));
    for i in 0..10_000 {
        s.order(draw(i as f32 / 1e4), 0.0, &mut out);
        s.order(Order::Ae(LabCommand::Probe([i as f32, 0.0])), 0.0, &mut out);
        s.order(
            Order::Vae(LabCommand::Probe([0.0, i as f32])),
            0.0,
            &mut out,
        );
    }
    s.order(Order::Ae(LabCommand::Pause), 0.0, &mut out);
    s.order(Order::Ae(LabCommand::Run), 0.0, &mut out);
    assert_eq!(
        waiting(&s),
        [
            ae_reset(),
            draw(9_999.0 / 1e4),
            Order::Ae(LabCommand::Probe([9_999.0, 0.0])),
            Order::Vae(LabCommand::Probe([0.0, 9_999.0])),
            Order::Ae(LabCommand::Pause),
            Order::Ae(LabCommand::Run),
        ]
    );
    // A Reset makes a new model: what waited for the old one goes.
    s.order(ae_reset(), 0.0, &mut out);
    assert_eq!(
        waiting(&s),
        [Order::Vae(LabCommand::Probe([0.0, 9_999.0])), ae_reset()]
    );
    assert!(out.is_empty());
    s.digits_arrived(Ok(parsed()), 0.0, &mut out);
    assert!(matches!(out[0], Report::Ae(LabEvent::Setup(_))));
}

#[test]
fn digits_that_fail_to_load_fail_each_waiting_target_once() {
    let mut s = Sessions::new();
    let mut out = Vec::new();
    s.order(ae_reset(), 0.0, &mut out);
    s.order(Order::Ae(LabCommand::Run), 0.0, &mut out);
    s.order(
        Order::Bench(BenchCommand::Determinism { replicas: 1 }),
        0.0,
        &mut out,
    );
    let truncated = crate::error::Error::DigitsUnavailable {
        detail: "truncated".into(),
    };
    s.digits_arrived(Err(truncated), 0.0, &mut out);
    let failed: Vec<Target> = out.iter().map(Report::target).collect();
    assert_eq!(failed, [Target::Ae, Target::Bench]);
    assert!(!s.has_digits());
    // The next order that needs them fetches again.
    s.take_fetch();
    s.order(ae_reset(), 0.0, &mut out);
    assert!(s.take_fetch());
}

#[test]
fn a_bench_config_out_of_range_is_refused_for_its_target_before_it_runs() {
    let refused = |cmd: BenchCommand| {
        let mut s = with_digits();
        let mut out = Vec::new();
        s.order(Order::Bench(cmd), 0.0, &mut out);
        assert!(!s.busy(), "nothing runs");
        match out.as_slice() {
            [Report::Failed {
                target: Target::Bench,
                error,
            }] => error
                .to_string()
                .split(' ')
                .next()
                .unwrap_or_default()
                .to_string(),
            other => panic!("{other:?}"),
        }
    };
    let train = |f: fn(&mut TrainBenchConfig)| {
        let mut c = tiny_train();
        f(&mut c);
        BenchCommand::Train(c)
    };
    let gemm = |f: fn(&mut GemmBenchConfig)| {
        let mut c = tiny_gemm();
        f(&mut c);
        BenchCommand::Gemm(c)
    };
    assert_eq!(refused(train(|c| c.batches = vec![0])), "batch");
    assert_eq!(refused(train(|c| c.batches = vec![100_000])), "batch");
    assert_eq!(refused(train(|c| c.batches = vec![])), "batches");
    assert_eq!(
        refused(train(|c| c.millis_per_batch = f64::NAN)),
        "millis_per_batch"
    );
    assert_eq!(refused(train(|c| c.warmup_steps = 1 << 30)), "warmup_steps");
    assert_eq!(
        refused(gemm(|c| c.shapes = vec![GemmShape::cube(65_536)])),
        "m"
    );
    assert_eq!(refused(gemm(|c| c.shapes = vec![])), "shapes");
    assert_eq!(
        refused(gemm(|c| c.millis_per_shape = f64::INFINITY)),
        "millis_per_shape"
    );
    let chain = BenchCommand::Chapter {
        gemm: tiny_gemm(),
        train: TrainBenchConfig {
            seed: u64::MAX,
            ..tiny_train()
        },
    };
    assert_eq!(refused(chain), "seed");
    // The chapter's own settings pass.
    let defaults = BenchCommand::Chapter {
        gemm: GemmBenchConfig::default(),
        train: TrainBenchConfig::default(),
    };
    assert_eq!(defaults.validate(), Ok(()));
}

#[test]
fn the_chapters_chain_measures_gemm_then_waits_for_the_digits_to_train() {
    let mut s = Sessions::new();
    let mut out = Vec::new();
    let chain = BenchCommand::Chapter {
        gemm: tiny_gemm(),
        train: tiny_train(),
    };
    s.order(Order::Bench(chain), 0.0, &mut out);
    assert!(!s.take_fetch(), "GEMM needs no digits");
    let out = run(&mut s, 1_000.0);
    let n = out.len();
    assert!(
        matches!(out[n - 2], Report::Bench(BenchEvent::GemmDone(_))),
        "{out:?}"
    );
    assert_eq!(
        out[n - 1],
        Report::Bench(BenchEvent::TrainProgress { done: 0, total: 1 })
    );
    assert!(s.take_fetch(), "the training half asks for the digits");
    let mut out = Vec::new();
    s.digits_arrived(Ok(parsed()), 0.0, &mut out);
    let out = run(&mut s, 10_000.0);
    assert!(matches!(out.last(), Some(Report::Bench(BenchEvent::TrainDone(r))) if r.len() == 1));
}

fn tf_reset(test_size: usize) -> Order {
    let mut preset = TransformerPreset::for_task(Task::Reversal);
    preset.task.train_size = 2000;
    preset.task.test_size = test_size;
    Order::Tf(TranslateCommand::Reset(preset))
}

/// The Transformer's reports, in order.
fn tf(reports: &[Report]) -> Vec<&TranslateEvent> {
    reports
        .iter()
        .filter_map(|r| match r {
            Report::Tf(e) => Some(e),
            _ => None,
        })
        .collect()
}

/// Slices until the Transformer lab is prepared (its step-0 summary is out) or `ms` passed.
fn prepare_tf(s: &mut Sessions, ms: f64) -> Vec<Report> {
    let mut out = Vec::new();
    drive(ms, 1.0, |env, deadline| {
        s.run_slice(env, deadline, &mut out);
        !out.iter()
            .any(|r| matches!(r, Report::Tf(TranslateEvent::Summary(_))))
    });
    out
}

#[test]
fn a_preparing_lab_pauses_nobody_and_a_run_that_waits_pauses_the_others_at_once() {
    let mut s = with_digits();
    let mut out = Vec::new();
    s.order(ae_reset(), 0.0, &mut out);
    s.order(Order::Ae(LabCommand::Run), 0.0, &mut out);
    out.clear();
    s.order(tf_reset(64), 0.0, &mut out);
    assert!(out.is_empty(), "prepared in slices, not at once");
    assert_eq!(
        s.next(),
        Some(Target::Ae),
        "training comes before preparing"
    );
    s.order(Order::Tf(TranslateCommand::Run), 1.0, &mut out);
    assert!(matches!(out[0], Report::Ae(LabEvent::Paused { .. })));
    assert_eq!(targets(&out), [Target::Ae], "the Run waits, unanswered");
    assert_eq!(s.next(), Some(Target::Tf));
    let out = prepare_tf(&mut s, 60_000.0);
    let events = tf(&out);
    assert!(matches!(events[0], TranslateEvent::Preparing(_)));
    let summaries: Vec<(u64, bool)> = events
        .iter()
        .filter_map(|e| match e {
            TranslateEvent::Summary(x) => Some((x.step, x.running)),
            _ => None,
        })
        .collect();
    assert_eq!(summaries, [(0, false)]);
    assert_eq!(targets(&out), [Target::Tf]);
    // The Run that waited takes effect now: the lab trains.
    let out = run(&mut s, 2_000.0);
    assert!(tf(&out)
        .iter()
        .any(|e| matches!(e, TranslateEvent::Summary(x) if x.running && x.step > 0)));
}

#[test]
fn a_pause_or_a_cancel_while_preparing_is_answered_at_once() {
    let mut s = with_digits();
    let mut out = Vec::new();
    s.order(tf_reset(500), 0.0, &mut out);
    s.order(Order::Tf(TranslateCommand::Run), 0.0, &mut out);
    // A few slices: still preparing (500 test dates to score).
    drive(50.0, 1.0, |env, deadline| {
        s.run_slice(env, deadline, &mut out);
        true
    });
    assert!(!tf(&out)
        .iter()
        .any(|e| matches!(e, TranslateEvent::Summary(_))));
    out.clear();
    s.order(Order::Tf(TranslateCommand::Pause), 50.0, &mut out);
    assert_eq!(out, [Report::Tf(TranslateEvent::Paused { step: 0 })]);
    assert!(s.busy(), "the preparation goes on");
    // Its Run was taken back: prepared, it waits paused.
    prepare_tf(&mut s, 600_000.0);
    assert!(!s.busy());

    let mut out = Vec::new();
    s.order(tf_reset(500), 0.0, &mut out);
    drive(50.0, 1.0, |env, deadline| {
        s.run_slice(env, deadline, &mut out);
        true
    });
    out.clear();
    s.cancel(Target::Tf, &mut out);
    assert_eq!(out, [Report::Cancelled { target: Target::Tf }]);
    assert!(!s.busy());
}

#[test]
fn a_reset_while_preparing_starts_over_and_commands_that_waited_follow_the_first_summary() {
    let mut s = with_digits();
    let mut out = Vec::new();
    s.order(tf_reset(500), 0.0, &mut out);
    drive(50.0, 1.0, |env, deadline| {
        s.run_slice(env, deadline, &mut out);
        true
    });
    s.order(tf_reset(32), 50.0, &mut out);
    s.order(Order::Tf(TranslateCommand::Step), 50.0, &mut out);
    s.order(
        Order::Tf(TranslateCommand::Translate("ab".into())),
        50.0,
        &mut out,
    );
    s.order(
        Order::Tf(TranslateCommand::Translate("abc".into())),
        50.0,
        &mut out,
    );
    out.clear();
    let out = run(&mut s, 600_000.0);
    let events = tf(&out);
    let setups: Vec<u32> = events
        .iter()
        .filter_map(|e| match e {
            TranslateEvent::Setup(x) => Some(x.test_examples),
            _ => None,
        })
        .collect();
    assert_eq!(setups, [32], "only the second reset's lab is built");
    let answers: Vec<String> = events
        .iter()
        .filter_map(|e| match e {
            TranslateEvent::Summary(x) => Some(format!("summary {}", x.step)),
            TranslateEvent::Translation { input, .. } => Some(format!("translation {input}")),
            _ => None,
        })
        .collect();
    // The Step and the latest Translate, in order, after the step-0 summary.
    assert_eq!(answers, ["summary 0", "summary 1", "translation abc"]);
    assert!(!s.busy());
}

#[test]
fn own_pictures_are_kept_for_every_reset_and_forgotten_when_emptied() {
    use crate::jobs::lab::config::DataMode;
    use crate::jobs::lab::OwnImages;
    let own_reset = || {
        let mut c = AeLabConfig::latent_2d();
        c.train.data = DataMode::Own;
        Order::Ae(LabCommand::Reset(LabConfig::Ae(c)))
    };
    let trained_on = |reports: &[Report]| {
        reports.iter().find_map(|r| match r {
            Report::Ae(LabEvent::Setup(s)) => Some(s.own_train),
            _ => None,
        })
    };
    let mut s = with_digits();
    let mut out = Vec::new();
    let set = OwnImages {
        pixels: vec![200; 11 * 784],
    };
    s.order(Order::Ae(LabCommand::SetOwnImages(set)), 0.0, &mut out);
    assert!(out.is_empty(), "{out:?}");
    for _ in 0..2 {
        let mut out = Vec::new();
        s.order(own_reset(), 0.0, &mut out);
        assert_eq!(trained_on(&out), Some(10));
    }
    // A saved run of the pictures goes on with them (a restore after a crash or a reload).
    let mut out = Vec::new();
    s.order(Order::Ae(LabCommand::Checkpoint), 0.0, &mut out);
    let saved = out.iter().find_map(|r| match r {
        Report::Ae(LabEvent::Checkpoint { bytes, .. }) => Some(bytes.clone()),
        _ => None,
    });
    let mut out = Vec::new();
    s.order(
        Order::Ae(LabCommand::Restore(saved.expect("a checkpoint"))),
        0.0,
        &mut out,
    );
    assert_eq!(trained_on(&out), Some(10));
    // The VAE has none of the autoencoder's.
    let mut out = Vec::new();
    s.order(vae_reset(), 0.0, &mut out);
    assert!(matches!(&out[0], Report::Vae(LabEvent::Setup(v)) if v.own_train == 0));
    let mut out = Vec::new();
    let empty = OwnImages::default();
    s.order(Order::Ae(LabCommand::SetOwnImages(empty)), 0.0, &mut out);
    s.order(own_reset(), 0.0, &mut out);
    assert_eq!(trained_on(&out), Some(0));
    // A set that is not whole digits is refused by name.
    let mut out = Vec::new();
    let broken = OwnImages {
        pixels: vec![1; 785],
    };
    s.order(Order::Ae(LabCommand::SetOwnImages(broken)), 0.0, &mut out);
    assert!(
        matches!(&out[0], Report::Failed { target: Target::Ae, error } if error.to_string().contains("own images"))
    );
}
