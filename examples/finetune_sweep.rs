//! The fine-tuning chapter's whole sweep (`FinetuneConfig::chapter()`): the held-out accuracy of
//! the linear probe, full fine-tuning and training from scratch at every K, the numbers the
//! chapter's prose quotes. About 15 s natively.
//!
//! Run: `cargo run --release --example finetune_sweep`.

use std::rc::Rc;

use gradlab::data::mnist;
use gradlab::error::Error;
use gradlab::experiments::{FinetuneConfig, FinetuneSweep, Method, Sweep};

fn main() -> Result<(), Error> {
    let bytes = include_bytes!("../assets/mnist/mnist-10k.bin.gz");
    let data = Rc::new(mnist::parse(bytes)?);
    let split = data.split(0);
    let mut sweep = FinetuneSweep::new(FinetuneConfig::chapter(), data, &split)?;
    sweep.advance(usize::MAX)?;
    for r in sweep.results() {
        let accuracy = |m| r.accuracy(m).unwrap_or(f32::NAN);
        println!(
            "K = {:4}: probe {:.3}, fine-tuning {:.3}, scratch {:.3}",
            r.k,
            accuracy(Method::LinearProbe),
            accuracy(Method::FullFinetune),
            accuracy(Method::Scratch)
        );
    }
    Ok(())
}
