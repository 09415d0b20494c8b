//! Adam (Kingma & Ba 2015, "Adam: A Method for Stochastic Optimization", Algorithm 1) and AdamW's
//! decoupled weight decay (Loshchilov & Hutter 2019), step for step as `torch.optim.Adam` and
//! `torch.optim.AdamW` (non-fused, no amsgrad): the same lerp for the first moment and the same
//! order of bias corrections, so losses track PyTorch's to rounding.

use serde::{Deserialize, Serialize};

use super::state::{check_buffers, wrong_kind};
use super::{check_state, zeros_like, Optimizer, OptimizerState};
use crate::error::Error;
use crate::tensor::{Grads, ParamStore};

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct AdamConfig {
    pub lr: f64,
    pub beta1: f64,
    pub beta2: f64,
    pub eps: f64,
    pub weight_decay: f64,
    /// AdamW: decay θ directly (θ ← θ(1 − lr·λ)) instead of adding λθ to the gradient.
    pub decoupled_weight_decay: bool,
}

impl Default for AdamConfig {
    /// `torch.optim.Adam`'s defaults.
    fn default() -> Self {
        AdamConfig {
            lr: 1e-3,
            beta1: 0.9,
            beta2: 0.999,
            eps: 1e-8,
            weight_decay: 0.0,
            decoupled_weight_decay: false,
        }
    }
}

impl AdamConfig {
    /// `torch.optim.AdamW`'s defaults (λ = 10⁻²).
    pub fn adamw() -> AdamConfig {
        AdamConfig {
            weight_decay: 1e-2,
            decoupled_weight_decay: true,
            ..AdamConfig::default()
        }
    }
}

pub struct Adam {
    config: AdamConfig,
    /// First and second moment estimates m, v per parameter.
    m: Vec<Vec<f32>>,
    v: Vec<Vec<f32>>,
    /// Steps taken per parameter, t in the bias corrections.
    t: Vec<u32>,
}

impl Adam {
    pub fn new(config: AdamConfig, params: &ParamStore) -> Adam {
        Adam {
            config,
            m: zeros_like(params),
            v: zeros_like(params),
            t: vec![0; params.len()],
        }
    }

    pub fn config(&self) -> &AdamConfig {
        &self.config
    }
}

impl Optimizer for Adam {
    fn step(&mut self, params: &mut ParamStore, grads: &Grads) -> Result<(), Error> {
        check_state("Adam::step", &self.m, params)?;
        let c = &self.config;
        for id in params.ids() {
            let Some(grad) = grads.param_data(id) else {
                continue;
            };
            let i = id.index();
            self.t[i] += 1;
            // Scalars are formed in f64 and rounded to f32 once, as PyTorch does with Python
            // floats: bias corrections, the step size, and 1 − β (0.1, not 1 − 0.9f32).
            let t = self.t[i] as i32;
            let step_size = (c.lr / (1.0 - c.beta1.powi(t))) as f32;
            let bc2_sqrt = (1.0 - c.beta2.powi(t)).sqrt() as f32;
            let (beta2, one_minus_beta1, one_minus_beta2) = (
                c.beta2 as f32,
                (1.0 - c.beta1) as f32,
                (1.0 - c.beta2) as f32,
            );
            let eps = c.eps as f32;
            let (decay, l2) = if c.decoupled_weight_decay {
                ((1.0 - c.lr * c.weight_decay) as f32, 0.0)
            } else {
                (1.0, c.weight_decay as f32)
            };
            let mut theta = params.data_mut(id);
            let moments = self.m[i].iter_mut().zip(self.v[i].iter_mut());
            for ((p, &g), (m, v)) in theta.iter_mut().zip(grad).zip(moments) {
                *p *= decay;
                let g = g + l2 * *p;
                // m ← m + (1 − β₁)(g − m), v ← β₂v + (1 − β₂)g²
                *m += one_minus_beta1 * (g - *m);
                *v = beta2 * *v + one_minus_beta2 * g * g;
                // θ ← θ − lr/(1 − β₁ᵗ) · m / (√v / √(1 − β₂ᵗ) + ε)
                *p -= step_size * (*m / (v.sqrt() / bc2_sqrt + eps));
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
        OptimizerState::Adam {
            m: self.m.clone(),
            v: self.v.clone(),
            t: self.t.clone(),
        }
    }

    fn load_state(&mut self, state: OptimizerState, params: &ParamStore) -> Result<(), Error> {
        let OptimizerState::Adam { m, v, t } = state else {
            return Err(wrong_kind("Adam", &state));
        };
        check_buffers("Adam::load_state", &[&m, &v], &t, params)?;
        (self.m, self.v, self.t) = (m, v, t);
        Ok(())
    }
}
