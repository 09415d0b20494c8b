//! The lab on the visitor's own pictures: held out, trained on alone or mixed, shown on the map,
//! and the digits when the settings ask for pictures there are none of.

use std::rc::Rc;

use super::config::{AeLabConfig, DataMode, LabConfig};
use super::*;
use crate::jobs::fake_clock::drive;

fn digits() -> Rc<Mnist> {
    let bytes = include_bytes!("../../../assets/mnist/mnist-10k.bin.gz");
    Rc::new(crate::data::mnist::parse(bytes).expect("the shipped asset parses"))
}

/// `n` pictures of a bar, each a little wider than the last.
fn bars(n: usize) -> Rc<OwnImages> {
    let mut pixels = vec![0u8; n * PIXELS];
    for (k, image) in pixels.chunks_exact_mut(PIXELS).enumerate() {
        for y in 4..24 {
            for x in 12..14 + k % 6 {
                image[y * 28 + x] = 255;
            }
        }
    }
    Rc::new(OwnImages { pixels })
}

fn ae(mode: DataMode) -> LabConfig {
    let mut c = AeLabConfig::latent_2d();
    c.train.data = mode;
    LabConfig::Ae(c)
}

fn start(config: LabConfig, own: Option<Rc<OwnImages>>) -> (Lab, LabSetup, LabSummary) {
    let data = digits();
    let split = data.split(0);
    let mut lab = Lab::with_own(&config, data, &split, own).expect("lab");
    let mut out = Vec::new();
    lab.start(&mut out);
    let setup = out.iter().find_map(|e| match e {
        LabEvent::Setup(s) => Some(s.clone()),
        _ => None,
    });
    let summary = out.iter().find_map(|e| match e {
        LabEvent::Summary(s) => Some(s.clone()),
        _ => None,
    });
    (lab, setup.expect("a setup"), summary.expect("a summary"))
}

fn last_summary(lab: &mut Lab, ms: f64) -> LabSummary {
    let mut out = Vec::new();
    lab.command(LabCommand::Run, 0.0, &mut out).unwrap();
    let end = drive(ms, 1.0, |env, deadline| {
        lab.run_slice(env, deadline, &mut out).unwrap();
        lab.running()
    });
    lab.pause(end, &mut out);
    out.into_iter()
        .rev()
        .find_map(|e| match e {
            LabEvent::Summary(s) => Some(s),
            _ => None,
        })
        .expect("a summary")
}

#[test]
fn should_hold_out_a_tenth_and_show_the_pictures_on_the_map() {
    let (_, setup, summary) = start(ae(DataMode::Own), Some(bars(37)));
    assert_eq!((setup.own_train, setup.own_test), (34, 3));
    assert_eq!(setup.own_shown.len(), 8 * PIXELS);
    assert_eq!(summary.own_latent.len(), 37);
    assert_eq!(summary.own_recon.len(), 8 * PIXELS);
    // The digits stay on the map beside them.
    assert_eq!(summary.latent.len(), 1000);
}

#[test]
fn should_learn_the_pictures_alone_and_score_the_held_out_ones() {
    let (mut lab, _, first) = start(ae(DataMode::Own), Some(bars(20)));
    let later = last_summary(&mut lab, 400.0);
    assert!(later.step > 0);
    // Bars are far easier than digits: the held-out bars' loss falls well below the start.
    assert!(
        later.test.total < 0.5 * first.test.total,
        "{} -> {}",
        first.test.total,
        later.test.total
    );
}

#[test]
fn should_train_on_the_digits_when_there_are_no_pictures_or_the_mode_says_so() {
    for (mode, own) in [
        (DataMode::Own, None),
        (DataMode::Mixed, Some(Rc::new(OwnImages::default()))),
        (DataMode::Digits, Some(bars(5))),
    ] {
        let (_, setup, summary) = start(ae(mode), own);
        assert_eq!((setup.own_train, setup.own_test), (0, 0), "{mode:?}");
        assert!(summary.own_latent.is_empty() && summary.own_recon.is_empty());
    }
}

#[test]
fn should_give_a_mixed_batch_at_least_a_quarter_of_pictures() {
    let mut split = own::OwnSplit::new(DataMode::Mixed, Some(bars(30)), 9000, 0)
        .unwrap()
        .unwrap();
    // 3 of 64 rows each step would be the proportional 0.3%; a quarter is 16 rows.
    let rows: usize = (0..10).map(|_| split.rows(64)).sum();
    assert_eq!(rows, 160);
    // A batch of one gets a picture every fourth step.
    let ones: Vec<usize> = (0..8).map(|_| split.rows(1)).collect();
    assert_eq!(ones.iter().sum::<usize>(), 2);
    let mut alone = own::OwnSplit::new(DataMode::Own, Some(bars(1)), 9000, 0)
        .unwrap()
        .unwrap();
    assert_eq!(alone.rows(64), 64);
    // One picture is its own test set.
    assert_eq!(
        (alone.n_train, alone.n_test, alone.test.len()),
        (1, 0, PIXELS)
    );
}
