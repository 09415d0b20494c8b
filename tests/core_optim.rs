//! Optimisers step for step against their update rules worked by hand, clipping, and
//! convergence on a quadratic.

use gradlab::error::Error;
use gradlab::optim::{clip_grad_norm, Adam, AdamConfig, Optimizer, Sgd, SgdConfig};
use gradlab::tensor::{Graph, ParamId, ParamStore, Tensor};

/// A vector parameter.
fn vector(values: &[f32]) -> Tensor {
    Tensor::new(&[values.len()], values.to_vec()).unwrap()
}

fn store(values: &[f32]) -> (ParamStore, ParamId) {
    let mut params = ParamStore::new();
    let id = params.add("w", vector(values));
    (params, id)
}

/// One step of `opt` on L = Σ w ⊙ c, whose gradient is exactly c.
fn step_with_gradient(opt: &mut dyn Optimizer, params: &mut ParamStore, id: ParamId, c: &[f32]) {
    let mut g = Graph::new();
    let w = g.param(params, id);
    let c = g.input_from_slice(&[c.len()], c);
    let wc = g.mul(w, c);
    let loss = g.sum_all(wc);
    let grads = g.backward(loss, params).unwrap();
    opt.step(params, &grads).unwrap();
}

fn values(params: &ParamStore, id: ParamId) -> Vec<f32> {
    params.value(id).iter().copied().collect()
}

#[test]
fn adam_matches_its_update_rule_over_two_steps() {
    let (mut params, id) = store(&[1.0, -2.0]);
    let config = AdamConfig {
        lr: 0.1,
        ..AdamConfig::default()
    };
    let mut adam = Adam::new(config, &params);
    let (g1, g2) = ([0.5f64, -3.0], [1.5f64, 2.0]);
    step_with_gradient(&mut adam, &mut params, id, &[0.5, -3.0]);
    step_with_gradient(&mut adam, &mut params, id, &[1.5, 2.0]);
    // In f64: m_t = 0.9·m + 0.1·g, v_t = 0.999·v + 0.001·g², θ −= lr·m̂/(√v̂ + ε) with
    // m̂ = m/(1 − 0.9ᵗ), v̂ = v/(1 − 0.999ᵗ).
    let mut expect = [1.0f64, -2.0];
    let (mut m, mut v) = ([0.0f64; 2], [0.0f64; 2]);
    for (t, g) in [(1, g1), (2, g2)] {
        for i in 0..2 {
            m[i] = 0.9 * m[i] + 0.1 * g[i];
            v[i] = 0.999 * v[i] + 0.001 * g[i] * g[i];
            let m_hat = m[i] / (1.0 - 0.9f64.powi(t));
            let v_hat = v[i] / (1.0 - 0.999f64.powi(t));
            expect[i] -= 0.1 * m_hat / (v_hat.sqrt() + 1e-8);
        }
    }
    for (got, want) in values(&params, id).iter().zip(expect) {
        assert!((f64::from(*got) - want).abs() < 1e-6, "{got} vs {want}");
    }
}

#[test]
fn adamw_decays_weights_directly_while_adam_adds_the_decay_to_the_gradient() {
    let zero = [0.0, 0.0];
    // AdamW with a zero gradient: the moments stay zero, only θ ← θ(1 − lr·λ) acts.
    let (mut params, id) = store(&[1.0, -2.0]);
    let config = AdamConfig {
        lr: 0.1,
        weight_decay: 0.5,
        ..AdamConfig::adamw()
    };
    let mut adamw = Adam::new(config.clone(), &params);
    step_with_gradient(&mut adamw, &mut params, id, &zero);
    assert_eq!(values(&params, id), [0.95, -1.9]);
    // Adam's L2 turns λθ into a gradient, and its first step moves each weight by lr·sign.
    let (mut params, id) = store(&[1.0, -2.0]);
    let l2 = AdamConfig {
        decoupled_weight_decay: false,
        ..config
    };
    let mut adam = Adam::new(l2, &params);
    step_with_gradient(&mut adam, &mut params, id, &zero);
    let got = values(&params, id);
    assert!(
        (got[0] - 0.9).abs() < 1e-6 && (got[1] + 1.9).abs() < 1e-6,
        "{got:?}"
    );
}

#[test]
fn sgd_momentum_starts_from_the_first_gradient() {
    let (mut params, id) = store(&[1.0]);
    let config = SgdConfig {
        lr: 0.1,
        momentum: 0.9,
        weight_decay: 0.0,
    };
    let mut sgd = Sgd::new(config, &params);
    // b₁ = g = 2: θ = 1 − 0.2; b₂ = 0.9·2 + 2 = 3.8: θ = 0.8 − 0.38.
    step_with_gradient(&mut sgd, &mut params, id, &[2.0]);
    step_with_gradient(&mut sgd, &mut params, id, &[2.0]);
    assert!((values(&params, id)[0] - 0.42).abs() < 1e-6);
}

#[test]
fn clipping_scales_the_global_norm_down_to_the_bound() {
    let mut params = ParamStore::new();
    let a = params.add("a", vector(&[0.0]));
    let b = params.add("b", vector(&[0.0]));
    let mut g = Graph::new();
    let (va, vb) = (g.param(&params, a), g.param(&params, b));
    // L = 3a + 4b: ‖∇‖ = 5.
    let (la, lb) = (g.mul_scalar(va, 3.0), g.mul_scalar(vb, 4.0));
    let l = g.add(la, lb);
    let loss = g.sum_all(l);
    let mut grads = g.backward(loss, &params).unwrap();
    assert!((clip_grad_norm(&mut grads, 1.0) - 5.0).abs() < 1e-6);
    let ga = grads.param(a).unwrap()[0];
    let gb = grads.param(b).unwrap()[0];
    assert!(
        (ga - 0.6).abs() < 1e-6 && (gb - 0.8).abs() < 1e-6,
        "{ga} {gb}"
    );
    // Below the bound nothing changes.
    assert!((clip_grad_norm(&mut grads, 10.0) - 1.0).abs() < 1e-5);
    assert!((grads.param(a).unwrap()[0] - 0.6).abs() < 1e-6);
}

/// 500 steps of `opt` on mse(w, target) from w = 0 end within 10⁻² of the target.
fn converges_on_a_quadratic(make: impl Fn(&ParamStore) -> Box<dyn Optimizer>) {
    let target = [3.0f32, -1.0, 0.5];
    let (mut params, id) = store(&[0.0; 3]);
    let mut opt = make(&params);
    let mut g = Graph::new();
    for _ in 0..500 {
        g.reset();
        let w = g.param(&params, id);
        let t = g.input_from_slice(&[3], &target);
        let loss = g.mse(w, t);
        let grads = g.backward(loss, &params).unwrap();
        opt.step(&mut params, &grads).unwrap();
    }
    let w = values(&params, id);
    assert!(
        w.iter().zip(target).all(|(w, t)| (w - t).abs() < 1e-2),
        "{w:?}"
    );
}

#[test]
fn adam_and_sgd_converge_on_a_quadratic() {
    converges_on_a_quadratic(|p| {
        let config = AdamConfig {
            lr: 0.05,
            ..AdamConfig::default()
        };
        Box::new(Adam::new(config, p))
    });
    converges_on_a_quadratic(|p| {
        let config = SgdConfig {
            lr: 0.05,
            momentum: 0.9,
            weight_decay: 0.0,
        };
        Box::new(Sgd::new(config, p))
    });
}

#[test]
fn an_optimiser_made_for_another_store_is_an_error() {
    let (small, _) = store(&[1.0]);
    let (mut params, id) = store(&[1.0, 2.0]);
    let mut adam = Adam::new(AdamConfig::default(), &small);
    let mut g = Graph::new();
    let w = g.param(&params, id);
    let loss = g.sum_all(w);
    let grads = g.backward(loss, &params).unwrap();
    assert!(matches!(
        adam.step(&mut params, &grads),
        Err(Error::ShapeMismatch {
            op: "Adam::step",
            ..
        })
    ));
    let _: &Tensor = grads.param(id).unwrap();
}
