//! The reproducibility check: 100 Adam steps of the seed autoencoder on MNIST from a fixed seed.
//! The same losses must come out natively and in the browser's worker, within 1e-5 relative;
//! only the order of additions inside the GEMM kernels differs between the two.

use crate::data::{Mnist, Sampler};
use crate::error::Error;
use crate::models::{AutoencoderConfig, AutoencoderTrainer};
use crate::optim::AdamConfig;

pub const STEPS: usize = 100;
pub const BATCH: usize = 32;
pub const SEED: u64 = 0;

/// The loss before each of `STEPS` steps, batches drawn from the training split of `SEED`.
pub fn seed_autoencoder_losses(data: &Mnist) -> Result<Vec<f32>, Error> {
    let config = AutoencoderConfig::seed();
    let mut trainer = AutoencoderTrainer::new(&config, AdamConfig::default(), SEED)?;
    let mut sampler = Sampler::new(data.split(SEED).train, SEED)?;
    let mut indices = vec![0u32; BATCH];
    let mut pixels = vec![0.0f32; BATCH * config.input_width()];
    (0..STEPS)
        .map(|_| {
            sampler.fill(&mut indices);
            data.images_into(&indices, &mut pixels)?;
            trainer.step(&pixels)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The reference the browser test compares the worker's losses against. Regenerate it with
    /// `GRADLAB_BLESS=1 cargo test --lib determinism` after a change that moves the numbers.
    const REFERENCE: &str = "tests/fixtures/seed_ae_100_steps.json";

    #[test]
    fn native_losses_match_the_committed_reference() {
        let bytes = include_bytes!("../../assets/mnist/mnist-10k.bin.gz");
        let data = crate::data::mnist::parse(bytes).expect("the shipped asset parses");
        let losses = seed_autoencoder_losses(&data).expect("the seed model trains");
        assert!(losses[STEPS - 1] < 0.5 * losses[0], "{losses:?}");
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/seed_ae_100_steps.json"
        );
        if std::env::var_os("GRADLAB_BLESS").is_some() {
            let json = format!(
                "{{\n  \"steps\": {STEPS},\n  \"batch\": {BATCH},\n  \"seed\": {SEED},\n  \"losses\": [{}]\n}}\n",
                losses.iter().map(|l| format!("{l:e}")).collect::<Vec<_>>().join(", ")
            );
            std::fs::write(path, json).expect("write the reference");
        }
        let text = std::fs::read_to_string(path).expect(REFERENCE);
        let start = text.find('[').expect("a losses array") + 1;
        let end = text.rfind(']').expect("a losses array");
        let reference: Vec<f32> = text[start..end]
            .split(',')
            .map(|s| s.trim().parse().expect("a number"))
            .collect();
        assert_eq!(reference.len(), STEPS);
        for (step, (got, want)) in losses.iter().zip(&reference).enumerate() {
            let rel = (got - want).abs() / want.abs();
            assert!(
                rel <= 1e-5,
                "step {step}: {got} vs {want} (relative {rel:e})"
            );
        }
    }
}
