//! The budget's memory estimate against what is really allocated: a global allocator that
//! tracks the peak of live bytes watches a lab's model being built, trained a step and scored,
//! and the peak must lie within 0.5–2× of `cost().bytes`. (`examples/budget_corners` does the
//! same at the largest corners, in release mode.)

use std::sync::Mutex;

use gradlab::error::Error;
use gradlab::jobs::lab::config::{AeLabConfig, LabConfig, TrainSettings};
use gradlab::jobs::translate;
use gradlab::models::{AutoencoderTrainer, TransformerPreset, TransformerTrainer};
use gradlab::rng::Rng;
use gradlab::tasks::{Batch, Dataset, Task};

#[path = "common/peak_alloc.rs"]
mod peak_alloc;

use peak_alloc::Peak;

#[global_allocator]
static GLOBAL: Peak = Peak;

/// One measurement at a time: the harness runs tests on several threads, and the counters are
/// global.
static ONE: Mutex<()> = Mutex::new(());

/// The peak of live bytes while `f` runs, above what was live before it.
fn peak_bytes(f: impl FnOnce() -> Result<(), Error>) -> usize {
    let _one = ONE.lock().unwrap_or_else(|e| e.into_inner());
    let base = peak_alloc::start();
    f().expect("runs");
    peak_alloc::peak_since(base)
}

fn assert_near(what: &str, estimate: u64, peak: usize) {
    let ratio = peak as f64 / estimate as f64;
    assert!(
        (0.5..=2.0).contains(&ratio),
        "{what}: {peak} bytes allocated, {estimate} estimated ({ratio:.2}×)"
    );
}

#[test]
fn a_wide_autoencoder_allocates_what_its_budget_estimates() {
    let config = AeLabConfig {
        layers: vec![512, 64, 8],
        train: TrainSettings {
            batch: 128,
            ..TrainSettings::default()
        },
        ..AeLabConfig::seed()
    };
    let estimate = LabConfig::Ae(config.clone()).cost().bytes;
    let train = config.train.clone();
    let peak = peak_bytes(|| {
        let mut rng = Rng::seed(1);
        let mut pixels =
            |rows: usize| -> Vec<f32> { (0..rows * 784).map(|_| rng.next_f32()).collect() };
        let (x, test) = (pixels(train.batch), pixels(1000));
        let mut trainer =
            AutoencoderTrainer::with(&config.model(), &train.optimizer_config(), config.loss, 0)?;
        trainer.step(&x)?;
        trainer.evaluate(&test, &mut Vec::new())?;
        Ok(())
    });
    assert_near("autoencoder", estimate, peak);
}

#[test]
fn a_transformer_allocates_what_its_budget_estimates() {
    let mut preset = TransformerPreset::for_task(Task::Reversal);
    preset.task.train_size = 2000;
    preset.task.test_size = 64;
    preset.batch_size = 64;
    let estimate = translate::cost(&preset).bytes;
    let peak = peak_bytes(|| {
        let data = Dataset::generate(&preset.task)?;
        let mut trainer = TransformerTrainer::new(&preset.trainer, data.task)?;
        let picked: Vec<u32> = (0..preset.batch_size as u32).collect();
        let mut batch = Batch::default();
        data.train_batch(&picked, &mut batch)?;
        trainer.step(&batch)?;
        trainer.evaluate(&data.test[..16])?;
        Ok(())
    });
    assert_near("transformer", estimate, peak);
}
