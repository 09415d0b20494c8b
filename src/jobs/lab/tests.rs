//! The lab loop on the real digits, driven by a fake clock.

use std::rc::Rc;

use super::config::{AeLabConfig, OptimizerKind, TrainSettings, VaeLabConfig};
use super::*;
use crate::export::weight_bits;
use crate::jobs::fake_clock::{drive, drive_slices};

fn digits() -> Rc<Mnist> {
    let bytes = include_bytes!("../../../assets/mnist/mnist-10k.bin.gz");
    Rc::new(crate::data::mnist::parse(bytes).expect("the shipped asset parses"))
}

/// Runs `lab` for `ms` of fake time, each clock reading advancing it `tick` ms.
fn run_for(lab: &mut Lab, ms: f64, tick: f64) -> Vec<LabEvent> {
    let mut out = Vec::new();
    lab.command(LabCommand::Run, 0.0, &mut out).unwrap();
    let end = drive(ms, tick, |env, deadline| {
        lab.run_slice(env, deadline, &mut out).unwrap();
        lab.running()
    });
    lab.pause(end, &mut out);
    out
}

fn summaries(events: &[LabEvent]) -> Vec<&LabSummary> {
    events
        .iter()
        .filter_map(|e| match e {
            LabEvent::Summary(s) => Some(s),
            _ => None,
        })
        .collect()
}

fn lab(config: LabConfig) -> (Lab, Vec<LabEvent>) {
    let data = digits();
    let split = data.split(0);
    let mut lab = Lab::new(&config, data, &split).expect("lab");
    let mut out = Vec::new();
    lab.start(&mut out);
    (lab, out)
}

#[test]
fn an_autoencoder_lab_reports_setup_and_learns() {
    let (mut lab, start) = lab(LabConfig::Ae(AeLabConfig::seed()));
    let LabEvent::Setup(setup) = &start[0] else {
        panic!("{:?}", start[0])
    };
    assert_eq!(setup.latent_width, 4);
    assert_eq!(setup.shown.len(), 8 * 784);
    assert_eq!(setup.gallery.len(), 10 * 784);
    assert_eq!(setup.test_labels.len(), 1000);
    let first = summaries(&start)[0].clone();
    assert_eq!(first.step, 0);
    assert_eq!(first.latent.len(), 1000);
    assert!(first.projected, "a 4-D code is shown through PCA");

    // 1 ms per clock reading: about 300 steps in 1 s of fake time.
    let events = run_for(&mut lab, 1000.0, 1.0);
    let all = summaries(&events);
    let last = all.last().expect("a summary");
    assert!(all.len() >= 3, "{} summaries", all.len());
    assert!(last.step > 100);
    assert!(
        last.test.total < 0.7 * first.test.total,
        "test loss {} → {}",
        first.test.total,
        last.test.total
    );
    assert_eq!(last.recon.len(), 8 * 784);
    assert!(last.explained > 0.0 && last.explained <= 1.0);
    assert!(events.iter().any(|e| matches!(e, LabEvent::Paused { .. })));

    // The visitor's Pause is answered alone; the stopped model's summary comes with the next
    // slice, which trains nothing more.
    let mut out = Vec::new();
    lab.command(LabCommand::Run, 0.0, &mut out).unwrap();
    drive(50.0, 1.0, |env, deadline| {
        lab.run_slice(env, deadline, &mut out).unwrap();
        lab.running()
    });
    out.clear();
    lab.command(LabCommand::Pause, 60.0, &mut out).unwrap();
    let [LabEvent::Paused { step }] = out.as_slice() else {
        panic!("{out:?}")
    };
    let step = *step;
    assert!(!lab.running() && lab.summary_due());
    out.clear();
    drive(20.0, 1.0, |env, deadline| {
        lab.run_slice(env, deadline, &mut out).unwrap();
        false
    });
    let owed = summaries(&out);
    assert_eq!(owed.len(), 1, "{out:?}");
    assert!(owed[0].step == step && !owed[0].running);
    assert!(!lab.summary_due());
}

/// A slice either trains or summarizes, never both: the worker reads its mailbox between a
/// step and the scoring of the test digits, so a Pause waits for one of them only. With a slow
/// clock (each reading 100 ms, so a slice of 150 ms has room for one step) a summary falls due
/// every few steps, and gets the next slice to itself.
#[test]
fn a_slice_that_trains_never_also_summarizes() {
    let (mut lab, _) = lab(LabConfig::Ae(AeLabConfig::seed()));
    let mut out = Vec::new();
    lab.command(LabCommand::Run, 0.0, &mut out).unwrap();
    assert_eq!(
        out,
        [LabEvent::Running { step: 0 }],
        "a Run is answered at once"
    );
    let mut slices: Vec<(u64, usize)> = Vec::new(); // (steps taken, summaries) per slice
    drive_slices(150.0, 3_000.0, 100.0, |env, deadline| {
        let (before, mut events) = (lab.step, Vec::new());
        lab.run_slice(env, deadline, &mut events).unwrap();
        slices.push((lab.step - before, summaries(&events).len()));
        lab.running()
    });
    assert!(slices.len() >= 10, "{slices:?}");
    assert!(
        slices.iter().all(|&(steps, sums)| steps == 0 || sums == 0),
        "a slice trained and summarized: {slices:?}"
    );
    let summarized = slices.iter().filter(|&&(_, sums)| sums == 1).count();
    let trained = slices.iter().filter(|&&(steps, _)| steps > 0).count();
    assert!(summarized >= 2 && trained >= summarized, "{slices:?}");
}

/// The losses of `steps` single steps of a new lab: each step's training loss (a Step's
/// summary averages that step alone) and the test loss after it.
fn one_step_at_a_time(config: &LabConfig, steps: u64) -> (Vec<Losses>, Vec<Losses>) {
    let (mut lab, _) = lab(config.clone());
    let mut out = Vec::new();
    (0..steps)
        .map(|_| {
            out.clear();
            lab.command(LabCommand::Step, 0.0, &mut out).unwrap();
            let s = summaries(&out)[0];
            (s.train.expect("a step's loss"), s.test)
        })
        .unzip()
}

/// A summary's mean of `losses`, summed in the order and the precision the lab sums them.
fn window_mean(losses: &[Losses]) -> Losses {
    let sum = losses.iter().fold(Losses::default(), |s, l| Losses {
        total: s.total + l.total,
        recon: s.recon + l.recon,
        kl: s.kl + l.kl,
    });
    let n = losses.len() as f32;
    Losses {
        total: sum.total / n,
        recon: sum.recon / n,
        kl: sum.kl / n,
    }
}

/// A seed fixes a run: the same settings train through the same losses, bit for bit, whether
/// step by step or in time slices at two clock speeds, whose summaries (each scoring the test
/// digits) fall at other steps. The clock moves only which steps a summary's mean covers.
#[test]
fn the_same_settings_train_through_the_same_losses_whatever_the_clock() {
    let train = TrainSettings {
        seed: 7,
        batch: 32,
        ..TrainSettings::default()
    };
    let layers = vec![64, 2];
    let configs = [
        LabConfig::Ae(AeLabConfig {
            layers: layers.clone(),
            train: train.clone(),
            ..AeLabConfig::latent_2d()
        }),
        // The VAE also draws its noise from the seed.
        LabConfig::Vae(VaeLabConfig {
            layers,
            beta: 1.0,
            train,
        }),
    ];
    for config in configs {
        let runs: Vec<Vec<LabSummary>> = [(500.0, 1.0), (1500.0, 2.5)]
            .into_iter()
            .map(|(ms, tick)| {
                let (mut lab, _) = lab(config.clone());
                let events = run_for(&mut lab, ms, tick);
                summaries(&events).into_iter().cloned().collect()
            })
            .collect();
        let ends = |run: &[LabSummary]| run.iter().map(|s| s.step).collect::<Vec<u64>>();
        assert_ne!(ends(&runs[0]), ends(&runs[1]), "the clocks cut alike");
        let steps = runs.iter().flat_map(|r| ends(r)).max().unwrap();
        assert!(steps >= 200, "{steps} steps");
        let (train, test) = one_step_at_a_time(&config, steps);
        let mut other = config.clone();
        match &mut other {
            LabConfig::Ae(c) => c.train.seed += 1,
            LabConfig::Vae(c) => c.train.seed += 1,
        }
        assert_ne!(
            one_step_at_a_time(&other, 1).0,
            train[..1],
            "the seed draws the run"
        );
        for run in &runs {
            let mut from = 0;
            for s in run {
                let to = s.step as usize;
                let mean = (to > from).then(|| window_mean(&train[from..to]));
                assert_eq!(s.train, mean, "steps {from}..{to}");
                if to > 0 {
                    assert_eq!(s.test, test[to - 1], "after step {to}");
                }
                from = to;
            }
        }
    }
}

#[test]
fn probes_and_drawings_are_answered_between_steps() {
    let (mut lab, _) = lab(LabConfig::Ae(AeLabConfig::latent_2d()));
    let mut out = Vec::new();
    lab.command(LabCommand::Probe([0.5, -0.5]), 0.0, &mut out)
        .unwrap();
    let digit = lab.test[..784].to_vec();
    lab.command(LabCommand::Draw(Some(digit)), 0.0, &mut out)
        .unwrap();
    match out.as_slice() {
        [LabEvent::Decoded { point, image }, LabEvent::Drawn { image: drawn, .. }] => {
            assert_eq!(*point, [0.5, -0.5]);
            assert_eq!((image.len(), drawn.len()), (784, 784));
        }
        other => panic!("{other:?}"),
    }
    // A NaN or infinite value is refused with its field, and the views stay as they were.
    out.clear();
    let field = |r: Result<(), Error>| match r {
        Err(Error::InvalidConfig { field, .. }) | Err(Error::OutOfRange { field, .. }) => field,
        other => panic!("{other:?}"),
    };
    let mut bad = |cmd| field(lab.command(cmd, 0.0, &mut out));
    assert_eq!(bad(LabCommand::Probe([f32::NAN, 0.0])), "probe");
    assert_eq!(bad(LabCommand::Probe([0.0, f32::INFINITY])), "probe");
    let mut ink = vec![0.5; 784];
    ink[400] = f32::NAN;
    assert_eq!(bad(LabCommand::Draw(Some(ink))), "ink");
    assert_eq!(bad(LabCommand::SetBeta(f32::NAN)), "beta");
    assert_eq!(bad(LabCommand::SetBeta(f32::INFINITY)), "beta");
    assert!(out.is_empty(), "{out:?}");
    assert_eq!(lab.views.probe, Some([0.5, -0.5]));
    assert!(lab.views.drawn.is_some());
    // A step keeps both views up to date.
    out.clear();
    lab.command(LabCommand::Step, 0.0, &mut out).unwrap();
    assert!(out.iter().any(|e| matches!(e, LabEvent::Decoded { .. })));
    assert!(out.iter().any(|e| matches!(e, LabEvent::Drawn { .. })));
}

#[test]
fn a_vae_lab_reports_kl_samples_manifold_and_beta_lowers_kl() {
    let (mut lab, start) = lab(LabConfig::Vae(VaeLabConfig::latent_2d()));
    assert!(start
        .iter()
        .any(|e| matches!(e, LabEvent::Samples(s) if s.len() == 16 * 784)));
    assert!(start.iter().any(
        |e| matches!(e, LabEvent::Manifold { side: 10, images } if images.len() == 100 * 784)
    ));
    let events = run_for(&mut lab, 2000.0, 1.0);
    let last = summaries(&events)
        .last()
        .copied()
        .cloned()
        .expect("summary");
    assert!(last.test.kl > 0.0 && last.test.kl.is_finite(), "{last:?}");
    assert_eq!(last.ellipses.len(), 20);
    let kl_before = last.test.kl;
    let mut out = Vec::new();
    lab.command(LabCommand::SetBeta(4.0), 0.0, &mut out)
        .unwrap();
    let events = run_for(&mut lab, 1500.0, 1.0);
    let after = summaries(&events)
        .last()
        .copied()
        .cloned()
        .expect("summary");
    assert_eq!(after.beta, 4.0);
    assert!(after.test.kl < kl_before, "{kl_before} → {}", after.test.kl);

    let mut out = Vec::new();
    lab.command(LabCommand::Resample(1), 0.0, &mut out).unwrap();
    lab.command(LabCommand::Resample(2), 0.0, &mut out).unwrap();
    let [LabEvent::Samples(a), LabEvent::Samples(b)] = out.as_slice() else {
        panic!("{out:?}")
    };
    assert_ne!(a, b);
    out.clear();
    lab.command(LabCommand::Interpolate(1, 7), 0.0, &mut out)
        .unwrap();
    assert!(matches!(out.as_slice(), [LabEvent::Interpolation(i)] if i.len() == 10 * 784));
}

#[test]
fn sgd_at_a_huge_rate_blows_up_and_stays_stopped() {
    let config = AeLabConfig {
        train: TrainSettings {
            lr: 10.0,
            optimizer: OptimizerKind::Sgd,
            ..TrainSettings::default()
        },
        loss: crate::models::ReconLoss::Bce,
        ..AeLabConfig::seed()
    };
    let (mut lab, _) = lab(LabConfig::Ae(config));
    let events = run_for(&mut lab, 3000.0, 1.0);
    let diverged = events
        .iter()
        .find(|e| matches!(e, LabEvent::Diverged { .. }));
    assert!(
        matches!(
            diverged,
            Some(LabEvent::Diverged {
                reason: Divergence::Saturated { .. },
                ..
            })
        ),
        "{diverged:?}"
    );
    assert!(!lab.running());
    for s in summaries(&events) {
        assert!(s.latent.iter().flatten().all(|v| v.is_finite()) || s.step > 0);
    }
    let mut out = Vec::new();
    lab.command(LabCommand::Run, 0.0, &mut out).unwrap();
    assert!(!lab.running());
    assert!(matches!(out.as_slice(), [LabEvent::Diverged { .. }]));
}

#[test]
fn adam_at_a_large_rate_with_cross_entropy_explodes_at_once() {
    let config = AeLabConfig {
        train: TrainSettings {
            lr: 0.1,
            ..TrainSettings::default()
        },
        loss: crate::models::ReconLoss::Bce,
        ..AeLabConfig::seed()
    };
    let (mut lab, _) = lab(LabConfig::Ae(config));
    let events = run_for(&mut lab, 1000.0, 1.0);
    assert!(events.iter().any(|e| matches!(
        e,
        LabEvent::Diverged {
            reason: Divergence::Exploded { .. },
            ..
        }
    )));
}

#[test]
fn out_of_range_settings_are_refused_before_anything_trains() {
    let data = digits();
    let split = data.split(0);
    let mut config = AeLabConfig::seed();
    config.train.batch = 0;
    assert!(matches!(
        Lab::new(&LabConfig::Ae(config), data, &split),
        Err(Error::OutOfRange { field: "batch", .. })
    ));
}

#[test]
fn the_manifold_grid_uses_the_normal_quantiles() {
    assert!((normal_quantile(0.5)).abs() < 1e-12);
    assert!((normal_quantile(0.975) - 1.959_963_985).abs() < 1e-8);
    assert!((normal_quantile(0.01) + 2.326_347_874).abs() < 1e-8);
}

/// Every weight's bits, in store order.
fn lab_bits(lab: &Lab) -> Vec<Vec<u32>> {
    weight_bits(lab.model.params())
}

fn export(lab: &mut Lab) -> crate::export::ExportFile {
    let mut out = Vec::new();
    lab.command(LabCommand::Export, 0.0, &mut out).unwrap();
    match out.as_slice() {
        [LabEvent::Exported(file)] => file.clone(),
        other => panic!("{other:?}"),
    }
}

fn small_vae() -> VaeLabConfig {
    VaeLabConfig {
        layers: vec![32, 2],
        ..VaeLabConfig::latent_2d()
    }
}

#[test]
fn an_exported_lab_imports_into_another_bit_for_bit_and_reports_a_summary() {
    for config in [
        LabConfig::Ae(AeLabConfig::latent_2d()),
        LabConfig::Vae(small_vae()),
    ] {
        let (mut from, _) = lab(config.clone());
        let mut out = Vec::new();
        for _ in 0..3 {
            from.command(LabCommand::Step, 0.0, &mut out).unwrap();
        }
        let file = export(&mut from);
        assert!(file.stem.ends_with("-step3"), "{}", file.stem);
        // The script carries the first two shown digits, with their classes.
        let labels = format!(
            "LABELS = [{}, {}]",
            from.test_labels[0], from.test_labels[SHOWN_EVERY]
        );
        assert!(file.script.contains(&labels), "{}", &file.script[..400]);

        let mut other = config.clone();
        match &mut other {
            LabConfig::Ae(c) => c.train.seed = 7,
            LabConfig::Vae(c) => c.train.seed = 7,
        }
        let (mut to, _) = lab(other);
        assert_ne!(lab_bits(&to), lab_bits(&from));
        out.clear();
        to.command(LabCommand::Import(file.weights), 0.0, &mut out)
            .unwrap();
        let scalars = from.model.params().num_scalars() as u64;
        assert!(
            matches!(&out[..2], [LabEvent::Imported(i), LabEvent::Summary(s)]
                if i.scalars == scalars && s.step == 0),
            "{out:?}"
        );
        assert_eq!(lab_bits(&to), lab_bits(&from));
    }
}

#[test]
fn a_refused_import_leaves_the_weights_bit_for_bit_unchanged_and_the_lab_running() {
    let (mut ae, _) = lab(LabConfig::Ae(AeLabConfig::latent_2d()));
    let (mut vae, _) = lab(LabConfig::Vae(small_vae()));
    let vae_file = export(&mut vae).weights;
    let mut out = Vec::new();
    ae.command(LabCommand::Run, 0.0, &mut out).unwrap();
    let before = lab_bits(&ae);
    let refused = |lab: &mut Lab, bytes: Vec<u8>| {
        let mut out = Vec::new();
        lab.command(LabCommand::Import(bytes), 0.0, &mut out)
            .expect("a refusal is an answer, not a failure");
        match out.as_slice() {
            [LabEvent::ImportRefused { problem }] => problem.to_string(),
            other => panic!("{other:?}"),
        }
    };
    assert_eq!(
        refused(&mut ae, vae_file.clone()),
        "encoder.0.weight: expected [128, 784], file has [32, 784]"
    );
    let cut = vae_file[..vae_file.len() - 1].to_vec();
    assert!(refused(&mut ae, cut).contains("do not end where the file does"));
    assert!(refused(&mut ae, b"not a file".to_vec()).contains("header claims"));
    assert_eq!(lab_bits(&ae), before);
    assert!(ae.running(), "a refused file stops nothing");

    // A file of the right model whose weights hold a NaN.
    let mut file = export(&mut ae).weights;
    let header = u64::from_le_bytes(file[..8].try_into().unwrap()) as usize;
    file[8 + header..8 + header + 4].copy_from_slice(&f32::NAN.to_le_bytes());
    let reason = refused(&mut ae, file);
    assert!(reason.ends_with("holds NaN at index 0"), "{reason}");
    assert_eq!(lab_bits(&ae), before);
}

#[test]
fn an_import_starts_the_optimiser_afresh() {
    // A model that has trained (Adam's moments are not zero) and a fresh one load the same
    // weights; one step on the same batch must then move both alike, bit for bit.
    let config = LabConfig::Ae(AeLabConfig::latent_2d());
    let data = digits();
    let batch: Vec<f32> = (0..64 * PIXELS)
        .map(|i| f32::from(data.image(i / PIXELS)[i % PIXELS]) / 255.0)
        .collect();
    let mut trained = model::build(&config).unwrap();
    for _ in 0..3 {
        trained.train_step(&batch).unwrap();
    }
    let mut fresh = model::build(&config).unwrap();
    let donor = model::build(&config).unwrap();
    let weights = donor
        .export(
            &Digits {
                images: vec![0.0; PIXELS],
                labels: vec![0],
            },
            0,
        )
        .unwrap()
        .weights;
    let adam = config.train().optimizer_config();
    for m in [&mut trained, &mut fresh] {
        m.import(&weights, &adam).unwrap();
        m.train_step(&batch).unwrap();
    }
    assert_eq!(weight_bits(trained.params()), weight_bits(fresh.params()));
}

#[test]
fn a_diverged_lab_trains_again_after_an_import() {
    let (mut lab, _) = lab(LabConfig::Ae(AeLabConfig::latent_2d()));
    let file = export(&mut lab).weights;
    assert_eq!(lab.watch.step(f32::NAN), Some(Divergence::NonFinite));
    let mut out = Vec::new();
    lab.command(LabCommand::Run, 0.0, &mut out).unwrap();
    assert!(!lab.running());
    lab.command(LabCommand::Import(file), 0.0, &mut out)
        .unwrap();
    lab.command(LabCommand::Run, 0.0, &mut out).unwrap();
    assert!(lab.running());
}
