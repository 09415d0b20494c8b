//! A tensor's storage: its shape ([`Dims`], the crate's one shape type) and its elements,
//! row-major and contiguous. Every op reads and writes tensors as flat slices and does its own
//! indexing (`tensor/ops`), and matrix products go to `kernels::sgemm`, so a strided array type
//! would only add a second shape beside `Dims`.

use std::fmt;
use std::ops::{Deref, DerefMut};

use super::dims::Dims;
use crate::error::Error;

/// Values of the tape, parameters and gradients. Derefs to its elements as a slice, so
/// `len`, `iter` and indexing are the slice's; the shape stays fixed.
#[derive(Clone, PartialEq)]
pub struct Tensor {
    dims: Dims,
    data: Vec<f32>,
}

impl Tensor {
    /// `data` (row-major) under `shape`; refuses a rank above the tape's or a length that is not
    /// the shape's size.
    pub fn new(shape: &[usize], data: Vec<f32>) -> Result<Tensor, Error> {
        let dims = Dims::new("Tensor::new", shape)?;
        if dims.numel() != data.len() {
            return Err(Error::ShapeMismatch {
                op: "Tensor::new",
                lhs: shape.to_vec(),
                rhs: vec![data.len()],
            });
        }
        Ok(Tensor { dims, data })
    }

    /// Element i (row-major) is `f(i)`.
    pub fn from_fn(shape: &[usize], f: impl FnMut(usize) -> f32) -> Result<Tensor, Error> {
        let dims = Dims::new("Tensor::from_fn", shape)?;
        Ok(Tensor {
            dims,
            data: (0..dims.numel()).map(f).collect(),
        })
    }

    /// No elements: what a buffer holds before its first use.
    pub(crate) fn empty() -> Tensor {
        Tensor::zeros(Dims::empty())
    }

    pub(crate) fn zeros(dims: Dims) -> Tensor {
        Tensor {
            dims,
            data: vec![0.0; dims.numel()],
        }
    }

    /// This buffer under another shape, keeping its allocation: for a tape whose shapes change
    /// from step to step (a Transformer's sequence lengths). Its elements are left as they
    /// were, so every op writes its whole value, and a gradient is zeroed before its first use.
    pub(crate) fn reuse_as(&mut self, dims: Dims) {
        let n = dims.numel();
        // Exactly: `resize` alone may double the capacity, beyond what the budget counts.
        self.data.reserve_exact(n.saturating_sub(self.data.len()));
        self.data.resize(n, 0.0);
        self.dims = dims;
    }

    pub fn shape(&self) -> &[usize] {
        self.dims.as_slice()
    }

    pub(crate) fn dims(&self) -> Dims {
        self.dims
    }

    /// The elements, row-major.
    pub fn data(&self) -> &[f32] {
        &self.data
    }

    pub fn data_mut(&mut self) -> &mut [f32] {
        &mut self.data
    }

    /// The same shape, each element `f` of this one's.
    pub fn map(&self, f: impl FnMut(f32) -> f32) -> Tensor {
        Tensor {
            dims: self.dims,
            data: self.data.iter().copied().map(f).collect(),
        }
    }

    pub fn into_data(self) -> Vec<f32> {
        self.data
    }
}

impl Deref for Tensor {
    type Target = [f32];
    fn deref(&self) -> &[f32] {
        &self.data
    }
}

impl DerefMut for Tensor {
    fn deref_mut(&mut self) -> &mut [f32] {
        &mut self.data
    }
}

impl fmt::Debug for Tensor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Tensor{:?} ", self.dims)?;
        self.data.fmt(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn should_refuse_a_length_that_is_not_the_shapes_size() {
        let t = Tensor::new(&[2, 3], (0..6).map(|i| i as f32).collect()).unwrap();
        assert_eq!((t.shape(), t.len(), t[4]), (&[2, 3][..], 6, 4.0));
        assert!(matches!(
            Tensor::new(&[2, 3], vec![0.0; 5]),
            Err(Error::ShapeMismatch { .. })
        ));
        assert!(Tensor::from_fn(&[1; 7], |_| 0.0).is_err());
        assert_eq!(Tensor::from_fn(&[], |_| 2.5).unwrap().data(), &[2.5]);
    }
}
