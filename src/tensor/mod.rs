//! Tensors (a shape and row-major elements, [`Tensor`]) with reverse-mode automatic
//! differentiation: a reusable tape ([`Graph`]) of `Copy` handles ([`Var`]), parameters kept
//! apart in a [`ParamStore`], and gradients returned as a store ([`Grads`]) rather than written
//! into the tensors.
//!
//! ```
//! use gradlab::tensor::{Activation, Graph, ParamStore, Tensor};
//!
//! let mut params = ParamStore::new();
//! let w = params.add("w", Tensor::new(&[2, 1], vec![1.0, 2.0])?); // (2, 1)
//! let b = params.add("b", Tensor::new(&[1], vec![0.5])?); // (1)
//! let mut g = Graph::new();
//! g.reset(); // at the top of every step: the tape keeps its buffers
//! let x = g.input_from_slice(&[1, 2], &[3.0, 4.0]);
//! let (wv, bv) = (g.param(&params, w), g.param(&params, b));
//! let y = g.linear(x, wv, Some(bv), Activation::Identity); // (1, 1): 3·1 + 4·2 + 0.5
//! let target = g.input_from_slice(&[1, 1], &[10.0]);
//! let loss = g.mse(y, target); // (11.5 − 10)² = 2.25
//! let grads = g.backward(loss, &params)?;
//! // ∂L/∂w = 2(y − t)·x = 3·(3, 4)
//! assert_eq!(grads.param_data(w), Some(&[9.0f32, 12.0][..]));
//! assert_eq!(g.scalar(loss), 2.25);
//! # Ok::<(), gradlab::error::Error>(())
//! ```

mod backward;
mod dims;
pub mod gradcheck;
mod graph;
mod ops;
mod param;
mod storage;

pub use backward::Grads;
pub use graph::{Graph, ValueRef, Var};
pub use ops::activation::{sigmoid, Activation};
pub use param::{ParamId, ParamStore};
pub use storage::Tensor;
