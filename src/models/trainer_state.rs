//! A trainer's whole state as plain data: every parameter tensor by name, the optimiser's
//! running state and the trainer's own random stream. Saved with a run and written back into a
//! freshly built trainer of the same config, it makes the next step the one the run would have
//! taken (the `state_dict`s of a PyTorch model and optimiser, and `torch.get_rng_state()`).

use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::export::WeightsProblem;
use crate::optim::{Optimizer, OptimizerState};
use crate::rng::Rng;
use crate::tensor::ParamStore;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SavedTensor {
    pub name: String,
    pub shape: Vec<usize>,
    /// Row-major, `shape`'s product long.
    pub data: Vec<f32>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TrainerState {
    pub params: Vec<SavedTensor>,
    pub optimizer: OptimizerState,
    /// The trainer's own stream (the VAE's ε, the Transformer's dropout masks), if it has one.
    pub rng: Option<Rng>,
}

impl TrainerState {
    pub fn capture(params: &ParamStore, optimizer: &dyn Optimizer, rng: Option<&Rng>) -> Self {
        TrainerState {
            params: params
                .ids()
                .map(|id| {
                    let value = params.value(id);
                    SavedTensor {
                        name: params.name(id).to_string(),
                        shape: value.shape().to_vec(),
                        data: value.data().to_vec(),
                    }
                })
                .collect(),
            optimizer: optimizer.state(),
            rng: rng.cloned(),
        }
    }

    /// Writes the state into a trainer built from the same config, or refuses it and changes
    /// nothing: every tensor is checked (names, shapes, finite values) before any is written,
    /// and the optimiser checks its own state before taking it. The saved stream, if any,
    /// replaces `rng`.
    pub fn restore(
        self,
        params: &mut ParamStore,
        optimizer: &mut dyn Optimizer,
        rng: Option<&mut Rng>,
    ) -> Result<(), Error> {
        self.check(params)?;
        match (&self.rng, &rng) {
            (Some(_), Some(_)) | (None, None) => {}
            _ => {
                return Err(Error::InvalidConfig {
                    field: "rng",
                    detail: "the saved run and the model disagree on a random stream".into(),
                })
            }
        }
        check_finite_state(&self.optimizer)?;
        optimizer.load_state(self.optimizer, params)?;
        let ids: Vec<_> = params.ids().collect();
        for (id, saved) in ids.into_iter().zip(&self.params) {
            params.set(id, &saved.data)?;
        }
        if let (Some(saved), Some(rng)) = (self.rng, rng) {
            *rng = saved;
        }
        Ok(())
    }

    /// Every tensor of `params`, in order, with its shape, its length and finite values.
    fn check(&self, params: &ParamStore) -> Result<(), Error> {
        let refuse = |p| Err(Error::Weights(p));
        for (id, saved) in params.ids().zip(&self.params) {
            let (name, value) = (params.name(id), params.value(id));
            if saved.name != name {
                return refuse(WeightsProblem::Missing {
                    name: name.to_string(),
                    more: params.len().saturating_sub(id.index() + 1),
                });
            }
            if saved.shape != value.shape() || saved.data.len() != value.len() {
                return refuse(WeightsProblem::Shape {
                    name: saved.name.clone(),
                    expected: value.shape().to_vec(),
                    found: saved.shape.clone(),
                });
            }
            if let Some(index) = saved.data.iter().position(|v| !v.is_finite()) {
                return refuse(WeightsProblem::NonFinite {
                    name: saved.name.clone(),
                    index,
                    value: format!("{}", saved.data[index]),
                });
            }
        }
        match self.params.len().cmp(&params.len()) {
            std::cmp::Ordering::Less => refuse(WeightsProblem::Missing {
                name: params
                    .name(crate::tensor::ParamId(self.params.len()))
                    .to_string(),
                more: params.len() - self.params.len() - 1,
            }),
            std::cmp::Ordering::Greater => refuse(WeightsProblem::Unexpected {
                name: self.params[params.len()].name.clone(),
                more: self.params.len() - params.len() - 1,
            }),
            std::cmp::Ordering::Equal => Ok(()),
        }
    }
}

/// Moments that are not finite would make every later update NaN.
fn check_finite_state(state: &OptimizerState) -> Result<(), Error> {
    let buffers: Vec<&Vec<f32>> = match state {
        OptimizerState::Adam { m, v, .. } => m.iter().chain(v).collect(),
        OptimizerState::Sgd { velocity, .. } => velocity.iter().collect(),
    };
    if buffers.iter().all(|b| b.iter().all(|v| v.is_finite())) {
        Ok(())
    } else {
        Err(Error::InvalidConfig {
            field: "optimizer",
            detail: "the saved moments hold a NaN or infinite value".into(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::optim::{AdamConfig, OptimizerConfig};
    use crate::tensor::Tensor;

    fn store(values: &[(&str, &[usize])]) -> ParamStore {
        let mut p = ParamStore::new();
        for (name, shape) in values {
            let n = shape.iter().product();
            p.add(*name, Tensor::new(shape, vec![0.5; n]).unwrap());
        }
        p
    }

    fn adam(p: &ParamStore) -> Box<dyn Optimizer> {
        OptimizerConfig::Adam(AdamConfig::default()).build(p)
    }

    #[test]
    fn a_state_goes_back_into_a_store_of_the_same_shapes() {
        let from = store(&[("w", &[2, 3]), ("b", &[3])]);
        let mut saved = TrainerState::capture(&from, adam(&from).as_ref(), None);
        saved.params[1].data = vec![1.0, 2.0, 3.0];
        let mut to = store(&[("w", &[2, 3]), ("b", &[3])]);
        let mut opt = adam(&to);
        saved.restore(&mut to, opt.as_mut(), None).expect("fits");
        assert_eq!(to.value(crate::tensor::ParamId(1)).data(), &[1.0, 2.0, 3.0]);
    }

    #[test]
    fn a_state_that_does_not_fit_is_refused_and_changes_nothing() {
        let from = store(&[("w", &[2, 3]), ("b", &[3])]);
        let good = TrainerState::capture(&from, adam(&from).as_ref(), None);
        let refused = |edit: fn(&mut TrainerState)| {
            let mut s = good.clone();
            edit(&mut s);
            let mut to = store(&[("w", &[2, 3]), ("b", &[3])]);
            let mut opt = adam(&to);
            let e = s.restore(&mut to, opt.as_mut(), None).unwrap_err();
            let untouched = to
                .ids()
                .all(|id| to.value(id).data().iter().all(|&v| v == 0.5));
            assert!(untouched, "{e}");
            e
        };
        let shape = refused(|s| s.params[0].shape = vec![3, 2]);
        assert!(matches!(
            shape,
            Error::Weights(WeightsProblem::Shape { .. })
        ));
        let nan = refused(|s| {
            s.params[1].data[2] = f32::NAN;
            s.params[0].data[0] = 9.0;
        });
        assert!(matches!(
            nan,
            Error::Weights(WeightsProblem::NonFinite { index: 2, .. })
        ));
        let fewer = refused(|s| drop(s.params.pop()));
        assert!(matches!(
            fewer,
            Error::Weights(WeightsProblem::Missing { .. })
        ));
        let more = refused(|s| s.params.push(s.params[1].clone()));
        assert!(matches!(
            more,
            Error::Weights(WeightsProblem::Unexpected { .. })
        ));
        let renamed = refused(|s| s.params[0].name = "x".into());
        assert!(matches!(
            renamed,
            Error::Weights(WeightsProblem::Missing { .. })
        ));
        refused(|s| {
            s.optimizer = OptimizerState::Sgd {
                velocity: vec![vec![0.0; 6], vec![0.0; 3]],
                started: vec![true; 2],
            }
        });
        refused(|s| {
            if let OptimizerState::Adam { v, .. } = &mut s.optimizer {
                v[0][0] = f32::INFINITY;
            }
        });
        refused(|s| s.rng = Some(Rng::seed(1)));
    }
}
