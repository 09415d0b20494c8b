//! The reproducibility check: 100 Adam steps of the seed autoencoder on MNIST from a fixed seed.
//! The same losses must come out natively and in the browser's worker, within 1e-5 relative;
//! only the order of additions inside the GEMM kernels differs between the two.

use std::rc::Rc;

use super::ae_run::AeRun;
use super::team::{check_replicas, Solo, Step, Team};
use crate::data::Mnist;
use crate::error::Error;

pub const STEPS: usize = 100;
pub const BATCH: usize = 32;
pub const SEED: u64 = 0;

/// The check as a job: `STEPS` steps, alone or as one replica of a team (whose losses must stay
/// within 1e-3 of one worker's: only the order of the additions differs).
pub struct Losses {
    ae: AeRun,
    losses: Vec<f32>,
}

impl Losses {
    /// Batches drawn from the training split of `SEED`; `replicas` is checked against `BATCH`.
    pub fn new(data: Rc<Mnist>, replicas: usize) -> Result<Losses, Error> {
        check_replicas(replicas, BATCH)?;
        let train = data.split(SEED).train;
        Ok(Losses {
            ae: AeRun::new(data, train, SEED, BATCH)?,
            losses: Vec::with_capacity(STEPS),
        })
    }

    /// Steps until `deadline` (about 0.2 s in all: often one slice); the losses once all
    /// `STEPS` are in.
    pub fn advance(
        &mut self,
        team: &dyn Team,
        now: &dyn Fn() -> f64,
        deadline: f64,
    ) -> Result<Option<Vec<f32>>, Error> {
        while self.losses.len() < STEPS {
            match self.ae.step(team, deadline, false)? {
                Step::Done(loss) => self.losses.push(loss),
                Step::Waiting | Step::Stopped => return Ok(None),
            }
            if now() >= deadline {
                break;
            }
        }
        Ok((self.losses.len() == STEPS).then(|| std::mem::take(&mut self.losses)))
    }
}

/// The loss before each of `STEPS` steps of one worker.
pub fn seed_autoencoder_losses(data: Rc<Mnist>) -> Result<Vec<f32>, Error> {
    let mut job = Losses::new(data, 1)?;
    let losses = job.advance(&Solo, &|| 0.0, f64::INFINITY)?;
    Ok(losses.unwrap_or_default())
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
        let losses = seed_autoencoder_losses(Rc::new(data)).expect("the seed model trains");
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
