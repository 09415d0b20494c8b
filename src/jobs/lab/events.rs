//! The messages of the autoencoder and VAE labs: what the page asks, what the worker reports.
//! Images travel as bytes (0–255, 784 per digit), codes as points in the 2-D view.

use serde::{Deserialize, Serialize};

use super::config::LabConfig;
use crate::export::{ExportFile, Imported, WeightsProblem};
use crate::jobs::checkpoint::RestoreProblem;
use crate::models::Losses;

/// Which lab a message is for. Each chapter has its own, and both live in the worker at once,
/// so leaving a chapter and coming back finds its model where it was.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum LabId {
    Ae,
    Vae,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum LabCommand {
    /// A fresh model: answered by `Setup` and a step-0 `Summary`.
    Reset(LabConfig),
    /// Train until paused; pauses the other lab.
    Run,
    Pause,
    /// One training step, then a summary.
    Step,
    /// The VAE's KL weight, mid-training if need be.
    SetBeta(f32),
    /// Decode this point of the 2-D view; kept, and decoded again after every summary.
    Probe([f32; 2]),
    /// Encode a drawn digit (784 values in [0, 1]); `None` forgets it.
    Draw(Option<Vec<f32>>),
    /// New prior samples from this seed.
    Resample(u64),
    /// Decode the line between two gallery digits.
    Interpolate(u8, u8),
    /// The weights as a safetensors file with a PyTorch script: answered by `Exported`.
    Export,
    /// Replace the weights with those of a safetensors file (made by `Export`, or by PyTorch for
    /// the same architecture): answered by `Imported` and a summary, or by `ImportRefused`.
    Import(Vec<u8>),
    /// The run so far as bytes to keep: answered by `Checkpoint`.
    Checkpoint,
    /// A model that goes on from a `Checkpoint`'s bytes, replacing this one: answered as a
    /// Reset is (`Setup`, then a paused summary at the saved step), or by `RestoreRefused` with
    /// the current model kept.
    Restore(Vec<u8>),
    /// The visitor's own pictures, prepared as digits, for this lab's next resets (the worker
    /// keeps them across resets; an empty set forgets them). See [`OwnImages`].
    SetOwnImages(OwnImages),
}

/// A visitor's pictures as MNIST digits (`data::own_images::prepare`), 784 bytes each, at most
/// `data::own_images::MAX_IMAGES` of them (7.8 MB): the page prepares them, so only digits cross.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct OwnImages {
    pub pixels: Vec<u8>,
}

/// What the page needs once per model.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LabSetup {
    pub latent_width: u32,
    /// Trainable scalars.
    pub params: u64,
    /// Whether codes have a prior (the VAE), so samples and a manifold make sense.
    pub has_prior: bool,
    /// The fixed test digits whose reconstructions are shown, 784 bytes each.
    pub shown: Vec<u8>,
    /// One test digit per class, 0 to 9: the choices for interpolation.
    pub gallery: Vec<u8>,
    /// The class of each test digit, in the order of `LabSummary::latent`.
    pub test_labels: Vec<u8>,
    /// The visitor's pictures it trains on and holds out (0 and 0 when it trains on the digits
    /// alone, also when the settings ask for pictures the worker does not have).
    pub own_train: u32,
    pub own_test: u32,
    /// A few of the pictures, held-out ones first, whose reconstructions are shown.
    pub own_shown: Vec<u8>,
}

/// A few times per second while training, and after every step, pause or reset.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LabSummary {
    pub step: u64,
    pub running: bool,
    /// Mean training loss over the steps since the last summary (`None` when there were none).
    pub train: Option<Losses>,
    /// The loss on all test digits now.
    pub test: Losses,
    /// Training throughput over the steps since the last summary (0 when there were none).
    pub samples_per_sec: f32,
    /// Reconstructions of `LabSetup::shown`, 784 bytes each.
    pub recon: Vec<u8>,
    /// Every test digit's code in the 2-D view.
    pub latent: Vec<[f32; 2]>,
    /// For a VAE, 1σ ellipses of a few test digits: centre and covariance [xx, xy, yy].
    pub ellipses: Vec<([f32; 2], [f32; 3])>,
    /// Whether the view is a PCA projection (codes wider than 2), and the fraction of the
    /// codes' variance it shows.
    pub projected: bool,
    pub explained: f32,
    pub beta: f32,
    /// The codes of up to 500 of the visitor's pictures (held-out ones first) in the same view,
    /// and the reconstructions of `LabSetup::own_shown`.
    pub own_latent: Vec<[f32; 2]>,
    pub own_recon: Vec<u8>,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub enum Divergence {
    /// A loss or a weight became infinite or NaN.
    NonFinite,
    /// The training loss rose far above where it started.
    Exploded { loss: f32, start: f32 },
    /// Weights or codes grew so large that the network saturated: the largest of each.
    Saturated { weight: f32, code: f32 },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum LabEvent {
    Setup(LabSetup),
    Summary(LabSummary),
    /// The image at a probed point.
    Decoded {
        point: [f32; 2],
        image: Vec<u8>,
    },
    /// A drawn digit's point in the view and its reconstruction.
    Drawn {
        point: [f32; 2],
        image: Vec<u8>,
    },
    /// Decodes of codes drawn from the prior.
    Samples(Vec<u8>),
    /// A grid of decodes across the view, row by row from the top.
    Manifold {
        side: u8,
        images: Vec<u8>,
    },
    /// Decodes along the line between two gallery digits, ends included.
    Interpolation(Vec<u8>),
    /// A Run was taken: the button answers at once, not with the first summary of the run
    /// (250 ms or more later, a step or two at the largest models).
    Running {
        step: u64,
    },
    Paused {
        step: u64,
    },
    /// Training stopped; the model is kept as it was for inspection, but only a reset or an
    /// import trains again.
    Diverged {
        step: u64,
        reason: Divergence,
    },
    /// The answer to `Export`: `{stem}.safetensors` and `{stem}.py` to download.
    Exported(ExportFile),
    /// The weights were replaced. The optimiser starts afresh (its moments belonged to the old
    /// weights) and the divergence watch too; the step count goes on.
    Imported(Imported),
    /// The file was not loaded, and the model is unchanged: why, naming the tensor.
    ImportRefused {
        problem: WeightsProblem,
    },
    /// The answer to `Checkpoint`: the run at `step`, sealed (see `jobs::checkpoint`).
    Checkpoint {
        step: u64,
        bytes: Vec<u8>,
    },
    /// The saved run was not taken, for this reason; the model is unchanged.
    RestoreRefused {
        problem: RestoreProblem,
    },
}
