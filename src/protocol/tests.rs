//! Every command and event, and every session's commands and events inside them, survive the
//! trip through bytes.

use super::*;
use crate::experiments::{
    FinetuneConfig, FinetuneProgress, FinetuneStage, ScaleConfig, ScaleProgress, ScaleStage,
    SeqFinetuneConfig, SeqFinetuneProgress, StepCount,
};
use crate::export::{ExportFile, Imported, WeightsProblem};
use crate::jobs::bench::{BenchCommand, BenchEvent};
use crate::jobs::experiment::{
    ExperimentCommand, ExperimentEvent, FinetuneReport, RunClock, ScaleReport, SeqReport,
};
use crate::jobs::lab::config::{AeLabConfig, LabConfig, VaeLabConfig};
use crate::jobs::lab::{Divergence, LabCommand, LabEvent, LabSetup, LabSummary};
use crate::jobs::speed_sweep::{SpeedConfig, SpeedResult};
use crate::jobs::translate::{
    Inspection, PrepStage, Preparation, TranslateCommand, TranslateEvent, TranslateSetup,
};
use crate::jobs::{GemmBenchConfig, GemmResult, TrainBenchConfig, TrainResult};
use crate::models::{AttentionMaps, Losses, TransformerPreset};

fn round_trips<T>(values: Vec<T>)
where
    T: Serialize + for<'a> Deserialize<'a> + PartialEq + std::fmt::Debug,
{
    for v in values {
        assert_eq!(decode::<T>(&encode(&v)).ok(), Some(v));
    }
}

fn lab_commands() -> Vec<LabCommand> {
    vec![
        LabCommand::Reset(LabConfig::Ae(AeLabConfig::seed())),
        LabCommand::Reset(LabConfig::Vae(VaeLabConfig::latent_2d())),
        LabCommand::Run,
        LabCommand::Pause,
        LabCommand::Step,
        LabCommand::SetBeta(2.0),
        LabCommand::Probe([0.5, -1.0]),
        LabCommand::Draw(Some(vec![0.25; 784])),
        LabCommand::Draw(None),
        LabCommand::Resample(9),
        LabCommand::Interpolate(1, 7),
        LabCommand::Export,
        LabCommand::Import(vec![0, 1, 2, 255]),
    ]
}

fn translate_commands() -> Vec<TranslateCommand> {
    vec![
        TranslateCommand::Reset(TransformerPreset::dates()),
        TranslateCommand::Run,
        TranslateCommand::Pause,
        TranslateCommand::Step,
        TranslateCommand::Watch(2),
        TranslateCommand::Translate("3 mars 2021".into()),
        TranslateCommand::Inspect("abc".into()),
        TranslateCommand::Export,
        TranslateCommand::Import(vec![8, 0, 0, 0, 0, 0, 0, 0, 0, 255]),
    ]
}

#[test]
fn every_command_round_trips() {
    let mut orders: Vec<Order> = lab_commands().into_iter().map(Order::Ae).collect();
    orders.extend(lab_commands().into_iter().map(Order::Vae));
    orders.extend(translate_commands().into_iter().map(Order::Tf));
    orders.extend(
        [
            ExperimentCommand::Finetune(FinetuneConfig::chapter()),
            ExperimentCommand::Scale(ScaleConfig::chapter()),
            ExperimentCommand::SeqFinetune(SeqFinetuneConfig::chapter()),
        ]
        .map(Order::Experiment),
    );
    orders.extend(
        [
            BenchCommand::Gemm(GemmBenchConfig::default()),
            BenchCommand::Train(TrainBenchConfig::default()),
            BenchCommand::Speed(SpeedConfig::chapter()),
            BenchCommand::Chapter {
                gemm: GemmBenchConfig::default(),
                train: TrainBenchConfig::default(),
            },
            BenchCommand::Determinism { replicas: 2 },
        ]
        .map(Order::Bench),
    );
    let mut commands: Vec<Command> = orders.into_iter().map(Command::Order).collect();
    commands.extend(Target::ALL.map(Command::Cancel));
    commands.extend([
        Command::Ping { id: 7 },
        Command::SelfTest(SelfTest::Panic),
        Command::SelfTest(SelfTest::Determinism),
        Command::SelfTest(SelfTest::Hang),
        Command::SelfTest(SelfTest::OutOfMemory),
    ]);
    round_trips(commands);
}

fn lab_events() -> Vec<LabEvent> {
    let losses = Losses {
        total: 1.5,
        recon: 1.0,
        kl: 0.5,
    };
    vec![
        LabEvent::Setup(LabSetup {
            latent_width: 2,
            params: 1234,
            has_prior: true,
            shown: vec![1, 2, 3],
            gallery: vec![4, 5],
            test_labels: vec![0, 9],
            own_train: 9,
            own_test: 1,
            own_shown: vec![6; 784],
        }),
        LabEvent::Summary(LabSummary {
            step: 10,
            running: true,
            train: Some(losses),
            test: losses,
            samples_per_sec: 900.0,
            recon: vec![7; 8],
            latent: vec![[0.0, 1.0]],
            ellipses: vec![([0.0, 1.0], [1.0, 0.0, 1.0])],
            projected: false,
            explained: 1.0,
            beta: 1.0,
            own_latent: vec![[2.0, -1.0]],
            own_recon: vec![8; 784],
        }),
        LabEvent::Decoded {
            point: [1.0, 2.0],
            image: vec![0; 784],
        },
        LabEvent::Drawn {
            point: [1.0, 2.0],
            image: vec![255; 784],
        },
        LabEvent::Samples(vec![1; 16]),
        LabEvent::Manifold {
            side: 10,
            images: vec![2; 100],
        },
        LabEvent::Interpolation(vec![3; 10]),
        LabEvent::Running { step: 2 },
        LabEvent::Paused { step: 3 },
        LabEvent::Diverged {
            step: 4,
            reason: Divergence::NonFinite,
        },
        LabEvent::Diverged {
            step: 5,
            reason: Divergence::Exploded {
                loss: 9.0,
                start: 1.0,
            },
        },
        LabEvent::Diverged {
            step: 6,
            reason: Divergence::Saturated {
                weight: 1e3,
                code: 1e4,
            },
        },
        LabEvent::Exported(ExportFile {
            stem: "gradlab-vae-784-16-2-step3".into(),
            weights: vec![8, 0, 0, 0, 0, 0, 0, 0, 123, 125],
            script: "import torch\n".into(),
        }),
        LabEvent::Imported(Imported {
            tensors: 12,
            scalars: 1 << 40,
        }),
        LabEvent::ImportRefused {
            problem: WeightsProblem::Missing {
                name: "mu.weight".into(),
                more: 3,
            },
        },
    ]
}

fn translate_events() -> Vec<TranslateEvent> {
    let maps = AttentionMaps::default();
    vec![
        TranslateEvent::Setup(TranslateSetup {
            params: 10,
            train_examples: 2,
            test_examples: 1,
            watched: vec![("a".into(), "b".into())],
            samples: vec![],
        }),
        TranslateEvent::Attention {
            example: 1,
            step: 2,
            maps: maps.clone(),
        },
        TranslateEvent::Snapshot {
            example: 1,
            step: 10,
            maps: maps.clone(),
        },
        TranslateEvent::Translation {
            input: "x".into(),
            output: "y".into(),
            maps,
            next: vec![crate::models::NextProbs {
                top: vec![("y".into(), 0.75), ("</s>".into(), 0.125)],
                rest: 0.125,
            }],
        },
        TranslateEvent::Unknown {
            input: "€".into(),
            chars: vec![(0, '€')],
        },
        TranslateEvent::TooLong {
            input: "long".into(),
            max: 2,
        },
        TranslateEvent::Inspected {
            input: "ab".into(),
            inspection: Inspection::Ready(Box::default()),
        },
        TranslateEvent::Inspected {
            input: "ab".into(),
            inspection: Inspection::TooLong { max: 1 },
        },
        TranslateEvent::Empty,
        TranslateEvent::Inspected {
            input: String::new(),
            inspection: Inspection::Empty,
        },
        TranslateEvent::Running { step: 0 },
        TranslateEvent::Paused { step: 1 },
        TranslateEvent::Diverged { step: 2 },
        TranslateEvent::Preparing(Preparation {
            stage: PrepStage::Scoring,
            count: StepCount {
                done: 16,
                total: 500,
            },
        }),
        TranslateEvent::Exported(ExportFile {
            stem: "gradlab-transformer-dates-step3".into(),
            weights: vec![2, 0, 0, 0, 0, 0, 0, 0, b'{', b'}'],
            script: "print(\"年\")\n".into(),
        }),
        TranslateEvent::Imported(Imported {
            tensors: 3,
            scalars: 120,
        }),
        TranslateEvent::ImportRefused {
            problem: WeightsProblem::Shape {
                name: "output.bias".into(),
                expected: vec![14],
                found: vec![1 << 40],
            },
        },
    ]
}

fn experiment_events() -> Vec<ExperimentEvent> {
    let steps = StepCount { done: 5, total: 10 };
    let clock = RunClock::at(500.0, steps);
    vec![
        ExperimentEvent::Finetune(FinetuneReport {
            progress: FinetuneProgress {
                stage: FinetuneStage::Pretraining { loss: Some(0.5) },
                steps,
            },
            results: vec![],
            reused_encoder: true,
            done: false,
            clock,
        }),
        ExperimentEvent::Scale(ScaleReport {
            progress: ScaleProgress {
                stage: ScaleStage::Done,
                steps,
            },
            points: vec![],
            fit: None,
            done: true,
            clock,
            size_ms: vec![100.0, 250.5],
        }),
        ExperimentEvent::SeqFinetune(SeqReport {
            progress: SeqFinetuneProgress { phase: None, steps },
            runs: vec![],
            done: false,
            clock,
        }),
    ]
}

fn bench_events() -> Vec<BenchEvent> {
    vec![
        BenchEvent::GemmProgress { done: 1, total: 4 },
        BenchEvent::GemmDone(vec![GemmResult {
            m: 2,
            n: 3,
            k: 4,
            label: "x".into(),
            gflops: 1.5,
        }]),
        BenchEvent::TrainProgress { done: 0, total: 3 },
        BenchEvent::TrainDone(vec![TrainResult {
            batch: 32,
            steps: 10,
            samples_per_sec: 1e4,
            gflops: 2.0,
            first_loss: 0.2,
            last_loss: 0.1,
            memory_bytes: 1 << 20,
            replicas: 2,
        }]),
        BenchEvent::SpeedPoint {
            result: SpeedResult {
                width: 128,
                batch: 32,
                params: 209_968,
                steps: 224,
                millis: 216.5,
                samples_per_sec: 33_108.0,
                reached: true,
                held_out: 0.0338,
            },
            done: 6,
            total: 12,
        },
        BenchEvent::Losses(vec![0.5, 0.25]),
    ]
}

#[test]
fn every_event_round_trips() {
    let mut reports: Vec<Report> = lab_events().into_iter().map(Report::Ae).collect();
    reports.extend(lab_events().into_iter().map(Report::Vae));
    reports.extend(translate_events().into_iter().map(Report::Tf));
    reports.extend(experiment_events().into_iter().map(Report::Experiment));
    reports.extend(bench_events().into_iter().map(Report::Bench));
    for target in Target::ALL {
        reports.extend(
            crate::error::samples()
                .into_iter()
                .map(|error| Report::Failed { target, error }),
        );
        reports.push(Report::Cancelled { target });
    }
    let mut events: Vec<Event> = reports.into_iter().map(Event::Report).collect();
    events.extend([
        Event::Ready {
            build: BUILD_ID.into(),
            relaxed_simd: true,
        },
        Event::Pong {
            id: 3,
            memory: 50 << 20,
        },
        Event::DataProgress {
            received: 10,
            total: 20,
        },
        Event::DataReady { digits: 10_000 },
        Event::Refused {
            message: "bad bytes".into(),
        },
        Event::Panicked {
            message: "boom".into(),
        },
        Event::OutOfMemory {
            requested: 1 << 30,
            memory: 3 << 30,
        },
    ]);
    round_trips(events);
}

#[test]
fn every_report_names_its_target() {
    assert_eq!(
        Report::Vae(LabEvent::Paused { step: 1 }).target(),
        Target::Vae
    );
    assert_eq!(
        Report::Bench(BenchEvent::Losses(vec![])).target(),
        Target::Bench
    );
    let failed = Report::Failed {
        target: Target::Tf,
        error: crate::error::samples().remove(0),
    };
    assert_eq!(failed.target(), Target::Tf);
    assert_eq!(Order::Tf(TranslateCommand::Run).target(), Target::Tf);
}

#[test]
fn orders_that_build_something_name_their_settings_and_steering_ones_do_not() {
    // What the page names when the worker runs out of memory after this order.
    let reset = Order::Ae(LabCommand::Reset(LabConfig::Ae(AeLabConfig::seed())));
    let settings = reset.settings().expect("a reset builds a model");
    assert!(
        settings.contains("layers: [128, 64, 32, 16, 8, 4]"),
        "{settings}"
    );
    let tf = Order::Tf(TranslateCommand::Reset(TransformerPreset::dates()));
    assert!(tf.settings().expect("a reset").contains("d_model"));
    assert_eq!(Order::Ae(LabCommand::Run).settings(), None);
    assert_eq!(Order::Tf(TranslateCommand::Pause).settings(), None);
}

#[test]
fn garbage_bytes_are_an_error_not_a_panic() {
    assert!(decode::<Command>(&[0xff, 0xff, 0xff]).is_err());
    assert!(decode::<Event>(&[]).is_err());
}

#[test]
fn a_worker_of_another_build_is_told_apart() {
    assert!(same_build(BUILD_ID));
    assert!(!same_build(""));
    assert!(!same_build("0123456789abcdef0"));
    assert_eq!(BUILD_ID.len(), 16, "{BUILD_ID}");
}
