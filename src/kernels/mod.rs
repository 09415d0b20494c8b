//! Single-precision matrix multiply (GEMM) for wasm SIMD128 and native, layered as in GotoBLAS and
//! BLIS (Goto & van de Geijn 2008, "Anatomy of High-Performance Matrix Multiplication"; Van Zee &
//! van de Geijn 2015, "BLIS: A Framework for Rapidly Instantiating BLAS Functionality").
//!
//! ndarray's matmul (matrixmultiply) has no hand-written wasm SIMD kernel and no fused epilogue.
//! These kernels pack panels of both operands (which also absorbs the transpose flags), run a
//! register-blocked SIMD128 microkernel (relaxed-SIMD FMA where the build enables it), read A in
//! place for the narrow layers, and fuse the Linear layer's bias and ReLU into the store.
//!
//! Files: `gemm` holds the entry points (checks, kernel choice), `blocking` the cache-blocked
//! loops and edge tiles, `pack` the packing of panels, `microkernel` the contract between the
//! loops and a kernel, and one file per microkernel.

mod blocking;
mod gemm;
mod microkernel;
#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
mod microkernel_portable;
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
mod microkernel_wasm;
mod pack;
#[cfg(test)]
mod tests;

pub use gemm::{sgemm, sgemm_bias_act};

/// Whether an operand is used as stored or transposed: op(X) = X or Xᵀ.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Trans {
    N,
    T,
}

/// The elementwise function fused into the store of [`sgemm_bias_act`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Activation {
    Identity,
    Relu,
}
