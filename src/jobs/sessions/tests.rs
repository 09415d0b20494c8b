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
            Report::Failed { target, message } if !message.is_empty() => Some(*target),
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
        matches!(out[0], Report::Tf(TranslateEvent::Paused { .. })),
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
    s.order(Order::Bench(BenchCommand::Determinism), 0.0, &mut out);
    s.digits_arrived(Err("truncated".into()), 0.0, &mut out);
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
                message,
            }] => message.split(' ').next().unwrap_or_default().to_string(),
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
