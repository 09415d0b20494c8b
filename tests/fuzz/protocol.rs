//! The wire (`gradlab::protocol`): whatever bytes arrive, `decode` answers `Ok` or `Err` and
//! never panics; every generated command and event comes back from its bytes as it went in;
//! and real encodings, bit-flipped, cut short or extended, are still only refused.
//!
//! Values are compared by their `Debug` text and their bytes rather than `==`, so a NaN (which
//! the strategies draw on purpose) counts as coming back when it does.

use gradlab::error::Error;
use gradlab::experiments::{
    FinetuneConfig, FinetuneProgress, FinetuneStage, ScaleConfig, ScaleProgress, ScaleStage,
    SeqFinetuneConfig, SeqFinetuneProgress, StepCount,
};
use gradlab::export::{ExportFile, Imported, WeightsProblem};
use gradlab::jobs::bench::{BenchCommand, BenchEvent};
use gradlab::jobs::experiment::{
    ExperimentCommand, ExperimentEvent, FinetuneReport, RunClock, ScaleReport, SeqReport,
};
use gradlab::jobs::lab::{Divergence, LabCommand, LabEvent, LabSetup, LabSummary};
use gradlab::jobs::translate::{TranslateCommand, TranslateEvent, TranslateSetup};
use gradlab::jobs::{
    GemmBenchConfig, GemmResult, Order, Report, Target, TrainBenchConfig, TrainResult,
};
use gradlab::models::{AttentionMaps, Losses, NextProbs, Positions, TransformerPreset};
use gradlab::optim::LrSchedule;
use gradlab::protocol::{decode, encode, Command, Event, SelfTest};

use proptest::collection::vec;
use proptest::prelude::*;

use crate::task;
use serde::{de::DeserializeOwned, Serialize};
use std::fmt::Debug;

use crate::mutate::{mutate, mutations};
// The settings target draws configs from the whole of each type and from near the ranges' ends.
use crate::settings::lab_config;
use crate::{config, CASES};

/// `v` survives its bytes: the same value back, and the same bytes again.
fn assert_round_trip<T: Serialize + DeserializeOwned + Debug>(v: &T) -> Result<(), TestCaseError> {
    let bytes = encode(v);
    let back: T = decode(&bytes).map_err(|e| TestCaseError::fail(format!("{e}: {v:?}")))?;
    prop_assert_eq!(format!("{back:?}"), format!("{v:?}"));
    prop_assert_eq!(encode(&back), bytes);
    Ok(())
}

/// Decoding `bytes` ends in `Ok` or `Err` (a panic fails the test); what it accepts is a real
/// value, which survives its own bytes. An error says what it was reading.
fn decodes_safely<T: Serialize + DeserializeOwned + Debug>(
    bytes: &[u8],
) -> Result<(), TestCaseError> {
    match decode::<T>(bytes) {
        Ok(v) => assert_round_trip(&v),
        Err(e) => {
            prop_assert!(
                e.to_string().starts_with("worker message is corrupt: "),
                "{}",
                e
            );
            Ok(())
        }
    }
}

// ---- strategies: every variant of every command and event, with numbers of any size ----

fn target() -> impl Strategy<Value = Target> {
    prop::sample::select(Target::ALL.to_vec())
}

fn lab_command() -> impl Strategy<Value = LabCommand> {
    prop_oneof![
        lab_config().prop_map(LabCommand::Reset),
        Just(LabCommand::Run),
        Just(LabCommand::Pause),
        Just(LabCommand::Step),
        any::<f32>().prop_map(LabCommand::SetBeta),
        any::<[f32; 2]>().prop_map(LabCommand::Probe),
        prop::option::of(vec(any::<f32>(), 0..800)).prop_map(LabCommand::Draw),
        any::<u64>().prop_map(LabCommand::Resample),
        any::<(u8, u8)>().prop_map(|(a, b)| LabCommand::Interpolate(a, b)),
        Just(LabCommand::Export),
        vec(any::<u8>(), 0..1600).prop_map(LabCommand::Import),
    ]
}

/// A preset of any task with every number drawn from its whole type.
fn preset() -> impl Strategy<Value = TransformerPreset> {
    let sizes = any::<[usize; 8]>();
    let rates = any::<[f64; 6]>();
    let flags = (
        any::<f32>(),
        any::<Option<f32>>(),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
    );
    (task(), sizes, rates, flags, any::<[u64; 2]>()).prop_map(
        |(task, s, r, (dropout, clip, learned, cosine, decoupled), seeds)| {
            let mut p = TransformerPreset::for_task(task);
            p.task.train_size = s[0];
            p.task.test_size = s[1];
            p.task.seed = seeds[0];
            let t = &mut p.trainer;
            let m = &mut t.model;
            [
                m.enc_layers,
                m.dec_layers,
                m.heads,
                m.d_model,
                m.d_ff,
                m.max_len,
            ] = [s[2], s[3], s[4], s[5], s[6], s[7]];
            m.dropout = dropout;
            m.positions = if learned {
                Positions::Learned
            } else {
                Positions::Sinusoidal
            };
            let o = &mut t.optimizer;
            [o.lr, o.beta1, o.beta2, o.eps, o.weight_decay] = [r[0], r[1], r[2], r[3], r[4]];
            o.decoupled_weight_decay = decoupled;
            t.schedule = if cosine {
                LrSchedule::WarmupCosine {
                    warmup_steps: s[0] ^ s[1],
                    total_steps: s[2] ^ s[3],
                    min_factor: r[5],
                }
            } else {
                LrSchedule::Constant
            };
            t.clip_norm = clip;
            t.seed = seeds[1];
            p.batch_size = s[0].rotate_left(7);
            p
        },
    )
}

fn translate_command() -> impl Strategy<Value = TranslateCommand> {
    prop_oneof![
        preset().prop_map(TranslateCommand::Reset),
        Just(TranslateCommand::Run),
        Just(TranslateCommand::Pause),
        Just(TranslateCommand::Step),
        any::<u8>().prop_map(TranslateCommand::Watch),
        any::<String>().prop_map(TranslateCommand::Translate),
        any::<String>().prop_map(TranslateCommand::Inspect),
        Just(TranslateCommand::Export),
        vec(any::<u8>(), 0..1600).prop_map(TranslateCommand::Import),
    ]
}

fn experiment_command() -> impl Strategy<Value = ExperimentCommand> {
    let finetune = (
        vec(any::<usize>(), 0..6),
        any::<[usize; 4]>(),
        any::<[f64; 3]>(),
        any::<Option<usize>>(),
    )
        .prop_map(|(ks, n, lr, kept)| {
            let mut c = FinetuneConfig::chapter();
            c.autoencoder.widths = ks.clone();
            c.ks = ks;
            [c.pretrain_steps, c.pretrain_batch, c.steps, c.batch] = n;
            [c.pretrain_lr, c.lr, c.encoder_lr] = lr;
            c.encoder_layers = kept;
            c
        });
    let scale = (any::<[usize; 3]>(), any::<f64>(), any::<u64>()).prop_map(|(n, lr, seed)| {
        let mut c = ScaleConfig::chapter();
        [c.tokens, c.batch, c.evals] = n;
        c.sizes[0].lr = lr;
        c.sizes.truncate(n[0] % 9);
        c.seed = seed;
        c
    });
    let seq = (any::<[usize; 4]>(), any::<[f64; 3]>()).prop_map(|(n, lr)| {
        let mut c = SeqFinetuneConfig::chapter();
        [c.pretrain_examples, c.examples, c.steps, c.batch] = n;
        [c.pretrain_lr, c.finetune_lr, c.scratch_lr] = lr;
        c
    });
    prop_oneof![
        finetune.prop_map(ExperimentCommand::Finetune),
        scale.prop_map(ExperimentCommand::Scale),
        seq.prop_map(ExperimentCommand::SeqFinetune),
    ]
}

fn bench_command() -> impl Strategy<Value = BenchCommand> {
    let gemm = (any::<f64>(), vec(any::<(usize, bool)>(), 0..4)).prop_map(|(millis, extra)| {
        let mut c = GemmBenchConfig {
            millis_per_shape: millis,
            ..GemmBenchConfig::default()
        };
        for (n, ta) in extra {
            let mut shape = c.shapes[0].clone();
            (shape.m, shape.ta, shape.label) = (n, ta, format!("{n}"));
            c.shapes.push(shape);
        }
        c
    });
    let train = (
        vec(any::<usize>(), 0..5),
        any::<f64>(),
        any::<usize>(),
        any::<u64>(),
        any::<usize>(),
    )
        .prop_map(
            |(batches, millis_per_batch, warmup_steps, seed, replicas)| TrainBenchConfig {
                batches,
                millis_per_batch,
                warmup_steps,
                seed,
                replicas,
            },
        );
    prop_oneof![
        gemm.clone().prop_map(BenchCommand::Gemm),
        train.clone().prop_map(BenchCommand::Train),
        (gemm, train).prop_map(|(gemm, train)| BenchCommand::Chapter { gemm, train }),
        any::<usize>().prop_map(|replicas| BenchCommand::Determinism { replicas }),
    ]
}

fn command() -> impl Strategy<Value = Command> {
    let order = prop_oneof![
        lab_command().prop_map(Order::Ae),
        lab_command().prop_map(Order::Vae),
        translate_command().prop_map(Order::Tf),
        experiment_command().prop_map(Order::Experiment),
        bench_command().prop_map(Order::Bench),
    ];
    prop_oneof![
        any::<u32>().prop_map(|id| Command::Ping { id }),
        order.prop_map(Command::Order),
        target().prop_map(Command::Cancel),
        Just(Command::SelfTest(SelfTest::Panic)),
        Just(Command::SelfTest(SelfTest::Determinism)),
        Just(Command::SelfTest(SelfTest::Hang)),
        Just(Command::SelfTest(SelfTest::OutOfMemory)),
    ]
}

fn losses() -> impl Strategy<Value = Losses> {
    any::<[f32; 3]>().prop_map(|[total, recon, kl]| Losses { total, recon, kl })
}

fn lab_event() -> impl Strategy<Value = LabEvent> {
    let bytes = || vec(any::<u8>(), 0..1600);
    let setup = (any::<(u32, u64, bool)>(), bytes(), bytes(), bytes()).prop_map(
        |((latent_width, params, has_prior), shown, gallery, test_labels)| LabSetup {
            latent_width,
            params,
            has_prior,
            own_train: latent_width,
            own_test: params as u32,
            own_shown: shown.clone(),
            shown,
            gallery,
            test_labels,
        },
    );
    let summary = (
        any::<(u64, bool, bool)>(),
        prop::option::of(losses()),
        losses(),
        any::<[f32; 3]>(),
        bytes(),
        vec(any::<[f32; 2]>(), 0..50),
        vec(any::<([f32; 2], [f32; 3])>(), 0..20),
    )
        .prop_map(
            |((step, running, projected), train, test, f, recon, latent, ellipses)| LabSummary {
                step,
                running,
                train,
                test,
                samples_per_sec: f[0],
                own_latent: latent.clone(),
                own_recon: recon.clone(),
                latent,
                recon,
                ellipses,
                projected,
                explained: f[1],
                beta: f[2],
            },
        );
    let reason = prop_oneof![
        Just(Divergence::NonFinite),
        any::<(f32, f32)>().prop_map(|(loss, start)| Divergence::Exploded { loss, start }),
        any::<(f32, f32)>().prop_map(|(weight, code)| Divergence::Saturated { weight, code }),
    ];
    prop_oneof![
        setup.prop_map(LabEvent::Setup),
        summary.prop_map(LabEvent::Summary),
        (any::<[f32; 2]>(), bytes()).prop_map(|(point, image)| LabEvent::Decoded { point, image }),
        (any::<[f32; 2]>(), bytes()).prop_map(|(point, image)| LabEvent::Drawn { point, image }),
        bytes().prop_map(LabEvent::Samples),
        (any::<u8>(), bytes()).prop_map(|(side, images)| LabEvent::Manifold { side, images }),
        bytes().prop_map(LabEvent::Interpolation),
        any::<u64>().prop_map(|step| LabEvent::Paused { step }),
        (any::<u64>(), reason).prop_map(|(step, reason)| LabEvent::Diverged { step, reason }),
        (any::<String>(), bytes(), any::<String>()).prop_map(|(stem, weights, script)| {
            LabEvent::Exported(ExportFile {
                stem,
                weights,
                script,
            })
        }),
        any::<(u32, u64)>()
            .prop_map(|(tensors, scalars)| LabEvent::Imported(Imported { tensors, scalars })),
        weights_problem().prop_map(|problem| LabEvent::ImportRefused { problem }),
    ]
}

/// Every kind of refusal, with names, shapes and numbers a hostile file could put in them.
fn weights_problem() -> impl Strategy<Value = WeightsProblem> {
    let dims = || vec(any::<usize>(), 0..12);
    prop_oneof![
        any::<(u64, u64)>().prop_map(|(bytes, max)| WeightsProblem::FileTooLarge { bytes, max }),
        any::<(u64, u64)>().prop_map(|(bytes, max)| WeightsProblem::HeaderTooLarge { bytes, max }),
        any::<(u64, u64)>().prop_map(|(bytes, needed)| WeightsProblem::Truncated { bytes, needed }),
        any::<String>().prop_map(|detail| WeightsProblem::Malformed { detail }),
        any::<(String, usize)>().prop_map(|(name, more)| WeightsProblem::Missing { name, more }),
        any::<(String, usize)>().prop_map(|(name, more)| WeightsProblem::Unexpected { name, more }),
        (any::<String>(), dims(), dims()).prop_map(|(name, expected, found)| {
            WeightsProblem::Shape {
                name,
                expected,
                found,
            }
        }),
        any::<(String, String)>().prop_map(|(name, dtype)| WeightsProblem::Dtype { name, dtype }),
        any::<(String, usize, String)>()
            .prop_map(|(name, index, value)| WeightsProblem::NonFinite { name, index, value }),
        any::<String>().prop_map(|detail| WeightsProblem::Model { detail }),
    ]
}

fn translate_event() -> impl Strategy<Value = TranslateEvent> {
    let pairs = || vec(any::<(String, String)>(), 0..6);
    let setup = (any::<(u64, u32, u32)>(), pairs(), pairs()).prop_map(
        |((params, train_examples, test_examples), watched, samples)| TranslateSetup {
            params,
            train_examples,
            test_examples,
            watched,
            samples,
        },
    );
    prop_oneof![
        setup.prop_map(TranslateEvent::Setup),
        (any::<u8>(), any::<u64>()).prop_map(|(example, step)| TranslateEvent::Attention {
            example,
            step,
            maps: AttentionMaps::default(),
        }),
        (
            any::<(String, String)>(),
            vec(
                (vec((any::<String>(), any::<f32>()), 0..5), any::<f32>()),
                0..4
            )
        )
            .prop_map(|((input, output), next)| TranslateEvent::Translation {
                input,
                output,
                maps: AttentionMaps::default(),
                next: next
                    .into_iter()
                    .map(|(top, rest)| NextProbs { top, rest })
                    .collect(),
            }),
        (any::<String>(), vec(any::<(u32, char)>(), 0..20))
            .prop_map(|(input, chars)| TranslateEvent::Unknown { input, chars }),
        (any::<String>(), any::<u32>())
            .prop_map(|(input, max)| TranslateEvent::TooLong { input, max }),
        any::<u64>().prop_map(|step| TranslateEvent::Paused { step }),
        any::<u64>().prop_map(|step| TranslateEvent::Diverged { step }),
        (any::<String>(), vec(any::<u8>(), 0..1600), any::<String>()).prop_map(
            |(stem, weights, script)| TranslateEvent::Exported(ExportFile {
                stem,
                weights,
                script,
            })
        ),
        any::<(u32, u64)>().prop_map(|(tensors, scalars)| {
            TranslateEvent::Imported(Imported { tensors, scalars })
        }),
        weights_problem().prop_map(|problem| TranslateEvent::ImportRefused { problem }),
    ]
}

fn experiment_event() -> impl Strategy<Value = ExperimentEvent> {
    (
        any::<(usize, usize, bool)>(),
        any::<f64>(),
        prop::option::of(any::<f32>()),
        vec(any::<f64>(), 0..9),
    )
        .prop_flat_map(|((done, total, finished), elapsed, loss, size_ms)| {
            let steps = StepCount { done, total };
            let clock = RunClock::at(elapsed, steps);
            prop_oneof![
                Just(ExperimentEvent::Finetune(FinetuneReport {
                    progress: FinetuneProgress {
                        stage: FinetuneStage::Pretraining { loss },
                        steps,
                    },
                    results: vec![],
                    reused_encoder: finished,
                    done: finished,
                    clock,
                })),
                Just(ExperimentEvent::Scale(ScaleReport {
                    progress: ScaleProgress {
                        stage: ScaleStage::Done,
                        steps,
                    },
                    points: vec![],
                    fit: None,
                    done: finished,
                    clock,
                    size_ms,
                })),
                Just(ExperimentEvent::SeqFinetune(SeqReport {
                    progress: SeqFinetuneProgress { phase: None, steps },
                    runs: vec![],
                    done: finished,
                    clock,
                })),
            ]
        })
}

fn bench_event() -> impl Strategy<Value = BenchEvent> {
    let gemm = (any::<[usize; 3]>(), any::<String>(), any::<f64>()).prop_map(
        |([m, n, k], label, gflops)| GemmResult {
            m,
            n,
            k,
            label,
            gflops,
        },
    );
    let train = (
        any::<(usize, u64)>(),
        any::<[f64; 2]>(),
        any::<[f32; 2]>(),
        any::<(u64, u32)>(),
    )
        .prop_map(
            |(
                (batch, steps),
                [samples_per_sec, gflops],
                [first_loss, last_loss],
                (memory_bytes, replicas),
            )| {
                TrainResult {
                    batch,
                    steps,
                    samples_per_sec,
                    gflops,
                    first_loss,
                    last_loss,
                    memory_bytes,
                    replicas,
                }
            },
        );
    prop_oneof![
        any::<(u32, u32)>().prop_map(|(done, total)| BenchEvent::GemmProgress { done, total }),
        vec(gemm, 0..4).prop_map(BenchEvent::GemmDone),
        any::<(u32, u32)>().prop_map(|(done, total)| BenchEvent::TrainProgress { done, total }),
        vec(train, 0..4).prop_map(BenchEvent::TrainDone),
        vec(any::<f32>(), 0..100).prop_map(BenchEvent::Losses),
    ]
}

/// Errors as the worker reports them: the names are the code's, the rest is anything.
fn core_error() -> impl Strategy<Value = Error> {
    prop_oneof![
        (vec(any::<usize>(), 0..4), vec(any::<usize>(), 0..4)).prop_map(|(lhs, rhs)| {
            Error::ShapeMismatch {
                op: "matmul",
                lhs,
                rhs,
            }
        }),
        any::<String>().prop_map(|detail| Error::InvalidConfig {
            field: "widths",
            detail
        }),
        any::<String>().prop_map(|detail| Error::DigitsUnavailable { detail }),
        (-1e9..1e9f64, -1e9..1e9f64, -1e9..1e9f64).prop_map(|(value, min, max)| {
            Error::OutOfRange {
                field: "lr",
                value,
                min,
                max,
            }
        }),
    ]
}

fn event() -> impl Strategy<Value = Event> {
    let report = prop_oneof![
        lab_event().prop_map(Report::Ae),
        lab_event().prop_map(Report::Vae),
        translate_event().prop_map(Report::Tf),
        experiment_event().prop_map(Report::Experiment),
        bench_event().prop_map(Report::Bench),
        (target(), core_error()).prop_map(|(target, error)| Report::Failed { target, error }),
        target().prop_map(|target| Report::Cancelled { target }),
    ];
    prop_oneof![
        (any::<String>(), any::<bool>()).prop_map(|(build, relaxed_simd)| Event::Ready {
            build,
            relaxed_simd
        }),
        any::<(u32, u64)>().prop_map(|(id, memory)| Event::Pong { id, memory }),
        any::<(u64, u64)>().prop_map(|(received, total)| Event::DataProgress { received, total }),
        any::<u32>().prop_map(|digits| Event::DataReady { digits }),
        report.prop_map(Event::Report),
        any::<String>().prop_map(|message| Event::Refused { message }),
        any::<String>().prop_map(|message| Event::Panicked { message }),
        any::<(u64, u64)>()
            .prop_map(|(requested, memory)| Event::OutOfMemory { requested, memory }),
    ]
}

proptest! {
    #![proptest_config(config(CASES))]

    #[test]
    fn any_bytes_decode_to_a_command_or_an_error(bytes in vec(any::<u8>(), 0..64)) {
        decodes_safely::<Command>(&bytes)?;
    }

    #[test]
    fn any_bytes_decode_to_an_event_or_an_error(bytes in vec(any::<u8>(), 0..64)) {
        decodes_safely::<Event>(&bytes)?;
    }

    #[test]
    fn every_command_round_trips(cmd in command()) {
        assert_round_trip(&cmd)?;
    }

    #[test]
    fn every_event_round_trips(event in event()) {
        assert_round_trip(&event)?;
    }

    #[test]
    fn a_damaged_command_is_refused_or_read_as_another(cmd in command(), edits in mutations()) {
        decodes_safely::<Command>(&mutate(encode(&cmd), &edits))?;
    }

    #[test]
    fn a_damaged_event_is_refused_or_read_as_another(event in event(), edits in mutations()) {
        decodes_safely::<Event>(&mutate(encode(&event), &edits))?;
    }
}

/// A length prefix that claims far more elements than the message holds: refused for want of
/// bytes, without first reserving room for them (postcard reads sequences element by element).
#[test]
fn a_huge_length_prefix_is_refused_without_allocating_it() {
    // Command::Order(Order::Ae(LabCommand::Draw(Some(vec of 2^63 floats)))).
    let mut bytes = vec![1, 0, 6, 1];
    bytes.extend([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]);
    let e = decode::<Command>(&bytes).expect_err("no floats follow");
    assert_eq!(
        e.to_string(),
        "worker message is corrupt: Hit the end of buffer, expected more data"
    );
}
