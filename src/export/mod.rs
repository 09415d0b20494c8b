//! Keeping and bringing weights (issue 14): a lab's parameters as a `.safetensors` file whose
//! tensors are named as the `state_dict` of a PyTorch module, with a runnable PyTorch script that
//! defines that module; and such a file, made by gradlab or by PyTorch, loaded back after every
//! name, shape, dtype and value has been checked.
//!
//! Shared by every lab: the file format ([`safetensors_file`]), the renaming and transposing
//! between gradlab's parameters and PyTorch's ([`mapping`]), and the script's common parts
//! ([`python`]). Each lab adds its names and its script (`autoencoder`, `vae`, `transformer`).

pub mod autoencoder;
mod digits;
pub mod mapping;
pub mod problem;
pub mod python;
pub mod safetensors_file;
pub mod transformer;
pub mod transformer_py;
pub mod vae;

use serde::{Deserialize, Serialize};

pub use mapping::TorchParam;
pub use problem::WeightsProblem;

use crate::error::Error;
use crate::tensor::ParamStore;

/// What an export gives the page to download: `{stem}.safetensors` and `{stem}.py`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExportFile {
    /// The file names without extension, e.g. `gradlab-autoencoder-784-128-4-step1200`.
    pub stem: String,
    pub weights: Vec<u8>,
    pub script: String,
}

/// What an import replaced.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Imported {
    pub tensors: u32,
    /// Numbers loaded over all tensors.
    pub scalars: u64,
}

/// The model's weights as a safetensors file of its PyTorch `state_dict` (see
/// [`safetensors_file::write`] for `metadata`).
pub fn export_weights(
    params: &ParamStore,
    map: &[TorchParam],
    metadata: &[(&str, &str)],
) -> Result<Vec<u8>, Error> {
    safetensors_file::write(&mapping::state_dict(params, map)?, metadata)
}

/// Replaces the model's weights with those of a safetensors file of its PyTorch `state_dict`.
/// The whole file is checked first (`Error::Weights` names what does not fit), so a refused
/// file leaves every weight as it was.
pub fn import_weights(
    params: &mut ParamStore,
    map: &[TorchParam],
    bytes: &[u8],
) -> Result<Imported, Error> {
    let expected = mapping::expected(params, map)?;
    let tensors = safetensors_file::read(bytes, &expected)?;
    mapping::load_state_dict(params, map, &tensors)?;
    Ok(Imported {
        tensors: tensors.len() as u32,
        scalars: tensors.iter().map(|t| t.data.len() as u64).sum(),
    })
}

/// The files of a digit lab's model of kind `kind` (`autoencoder`, `vae`) with these widths,
/// trained `step` steps: named `gradlab-{kind}-{widths}-step{step}`, with the three in the
/// file's metadata, and the script that `script` writes for that name.
pub(crate) fn lab_file(
    kind: &str,
    widths: &[usize],
    step: u64,
    (params, map): (&ParamStore, &[TorchParam]),
    script: impl FnOnce(&str) -> Result<String, Error>,
) -> Result<ExportFile, Error> {
    let widths = dashed(widths);
    let stem = format!("gradlab-{kind}-{widths}-step{step}");
    let step = step.to_string();
    let metadata = [
        ("gradlab.model", kind),
        ("gradlab.widths", widths.as_str()),
        ("gradlab.step", step.as_str()),
    ];
    Ok(ExportFile {
        weights: export_weights(params, map, &metadata)?,
        script: script(&stem)?,
        stem,
    })
}

/// `784-128-4`.
pub(crate) fn dashed(widths: &[usize]) -> String {
    let widths: Vec<String> = widths.iter().map(usize::to_string).collect();
    widths.join("-")
}

/// Row-major values as rows of `width`, as a script's outputs are nested lists.
pub(crate) fn rows(values: &[f32], width: usize) -> Vec<Vec<f32>> {
    values.chunks(width.max(1)).map(<[f32]>::to_vec).collect()
}

/// Every weight's bits, in store order: what "bit for bit" compares.
#[cfg(test)]
pub(crate) fn weight_bits(params: &ParamStore) -> Vec<Vec<u32>> {
    crate::experiments::NamedTensor::all(params)
        .iter()
        .map(|t| t.data.iter().map(|v| v.to_bits()).collect())
        .collect()
}

#[cfg(test)]
mod transformer_tests;
