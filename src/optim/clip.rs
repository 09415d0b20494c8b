//! Gradient clipping by global norm (Pascanu, Mikolov & Bengio 2013, "On the difficulty of
//! training recurrent neural networks"), as `torch.nn.utils.clip_grad_norm_`.

use crate::tensor::Grads;

/// Scales all parameter gradients by max_norm/(‖g‖ + 10⁻⁶) when that is below one, so their
/// joint L2 norm is at most `max_norm`. Returns the norm before clipping.
pub fn clip_grad_norm(grads: &mut Grads, max_norm: f32) -> f32 {
    let norm = grads.global_norm();
    let factor = max_norm / (norm + 1e-6);
    if factor < 1.0 {
        grads.scale(factor);
    }
    norm
}
