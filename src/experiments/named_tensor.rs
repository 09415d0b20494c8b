//! Parameters copied out of one store by name and loaded into another model's store, as a
//! `state_dict` is in PyTorch: how pretrained weights reach the model that fine-tunes them.

use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::tensor::{ParamId, ParamStore};

/// One parameter: its store name, shape and row-major values.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NamedTensor {
    pub name: String,
    pub shape: Vec<usize>,
    pub data: Vec<f32>,
}

impl NamedTensor {
    pub fn of(params: &ParamStore, id: ParamId) -> NamedTensor {
        let value = params.value(id);
        NamedTensor {
            name: params.name(id).to_string(),
            shape: value.shape().to_vec(),
            data: value.iter().copied().collect(),
        }
    }

    /// Every parameter of `params`, in order.
    pub fn all(params: &ParamStore) -> Vec<NamedTensor> {
        params.ids().map(|id| NamedTensor::of(params, id)).collect()
    }
}

/// Overwrites each parameter `ids` of `params` with the tensor of the same name, which must
/// have the same shape.
pub fn load_named(
    tensors: &[NamedTensor],
    ids: &[ParamId],
    params: &mut ParamStore,
) -> Result<(), Error> {
    for &id in ids {
        let name = params.name(id);
        let tensor = tensors
            .iter()
            .find(|t| t.name == name)
            .ok_or_else(|| Error::Corrupt {
                what: "pretrained weights",
                detail: format!("no tensor named {name}"),
            })?;
        let shape = params.value(id).shape().to_vec();
        if tensor.shape != shape || tensor.data.len() != shape.iter().product::<usize>() {
            return Err(Error::ShapeMismatch {
                op: "load_named",
                lhs: shape,
                rhs: tensor.shape.clone(),
            });
        }
        params.set(id, &tensor.data)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tensor::Tensor;

    fn tensor(shape: &[usize], data: &[f32]) -> Tensor {
        Tensor::new(shape, data.to_vec()).unwrap()
    }

    #[test]
    fn should_load_by_name_and_refuse_missing_or_misshapen_tensors() {
        let mut from = ParamStore::new();
        from.add("b", tensor(&[2], &[5.0, 6.0]));
        from.add("a", tensor(&[2, 2], &[1.0, 2.0, 3.0, 4.0]));
        let tensors = NamedTensor::all(&from);
        let mut to = ParamStore::new();
        let a = to.add("a", tensor(&[2, 2], &[0.0; 4]));
        let c = to.add("c", tensor(&[1], &[0.0]));
        load_named(&tensors, &[a], &mut to).unwrap();
        assert_eq!(
            to.value(a).iter().copied().collect::<Vec<_>>(),
            [1.0, 2.0, 3.0, 4.0]
        );
        assert!(matches!(
            load_named(&tensors, &[c], &mut to),
            Err(Error::Corrupt { .. })
        ));
        let mut wrong = ParamStore::new();
        let b = wrong.add("b", tensor(&[3], &[0.0; 3]));
        assert!(matches!(
            load_named(&tensors, &[b], &mut wrong),
            Err(Error::ShapeMismatch { .. })
        ));
    }
}
