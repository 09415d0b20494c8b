//! One training step of the seed autoencoder (784→…→4→…→784, MSE, Adam 1e-3), natively, at the
//! batch sizes the Performance chapter measures in the browser. Throughput is in samples, so
//! criterion's "elem/s" reads as samples/s; × 1.335 MFLOP per sample gives FLOP/s.
//!
//! Run: `cargo bench --bench train_step`. The batch is seeded uniform noise: a dense step costs
//! the same whatever the pixels are (the browser figure uses real MNIST digits).

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use gradlab::models::{AutoencoderConfig, AutoencoderTrainer};
use gradlab::optim::AdamConfig;
use gradlab::rng::Rng;

fn train_step(c: &mut Criterion) {
    let mut group = c.benchmark_group("seed_autoencoder_step");
    for batch in [32usize, 128, 256] {
        let config = AutoencoderConfig::seed();
        let mut trainer = AutoencoderTrainer::new(&config, AdamConfig::default(), 0)
            .expect("the seed config is valid");
        let mut rng = Rng::seed(1);
        let pixels: Vec<f32> = (0..batch * config.input_width())
            .map(|_| rng.next_f32())
            .collect();
        // The first step sizes the tape's buffers; later steps allocate nothing.
        trainer.step(&pixels).expect("a well-shaped batch trains");
        group.throughput(Throughput::Elements(batch as u64));
        group.bench_with_input(BenchmarkId::from_parameter(batch), &batch, |b, _| {
            b.iter(|| trainer.step(&pixels).expect("a well-shaped batch trains"))
        });
    }
    group.finish();
}

criterion_group!(benches, train_step);
criterion_main!(benches);
