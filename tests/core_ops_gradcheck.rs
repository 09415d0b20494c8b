//! Every op of the tape against central finite differences (see `tensor::gradcheck` for the
//! step and tolerances), on seeded random shapes, including broadcasting and masks.

use gradlab::kernels::Trans;
use gradlab::rng::Rng;
use gradlab::tensor::gradcheck::GradCheck;
use gradlab::tensor::{Graph, ParamStore, Tensor, Var};

fn randn(rng: &mut Rng, shape: &[usize]) -> Tensor {
    Tensor::from_fn(shape, |_| rng.normal()).unwrap()
}

/// Random values kept at least `gap` away from zero: for ops with a kink there (ReLU, |x|).
fn randn_away_from_zero(rng: &mut Rng, shape: &[usize], gap: f32) -> Tensor {
    randn(rng, shape).map(|x| x + gap.copysign(x))
}

fn check(inputs: Vec<Tensor>, f: impl Fn(&mut Graph, &ParamStore, &[Var]) -> Var) {
    let mut params = ParamStore::new();
    if let Err(e) = GradCheck::default().run(&mut params, &inputs, f) {
        panic!("{e}");
    }
}

#[test]
fn should_diff_matmul_2d() {
    let mut rng = Rng::seed(1);
    let (a, b) = (randn(&mut rng, &[3, 4]), randn(&mut rng, &[4, 5]));
    check(vec![a, b], |g, _, x| g.matmul(x[0], x[1]));
}

#[test]
fn should_diff_matmul_with_every_transpose_flag() {
    let mut rng = Rng::seed(2);
    let (m, k, n) = (3, 4, 5);
    for (ta, tb) in [
        (Trans::N, Trans::N),
        (Trans::N, Trans::T),
        (Trans::T, Trans::N),
        (Trans::T, Trans::T),
    ] {
        let a_shape = if ta == Trans::N { [m, k] } else { [k, m] };
        let b_shape = if tb == Trans::N { [k, n] } else { [n, k] };
        let (a, b) = (randn(&mut rng, &a_shape), randn(&mut rng, &b_shape));
        check(vec![a, b], move |g, _, x| g.matmul_t(x[0], x[1], ta, tb));
    }
}

#[test]
fn should_diff_batched_matmul_3d_and_4d() {
    let mut rng = Rng::seed(3);
    let (a, b) = (randn(&mut rng, &[2, 3, 4]), randn(&mut rng, &[2, 4, 5]));
    check(vec![a, b], |g, _, x| g.matmul(x[0], x[1]));
    // q·kᵀ per (batch, head): (2, 2, 3, 4)·(2, 2, 5, 4)ᵀ → (2, 2, 3, 5)
    let (q, k) = (
        randn(&mut rng, &[2, 2, 3, 4]),
        randn(&mut rng, &[2, 2, 5, 4]),
    );
    check(vec![q, k], |g, _, x| {
        g.matmul_t(x[0], x[1], Trans::N, Trans::T)
    });
    let (a, b) = (randn(&mut rng, &[2, 4, 3]), randn(&mut rng, &[2, 5, 4]));
    check(vec![a, b], |g, _, x| {
        g.matmul_t(x[0], x[1], Trans::T, Trans::T)
    });
}

#[test]
fn should_diff_matmul_of_3d_by_2d_as_one_product() {
    let mut rng = Rng::seed(4);
    let (a, b) = (randn(&mut rng, &[2, 3, 4]), randn(&mut rng, &[4, 5]));
    check(vec![a, b], |g, _, x| g.matmul(x[0], x[1]));
}

#[test]
fn should_diff_fused_linear_with_each_activation() {
    use gradlab::tensor::Activation::*;
    for (seed, act) in [Identity, Relu, Gelu, GeluErf, Sigmoid, Tanh]
        .into_iter()
        .enumerate()
    {
        let mut rng = Rng::seed(10 + seed as u64);
        let x = randn(&mut rng, &[2, 3, 4]);
        let (w, b) = (randn(&mut rng, &[4, 5]), randn(&mut rng, &[5]));
        check(vec![x, w, b], move |g, _, v| {
            g.linear(v[0], v[1], Some(v[2]), act)
        });
    }
    let mut rng = Rng::seed(20);
    let (x, w) = (randn(&mut rng, &[3, 4]), randn(&mut rng, &[4, 2]));
    check(vec![x, w], |g, _, v| g.linear(v[0], v[1], None, Relu));
}

#[test]
fn should_diff_arithmetic_with_broadcasting() {
    let mut rng = Rng::seed(5);
    let shapes: [(&[usize], &[usize]); 4] = [
        (&[2, 3, 4], &[2, 3, 4]),
        (&[2, 3, 4], &[3, 1]),
        (&[4], &[2, 1, 4]),
        (&[2, 1], &[]),
    ];
    for (sa, sb) in shapes {
        let a = randn(&mut rng, sa);
        // Denominators kept away from zero.
        let b = randn(&mut rng, sb).map(|x| 1.5 + x.abs());
        check(vec![a.clone(), b.clone()], |g, _, x| g.add(x[0], x[1]));
        check(vec![a.clone(), b.clone()], |g, _, x| g.sub(x[0], x[1]));
        check(vec![a.clone(), b.clone()], |g, _, x| g.mul(x[0], x[1]));
        check(vec![a, b], |g, _, x| g.div(x[0], x[1]));
    }
}

#[test]
fn should_diff_an_op_whose_operands_are_the_same_variable() {
    let mut rng = Rng::seed(6);
    check(vec![randn(&mut rng, &[3, 2])], |g, _, x| g.mul(x[0], x[0]));
}

#[test]
fn should_diff_unary_and_scalar_ops() {
    let mut rng = Rng::seed(7);
    let x = randn(&mut rng, &[2, 5]);
    let positive = x.map(|v| 0.5 + v.abs());
    check(vec![x.clone()], |g, _, v| g.neg(v[0]));
    check(vec![x.clone()], |g, _, v| g.exp(v[0]));
    check(vec![positive.clone()], |g, _, v| g.log(v[0]));
    check(vec![positive.clone()], |g, _, v| g.sqrt(v[0]));
    check(vec![positive.clone()], |g, _, v| g.pow(v[0], 2.5));
    check(vec![x.clone()], |g, _, v| g.pow(v[0], 3.0));
    check(vec![x.clone()], |g, _, v| g.add_scalar(v[0], -1.5));
    check(vec![x.clone()], |g, _, v| g.mul_scalar(v[0], 0.3));
    // Bounds at ±0.5 with values kept 0.1 away from them.
    let clear = x.map(|v| {
        if (v.abs() - 0.5).abs() < 0.1 {
            v * 2.0
        } else {
            v
        }
    });
    check(vec![clear], |g, _, v| g.clamp(v[0], -0.5, 0.5));
}

#[test]
fn should_diff_activations() {
    let mut rng = Rng::seed(8);
    let x = randn(&mut rng, &[3, 4]);
    check(
        vec![randn_away_from_zero(&mut rng, &[3, 4], 0.05)],
        |g, _, v| g.relu(v[0]),
    );
    check(vec![x.clone()], |g, _, v| g.gelu(v[0]));
    check(vec![x.clone()], |g, _, v| g.gelu_erf(v[0]));
    check(vec![x.clone()], |g, _, v| g.sigmoid(v[0]));
    check(vec![x], |g, _, v| g.tanh(v[0]));
}

#[test]
fn should_diff_sum_mean_max_over_each_axis() {
    let mut rng = Rng::seed(9);
    let x = randn(&mut rng, &[2, 3, 4]);
    for axis in 0..3 {
        for keepdim in [false, true] {
            check(vec![x.clone()], move |g, _, v| g.sum(v[0], axis, keepdim));
            check(vec![x.clone()], move |g, _, v| g.mean(v[0], axis, keepdim));
            check(vec![x.clone()], move |g, _, v| g.max(v[0], axis, keepdim));
        }
    }
    check(vec![x.clone()], |g, _, v| g.sum_all(v[0]));
    check(vec![x], |g, _, v| g.mean_all(v[0]));
}

#[test]
fn should_diff_reshape_permute_transpose() {
    let mut rng = Rng::seed(11);
    let x = randn(&mut rng, &[2, 3, 4]);
    check(vec![x.clone()], |g, _, v| g.reshape(v[0], &[4, 6]));
    check(vec![x.clone()], |g, _, v| g.permute(v[0], &[2, 0, 1]));
    check(vec![x], |g, _, v| g.transpose(v[0], 0, 2));
}

#[test]
fn should_diff_concat_slice_split() {
    let mut rng = Rng::seed(12);
    let (a, b) = (randn(&mut rng, &[2, 3, 2]), randn(&mut rng, &[2, 1, 2]));
    check(vec![a.clone(), b], |g, _, v| {
        g.concat(&[v[0], v[1], v[0]], 1)
    });
    check(vec![a.clone()], |g, _, v| g.slice(v[0], 1, 1, 2));
    check(vec![a], |g, _, v| {
        let parts = g.split_axis(v[0], 2, &[1, 1]);
        // Different weights on the two halves, so a swapped gradient would show.
        let second = g.mul_scalar(parts[1], 3.0);
        g.concat(&[second, parts[0]], 0)
    });
}

#[test]
fn should_diff_gather_rows_with_repeated_ids() {
    let mut rng = Rng::seed(13);
    let table = randn(&mut rng, &[5, 3]);
    check(vec![table], |g, _, v| {
        g.gather_rows(v[0], &[4, 0, 4, 2], &[2, 2])
    });
}

#[test]
fn should_diff_softmax_and_log_softmax_with_and_without_masks() {
    let mut rng = Rng::seed(14);
    let x = randn(&mut rng, &[2, 3, 4]);
    check(vec![x.clone()], |g, _, v| g.softmax(v[0], None));
    check(vec![x], |g, _, v| g.log_softmax(v[0], None));
    // Causal: (2, 4, 4) scores with a (4, 4) mask broadcast over the batch.
    let scores = randn(&mut rng, &[2, 4, 4]);
    check(vec![scores.clone()], |g, _, v| {
        let mask = g.causal_mask(4);
        g.softmax(v[0], Some(mask))
    });
    // log-softmax is −∞ where masked, which no finite difference can take: a finite additive
    // mask (0 or −3 per key, broadcast over batch and queries) checks the masked path instead.
    check(vec![scores], |g, _, v| {
        let mask = g.input_from_slice(&[4], &[0.0, -3.0, 0.0, -3.0]);
        g.log_softmax(v[0], Some(mask))
    });
    // Padding: (B, heads, Tq, Tk) with (B, 1, 1, Tk).
    let scores = randn(&mut rng, &[2, 2, 3, 4]);
    check(vec![scores], |g, _, v| {
        let mask = g.padding_mask(&[4, 2], 4);
        g.softmax(v[0], Some(mask))
    });
}

#[test]
fn should_diff_layer_norm() {
    let mut rng = Rng::seed(15);
    let x = randn(&mut rng, &[2, 3, 5]);
    let (gamma, beta) = (randn(&mut rng, &[5]), randn(&mut rng, &[5]));
    check(vec![x, gamma, beta], |g, _, v| {
        g.layer_norm(v[0], v[1], v[2], 1e-5)
    });
}

#[test]
fn should_diff_dropout_with_a_fixed_mask() {
    let mut rng = Rng::seed(16);
    check(vec![randn(&mut rng, &[4, 5])], |g, _, v| {
        g.dropout(v[0], 0.3, &mut Rng::seed(99))
    });
}

#[test]
fn should_diff_losses() {
    let mut rng = Rng::seed(17);
    let (a, b) = (randn(&mut rng, &[3, 4]), randn(&mut rng, &[3, 4]));
    check(vec![a.clone(), b], |g, _, v| g.mse(v[0], v[1]));
    let targets = randn(&mut rng, &[3, 4]).map(|x| 1.0 / (1.0 + (-x).exp()));
    check(vec![a.clone(), targets], |g, _, v| {
        g.bce_with_logits(v[0], v[1])
    });
    // Row 1's target is the ignore index: it must get no gradient and not count in the mean.
    check(vec![a], |g, _, v| {
        g.cross_entropy(v[0], &[2, 7, 0], Some(7))
    });
    let logits = randn(&mut rng, &[2, 2, 3]);
    check(vec![logits], |g, _, v| {
        g.cross_entropy(v[0], &[0, 1, 2, 1], None)
    });
}

#[test]
fn should_diff_kl_and_reparameterization() {
    let mut rng = Rng::seed(18);
    let (mu, logvar) = (randn(&mut rng, &[3, 2]), randn(&mut rng, &[3, 2]));
    check(vec![mu.clone(), logvar.clone()], |g, _, v| {
        g.kl_std_normal(v[0], v[1])
    });
    check(vec![mu.clone(), logvar.clone()], |g, _, v| {
        g.reparameterize(v[0], v[1], &mut Rng::seed(5))
    });
    check(vec![mu, logvar], |g, _, v| {
        g.reparameterize_with_noise(v[0], v[1], &[0.3, -1.2, 0.8, 0.1, -0.4, 2.0])
    });
}

#[test]
fn should_diff_a_composite_with_parameters() {
    // An input to a parameter-weighted expression, so parameter gradients are checked too.
    let mut rng = Rng::seed(19);
    let mut params = ParamStore::new();
    let w = params.add("w", randn(&mut rng, &[4, 3]));
    let s = params.add("s", randn(&mut rng, &[3]));
    let x = randn(&mut rng, &[2, 4]);
    let result = GradCheck::default().run(&mut params, &[x], |g, p, v| {
        let (w, s) = (g.param(p, w), g.param(p, s));
        let h = g.matmul(v[0], w);
        let h = g.tanh(h);
        let h = g.mul(h, s);
        g.mean(h, 1, false)
    });
    if let Err(e) = result {
        panic!("{e}");
    }
}
