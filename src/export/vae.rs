//! The variational autoencoder in PyTorch: its `state_dict` (`encoder` and `decoder` as
//! `nn.Sequential`s, the heads `mu` and `logvar` as `nn.Linear`s), the script that rebuilds it,
//! reconstructs a few test digits from their mean codes μ and decodes a few points of the latent
//! space, and gradlab's own answers on the same inputs. Everything the script compares goes
//! through μ, never a sampled code, so both sides compute the same numbers.

use serde::{Deserialize, Serialize};

use super::digits::{self, mean_squared_errors, PICTURE};
use super::mapping::{linear, sequential};
use super::python::{self, LOADING, MAIN_GUARD};
use super::{dashed, import_weights, lab_file, rows, ExportFile, Imported, TorchParam};
use crate::error::Error;
use crate::experiments::Digits;
use crate::models::{Vae, VaeTrainer};
use crate::tensor::ParamStore;

/// Latent points the script decodes.
const POINTS: usize = 4;
/// The coordinates they take, spread over the prior N(0, 1) and exact in binary.
const COORDINATES: [f32; 4] = [-1.5, -0.5, 0.5, 1.5];

/// `encoder.{2i}.*`, `mu.*`, `logvar.*` and `decoder.{2i}.*`.
pub fn torch_params(params: &ParamStore, model: &Vae) -> Vec<TorchParam> {
    let mut map = sequential(params, "encoder", "encoder", model.encoder.layers.len());
    map.extend(linear(params, "mu", "mu"));
    map.extend(linear(params, "logvar", "logvar"));
    map.extend(sequential(
        params,
        "decoder",
        "decoder",
        model.decoder.layers.len(),
    ));
    map
}

/// (4, latent): coordinate j of point k is `COORDINATES[(k + j) % 4]`, so each point differs
/// from the others on every axis.
pub fn latent_points(latent: usize) -> Vec<f32> {
    (0..POINTS)
        .flat_map(|k| (0..latent).map(move |j| COORDINATES[(k + j) % COORDINATES.len()]))
        .collect()
}

/// The weights and the script of a model trained `step` steps, its examples `digits`.
pub fn export(trainer: &VaeTrainer, digits: &Digits, step: u64) -> Result<ExportFile, Error> {
    let model = &trainer.model;
    let map = torch_params(&trainer.params, model);
    let weights = (&trainer.params, map.as_slice());
    lab_file("vae", &model.config.widths, step, weights, |stem| {
        script(model, digits, stem, step)
    })
}

/// Loads a file of this model's `state_dict` into the trainer's weights (its optimiser is left
/// to the caller), or refuses it and changes nothing.
pub fn import(trainer: &mut VaeTrainer, bytes: &[u8]) -> Result<Imported, Error> {
    let map = torch_params(&trainer.params, &trainer.model);
    import_weights(&mut trainer.params, &map, bytes)
}

/// What the script computes and prints last, and gradlab's own answers on the same inputs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Outputs {
    /// (n, latent) each: q(z|x) of each digit.
    pub mu: Vec<Vec<f32>>,
    pub logvar: Vec<Vec<f32>>,
    /// (n, 784): decode(μ).
    pub reconstructions: Vec<Vec<f32>>,
    /// (n): the mean squared error of each reconstruction.
    pub mse: Vec<f32>,
    /// (4, 784): decode of [`latent_points`].
    pub decoded: Vec<Vec<f32>>,
}

/// gradlab's answers on `digits` and the latent points.
pub fn outputs(trainer: &mut VaeTrainer, digits: &Digits) -> Result<Outputs, Error> {
    let x = &digits.images;
    let (mut mu, mut logvar, mut images, mut decoded) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    trainer.encode(x, &mut mu, &mut logvar)?;
    trainer.decode(&mu, &mut images)?;
    let latent = trainer.latent_width();
    trainer.decode(&latent_points(latent), &mut decoded)?;
    let width = trainer.input_width();
    Ok(Outputs {
        mse: mean_squared_errors(&images, x, width),
        mu: rows(&mu, latent),
        logvar: rows(&logvar, latent),
        reconstructions: rows(&images, width),
        decoded: rows(&decoded, width),
    })
}

/// The PyTorch script: the module, the digits and points, loading and a run that prints codes,
/// errors and pictures, then [`Outputs`] as JSON.
pub fn script(model: &Vae, digits: &Digits, stem: &str, step: u64) -> Result<String, Error> {
    let widths = dashed(&model.config.widths);
    let n = model.config.widths.len();
    let (hidden, latent) = (model.config.widths[n - 2], model.config.widths[n - 1]);
    let title = format!(
        "gradlab's variational autoencoder {widths} (beta = {}), after {step} training steps.",
        model.config.beta
    );
    let about = format!(
        "It maps a 784-pixel digit to a Gaussian over codes of {latent} numbers, and a code back\n\
         to a digit (Kingma & Welling 2014). This script rebuilds it in PyTorch, loads the\n\
         weights, reconstructs {} test digits from their mean codes and decodes {POINTS} points\n\
         of the code space.",
        digits.len()
    );
    let mut out = python::preamble(&title, &about, stem);
    out += &format!(
        r#"

class Vae(nn.Module):
    """The encoder gives the mean mu and the log-variance logvar of q(z|x); the decoder gives
    the logits of p(x|z). gradlab keeps each weight as (in, out); nn.Linear keeps (out, in), so
    the export transposed them."""

    def __init__(self):
        super().__init__()
        self.encoder = {encoder}
        self.mu = nn.Linear({hidden}, {latent})
        self.logvar = nn.Linear({hidden}, {latent})
        self.decoder = {decoder}

    def encode(self, x):
        h = self.encoder(x)  # (N, {hidden})
        return self.mu(h), self.logvar(h)  # (N, {latent}) each

    def decode(self, z):
        """The mean image of p(x|z): the sigmoid of the decoder's logits."""
        return torch.sigmoid(self.decoder(z))

    def forward(self, x):
        """A reconstruction through a sampled code z = mu + sigma * eps, as in training."""
        mu, logvar = self.encode(x)
        z = mu + torch.exp(0.5 * logvar) * torch.randn_like(mu)
        return self.decode(z), mu, logvar


{digits}
# Points of the code space to decode, spread over the prior N(0, I).
POINTS = {points}
{PICTURE}{LOADING}

def main():
    model = load(Vae())
    x = torch.tensor(DIGITS, dtype=torch.float32).reshape(len(DIGITS), -1) / 255  # (N, 784)
    points = torch.tensor(POINTS, dtype=torch.float32)  # ({POINTS}, {latent})
    with torch.no_grad():
        mu, logvar = model.encode(x)  # (N, {latent}) each
        # From the mean code rather than a sample, so the result is the same on every run.
        reconstructions = model.decode(mu)  # (N, 784)
        decoded = model.decode(points)  # ({POINTS}, 784)
    mse = ((reconstructions - x) ** 2).mean(dim=1)  # (N,)
    sigma = torch.exp(0.5 * logvar)
    for label, m, s, error in zip(LABELS, mu.tolist(), sigma.tolist(), mse.tolist()):
        means = ", ".join(f"{{v:.4f}}" for v in m)
        spreads = ", ".join(f"{{v:.4f}}" for v in s)
        print(f"digit {{label}}: mu [{{means}}], sigma [{{spreads}}], reconstruction MSE {{error:.6f}}")
    print("The digits, then their reconstructions from mu:")
    print(picture(x.tolist() + reconstructions.tolist()))
    print("Decoded points:", "; ".join(str(p) for p in POINTS))
    print(picture(decoded.tolist()))
    emit({{
        "mu": mu.tolist(),
        "logvar": logvar.tolist(),
        "reconstructions": reconstructions.tolist(),
        "mse": mse.tolist(),
        "decoded": decoded.tolist(),
    }})
"#,
        encoder = python::mlp(&model.encoder, 3),
        decoder = python::mlp(&model.decoder, 3),
        digits = digits::python(digits)?,
        points = python::float_rows(&latent_points(latent), latent, 1),
    );
    Ok(out + MAIN_GUARD)
}

#[cfg(test)]
mod tests {
    use super::super::digits::patterned;
    use super::super::weight_bits;
    use super::*;
    use crate::experiments::NamedTensor;
    use crate::models::VaeConfig;
    use crate::optim::{AdamConfig, OptimizerConfig};

    fn trainer(seed: u64) -> VaeTrainer {
        let config = VaeConfig {
            widths: vec![784, 16, 3],
            ..VaeConfig::seed()
        };
        VaeTrainer::new(&config, &OptimizerConfig::Adam(AdamConfig::default()), seed).unwrap()
    }

    fn digits() -> Digits {
        patterned(&[1, 4], 5)
    }

    #[test]
    fn names_cover_trunk_heads_and_decoder_in_pytorch_shapes() {
        let t = trainer(1);
        let expected =
            super::super::mapping::expected(&t.params, &torch_params(&t.params, &t.model)).unwrap();
        let names: Vec<String> = expected.iter().map(|(n, s)| format!("{n} {s:?}")).collect();
        assert_eq!(
            names,
            [
                "encoder.0.weight [16, 784]",
                "encoder.0.bias [16]",
                "mu.weight [3, 16]",
                "mu.bias [3]",
                "logvar.weight [3, 16]",
                "logvar.bias [3]",
                "decoder.0.weight [16, 3]",
                "decoder.0.bias [16]",
                "decoder.2.weight [784, 16]",
                "decoder.2.bias [784]",
            ]
        );
    }

    #[test]
    fn export_then_import_round_trips_bit_for_bit() {
        let mut from = trainer(1);
        let file = export(&from, &digits(), 3).unwrap();
        assert_eq!(file.stem, "gradlab-vae-784-16-3-step3");
        let mut to = trainer(2);
        import(&mut to, &file.weights).unwrap();
        assert_eq!(weight_bits(&to.params), weight_bits(&from.params));
        assert_eq!(
            outputs(&mut to, &digits()).unwrap(),
            outputs(&mut from, &digits()).unwrap()
        );
    }

    #[test]
    fn an_autoencoder_file_is_refused_by_the_vae_with_the_first_missing_head() {
        let ae = crate::models::AutoencoderTrainer::new(
            &crate::models::AutoencoderConfig {
                widths: vec![784, 16, 3],
                ..crate::models::AutoencoderConfig::seed()
            },
            AdamConfig::default(),
            1,
        )
        .unwrap();
        let file = super::super::autoencoder::export(&ae, &digits(), 0).unwrap();
        let mut vae = trainer(1);
        let before = NamedTensor::all(&vae.params);
        let err = import(&mut vae, &file.weights).unwrap_err();
        assert_eq!(
            err.to_string(),
            "The weights were not loaded: missing mu.weight (and 3 more)"
        );
        assert_eq!(NamedTensor::all(&vae.params), before);
    }

    #[test]
    fn the_script_has_both_heads_and_decodes_the_points() {
        let t = trainer(1);
        let text = script(&t.model, &digits(), "stem", 0).unwrap();
        assert!(text.contains("self.mu = nn.Linear(16, 3)\n        self.logvar = nn.Linear(16, 3)"));
        // Every trunk layer is followed by its activation, the decoder ends on logits.
        assert!(
            text.contains("nn.Linear(784, 16),\n            nn.ReLU(),\n        )"),
            "{text}"
        );
        assert!(text.contains("nn.Linear(16, 784),\n        )"), "{text}");
        assert!(text.contains("POINTS = [\n    [-1.5, -0.5, 0.5],\n    [-0.5, 0.5, 1.5],\n"));
        assert!(!text.contains("{{"), "{text}");
    }

    #[test]
    fn outputs_decode_the_mean_code() {
        let mut t = trainer(1);
        let o = outputs(&mut t, &digits()).unwrap();
        assert_eq!(o.decoded.len(), 4);
        let mut image = Vec::new();
        t.decode(&o.mu[1], &mut image).unwrap();
        assert_eq!(image, o.reconstructions[1]);
        assert_eq!(
            latent_points(2),
            [-1.5, -0.5, -0.5, 0.5, 0.5, 1.5, 1.5, -1.5]
        );
    }
}
