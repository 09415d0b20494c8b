//! How gradlab's parameters become a PyTorch `state_dict` and back: each is renamed to the
//! module path PyTorch gives it, and each `nn.Linear` weight is transposed, since gradlab stores
//! it (in, out) to compute x·W and PyTorch stores it (out, in) to compute x·Wᵀ.

use std::collections::BTreeSet;

use super::safetensors_file::Expected;
use crate::error::Error;
use crate::experiments::NamedTensor;
use crate::tensor::{ParamId, ParamStore};

/// One parameter's two names, and whether its two layouts are transposes of each other.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TorchParam {
    /// Its name in the `ParamStore`.
    pub gradlab: String,
    /// Its key in the PyTorch module's `state_dict`.
    pub torch: String,
    /// A 2-D weight stored (in, out) by gradlab and (out, in) by PyTorch.
    pub transpose: bool,
}

impl TorchParam {
    /// A parameter whose layout is the same on both sides (a bias, a LayerNorm gain, an
    /// embedding table), under another name.
    pub fn renamed(gradlab: impl Into<String>, torch: impl Into<String>) -> TorchParam {
        TorchParam {
            gradlab: gradlab.into(),
            torch: torch.into(),
            transpose: false,
        }
    }
}

/// `{gradlab}.weight`, transposed, and `{gradlab}.bias` if the store has one, as PyTorch's
/// `{torch}.weight` and `{torch}.bias`: a `nn::Linear` as an `nn.Linear`.
pub fn linear(params: &ParamStore, gradlab: &str, torch: &str) -> Vec<TorchParam> {
    let mut out = vec![TorchParam {
        gradlab: format!("{gradlab}.weight"),
        torch: format!("{torch}.weight"),
        transpose: true,
    }];
    if params.find(&format!("{gradlab}.bias")).is_some() {
        out.push(TorchParam::renamed(
            format!("{gradlab}.bias"),
            format!("{torch}.bias"),
        ));
    }
    out
}

/// An `nn::Mlp` of `layers` layers made under the name `gradlab`, as the `nn.Sequential` that
/// `python::sequential` writes under `torch`: a `Linear` then its activation, so layer i is
/// module 2i.
pub fn sequential(
    params: &ParamStore,
    gradlab: &str,
    torch: &str,
    layers: usize,
) -> Vec<TorchParam> {
    (0..layers)
        .flat_map(|i| {
            linear(
                params,
                &format!("{gradlab}.{i}"),
                &format!("{torch}.{}", 2 * i),
            )
        })
        .collect()
}

/// Each entry's parameter in `params`, after checking that `map` names every parameter exactly
/// once and no PyTorch key twice: a parameter left out would silently not be exported.
fn resolve(params: &ParamStore, map: &[TorchParam]) -> Result<Vec<ParamId>, Error> {
    let invalid = |detail: String| Error::InvalidConfig {
        field: "state_dict",
        detail,
    };
    let mut seen = BTreeSet::new();
    let mut keys = BTreeSet::new();
    let ids = map
        .iter()
        .map(|p| {
            let id = params
                .find(&p.gradlab)
                .ok_or_else(|| invalid(format!("the model has no parameter {}", p.gradlab)))?;
            if !seen.insert(id.index()) || !keys.insert(p.torch.as_str()) {
                return Err(invalid(format!("{} is mapped twice", p.gradlab)));
            }
            let rank = params.value(id).shape().len();
            if p.transpose && rank != 2 {
                return Err(invalid(format!("{} has rank {rank}, not 2", p.gradlab)));
            }
            Ok(id)
        })
        .collect::<Result<Vec<_>, _>>()?;
    match params.ids().find(|id| !seen.contains(&id.index())) {
        Some(id) => Err(invalid(format!("{} is not mapped", params.name(id)))),
        None => Ok(ids),
    }
}

/// A tensor in the other side's layout: transposed if `transpose`, else as it is. The map is
/// its own inverse: the same call turns gradlab's layout into PyTorch's and back.
fn other_layout(transpose: bool, shape: &[usize], data: &[f32]) -> (Vec<usize>, Vec<f32>) {
    if transpose {
        transposed(shape, data)
    } else {
        (shape.to_vec(), data.to_vec())
    }
}

/// A row-major (rows, cols) matrix as (cols, rows).
fn transposed(shape: &[usize], data: &[f32]) -> (Vec<usize>, Vec<f32>) {
    let (rows, cols) = (shape[0], shape[1]);
    let mut out = vec![0.0; data.len()];
    for r in 0..rows {
        for c in 0..cols {
            out[c * rows + r] = data[r * cols + c];
        }
    }
    (vec![cols, rows], out)
}

/// The model's parameters as PyTorch's `state_dict` holds them, in the order of `map`.
pub fn state_dict(params: &ParamStore, map: &[TorchParam]) -> Result<Vec<NamedTensor>, Error> {
    let ids = resolve(params, map)?;
    Ok(map
        .iter()
        .zip(ids)
        .map(|(p, id)| {
            let t = NamedTensor::of(params, id);
            let (shape, data) = other_layout(p.transpose, &t.shape, &t.data);
            NamedTensor {
                name: p.torch.clone(),
                shape,
                data,
            }
        })
        .collect())
}

/// The PyTorch keys and shapes a file of this model must hold, in the order of `map`.
pub fn expected(params: &ParamStore, map: &[TorchParam]) -> Result<Vec<Expected>, Error> {
    let ids = resolve(params, map)?;
    Ok(map
        .iter()
        .zip(ids)
        .map(|(p, id)| {
            let mut shape = params.value(id).shape().to_vec();
            if p.transpose {
                shape.reverse();
            }
            (p.torch.clone(), shape)
        })
        .collect())
}

/// Overwrites every parameter from `tensors` (a `state_dict`, as `safetensors_file::read`
/// returns it for [`expected`]). Every tensor is found and converted before the first is
/// written, so a refusal leaves the model as it was.
pub fn load_state_dict(
    params: &mut ParamStore,
    map: &[TorchParam],
    tensors: &[NamedTensor],
) -> Result<(), Error> {
    let ids = resolve(params, map)?;
    let values = map
        .iter()
        .zip(&ids)
        .map(|(p, &id)| {
            let t = tensors
                .iter()
                .find(|t| t.name == p.torch)
                .ok_or_else(|| Error::Corrupt {
                    what: "state_dict",
                    detail: format!("no tensor {}", p.torch),
                })?;
            let (shape, data) = other_layout(p.transpose, &t.shape, &t.data);
            let own = params.value(id).shape().to_vec();
            if shape != own {
                return Err(Error::ShapeMismatch {
                    op: "load_state_dict",
                    lhs: own,
                    rhs: t.shape.clone(),
                });
            }
            Ok(data)
        })
        .collect::<Result<Vec<_>, Error>>()?;
    for (id, data) in ids.into_iter().zip(values) {
        params.set(id, &data)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nn::{Activation, MlpConfig};
    use crate::rng::Rng;
    use crate::tensor::Tensor;

    fn two_layers() -> ParamStore {
        let mut params = ParamStore::new();
        let config = MlpConfig::new(&[3, 2, 1], Activation::Relu, Activation::Identity);
        config
            .init("encoder", &mut params, &mut Rng::seed(1))
            .unwrap();
        params
    }

    #[test]
    fn should_name_mlp_layers_as_sequential_modules_and_transpose_weights() {
        let params = two_layers();
        let map = sequential(&params, "encoder", "enc", 2);
        let names: Vec<&str> = map.iter().map(|p| p.torch.as_str()).collect();
        assert_eq!(
            names,
            ["enc.0.weight", "enc.0.bias", "enc.2.weight", "enc.2.bias"]
        );
        let dict = state_dict(&params, &map).unwrap();
        // encoder.0.weight is (3, 2) in gradlab: row i holds input i's weights to both outputs.
        let w = NamedTensor::of(&params, params.find("encoder.0.weight").unwrap());
        assert_eq!(dict[0].shape, [2, 3]);
        for o in 0..2 {
            for i in 0..3 {
                assert_eq!(dict[0].data[o * 3 + i], w.data[i * 2 + o]);
            }
        }
        let shapes: Vec<Vec<usize>> = expected(&params, &map)
            .unwrap()
            .into_iter()
            .map(|(_, s)| s)
            .collect();
        assert_eq!(shapes, [vec![2, 3], vec![2], vec![1, 2], vec![1]]);
    }

    #[test]
    fn should_load_back_what_it_exported_and_leave_the_model_alone_on_a_refusal() {
        let from = two_layers();
        let map = sequential(&from, "encoder", "encoder", 2);
        let dict = state_dict(&from, &map).unwrap();
        let mut to = ParamStore::new();
        MlpConfig::new(&[3, 2, 1], Activation::Relu, Activation::Identity)
            .init("encoder", &mut to, &mut Rng::seed(2))
            .unwrap();
        let before = NamedTensor::all(&to);
        let mut broken = dict.clone();
        broken[3].name = "encoder.2.gain".into();
        assert!(load_state_dict(&mut to, &map, &broken).is_err());
        assert_eq!(NamedTensor::all(&to), before, "a refusal changed the model");
        load_state_dict(&mut to, &map, &dict).unwrap();
        assert_eq!(NamedTensor::all(&to), NamedTensor::all(&from));
    }

    #[test]
    fn should_refuse_a_map_that_misses_or_repeats_a_parameter() {
        let params = two_layers();
        let mut map = sequential(&params, "encoder", "encoder", 2);
        map.pop();
        let refused = |map: &[TorchParam]| match state_dict(&params, map) {
            Err(Error::InvalidConfig { detail, .. }) => detail,
            other => panic!("{other:?}"),
        };
        assert_eq!(refused(&map), "encoder.1.bias is not mapped");
        map.push(map[0].clone());
        assert_eq!(refused(&map), "encoder.0.weight is mapped twice");
        let mut one = ParamStore::new();
        one.add("gain", Tensor::new(&[2], vec![1.0, 1.0]).unwrap());
        let bad = [TorchParam {
            transpose: true,
            ..TorchParam::renamed("gain", "g")
        }];
        assert!(state_dict(&one, &bad).is_err());
    }
}
