//! The seed autoencoder: 50 full-batch Adam steps on 32 MNIST digits, loss by loss.

use gradlab::tensor::Graph;

use crate::fixtures::*;
use crate::metric::*;
use crate::{OP_TOL, TRAJECTORY_TOL};

/// The closed-form weights of seed_ae.json's "weight_formula".
fn formula_weight(l: u64, fan_in: usize, fan_out: usize) -> Vec<f32> {
    let scale = 2.0 * (6.0 / (fan_in + fan_out) as f64).sqrt();
    let mut w = Vec::with_capacity(fan_in * fan_out);
    for i in 0..fan_in as u64 {
        for j in 0..fan_out as u64 {
            let h = ((i * fan_out as u64 + j) * 2_654_435_761 + l * 97) % (1u64 << 32);
            w.push(((h as f64 / 4_294_967_296.0 - 0.5) * scale) as f32);
        }
    }
    w
}

#[test]
fn seed_weights_match_formula() {
    for c in seed_ae()["weights_check"].as_array().unwrap() {
        let l = c["layer"].as_u64().unwrap();
        let (fi, fo) = (
            c["fan_in"].as_u64().unwrap() as usize,
            c["fan_out"].as_u64().unwrap() as usize,
        );
        let w = formula_weight(l, fi, fo);
        let first5 = numbers(&c["first5"]);
        for (k, (&got, &want)) in w.iter().zip(&first5).enumerate() {
            assert_eq!(
                got.to_bits(),
                (want as f32).to_bits(),
                "layer {l} element {k}: {got} vs {want}: the formula is not reproduced bit for bit"
            );
        }
        let sum: f64 = w.iter().map(|&x| f64::from(x)).sum();
        let want_sum = number(&c["sum_f64"]);
        assert!(
            (sum - want_sum).abs() <= 1e-9 * want_sum.abs().max(1.0),
            "layer {l}: sum {sum} vs {want_sum}"
        );
    }
}

#[test]
fn seed_autoencoder_trajectory() {
    use gradlab::models::{AutoencoderConfig, AutoencoderTrainer};
    use gradlab::optim::AdamConfig;

    let fx = seed_ae();
    let enc = usizes(&fx["architecture"]["encoder"]);
    let config = AutoencoderConfig::seed();
    assert_eq!(
        config.widths, enc,
        "the engine's seed model is not the fixture's"
    );
    let opt = &fx["optimizer"];
    let adam = AdamConfig {
        lr: number(&opt["lr"]),
        beta1: number(&opt["beta1"]),
        beta2: number(&opt["beta2"]),
        eps: number(&opt["eps"]),
        weight_decay: number(&opt["weight_decay"]),
        decoupled_weight_decay: false,
    };
    let mut trainer = AutoencoderTrainer::new(&config, adam, 0).expect("trainer");

    // Overwrite every weight with the formula and every bias with zero.
    let n_enc = enc.len() - 1;
    let dec: Vec<usize> = enc.iter().rev().copied().collect();
    let layers: Vec<(String, usize, usize)> = (0..n_enc)
        .map(|i| (format!("encoder.{i}"), enc[i], enc[i + 1]))
        .chain((0..n_enc).map(|i| (format!("decoder.{i}"), dec[i], dec[i + 1])))
        .collect();
    let mut set = 0;
    for (l, (name, fi, fo)) in layers.iter().enumerate() {
        let w = trainer
            .params
            .find(&format!("{name}.weight"))
            .unwrap_or_else(|| panic!("no {name}.weight"));
        assert_eq!(
            trainer.params.value(w).shape(),
            &[*fi, *fo],
            "{name}.weight is not (in, out)"
        );
        trainer
            .params
            .set(w, &formula_weight(l as u64, *fi, *fo))
            .unwrap();
        let b = trainer
            .params
            .find(&format!("{name}.bias"))
            .unwrap_or_else(|| panic!("no {name}.bias"));
        trainer.params.set(b, &vec![0.0; *fo]).unwrap();
        set += 2;
    }
    assert_eq!(
        set,
        trainer.params.len(),
        "the model has parameters the fixture does not know"
    );

    let pixels: Vec<f32> = fx["data"]["pixels"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|row| {
            row.as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_u64().unwrap() as f32 / 255.0)
        })
        .collect();
    assert_eq!(pixels.len(), 32 * 784);

    // The first outputs before any update.
    {
        let mut g = Graph::new();
        let x = g.input_from_slice(&[32, 784], &pixels);
        let y = trainer.model.forward(&mut g, &trainer.params, x);
        let got: Vec<f32> = g
            .value(y)
            .expect("forward")
            .iter()
            .take(4)
            .copied()
            .collect();
        let want = numbers(&fx["first_sample_first4_outputs_step0"]);
        let e = max_rel_err(&got, &want);
        println!("parity seed_ae/first4 outputs: {got:?} vs {want:?}, err {e:.2e}");
        assert!(
            e <= OP_TOL,
            "first outputs at step 0 differ: {got:?} vs {want:?}"
        );
    }

    // losses[s], s < 50: the loss before update s+1 (what `step` returns); losses[50]: after the
    // 50th update, which a 51st `step` returns (its own update is not looked at).
    let want = numbers(&fx["losses"]);
    assert_eq!(want.len(), 51);
    let got: Vec<f32> = (0..want.len())
        .map(|_| trainer.step(&pixels).expect("step"))
        .collect();
    let mut worst = (0.0f64, 0usize);
    for (s, (&gl, &wl)) in got.iter().zip(&want).enumerate() {
        let e = (f64::from(gl) - wl).abs() / wl.abs();
        if e > worst.0 {
            worst = (e, s);
        }
    }
    let want64 = numbers(&fx["losses_f64"]);
    for (s, ((&gl, &wl), &w64)) in got.iter().zip(&want).zip(&want64).enumerate() {
        println!(
            "parity seed_ae/step {s:2}: engine {gl:.8} torch {wl:.8} rel err {:.2e} (vs torch f64 {:.2e})",
            (f64::from(gl) - wl).abs() / wl.abs(),
            (f64::from(gl) - w64).abs() / w64.abs()
        );
    }
    println!(
        "parity seed_ae/losses: max rel err {:.2e} at step {}; first {} last {} (torch {} {})",
        worst.0, worst.1, got[0], got[50], want[0], want[50]
    );
    assert!(
        worst.0 <= TRAJECTORY_TOL,
        "loss trajectory differs from PyTorch: {:.3e} at step {}\n engine {got:?}\n torch  {want:?}",
        worst.0,
        worst.1
    );
}
