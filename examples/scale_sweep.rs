//! The scale chapter's sweep (`ScaleConfig::chapter()`): the time a training step takes as the
//! sweep goes, then each size's parameters, steps, training FLOPs, held-out loss and exact
//! match, and the power law fitted to loss against parameters. About a minute natively.
//!
//! Run: `cargo run --release --example scale_sweep`.

use gradlab::error::Error;
use gradlab::experiments::{ScaleConfig, ScaleSweep, Sweep};

/// Steps between two timings.
const SLICE: usize = 50;

fn main() -> Result<(), Error> {
    let mut sweep = ScaleSweep::new(ScaleConfig::chapter())?;
    let mut last = 0;
    while !sweep.is_done() {
        let t = std::time::Instant::now();
        sweep.advance(SLICE)?;
        let p = sweep.progress();
        if p.steps.done >= last + 500 || sweep.is_done() {
            last = p.steps.done;
            let ms = t.elapsed().as_secs_f64() * 1e3 / SLICE as f64;
            println!("{p:?}: {ms:.1} ms a step lately");
        }
    }
    for p in sweep.results() {
        println!(
            "{:7} params, {} steps, {:.3e} FLOPs: loss {:.3}, exact {:.3}",
            p.params,
            p.steps,
            p.flops,
            p.loss.unwrap_or(f32::NAN),
            p.exact_match.unwrap_or(f32::NAN)
        );
    }
    let fit = sweep.fit()?;
    println!("loss ≈ {:.3}·N^−{:.3}, R² {:.3}", fit.a, fit.alpha, fit.r2);
    Ok(())
}
