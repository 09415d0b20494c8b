//! A run saved and restored trains on bit for bit as if it had never stopped; bytes that are
//! not such a run are refused with their reason, and the lab in the worker is kept.

use std::rc::Rc;

use super::*;
use crate::data::Mnist;
use crate::export::WeightsProblem;
use crate::jobs::lab::config::{AeLabConfig, OptimizerKind, TrainSettings, VaeLabConfig};
use crate::jobs::lab::{LabCommand, LabEvent};
use crate::jobs::orders::{Order, Report};
use crate::jobs::sessions::Sessions;
use crate::models::Losses;
use crate::optim::OptimizerState;

fn digits() -> Rc<Mnist> {
    let bytes = include_bytes!("../../../assets/mnist/mnist-10k.bin.gz");
    Rc::new(crate::data::mnist::parse(bytes).expect("the shipped asset parses"))
}

fn train(batch: usize, optimizer: OptimizerKind, seed: u64) -> TrainSettings {
    TrainSettings {
        lr: 3e-3,
        batch,
        optimizer,
        seed,
        ..TrainSettings::default()
    }
}

fn small_ae(optimizer: OptimizerKind) -> LabConfig {
    LabConfig::Ae(AeLabConfig {
        layers: vec![24, 4],
        train: train(16, optimizer, 7),
        ..AeLabConfig::seed()
    })
}

fn small_vae() -> LabConfig {
    LabConfig::Vae(VaeLabConfig {
        layers: vec![24, 8, 2],
        beta: 1.0,
        train: train(16, OptimizerKind::Adam, 3),
    })
}

fn id_of(config: &LabConfig) -> LabId {
    match config {
        LabConfig::Ae(_) => LabId::Ae,
        LabConfig::Vae(_) => LabId::Vae,
    }
}

/// Each step's training losses, one Step at a time.
fn steps(lab: &mut Lab, n: usize) -> Vec<Losses> {
    (0..n)
        .map(|_| {
            let mut out = Vec::new();
            lab.command(LabCommand::Step, 0.0, &mut out)
                .expect("a step");
            out.iter()
                .find_map(|e| match e {
                    LabEvent::Summary(s) => s.train,
                    _ => None,
                })
                .expect("a step's summary")
        })
        .collect()
}

fn bits(losses: &[Losses]) -> Vec<[u32; 3]> {
    losses
        .iter()
        .map(|l| [l.total.to_bits(), l.recon.to_bits(), l.kl.to_bits()])
        .collect()
}

fn weight_bits(lab: &Lab) -> Vec<u32> {
    let params = lab.model.params();
    params
        .ids()
        .flat_map(|id| {
            params
                .value(id)
                .data()
                .iter()
                .map(|v| v.to_bits())
                .collect::<Vec<_>>()
        })
        .collect()
}

/// N steps, a snapshot, a fresh lab restored from it, M more steps: the M losses and the final
/// weights equal those of N + M uninterrupted steps, bit for bit. N + M spans an epoch of the
/// sampler (8,900 digits in 16s: 557 batches) only in the long variant; here the position
/// within an epoch is what counts, and the VAE's noise stream and β are carried too.
fn resumes_bit_for_bit(config: LabConfig, n: usize, m: usize, beta: Option<f32>) {
    let data = digits();
    let split = data.split(0);
    let id = id_of(&config);
    let mut whole = Lab::new(&config, data.clone(), &split).expect("lab");
    let mut cut = Lab::new(&config, data.clone(), &split).expect("lab");
    if let Some(b) = beta {
        for lab in [&mut whole, &mut cut] {
            lab.command(LabCommand::SetBeta(b), 0.0, &mut Vec::new())
                .expect("β");
        }
    }
    let all = steps(&mut whole, n + m);
    let first = steps(&mut cut, n);
    assert_eq!(bits(&first), bits(&all[..n]));
    let bytes = cut.checkpoint().expect("a snapshot");
    drop(cut);
    let mut resumed = Lab::restore(id, &bytes, data, &split).expect("restored");
    assert_eq!(resumed.step, n as u64);
    assert!(!resumed.running());
    let rest = steps(&mut resumed, m);
    assert_eq!(bits(&rest), bits(&all[n..]), "the losses after the restore");
    assert_eq!(
        weight_bits(&resumed),
        weight_bits(&whole),
        "the final weights"
    );
    assert_eq!(resumed.step, whole.step);
    assert_eq!(resumed.beta, whole.beta);
}

#[test]
fn an_autoencoder_with_adam_resumes_bit_for_bit() {
    resumes_bit_for_bit(small_ae(OptimizerKind::Adam), 12, 9, None);
}

#[test]
fn an_autoencoder_with_sgd_resumes_bit_for_bit() {
    resumes_bit_for_bit(small_ae(OptimizerKind::Sgd), 7, 6, None);
}

#[test]
fn a_vae_resumes_bit_for_bit_with_its_noise_and_its_beta() {
    resumes_bit_for_bit(small_vae(), 10, 8, Some(0.5));
}

/// A snapshot's body after `edit`, sealed again.
fn edited(bytes: &[u8], edit: impl FnOnce(&mut LabSnapshot)) -> Vec<u8> {
    let mut body: LabSnapshot = checkpoint::open(bytes, TAG, VERSION).expect("a snapshot");
    edit(&mut body);
    checkpoint::seal(TAG, VERSION, &body).expect("sealed")
}

fn refused(bytes: &[u8], id: LabId) -> RestoreProblem {
    let data = digits();
    let split = data.split(0);
    match Lab::restore(id, bytes, data, &split) {
        Ok(_) => panic!("restored"),
        Err(p) => p,
    }
}

#[test]
fn bytes_that_are_not_a_fitting_run_are_refused_with_their_reason() {
    let data = digits();
    let split = data.split(0);
    let mut lab = Lab::new(&small_ae(OptimizerKind::Adam), data, &split).expect("lab");
    steps(&mut lab, 3);
    let good = lab.checkpoint().expect("a snapshot");
    let ae = LabId::Ae;

    assert!(matches!(
        refused(&good[..good.len() / 2], ae),
        RestoreProblem::Malformed { .. }
    ));
    assert_eq!(refused(&good[..4], ae), RestoreProblem::NotASavedRun);
    let mut tag = good.clone();
    tag[0] ^= 1;
    assert_eq!(refused(&tag, ae), RestoreProblem::NotASavedRun);
    let mut version = good.clone();
    version[8] = 9;
    assert_eq!(
        refused(&version, ae),
        RestoreProblem::Version {
            found: 9,
            expected: VERSION
        }
    );
    assert_eq!(refused(&good, LabId::Vae), RestoreProblem::NotASavedRun);

    let shape = edited(&good, |s| {
        if let LabConfig::Ae(c) = &mut s.config {
            c.layers = vec![25, 4];
        }
    });
    assert!(matches!(
        refused(&shape, ae),
        RestoreProblem::Weights(WeightsProblem::Shape { .. })
    ));
    let nan = edited(&good, |s| s.trainer.params[1].data[0] = f32::NAN);
    assert!(matches!(
        refused(&nan, ae),
        RestoreProblem::Weights(WeightsProblem::NonFinite { index: 0, .. })
    ));
    let moments = edited(&good, |s| {
        if let OptimizerState::Adam { m, .. } = &mut s.trainer.optimizer {
            m[0].pop();
        }
    });
    assert!(matches!(
        refused(&moments, ae),
        RestoreProblem::State { .. }
    ));
    let position = edited(&good, |s| s.sampler.1 = 1 << 40);
    assert!(matches!(
        refused(&position, ae),
        RestoreProblem::State { .. }
    ));
    let huge = edited(&good, |s| {
        if let LabConfig::Ae(c) = &mut s.config {
            c.layers = vec![1024; 7];
            c.layers.push(8);
            c.train.batch = 512;
        }
    });
    assert!(matches!(
        refused(&huge, ae),
        RestoreProblem::Settings { .. }
    ));
    let beta = edited(&good, |s| s.beta = f32::NAN);
    assert!(matches!(
        refused(&beta, ae),
        RestoreProblem::Settings { .. }
    ));
}

fn reports_of(out: &[Report]) -> Vec<&LabEvent> {
    out.iter()
        .filter_map(|r| match r {
            Report::Ae(e) => Some(e),
            _ => None,
        })
        .collect()
}

/// Through the scheduler: a restore answers as a reset does, paused at the saved step, and a
/// refused one leaves the lab there as it was.
#[test]
fn the_worker_answers_a_restore_as_a_reset_and_keeps_its_lab_on_a_refusal() {
    let mut s = Sessions::new();
    let mut out = Vec::new();
    let config = small_ae(OptimizerKind::Adam);
    s.order(Order::Ae(LabCommand::Reset(config)), 0.0, &mut out);
    assert!(s.take_fetch());
    let bytes = include_bytes!("../../../assets/mnist/mnist-10k.bin.gz");
    let parsed = crate::data::mnist::parse(bytes);
    s.digits_arrived(parsed, 0.0, &mut out);
    for _ in 0..5 {
        s.order(Order::Ae(LabCommand::Step), 0.0, &mut out);
    }
    out.clear();
    s.order(Order::Ae(LabCommand::Checkpoint), 0.0, &mut out);
    let Some(LabEvent::Checkpoint { step: 5, bytes }) = reports_of(&out).first().cloned().cloned()
    else {
        panic!("{out:?}")
    };
    s.order(Order::Ae(LabCommand::Step), 0.0, &mut out);
    out.clear();
    s.order(Order::Ae(LabCommand::Restore(bytes)), 0.0, &mut out);
    let events = reports_of(&out);
    assert!(matches!(events[0], LabEvent::Setup(_)), "{events:?}");
    let summary = events.iter().find_map(|e| match e {
        LabEvent::Summary(s) => Some(s),
        _ => None,
    });
    assert!(matches!(summary, Some(s) if s.step == 5 && !s.running));

    out.clear();
    s.order(Order::Ae(LabCommand::Restore(vec![1, 2, 3])), 0.0, &mut out);
    assert!(matches!(
        reports_of(&out)[..],
        [LabEvent::RestoreRefused {
            problem: RestoreProblem::NotASavedRun
        }]
    ));
    out.clear();
    s.order(Order::Ae(LabCommand::Step), 0.0, &mut out);
    let stepped = reports_of(&out).into_iter().find_map(|e| match e {
        LabEvent::Summary(s) => Some(s.step),
        _ => None,
    });
    assert_eq!(stepped, Some(6), "the restored lab is still there");
}

/// The default autoencoder's snapshot is its weights and two Adam moments, 4 bytes each, and
/// little else: 223,812 weights make 2,685,744 bytes of numbers.
#[test]
fn the_default_autoencoders_snapshot_is_three_copies_of_its_weights_and_little_more() {
    let data = digits();
    let split = data.split(0);
    let lab = Lab::new(&LabConfig::Ae(AeLabConfig::seed()), data, &split).expect("lab");
    let params = lab.model.params().num_scalars();
    assert_eq!(params, 223_812);
    let bytes = lab.checkpoint().expect("a snapshot").len();
    let numbers = 3 * 4 * params;
    assert!(
        (numbers..numbers + 4096).contains(&bytes),
        "{bytes} bytes for {numbers} bytes of numbers"
    );
}
