//! Models leave gradlab as PyTorch would keep them, and come back the same way: weights as
//! safetensors files named after a PyTorch module's `state_dict`, with a script that defines
//! that module and runs it.

pub mod transformer;
pub mod transformer_py;

#[cfg(test)]
mod transformer_tests;
