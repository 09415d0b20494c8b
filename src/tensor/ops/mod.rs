//! The ops of the tape, one idea per file; each file adds its recording methods to `Graph` and
//! holds the matching backward rule right below the forward code.

pub mod activation;
pub(crate) mod binary;
pub(crate) mod dropout;
pub(crate) mod gather;
pub(crate) mod layer_norm;
pub(crate) mod linear;
pub(crate) mod loss;
pub(crate) mod matmul;
pub(crate) mod reduce;
pub(crate) mod shape;
pub(crate) mod softmax;
pub(crate) mod unary;
pub(crate) mod vae;
