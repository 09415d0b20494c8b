//! Stochastic gradient descent with momentum (Polyak's heavy ball, in the form of
//! `torch.optim.SGD`: the velocity starts at the first gradient, no dampening).

use serde::{Deserialize, Serialize};

use super::state::{check_buffers, wrong_kind};
use super::{check_state, zeros_like, Optimizer, OptimizerState};
use crate::error::Error;
use crate::tensor::{Grads, ParamStore};

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct SgdConfig {
    pub lr: f64,
    pub momentum: f64,
    /// L2 penalty λ: λθ is added to the gradient.
    pub weight_decay: f64,
}

impl Default for SgdConfig {
    fn default() -> Self {
        SgdConfig {
            lr: 1e-2,
            momentum: 0.0,
            weight_decay: 0.0,
        }
    }
}

pub struct Sgd {
    config: SgdConfig,
    velocity: Vec<Vec<f32>>,
    started: Vec<bool>,
}

impl Sgd {
    pub fn new(config: SgdConfig, params: &ParamStore) -> Sgd {
        Sgd {
            config,
            velocity: zeros_like(params),
            started: vec![false; params.len()],
        }
    }
}

impl Optimizer for Sgd {
    fn step(&mut self, params: &mut ParamStore, grads: &Grads) -> Result<(), Error> {
        check_state("Sgd::step", &self.velocity, params)?;
        let c = &self.config;
        for id in params.ids() {
            let Some(grad) = grads.param_data(id) else {
                continue;
            };
            let i = id.index();
            // The first step sets b = g, as PyTorch does; later ones b ← μb + g.
            let mu = if self.started[i] {
                c.momentum as f32
            } else {
                0.0
            };
            self.started[i] = true;
            let (lr, wd) = (c.lr as f32, c.weight_decay as f32);
            let mut theta = params.data_mut(id);
            for ((p, &g), b) in theta.iter_mut().zip(grad).zip(&mut self.velocity[i]) {
                let g = g + wd * *p;
                let step = if c.momentum == 0.0 {
                    g
                } else {
                    *b = mu * *b + g;
                    *b
                };
                *p -= lr * step;
            }
        }
        Ok(())
    }

    fn lr(&self) -> f64 {
        self.config.lr
    }

    fn set_lr(&mut self, lr: f64) {
        self.config.lr = lr;
    }

    fn state(&self) -> OptimizerState {
        OptimizerState::Sgd {
            velocity: self.velocity.clone(),
            started: self.started.clone(),
        }
    }

    fn load_state(&mut self, state: OptimizerState, params: &ParamStore) -> Result<(), Error> {
        let OptimizerState::Sgd { velocity, started } = state else {
            return Err(wrong_kind("SGD", &state));
        };
        check_buffers("Sgd::load_state", &[&velocity], &started, params)?;
        (self.velocity, self.started) = (velocity, started);
        Ok(())
    }
}
