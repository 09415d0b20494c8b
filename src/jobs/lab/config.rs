//! The settings a visitor can change in the autoencoder and VAE labs, and the ranges the lab
//! accepts. The page checks them with the same `validate` before sending, so a refusal names
//! the field next to which it is shown; the worker checks again, since a URL or a stale page
//! could send anything.

use serde::{Deserialize, Serialize};

use crate::data::mnist::PIXELS;
use crate::data::split::TEST_PER_CLASS;
use crate::error::{check_range, Error};
use crate::models::budget::{Cost, DenseShape, LAB};
use crate::models::{AutoencoderConfig, ReconLoss, VaeConfig};
use crate::optim::{AdamConfig, OptimizerConfig, SgdConfig};
use crate::tensor::Activation;

pub const LR_RANGE: (f64, f64) = (1e-5, 10.0);
pub const BATCH_RANGE: (usize, usize) = (1, 512);
pub const SEED_MAX: u64 = u32::MAX as u64;
pub const WIDTH_RANGE: (usize, usize) = crate::models::LAB_WIDTH_RANGE;
/// Layers after the input, the code included.
pub const DEPTH_RANGE: (usize, usize) = (1, 8);
pub const LATENT_RANGE: (usize, usize) = (1, 64);
pub const BETA_RANGE: (f32, f32) = (0.0, 10.0);

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum OptimizerKind {
    Adam,
    Sgd,
}

/// What a lab trains on: the MNIST digits, the visitor's own pictures, or both. The pictures
/// themselves never enter a config (nor a link): they stay in the page, which sends them to the
/// worker apart (`LabCommand::SetOwnImages`); without any, `Own` and `Mixed` train on the digits.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum DataMode {
    #[default]
    Digits,
    Own,
    Mixed,
}

/// What every lab run shares: how it is optimised, on what, and from which seed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TrainSettings {
    pub lr: f64,
    pub batch: usize,
    pub optimizer: OptimizerKind,
    /// Draws the initial weights, the batches and the VAE's noise.
    pub seed: u64,
    pub data: DataMode,
}

impl Default for TrainSettings {
    fn default() -> Self {
        TrainSettings {
            lr: 1e-3,
            batch: 64,
            optimizer: OptimizerKind::Adam,
            seed: 0,
            data: DataMode::Digits,
        }
    }
}

impl TrainSettings {
    pub fn validate(&self) -> Result<(), Error> {
        check_range("lr", self.lr, LR_RANGE.0, LR_RANGE.1)?;
        check_range("batch", self.batch, BATCH_RANGE.0, BATCH_RANGE.1)?;
        check_range("seed", self.seed, 0, SEED_MAX)
    }

    pub fn optimizer_config(&self) -> OptimizerConfig {
        match self.optimizer {
            OptimizerKind::Adam => OptimizerConfig::Adam(AdamConfig {
                lr: self.lr,
                ..AdamConfig::default()
            }),
            OptimizerKind::Sgd => OptimizerConfig::Sgd(SgdConfig {
                lr: self.lr,
                ..SgdConfig::default()
            }),
        }
    }
}

/// Widths after the input, ending with the code: each in range, and not too deep.
pub fn validate_layers(layers: &[usize]) -> Result<(), Error> {
    check_range("depth", layers.len(), DEPTH_RANGE.0, DEPTH_RANGE.1)?;
    let (lo, hi) = WIDTH_RANGE;
    layers
        .iter()
        .try_for_each(|&w| check_range("widths", w, lo, hi))?;
    let latent = layers.last().copied().unwrap_or(0);
    check_range("latent", latent, LATENT_RANGE.0, LATENT_RANGE.1)
}

/// The test digits a lab scores at every summary, in one pass.
const TEST_DIGITS: usize = 10 * TEST_PER_CLASS;

/// Refuses a model over the lab's budget, blaming the batch when a batch of one would fit.
fn check_budget(shape: DenseShape, batch: usize) -> Result<(), Error> {
    let cost = |b| shape.cost(b, TEST_DIGITS);
    LAB.check_batch_or_model(cost(batch), cost(1), "batch", "widths")
}

/// A model's widths from the input on: the pixels, then `layers`.
fn with_input(layers: &[usize]) -> Vec<usize> {
    std::iter::once(PIXELS)
        .chain(layers.iter().copied())
        .collect()
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AeLabConfig {
    /// Encoder widths after the 784 pixels, ending with the code; the decoder mirrors them.
    pub layers: Vec<usize>,
    pub loss: ReconLoss,
    pub train: TrainSettings,
}

impl AeLabConfig {
    /// The Core issue's seed autoencoder: 784-128-64-32-16-8-4, MSE, Adam.
    pub fn seed() -> AeLabConfig {
        AeLabConfig {
            layers: vec![128, 64, 32, 16, 8, 4],
            loss: ReconLoss::Mse,
            train: TrainSettings::default(),
        }
    }

    /// The seed model with a 2-D code, drawn as it is, without a projection.
    pub fn latent_2d() -> AeLabConfig {
        AeLabConfig {
            layers: vec![128, 64, 32, 16, 8, 2],
            ..AeLabConfig::seed()
        }
    }

    pub fn validate(&self) -> Result<(), Error> {
        validate_layers(&self.layers)?;
        self.train.validate()?;
        check_budget(self.model().dense_shape(), self.train.batch)
    }

    /// Training at the configured batch, and scoring the test digits at every summary.
    pub fn cost(&self) -> Cost {
        self.model()
            .dense_shape()
            .cost(self.train.batch, TEST_DIGITS)
    }

    pub fn model(&self) -> AutoencoderConfig {
        AutoencoderConfig {
            widths: with_input(&self.layers),
            ..AutoencoderConfig::seed()
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VaeLabConfig {
    /// Encoder widths after the pixels: at least one hidden layer, then the latent size.
    pub layers: Vec<usize>,
    pub beta: f32,
    pub train: TrainSettings,
}

impl VaeLabConfig {
    /// 784-256-64-2: a 2-D latent space, drawn as it is.
    pub fn latent_2d() -> VaeLabConfig {
        VaeLabConfig {
            layers: vec![256, 64, 2],
            beta: 1.0,
            train: TrainSettings {
                batch: 128,
                ..TrainSettings::default()
            },
        }
    }

    /// A 16-D latent space: sharper reconstructions, drawn through PCA.
    pub fn latent_16d() -> VaeLabConfig {
        VaeLabConfig {
            layers: vec![256, 64, 16],
            ..VaeLabConfig::latent_2d()
        }
    }

    pub fn validate(&self) -> Result<(), Error> {
        validate_layers(&self.layers)?;
        // At least one hidden layer before the latent one.
        check_range("depth", self.layers.len(), 2, DEPTH_RANGE.1)?;
        validate_beta(self.beta)?;
        self.train.validate()?;
        check_budget(self.model().dense_shape(), self.train.batch)
    }

    /// Training at the configured batch, and scoring the test digits at every summary.
    pub fn cost(&self) -> Cost {
        self.model()
            .dense_shape()
            .cost(self.train.batch, TEST_DIGITS)
    }

    pub fn model(&self) -> VaeConfig {
        VaeConfig {
            widths: with_input(&self.layers),
            hidden: Activation::Relu,
            beta: self.beta,
        }
    }
}

pub fn validate_beta(beta: f32) -> Result<(), Error> {
    check_range("beta", beta, BETA_RANGE.0, BETA_RANGE.1)
}

/// The model a lab trains.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum LabConfig {
    Ae(AeLabConfig),
    Vae(VaeLabConfig),
}

impl LabConfig {
    pub fn validate(&self) -> Result<(), Error> {
        match self {
            LabConfig::Ae(c) => c.validate(),
            LabConfig::Vae(c) => c.validate(),
        }
    }

    pub fn cost(&self) -> Cost {
        match self {
            LabConfig::Ae(c) => c.cost(),
            LabConfig::Vae(c) => c.cost(),
        }
    }

    pub fn train(&self) -> &TrainSettings {
        match self {
            LabConfig::Ae(c) => &c.train,
            LabConfig::Vae(c) => &c.train,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(r: Result<(), Error>) -> Option<&'static str> {
        match r {
            Err(Error::OutOfRange { field, .. }) => Some(field),
            _ => None,
        }
    }

    #[test]
    fn presets_are_valid_and_the_seed_preset_is_the_core_seed_model() {
        for c in [AeLabConfig::seed(), AeLabConfig::latent_2d()] {
            assert_eq!(c.validate(), Ok(()));
        }
        for c in [VaeLabConfig::latent_2d(), VaeLabConfig::latent_16d()] {
            assert_eq!(c.validate(), Ok(()));
        }
        assert_eq!(AeLabConfig::seed().model(), AutoencoderConfig::seed());
        assert_eq!(
            AeLabConfig::latent_2d().model(),
            AutoencoderConfig::latent_2d()
        );
    }

    #[test]
    fn out_of_range_settings_name_their_field() {
        let bad = |f: fn(&mut AeLabConfig)| {
            let mut c = AeLabConfig::seed();
            f(&mut c);
            field(c.validate())
        };
        assert_eq!(bad(|c| c.train.lr = 0.0), Some("lr"));
        assert_eq!(bad(|c| c.train.lr = f64::NAN), Some("lr"));
        assert_eq!(bad(|c| c.train.lr = 11.0), Some("lr"));
        assert_eq!(bad(|c| c.train.batch = 0), Some("batch"));
        assert_eq!(bad(|c| c.train.batch = 100_000), Some("batch"));
        assert_eq!(bad(|c| c.train.seed = 1 << 40), Some("seed"));
        assert_eq!(bad(|c| c.layers = vec![]), Some("depth"));
        assert_eq!(bad(|c| c.layers = vec![128, 0, 4]), Some("widths"));
        assert_eq!(bad(|c| c.layers = vec![128, 5000, 4]), Some("widths"));
        assert_eq!(bad(|c| c.layers = vec![128, 100]), Some("latent"));
        let mut v = VaeLabConfig::latent_2d();
        v.beta = -1.0;
        assert_eq!(field(v.validate()), Some("beta"));
        v.beta = 1.0;
        v.layers = vec![2];
        assert_eq!(field(v.validate()), Some("depth"));
    }
}
