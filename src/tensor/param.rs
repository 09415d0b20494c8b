//! Named parameters, owned apart from any graph so one set of weights outlives many steps
//! (after candle-nn's `VarMap` and PyTorch's `state_dict` names such as `encoder.0.weight`).
//!
//! Each value sits behind `Rc<RefCell<…>>` so a graph can read a weight without copying it: the
//! graph's parameter node holds a second handle, and the optimiser writes through the first when
//! no op is reading. The crate has no threads, so `Rc` suffices.

use std::cell::{Ref, RefCell, RefMut};
use std::rc::Rc;

use super::storage::Tensor;
use serde::{Deserialize, Serialize};

use crate::error::Error;

/// A parameter's stable handle: its position in the [`ParamStore`] that made it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ParamId(pub(crate) usize);

impl ParamId {
    pub fn index(self) -> usize {
        self.0
    }
}

pub(crate) type Shared = Rc<RefCell<Tensor>>;

/// Every trainable tensor of a model, in the order the layers created them.
///
/// Mutable access is only ever given as a flat slice, so a value keeps its shape.
#[derive(Debug, Default)]
pub struct ParamStore {
    names: Vec<String>,
    values: Vec<Shared>,
}

impl ParamStore {
    pub fn new() -> ParamStore {
        ParamStore::default()
    }

    /// Adds a parameter under a name unique in this store.
    ///
    /// # Panics
    /// If the name is taken: names are built by layer code, so a clash is a bug in the model.
    pub fn add(&mut self, name: impl Into<String>, value: Tensor) -> ParamId {
        let name = name.into();
        assert!(self.find(&name).is_none(), "parameter {name} added twice");
        self.names.push(name);
        self.values.push(Rc::new(RefCell::new(value)));
        ParamId(self.values.len() - 1)
    }

    pub fn len(&self) -> usize {
        self.values.len()
    }

    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    pub fn ids(&self) -> impl Iterator<Item = ParamId> {
        (0..self.len()).map(ParamId)
    }

    pub fn find(&self, name: &str) -> Option<ParamId> {
        self.names.iter().position(|n| n == name).map(ParamId)
    }

    /// The name, or "" for an id from another store.
    pub fn name(&self, id: ParamId) -> &str {
        self.names.get(id.0).map_or("", String::as_str)
    }

    /// The number of scalars over all parameters.
    pub fn num_scalars(&self) -> usize {
        self.values.iter().map(|v| v.borrow().len()).sum()
    }

    /// Read access to a value.
    ///
    /// # Panics
    /// If `id` comes from another store.
    pub fn value(&self, id: ParamId) -> Ref<'_, Tensor> {
        self.values[id.0].borrow()
    }

    /// Write access to a value as a flat row-major slice (shape stays fixed).
    ///
    /// # Panics
    /// If `id` comes from another store, or while a [`crate::tensor::ValueRef`] of this
    /// parameter, taken from a graph, is still alive (the value is borrowed).
    pub fn data_mut(&mut self, id: ParamId) -> RefMut<'_, [f32]> {
        RefMut::map(self.values[id.0].borrow_mut(), Tensor::data_mut)
    }

    /// Overwrites a value from a flat row-major slice, as when loading saved weights.
    pub fn set(&mut self, id: ParamId, data: &[f32]) -> Result<(), Error> {
        let value = self.values.get(id.0).ok_or(Error::UnknownParam {
            op: "ParamStore::set",
            index: id.0,
            len: self.len(),
        })?;
        let mut value = value.borrow_mut();
        if value.len() != data.len() {
            return Err(Error::ShapeMismatch {
                op: "ParamStore::set",
                lhs: value.shape().to_vec(),
                rhs: vec![data.len()],
            });
        }
        value.copy_from_slice(data);
        Ok(())
    }

    pub(crate) fn shared(&self, id: ParamId) -> Option<&Shared> {
        self.values.get(id.0)
    }
}
