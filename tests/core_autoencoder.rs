//! The seed autoencoder: its shape and cost, that it learns, and that bad configs are refused.

use gradlab::error::Error;
use gradlab::models::{Autoencoder, AutoencoderConfig, AutoencoderTrainer};
use gradlab::optim::AdamConfig;
use gradlab::rng::Rng;
use gradlab::tensor::{Graph, ParamStore};

/// 28×28 images of one Gaussian blob each at a seeded random place: data with a low-dimensional
/// structure (two coordinates) that a 4-number bottleneck can capture.
fn blobs(n: usize, seed: u64) -> Vec<f32> {
    let mut rng = Rng::seed(seed);
    let mut pixels = Vec::with_capacity(n * 784);
    for _ in 0..n {
        let (cx, cy) = (rng.uniform(7.0, 21.0), rng.uniform(7.0, 21.0));
        for y in 0..28 {
            for x in 0..28 {
                let d2 = (x as f32 - cx).powi(2) + (y as f32 - cy).powi(2);
                pixels.push((-d2 / 18.0).exp());
            }
        }
    }
    pixels
}

#[test]
fn seed_config_has_the_documented_widths_parameters_and_flops() {
    let mut params = ParamStore::new();
    let config = AutoencoderConfig::seed();
    let model = Autoencoder::new(&config, &mut params, &mut Rng::seed(0)).unwrap();
    assert_eq!(model.encoder.layers.len(), 6);
    assert_eq!(model.decoder.layers.len(), 6);
    // Σ in·out = 111 264 per half; biases 128+64+32+16+8+4 and 8+16+32+64+128+784.
    assert_eq!(params.num_scalars(), 2 * 111_264 + 252 + 1032);
    assert_eq!(config.train_flops_per_sample(), 1_335_168);
    assert_eq!(
        params.name(model.encoder.layers[0].weight),
        "encoder.0.weight"
    );
    assert_eq!(
        params.value(model.encoder.layers[0].weight).shape(),
        &[784, 128]
    );
    assert_eq!(
        params.name(model.decoder.layers[5].bias.unwrap()),
        "decoder.5.bias"
    );
}

#[test]
fn encode_decode_and_forward_have_the_right_shapes() {
    let mut params = ParamStore::new();
    let model = Autoencoder::new(
        &AutoencoderConfig::latent_2d(),
        &mut params,
        &mut Rng::seed(1),
    )
    .unwrap();
    let mut g = Graph::new();
    let x = g.input_from_slice(&[3, 784], &blobs(3, 1));
    let z = model.encode(&mut g, &params, x);
    let y = model.decode(&mut g, &params, z);
    assert_eq!(g.shape(z), &[3, 2]);
    assert_eq!(g.shape(y), &[3, 784]);
    // The sigmoid keeps every pixel in (0, 1).
    assert!(g.value(y).unwrap().iter().all(|&p| p > 0.0 && p < 1.0));
}

#[test]
fn seed_autoencoder_loss_falls_twentyfold_in_200_adam_steps() {
    // Measured: 0.2227 → 0.0026 (86×); twentyfold leaves room for other kernels' rounding.
    let mut trainer =
        AutoencoderTrainer::new(&AutoencoderConfig::seed(), AdamConfig::default(), 7).unwrap();
    let batch = blobs(16, 2);
    let losses: Vec<f32> = (0..200).map(|_| trainer.step(&batch).unwrap()).collect();
    let (first, last) = (losses[0], losses[199]);
    assert!(last < first / 20.0, "loss {first} → {last}");
}

#[test]
fn bad_configs_and_batches_are_errors_not_panics() {
    let mut params = ParamStore::new();
    let mut rng = Rng::seed(0);
    for widths in [vec![784], vec![784, 0, 4], vec![]] {
        let config = AutoencoderConfig {
            widths,
            ..AutoencoderConfig::seed()
        };
        assert!(matches!(
            Autoencoder::new(&config, &mut params, &mut rng),
            Err(Error::OutOfRange { .. })
        ));
    }
    let mut trainer =
        AutoencoderTrainer::new(&AutoencoderConfig::seed(), AdamConfig::default(), 0).unwrap();
    assert!(matches!(
        trainer.step(&[0.5; 700]),
        Err(Error::ShapeMismatch { .. })
    ));
}
