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
mod problem;
pub mod python;
pub mod safetensors_file;
pub mod transformer;
pub mod transformer_py;
pub mod vae;

use serde::{Deserialize, Serialize};

pub use digits::Digits;
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

#[cfg(test)]
mod transformer_tests;
