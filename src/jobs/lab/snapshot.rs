//! A digit lab's run as bytes, and a lab rebuilt from them that trains on exactly as the saved
//! one would have (issue 14, "Training survives a reload"): its settings, step, β, weights,
//! optimiser moments, the VAE's noise stream, where the batches had got to, and the divergence
//! watch's reference. The page keeps the bytes in the browser's storage.

use std::rc::Rc;

use serde::{Deserialize, Serialize};

use super::config::LabConfig;
use super::divergence::Watch;
use super::{Lab, LabId, OwnImages};
use crate::data::{Mnist, Split};
use crate::error::Error;
use crate::jobs::checkpoint::{self, RestoreProblem};
use crate::models::TrainerState;

const TAG: [u8; 8] = *b"GLDIGITS";
const VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
struct LabSnapshot {
    config: LabConfig,
    step: u64,
    /// The KL weight now, which the visitor may have moved since the config was sent.
    beta: f32,
    trainer: TrainerState,
    /// The sampler's (epoch, position): its order follows from the config's seed.
    sampler: (u64, usize),
    watch: Watch,
}

impl Lab {
    /// The run so far, sealed (see `jobs::checkpoint`).
    pub fn checkpoint(&self) -> Result<Vec<u8>, Error> {
        let body = LabSnapshot {
            config: self.config.clone(),
            step: self.step,
            beta: self.beta,
            trainer: self.model.state(),
            sampler: self.sampler.position(),
            watch: self.watch.clone(),
        };
        checkpoint::seal(TAG, VERSION, &body)
    }

    /// A paused lab for `id` that goes on from `bytes`, or why not. Its settings are checked as
    /// a Reset's are (ranges and the memory budget) before anything is built.
    pub fn restore(
        id: LabId,
        bytes: &[u8],
        data: Rc<Mnist>,
        split: &Split,
    ) -> Result<Lab, RestoreProblem> {
        Lab::restore_with_own(id, bytes, data, split, None)
    }

    /// [`Lab::restore`] with the visitor's pictures, for a run whose settings train on them (the
    /// pictures are not in the saved run: the page keeps them, and the worker holds them).
    pub fn restore_with_own(
        id: LabId,
        bytes: &[u8],
        data: Rc<Mnist>,
        split: &Split,
        own: Option<Rc<OwnImages>>,
    ) -> Result<Lab, RestoreProblem> {
        let saved: LabSnapshot = checkpoint::open(bytes, TAG, VERSION)?;
        let of_lab = match saved.config {
            LabConfig::Ae(_) => LabId::Ae,
            LabConfig::Vae(_) => LabId::Vae,
        };
        if of_lab != id {
            return Err(RestoreProblem::NotASavedRun);
        }
        saved
            .config
            .validate()
            .and_then(|()| super::config::validate_beta(saved.beta))
            .map_err(RestoreProblem::settings)?;
        let mut lab =
            Lab::with_own(&saved.config, data, split, own).map_err(RestoreProblem::settings)?;
        let (epoch, at) = saved.sampler;
        lab.sampler.seek(epoch, at).map_err(RestoreProblem::of)?;
        lab.model
            .load_state(saved.trainer)
            .map_err(RestoreProblem::of)?;
        lab.step = saved.step;
        lab.beta = saved.beta;
        lab.model.set_beta(saved.beta);
        lab.watch = saved.watch;
        Ok(lab)
    }
}

#[cfg(test)]
#[path = "snapshot_tests.rs"]
mod tests;
