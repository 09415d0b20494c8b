//! The variational autoencoder learns: its negative ELBO falls on a fixed batch.

use gradlab::models::{Vae, VaeConfig};
use gradlab::optim::{Adam, AdamConfig, Optimizer};
use gradlab::rng::Rng;
use gradlab::tensor::{Activation, Graph, ParamStore};

#[test]
fn vae_loss_falls_by_half_in_150_steps_and_its_kl_stays_positive() {
    let mut rng = Rng::seed(5);
    // Two kinds of 784-pixel "images": left half lit or right half lit, plus noise.
    let batch: Vec<f32> = (0..16)
        .flat_map(|i| (0..784).map(move |p| ((p % 28 < 14) == (i % 2 == 0)) as u8))
        .map(|on| (0.8 * f32::from(on) + 0.1 + 0.05 * rng.normal()).clamp(0.0, 1.0))
        .collect();
    let config = VaeConfig {
        widths: vec![784, 32, 2],
        hidden: Activation::Relu,
        beta: 1.0,
    };
    let mut params = ParamStore::new();
    let vae = Vae::new(&config, &mut params, &mut Rng::seed(1)).unwrap();
    let mut opt = Adam::new(
        AdamConfig {
            lr: 3e-3,
            ..AdamConfig::default()
        },
        &params,
    );
    let (mut g, mut noise) = (Graph::new(), Rng::seed(2));
    let mut losses = Vec::new();
    let mut kl = 0.0;
    for _ in 0..150 {
        g.reset();
        let x = g.input_from_slice(&[16, 784], &batch);
        let loss = vae.loss(&mut g, &params, x, &mut noise);
        let grads = g.backward(loss.total, &params).unwrap();
        opt.step(&mut params, &grads).unwrap();
        losses.push(g.scalar(loss.total));
        kl = g.scalar(loss.kl);
    }
    let (first, last) = (losses[0], losses[149]);
    assert!(last < first / 2.0, "loss {first} → {last}");
    assert!(kl > 0.0, "KL {kl}");
}
