//! The autoencoder in PyTorch: its `state_dict` (an `nn.Sequential` each for `encoder` and
//! `decoder`, so gradlab's layer i is module 2i), the script that rebuilds it and reconstructs a
//! few test digits, and gradlab's own answers on those digits, which `make check-export`
//! compares with the script's.

use serde::{Deserialize, Serialize};

use super::digits::{self, mean_squared_errors, PICTURE};
use super::mapping::sequential;
use super::python::{self, LOADING, MAIN_GUARD};
use super::{dashed, import_weights, lab_file, rows, ExportFile, Imported, TorchParam};
use crate::error::Error;
use crate::experiments::Digits;
use crate::models::{Autoencoder, AutoencoderTrainer};
use crate::tensor::ParamStore;

/// `encoder.{2i}.*` and `decoder.{2i}.*`.
pub fn torch_params(params: &ParamStore, model: &Autoencoder) -> Vec<TorchParam> {
    let mut map = sequential(params, "encoder", "encoder", model.encoder.layers.len());
    map.extend(sequential(
        params,
        "decoder",
        "decoder",
        model.decoder.layers.len(),
    ));
    map
}

/// The weights and the script of a model trained `step` steps, its examples `digits`.
pub fn export(
    trainer: &AutoencoderTrainer,
    digits: &Digits,
    step: u64,
) -> Result<ExportFile, Error> {
    let model = &trainer.model;
    let map = torch_params(&trainer.params, model);
    let weights = (&trainer.params, map.as_slice());
    lab_file("autoencoder", &model.config.widths, step, weights, |stem| {
        script(model, digits, stem, step)
    })
}

/// Loads a file of this model's `state_dict` into the trainer's weights (its optimiser is left
/// to the caller), or refuses it and changes nothing.
pub fn import(trainer: &mut AutoencoderTrainer, bytes: &[u8]) -> Result<Imported, Error> {
    let map = torch_params(&trainer.params, &trainer.model);
    import_weights(&mut trainer.params, &map, bytes)
}

/// What the script computes and prints last, and gradlab's own answers on the same digits.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Outputs {
    /// (n, latent)
    pub codes: Vec<Vec<f32>>,
    /// (n, 784)
    pub reconstructions: Vec<Vec<f32>>,
    /// (n): the mean squared error of each reconstruction.
    pub mse: Vec<f32>,
}

/// gradlab's answers: the codes of `digits`, their reconstructions and errors.
pub fn outputs(trainer: &mut AutoencoderTrainer, digits: &Digits) -> Result<Outputs, Error> {
    let x = &digits.images;
    let (mut codes, mut images) = (Vec::new(), Vec::new());
    trainer.encode(x, &mut codes)?;
    trainer.decode(&codes, &mut images)?;
    let width = trainer.model.config.input_width();
    Ok(Outputs {
        mse: mean_squared_errors(&images, x, width),
        codes: rows(&codes, trainer.model.config.latent_width()),
        reconstructions: rows(&images, width),
    })
}

/// The PyTorch script: the module, the digits, loading and a run that prints the codes, the
/// errors and the pictures, then [`Outputs`] as JSON.
pub fn script(
    model: &Autoencoder,
    digits: &Digits,
    stem: &str,
    step: u64,
) -> Result<String, Error> {
    let widths = dashed(&model.config.widths);
    let latent = model.config.latent_width();
    let title = format!("gradlab's autoencoder {widths}, after {step} training steps.");
    let about = format!(
        "It squeezes a 784-pixel digit into a code of {latent} numbers and draws the digit again\n\
         from the code. This script rebuilds it in PyTorch, loads the weights and reconstructs\n\
         {} test digits.",
        digits.len()
    );
    let mut out = python::preamble(&title, &about, stem);
    out += &format!(
        r#"

class Autoencoder(nn.Module):
    """The encoder narrows the pixels to the code; the decoder mirrors it. gradlab keeps each
    weight as (in, out); nn.Linear keeps (out, in), so the export transposed them."""

    def __init__(self):
        super().__init__()
        self.encoder = {encoder}
        self.decoder = {decoder}

    def forward(self, x):
        return self.decoder(self.encoder(x))


{digits}{PICTURE}{LOADING}

def main():
    model = load(Autoencoder())
    x = torch.tensor(DIGITS, dtype=torch.float32).reshape(len(DIGITS), -1) / 255  # (N, 784)
    with torch.no_grad():
        codes = model.encoder(x)  # (N, {latent})
        reconstructions = model.decoder(codes)  # (N, 784)
    mse = ((reconstructions - x) ** 2).mean(dim=1)  # (N,)
    for label, code, error in zip(LABELS, codes.tolist(), mse.tolist()):
        numbers = ", ".join(f"{{v:.4f}}" for v in code)
        print(f"digit {{label}}: code [{{numbers}}], reconstruction MSE {{error:.6f}}")
    print("The digits, then their reconstructions:")
    print(picture(x.tolist() + reconstructions.tolist()))
    emit({{
        "codes": codes.tolist(),
        "reconstructions": reconstructions.tolist(),
        "mse": mse.tolist(),
    }})
"#,
        encoder = python::mlp(&model.encoder, 3),
        decoder = python::mlp(&model.decoder, 3),
        digits = digits::python(digits)?,
    );
    Ok(out + MAIN_GUARD)
}

#[cfg(test)]
mod tests {
    use super::super::digits::patterned;
    use super::super::weight_bits;
    use super::*;
    use crate::data::mnist::PIXELS;
    use crate::experiments::NamedTensor;
    use crate::models::AutoencoderConfig;
    use crate::optim::AdamConfig;

    fn trainer(seed: u64) -> AutoencoderTrainer {
        let config = AutoencoderConfig {
            widths: vec![784, 16, 8, 2],
            ..AutoencoderConfig::seed()
        };
        AutoencoderTrainer::new(&config, AdamConfig::default(), seed).unwrap()
    }

    fn digits() -> Digits {
        patterned(&[3, 8], 7)
    }

    #[test]
    fn names_follow_the_sequential_modules_and_shapes_are_pytorch_s() {
        let t = trainer(1);
        let expected =
            super::super::mapping::expected(&t.params, &torch_params(&t.params, &t.model)).unwrap();
        let names: Vec<String> = expected.iter().map(|(n, s)| format!("{n} {s:?}")).collect();
        assert_eq!(
            names,
            [
                "encoder.0.weight [16, 784]",
                "encoder.0.bias [16]",
                "encoder.2.weight [8, 16]",
                "encoder.2.bias [8]",
                "encoder.4.weight [2, 8]",
                "encoder.4.bias [2]",
                "decoder.0.weight [8, 2]",
                "decoder.0.bias [8]",
                "decoder.2.weight [16, 8]",
                "decoder.2.bias [16]",
                "decoder.4.weight [784, 16]",
                "decoder.4.bias [784]",
            ]
        );
    }

    #[test]
    fn export_then_import_round_trips_bit_for_bit() {
        let from = trainer(1);
        let file = export(&from, &digits(), 12).unwrap();
        assert_eq!(file.stem, "gradlab-autoencoder-784-16-8-2-step12");
        let mut to = trainer(2);
        assert_ne!(NamedTensor::all(&to.params), NamedTensor::all(&from.params));
        let imported = import(&mut to, &file.weights).unwrap();
        assert_eq!(imported.tensors, 12);
        assert_eq!(imported.scalars, to.params.num_scalars() as u64);
        assert_eq!(weight_bits(&to.params), weight_bits(&from.params));
        // And the same weights give the same answers.
        let (mut from, digits) = (from, digits());
        assert_eq!(
            outputs(&mut to, &digits).unwrap(),
            outputs(&mut from, &digits).unwrap()
        );
    }

    #[test]
    fn the_script_defines_the_same_layers_and_carries_the_digits() {
        let t = trainer(1);
        let text = script(&t.model, &digits(), "stem", 5).unwrap();
        assert!(text.starts_with(
            "#!/usr/bin/env python3\n\"\"\"gradlab's autoencoder 784-16-8-2, after 5"
        ));
        let encoder = "self.encoder = nn.Sequential(\n            nn.Linear(784, 16),\n            \
                       nn.ReLU(),\n            nn.Linear(16, 8),\n            nn.ReLU(),\n            \
                       nn.Linear(8, 2),\n        )";
        assert!(text.contains(encoder), "{text}");
        assert!(text.contains("nn.Linear(16, 784),\n            nn.Sigmoid(),\n        )"));
        assert!(text.contains("LABELS = [3, 8]"));
        assert!(text.contains("load_state_dict(load_file(weights_path()), strict=True)"));
        assert!(text.ends_with("if __name__ == \"__main__\":\n    main()\n"));
        // No placeholder of the format string is left over.
        assert!(
            !text.contains("{encoder}") && !text.contains("{{"),
            "{text}"
        );
    }

    #[test]
    fn outputs_are_the_codes_reconstructions_and_errors_of_each_digit() {
        let mut t = trainer(1);
        let o = outputs(&mut t, &digits()).unwrap();
        assert_eq!((o.codes.len(), o.codes[0].len()), (2, 2));
        assert_eq!(
            (o.reconstructions.len(), o.reconstructions[1].len()),
            (2, 784)
        );
        let x = digits().images;
        let mse: f32 = o.reconstructions[1]
            .iter()
            .zip(&x[PIXELS..])
            .map(|(r, x)| (r - x) * (r - x))
            .sum::<f32>()
            / 784.0;
        assert!((o.mse[1] - mse).abs() < 1e-6 * mse, "{} vs {mse}", o.mse[1]);
    }
}
