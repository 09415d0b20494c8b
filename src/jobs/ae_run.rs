//! The seed autoencoder trained on batches drawn from the digits, alone or as one replica of a
//! data-parallel team (`jobs::team`): what the training benchmark and the determinism check
//! both run, so the two measure the same step.

use std::rc::Rc;

use super::team::Step;
use super::team::{self, Replica, Team};
use crate::data::{Mnist, Sampler};
use crate::error::Error;
use crate::models::{AutoencoderConfig, AutoencoderTrainer};
use crate::optim::AdamConfig;

pub struct AeRun {
    pub trainer: AutoencoderTrainer,
    data: Rc<Mnist>,
    sampler: Sampler,
    batch: usize,
    indices: Vec<u32>,
    /// (batch, 784), or this replica's rows of it.
    pixels: Vec<f32>,
    /// Made at the first step on a team of more than one.
    replica: Option<Replica>,
}

impl AeRun {
    /// A fresh seed model (Adam, weights from `seed`) and a sampler of `train` from `seed`:
    /// every replica given the same arguments draws the same batches.
    pub fn new(data: Rc<Mnist>, train: Vec<u32>, seed: u64, batch: usize) -> Result<AeRun, Error> {
        let config = AutoencoderConfig::seed();
        Ok(AeRun {
            trainer: AutoencoderTrainer::new(&config, AdamConfig::default(), seed)?,
            sampler: Sampler::new(train, seed)?,
            batch,
            indices: vec![0; batch],
            pixels: vec![0.0; batch * config.input_width()],
            data,
            replica: None,
        })
    }

    /// One step: `Done` with the loss of the whole batch before the update, or `Waiting` (until
    /// `deadline`) for the others' shares: call again to finish it. `stop` votes to end the job
    /// instead (`team::Replica`): the step then ends `Stopped` on every replica.
    pub fn step(&mut self, team: &dyn Team, deadline: f64, stop: bool) -> Result<Step, Error> {
        if team.size() == 1 {
            if stop {
                return Ok(Step::Stopped);
            }
            // Alone: the plain step, with no flattening of the gradients.
            self.sampler.fill(&mut self.indices);
            self.data.images_into(&self.indices, &mut self.pixels)?;
            return self.trainer.step(&self.pixels).map(Step::Done);
        }
        let params = self.trainer.params.num_scalars();
        let replica = self.replica.get_or_insert_with(|| Replica::new(params));
        if !replica.in_flight() {
            self.sampler.fill(&mut self.indices);
            let rows = team::rows(team.rank(), team.size(), self.batch);
            let weight = rows.len() as f32 / self.batch as f32;
            let pixels = &mut self.pixels[..rows.len() * self.trainer.model.config.input_width()];
            self.data.images_into(&self.indices[rows], pixels)?;
            let trainer = &mut self.trainer;
            replica.begin(team, stop, |grads| trainer.share(pixels, weight, grads))?;
        }
        let trainer = &mut self.trainer;
        replica.finish(team, deadline, |grads| trainer.apply(grads))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jobs::team::{local, Solo};

    /// `steps` losses of `size` replicas trained in one thread, each stepping as far as it can
    /// in turn, as workers would; every replica's losses, by rank.
    fn team_losses(size: usize, batch: usize, steps: usize) -> Vec<Vec<f32>> {
        let data = Rc::new(crate::data::mnist::shipped());
        let train = data.split(0).train;
        let team = local::team(size);
        let mut runs: Vec<AeRun> = (0..size)
            .map(|_| AeRun::new(data.clone(), train.clone(), 3, batch).unwrap())
            .collect();
        let mut losses = vec![Vec::new(); size];
        while losses.iter().any(|l| l.len() < steps) {
            for (r, run) in runs.iter_mut().enumerate() {
                if losses[r].len() < steps {
                    if let Step::Done(loss) = run.step(&team[r], 0.0, false).unwrap() {
                        losses[r].push(loss);
                    }
                }
            }
        }
        losses
    }

    #[test]
    fn an_order_sizes_its_shares_for_the_seed_model() {
        use crate::jobs::{BenchCommand, Order};
        let data = Rc::new(crate::data::mnist::shipped());
        let run = AeRun::new(data.clone(), data.split(0).train, 0, 8).unwrap();
        let order = Order::Bench(BenchCommand::Determinism { replicas: 2 });
        let params = run.trainer.params.num_scalars();
        assert_eq!(order.team(), Some((2, params + 2)));
        let alone = Order::Bench(BenchCommand::Determinism { replicas: 1 });
        assert_eq!(alone.team(), None);
    }

    #[test]
    fn replicas_agree_exactly_and_follow_one_worker_within_1e_3() {
        let data = Rc::new(crate::data::mnist::shipped());
        let mut solo = AeRun::new(data.clone(), data.split(0).train, 3, 32).unwrap();
        let alone: Vec<f32> = (0..100)
            .map(|_| match solo.step(&Solo, 0.0, false).unwrap() {
                Step::Done(loss) => loss,
                other => panic!("{other:?}"),
            })
            .collect();
        for size in [2, 3] {
            let losses = team_losses(size, 32, 100);
            for other in &losses[1..] {
                assert_eq!(other, &losses[0], "replicas of {size} disagree");
            }
            assert_eq!(losses, team_losses(size, 32, 100), "not deterministic");
            let worst = alone
                .iter()
                .zip(&losses[0])
                .map(|(a, b)| (a - b).abs() / a.abs())
                .fold(0.0f32, f32::max);
            assert!(worst <= 1e-3, "{size} replicas: worst relative {worst:e}");
            assert!(losses[0][99] < 0.5 * losses[0][0], "{:?}", losses[0]);
        }
    }
}
