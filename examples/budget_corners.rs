//! Calibrates `models::budget`: at the corners of every validated range (the largest model at
//! the largest and the smallest batch), builds the real trainer, times a training step and a
//! scoring pass, and measures the peak of memory allocated, beside the estimate the budget
//! makes from the settings alone. Corners over budget are measured too: they are what the
//! budget must refuse. Several seconds a corner, about two minutes and 3 GB in all.
//!
//! Run: `cargo run --release --example budget_corners`.

use std::time::Instant;

use gradlab::error::Error;
use gradlab::jobs::lab::config::{AeLabConfig, LabConfig, TrainSettings, VaeLabConfig};
use gradlab::models::budget::{Cost, LAB, LAPTOP_FLOPS_PER_SEC, NATIVE_FLOPS_PER_SEC};
use gradlab::models::{
    AutoencoderTrainer, Positions, ReconLoss, TransformerConfig, TransformerPreset,
    TransformerTrainer, VaeTrainer,
};
use gradlab::rng::Rng;
use gradlab::tasks::{Batch, Dataset, DateLanguages, Task};

#[path = "../tests/common/peak_alloc.rs"]
mod peak_alloc;

use peak_alloc::Peak;

#[global_allocator]
static GLOBAL: Peak = Peak;

/// What one corner measured.
struct Measured {
    peak_bytes: usize,
    step_ms: f64,
    score_ms: f64,
}

/// Runs `build`, then `step` three times (the last two timed) and `score` twice (the last
/// timed), tracking the peak of memory from before the build.
fn measure<T>(
    build: impl FnOnce() -> Result<T, Error>,
    mut step: impl FnMut(&mut T) -> Result<(), Error>,
    mut score: impl FnMut(&mut T) -> Result<(), Error>,
) -> Result<Measured, Error> {
    let base = peak_alloc::start();
    let mut it = build()?;
    step(&mut it)?;
    let t = Instant::now();
    step(&mut it)?;
    step(&mut it)?;
    let step_ms = t.elapsed().as_secs_f64() * 1e3 / 2.0;
    score(&mut it)?;
    let t = Instant::now();
    score(&mut it)?;
    let score_ms = t.elapsed().as_secs_f64() * 1e3;
    let peak_bytes = peak_alloc::peak_since(base);
    drop(it);
    Ok(Measured {
        peak_bytes,
        step_ms,
        score_ms,
    })
}

fn report(name: &str, cost: Cost, m: &Measured) {
    let gflops = cost.flops_per_step / (m.step_ms.max(m.score_ms) * 1e6);
    println!(
        "| {name} | {:.0} | {:.0} | {:.2} | {:.0} | {:.1} | {:.1} | {gflops:.1} | {} |",
        cost.bytes as f64 / 1048576.0,
        m.peak_bytes as f64 / 1048576.0,
        m.peak_bytes as f64 / cost.bytes as f64,
        cost.native_seconds() * 1e3,
        m.step_ms,
        m.score_ms,
        if LAB.admits(cost) { "yes" } else { "no" },
    );
}

fn pixels(rows: usize) -> Vec<f32> {
    let mut rng = Rng::seed(1);
    (0..rows * 784).map(|_| rng.next_f32()).collect()
}

fn dense(config: LabConfig) -> Result<(), Error> {
    let cost = config.cost();
    let train = config.train().clone();
    let x = pixels(train.batch);
    let test = pixels(1000);
    let m = match &config {
        LabConfig::Ae(c) => measure(
            || AutoencoderTrainer::with(&c.model(), &train.optimizer_config(), c.loss, 0),
            |t| t.step(&x).map(drop),
            |t| t.evaluate(&test, &mut Vec::new()).map(drop),
        )?,
        LabConfig::Vae(c) => measure(
            || VaeTrainer::new(&c.model(), &train.optimizer_config(), 0),
            |t| t.step(&x).map(drop),
            |t| {
                let mut rng = Rng::seed(2);
                t.evaluate(&test, &mut rng, &mut Vec::new(), &mut Vec::new())
                    .map(drop)
            },
        )?,
    };
    let name = match &config {
        LabConfig::Ae(c) => format!("AE {:?} b{}", c.layers, train.batch),
        LabConfig::Vae(c) => format!("VAE {:?} b{}", c.layers, train.batch),
    };
    report(&name, cost, &m);
    Ok(())
}

fn transformer(preset: TransformerPreset) -> Result<(), Error> {
    let cost = gradlab::jobs::translate::cost(&preset);
    let m = &preset.trainer.model;
    let name = format!(
        "TF {:?} {}+{} d{} ff{} h{} p{} b{}",
        preset.task.task,
        m.enc_layers,
        m.dec_layers,
        m.d_model,
        m.d_ff,
        m.heads,
        m.dropout,
        preset.batch_size
    );
    let mut indices = Rng::seed(3);
    let measured = measure(
        || {
            let data = Dataset::generate(&preset.task)?;
            let trainer = TransformerTrainer::new(&preset.trainer, data.task)?;
            Ok((data, trainer, Batch::default()))
        },
        |(data, trainer, batch)| {
            let n = data.train.len() as u32;
            let picked: Vec<u32> = (0..preset.batch_size)
                .map(|_| indices.next_u32() % n)
                .collect();
            data.train_batch(&picked, batch)?;
            trainer.step(batch).map(drop)
        },
        |(data, trainer, _)| trainer.evaluate(&data.test[..16]).map(drop),
    )?;
    report(&name, cost, &measured);
    Ok(())
}

fn main() -> Result<(), Error> {
    println!(
        "budget: {} MiB, {:.0} ms natively at {:.0} GFLOP/s ({:.0} ms at the laptop's {:.0})",
        LAB.max_bytes >> 20,
        LAB.max_flops_per_step / NATIVE_FLOPS_PER_SEC * 1e3,
        NATIVE_FLOPS_PER_SEC / 1e9,
        LAB.max_flops_per_step / LAPTOP_FLOPS_PER_SEC * 1e3,
        LAPTOP_FLOPS_PER_SEC / 1e9
    );
    println!("| corner | est. MiB | peak MiB | peak/est | est. ms | step ms | score ms | FLOP-eq/s (G) | fits |");
    println!("|---|---|---|---|---|---|---|---|---|");
    // The corners of the ranges: widest and deepest at the largest and smallest batch.
    let wide = |width: usize, depth: usize| {
        let mut l = vec![width; depth - 1];
        l.push(64);
        l
    };
    for batch in [512, 1] {
        let train = TrainSettings {
            batch,
            ..TrainSettings::default()
        };
        dense(ae(wide(1024, 8), train.clone()))?;
        dense(LabConfig::Vae(VaeLabConfig {
            layers: wide(1024, 8),
            beta: 1.0,
            train,
        }))?;
    }
    // The largest the budget admits: the widest layers at each depth and batch.
    for depth in [8, 4, 2] {
        for batch in [512, 32] {
            let train = TrainSettings {
                batch,
                ..TrainSettings::default()
            };
            let fits = (64..=1024)
                .rev()
                .step_by(32)
                .map(|w| ae(wide(w, depth), train.clone()))
                .find(|c| LAB.admits(c.cost()));
            if let Some(c) = fits {
                dense(c)?;
            }
        }
    }
    let tasks = [
        Task::Dates(DateLanguages::Both),
        Task::Numbers,
        Task::Reversal,
    ];
    for task in tasks {
        let corners = [
            (4, 256, 8, 0.5, 256),
            (4, 256, 8, 0.0, 1),
            (1, 16, 1, 0.0, 256),
        ];
        for (layers, d, heads, dropout, batch) in corners {
            transformer(tf(task, layers, d, heads, dropout, batch))?;
        }
        // The widest model the budget admits at each depth and batch, dropout on.
        for layers in [4, 2, 1] {
            for batch in [256, 32] {
                let fits = (32..=256)
                    .rev()
                    .step_by(32)
                    .map(|d| tf(task, layers, d, 8, 0.5, batch))
                    .find(|p| LAB.admits(gradlab::jobs::translate::cost(p)));
                if let Some(p) = fits {
                    transformer(p)?;
                }
            }
        }
    }
    Ok(())
}

fn ae(layers: Vec<usize>, train: TrainSettings) -> LabConfig {
    LabConfig::Ae(AeLabConfig {
        layers,
        loss: ReconLoss::Mse,
        train,
    })
}

/// The task's preset with `layers` + `layers`, d_ff 4·d_model, learned positions and the
/// longest max_len.
fn tf(
    task: Task,
    layers: usize,
    d: usize,
    heads: usize,
    dropout: f32,
    batch: usize,
) -> TransformerPreset {
    let mut p = TransformerPreset::for_task(task);
    p.trainer.model = TransformerConfig {
        enc_layers: layers,
        dec_layers: layers,
        heads,
        d_model: d,
        d_ff: (4 * d).min(1024),
        dropout,
        positions: Positions::Learned,
        max_len: 256,
    };
    p.batch_size = batch;
    p
}
