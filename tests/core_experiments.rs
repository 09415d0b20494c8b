//! The chapter "Pretraining, fine-tuning and scale": the experiments run to the end natively.

use std::rc::Rc;

use gradlab::data::{mnist, Mnist};
use gradlab::experiments::{
    FinetuneConfig, FinetuneSweep, Method, PowerLaw, ScaleConfig, ScaleStage, ScaleSweep,
};

fn digits() -> Rc<Mnist> {
    let bytes = include_bytes!("../assets/mnist/mnist-10k.bin.gz");
    Rc::new(mnist::parse(bytes).expect("the shipped asset parses"))
}

#[test]
#[ignore]
fn explore() {
    use gradlab::experiments::{EncoderWeights, FinetuneStage};
    use gradlab::models::ReconLoss;
    let data = digits();
    let split = data.split(0);
    let env = |k: &str, d: &str| std::env::var(k).unwrap_or(d.to_string());
    let steps: usize = env("STEPS", "300").parse().unwrap();
    let k: usize = env("K", "100").parse().unwrap();
    for pre in env("PRE", "1000").split(',') {
        for seed in env("SEEDS", "0").split(',') {
            let base = FinetuneConfig {
                pretrain_steps: pre.parse().unwrap(),
                pretrain_lr: env("PLR", "1e-3").parse().unwrap(),
                pretrain_batch: env("PB", "64").parse().unwrap(),
                pretrain_loss: if env("PLOSS", "mse") == "bce" {
                    ReconLoss::Bce
                } else {
                    ReconLoss::Mse
                },
                ks: vec![k],
                encoder_layers: std::env::var("TAP").ok().map(|s| s.parse().unwrap()),
                steps,
                seed: seed.parse().unwrap(),
                eval_every: 50,
                ..FinetuneConfig::chapter()
            };
            let t = std::time::Instant::now();
            let mut sweep = FinetuneSweep::new(base.clone(), data.clone(), &split).unwrap();
            while matches!(sweep.progress().stage, FinetuneStage::Pretraining { .. }) {
                sweep.work().unwrap();
            }
            let pt = t.elapsed().as_secs_f64();
            let enc: EncoderWeights = sweep.encoder().unwrap().clone();
            for tap in env("TAPS", "6").split(',') {
                for lrs in env("LRS", "1e-2:3e-4").split(',') {
                    let (lr, elr) = lrs.split_once(':').unwrap();
                    let config = FinetuneConfig {
                        lr: lr.parse().unwrap(),
                        encoder_lr: elr.parse().unwrap(),
                        encoder_layers: Some(tap.parse().unwrap()),
                        ..base.clone()
                    };
                    let mut sweep =
                        FinetuneSweep::with_encoder(config, data.clone(), &split, enc.clone())
                            .unwrap();
                    while !sweep.is_done() {
                        sweep.work().unwrap();
                    }
                    let r = &sweep.results()[0];
                    let a: Vec<String> = Method::ALL
                        .iter()
                        .map(|&m| format!("{:.3}", r.accuracy(m).unwrap()))
                        .collect();
                    let gap = r.accuracy(Method::FullFinetune).unwrap()
                        - r.accuracy(Method::Scratch).unwrap();
                    eprintln!("pre {pre} ({pt:.1}s) seed {seed} tap {tap} lr {lrs}: probe/ft/scratch {} gap {gap:+.3}", a.join(" "));
                }
            }
        }
    }
}

#[test]
#[ignore]
fn explore_codes() {
    use gradlab::data::Sampler;
    use gradlab::models::{AutoencoderConfig, AutoencoderTrainer};
    use gradlab::optim::AdamConfig;
    let data = digits();
    let split = data.split(0);
    let p: usize = std::env::var("PRE")
        .map(|s| s.parse().unwrap())
        .unwrap_or(1000);
    let mut t =
        AutoencoderTrainer::new(&AutoencoderConfig::seed(), AdamConfig::default(), 0).unwrap();
    let mut s = Sampler::new(split.train.clone(), 0).unwrap();
    let mut idx = vec![0; 64];
    let mut b = vec![0.0; 64 * 784];
    for i in 0..p {
        s.fill(&mut idx);
        data.images_into(&idx, &mut b).unwrap();
        let l = t.step(&b).unwrap();
        if i % 200 == 0 {
            eprintln!("{i} {l}");
        }
    }
    let test: Vec<u32> = split.test[..200].to_vec();
    let mut x = vec![0.0; 200 * 784];
    data.images_into(&test, &mut x).unwrap();
    let mut codes = Vec::new();
    let loss = t.evaluate(&x, &mut codes).unwrap();
    eprintln!("test loss {loss}");
    for d in 0..4 {
        let v: Vec<f32> = codes.iter().skip(d).step_by(4).copied().collect();
        let m = v.iter().sum::<f32>() / v.len() as f32;
        let sd = (v.iter().map(|x| (x - m) * (x - m)).sum::<f32>() / v.len() as f32).sqrt();
        eprintln!("dim {d}: mean {m} sd {sd}");
    }
}

#[test]
fn scale_sweep_gives_one_point_per_size_with_growing_params_and_finite_losses() {
    let mut config = ScaleConfig::chapter();
    config.task.train_size = 2_000;
    config.task.test_size = 24;
    // About 450 tokens a step at batch 16: seven steps per size.
    config.tokens = 3_000;
    config.evals = 2;
    let sizes = config.sizes.len();
    let t = std::time::Instant::now();
    let mut sweep = ScaleSweep::new(config).unwrap();
    let total = sweep.progress().steps.total;
    assert_eq!(total, sizes * sweep.steps_per_size());
    while !sweep.is_done() {
        sweep.work().unwrap();
    }
    let progress = sweep.progress();
    assert_eq!(progress.stage, ScaleStage::Done);
    assert_eq!(
        (progress.steps.done, progress.steps.fraction()),
        (total, 1.0)
    );
    let points = sweep.results();
    assert_eq!(points.len(), sizes);
    for p in points {
        eprintln!(
            "d_model {:3} × {} layers: {:7} params, {} steps, {} tokens, {:.3e} FLOPs, loss {:.3}, exact {:.3}",
            p.model.d_model,
            p.model.enc_layers,
            p.params,
            p.steps,
            p.tokens,
            p.flops,
            p.loss.unwrap(),
            p.exact_match.unwrap()
        );
        assert_eq!(p.params, p.model.param_count(67));
        assert!(p.tokens >= 3_000 && p.flops > 0.0);
        assert!(p.loss.unwrap().is_finite());
        assert_eq!(p.curve.len(), 2);
        assert!(p.curve.iter().all(|c| c.loss.is_finite() && c.flops > 0.0));
        assert_eq!(p.curve.last().unwrap().step, p.steps);
    }
    assert!(points.windows(2).all(|w| w[0].params < w[1].params));
    assert!(points.windows(2).all(|w| w[0].tokens == w[1].tokens));
    let fit: PowerLaw = sweep.fit().unwrap();
    eprintln!(
        "fit: loss ≈ {:.3}·N^−{:.3}, R² {:.3}; {:.1} s",
        fit.a,
        fit.alpha,
        fit.r2,
        t.elapsed().as_secs_f64()
    );
    assert!(fit.a.is_finite() && fit.alpha.is_finite());
}
