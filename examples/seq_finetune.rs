//! The chapter's sequence fine-tuning (`SeqFinetuneConfig::chapter()`): pretraining on English
//! dates, then fine-tuning on Chinese dates against training from scratch; each run's held-out
//! exact match and loss curve. About a minute natively.
//!
//! Run: `cargo run --release --example seq_finetune`.

use gradlab::error::Error;
use gradlab::experiments::{SeqFinetune, SeqFinetuneConfig, Sweep};

fn main() -> Result<(), Error> {
    let mut experiment = SeqFinetune::new(SeqFinetuneConfig::chapter())?;
    experiment.advance(usize::MAX)?;
    for r in experiment.results() {
        let curve: Vec<String> = r
            .curve
            .iter()
            .map(|p| format!("{}:{:.3}", p.step, p.loss))
            .collect();
        println!(
            "{:?}: exact {:.3}, loss {}",
            r.phase,
            r.exact_match.unwrap_or(f32::NAN),
            curve.join(" ")
        );
    }
    Ok(())
}
