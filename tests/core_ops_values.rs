//! Exact values of ops against hand-worked maths, errors reported as values, and the tape's
//! reuse of its buffers.

use gradlab::error::Error;
use gradlab::kernels::Trans;
use gradlab::rng::Rng;
use gradlab::tensor::{Activation, Graph, ParamId, ParamStore, Tensor, Var};

fn close(a: &[f32], b: &[f32], tol: f32) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| (x - y).abs() <= tol)
}

fn values(g: &Graph, v: Var) -> Vec<f32> {
    g.value(v).unwrap().iter().copied().collect()
}

#[test]
fn matmul_and_its_transposes_match_the_hand_product() {
    let mut g = Graph::new();
    let a = g.input_from_slice(&[2, 2], &[1.0, 2.0, 3.0, 4.0]);
    let b = g.input_from_slice(&[2, 2], &[5.0, 6.0, 7.0, 8.0]);
    // [[1,2],[3,4]]·[[5,6],[7,8]] = [[1·5+2·7, 1·6+2·8], [3·5+4·7, 3·6+4·8]]
    let ab = g.matmul(a, b);
    // Aᵀ·B = [[1,3],[2,4]]·[[5,6],[7,8]] = [[26,30],[38,44]]
    let atb = g.matmul_t(a, b, Trans::T, Trans::N);
    // A·Bᵀ = [[1,2],[3,4]]·[[5,7],[6,8]] = [[17,23],[39,53]]
    let abt = g.matmul_t(a, b, Trans::N, Trans::T);
    assert_eq!(values(&g, ab), [19.0, 22.0, 43.0, 50.0]);
    assert_eq!(values(&g, atb), [26.0, 30.0, 38.0, 44.0]);
    assert_eq!(values(&g, abt), [17.0, 23.0, 39.0, 53.0]);
}

#[test]
fn broadcasting_add_repeats_rows_and_columns() {
    let mut g = Graph::new();
    let col = g.input_from_slice(&[2, 1], &[10.0, 20.0]);
    let row = g.input_from_slice(&[3], &[1.0, 2.0, 3.0]);
    // (2, 1) + (3) → (2, 3): out[i][j] = col[i] + row[j]
    let sum = g.add(col, row);
    assert_eq!(g.shape(sum), &[2, 3]);
    assert_eq!(values(&g, sum), [11.0, 12.0, 13.0, 21.0, 22.0, 23.0]);
}

#[test]
fn softmax_of_log_123_is_one_two_three_sixths() {
    let mut g = Graph::new();
    let x = g.input_from_slice(&[3], &[1f32.ln(), 2f32.ln(), 3f32.ln()]);
    // e^(ln k) = k, so softmax = k / (1 + 2 + 3)
    let p = g.softmax(x, None);
    let lp = g.log_softmax(x, None);
    assert!(close(
        &values(&g, p),
        &[1.0 / 6.0, 2.0 / 6.0, 3.0 / 6.0],
        1e-6
    ));
    let expect: Vec<f32> = [1.0f32, 2.0, 3.0].iter().map(|k| (k / 6.0).ln()).collect();
    assert!(close(&values(&g, lp), &expect, 1e-6));
}

#[test]
fn causal_mask_hides_the_future() {
    let mut g = Graph::new();
    let scores = g.input_from_slice(&[3, 3], &[0.0; 9]);
    let mask = g.causal_mask(3);
    // Row i spreads evenly over keys 0..=i.
    let p = g.softmax(scores, Some(mask));
    let third = 1.0 / 3.0;
    let expect = [1.0, 0.0, 0.0, 0.5, 0.5, 0.0, third, third, third];
    assert!(close(&values(&g, p), &expect, 1e-6));
}

#[test]
fn layer_norm_of_one_two_three_is_plus_minus_root_three_halves() {
    let mut g = Graph::new();
    let x = g.input_from_slice(&[1, 3], &[1.0, 2.0, 3.0]);
    let gamma = g.input_from_slice(&[3], &[1.0, 1.0, 2.0]);
    let beta = g.input_from_slice(&[3], &[0.0, 0.5, 0.0]);
    // μ = 2, σ² = 2/3 (biased), (x − μ)/√(σ² + 10⁻⁵) ≈ ∓1.224736, then ·γ + β
    let y = g.layer_norm(x, gamma, beta, 1e-5);
    let s = 1.0 / (2.0f32 / 3.0 + 1e-5).sqrt();
    assert!(close(&values(&g, y), &[-s, 0.5, 2.0 * s], 1e-6));
}

#[test]
fn gelu_is_the_tanh_approximation_and_gelu_erf_the_exact_form() {
    let mut g = Graph::new();
    let x = g.input_from_slice(&[3], &[-1.0, 0.0, 1.0]);
    let y = g.gelu(x);
    // torch.nn.functional.gelu(torch.tensor([-1., 0., 1.]), approximate="tanh")
    assert!(close(&values(&g, y), &[-0.158_808, 0.0, 0.841_192], 1e-6));
    // torch.nn.functional.gelu(torch.tensor([-3., -1., 1.])): x·Φ(x), exact
    let x = g.input_from_slice(&[3], &[-3.0, -1.0, 1.0]);
    let y = g.gelu_erf(x);
    let expect = [-0.004_049_695, -0.158_655_25, 0.841_344_7];
    let got = values(&g, y);
    assert!(
        got.iter()
            .zip(expect)
            .all(|(g, e)| ((g - e) / e).abs() < 1e-6),
        "{got:?}"
    );
}

#[test]
fn bce_with_logits_is_stable_and_exact() {
    let mut g = Graph::new();
    // Logit 0 against target 1: −ln σ(0) = ln 2. Logit 100 against target 0: 100 + ln(1 + e⁻¹⁰⁰).
    let x = g.input_from_slice(&[2], &[0.0, 100.0]);
    let y = g.input_from_slice(&[2], &[1.0, 0.0]);
    let loss = g.bce_with_logits(x, y);
    assert!((g.scalar(loss) - (2f32.ln() + 100.0) / 2.0).abs() < 1e-5);
}

#[test]
fn cross_entropy_of_uniform_logits_is_log_classes_and_skips_ignored_rows() {
    let mut g = Graph::new();
    let logits = g.input_from_slice(&[3, 4], &[0.0; 12]);
    // Every counted row: −ln(1/4). The ignored row (target 9) adds nothing and is not counted.
    let loss = g.cross_entropy(logits, &[0, 9, 3], Some(9));
    assert!((g.scalar(loss) - 4f32.ln()).abs() < 1e-6);
}

#[test]
fn mse_and_kl_match_their_formulas() {
    let mut g = Graph::new();
    let a = g.input_from_slice(&[2, 2], &[1.0, 2.0, 3.0, 4.0]);
    let b = g.input_from_slice(&[2, 2], &[1.0, 0.0, 3.0, 1.0]);
    // (0 + 4 + 0 + 9)/4
    let mse = g.mse(a, b);
    assert_eq!(g.scalar(mse), 13.0 / 4.0);
    // μ = (1, 0) in row 0, zeros in row 1, logσ² = 0: −½(1 + 0 − 1 − 1)/B = ½/2
    let mu = g.input_from_slice(&[2, 2], &[1.0, 0.0, 0.0, 0.0]);
    let logvar = g.input_from_slice(&[2, 2], &[0.0; 4]);
    let kl = g.kl_std_normal(mu, logvar);
    assert_eq!(g.scalar(kl), 0.25);
}

#[test]
fn sum_mean_max_reduce_the_named_axis() {
    let mut g = Graph::new();
    let x = g.input_from_slice(&[2, 3], &[1.0, 5.0, 3.0, 4.0, 2.0, 6.0]);
    let s0 = g.sum(x, 0, false);
    let m1 = g.mean(x, 1, true);
    let x1 = g.max(x, 1, false);
    assert_eq!(values(&g, s0), [5.0, 7.0, 9.0]);
    assert_eq!(g.shape(m1), &[2, 1]);
    assert_eq!(values(&g, m1), [3.0, 4.0]);
    assert_eq!(values(&g, x1), [5.0, 6.0]);
}

#[test]
fn permute_concat_and_slice_move_the_right_elements() {
    let mut g = Graph::new();
    let x = g.input_from_slice(&[2, 3], &[0.0, 1.0, 2.0, 3.0, 4.0, 5.0]);
    let t = g.transpose(x, 0, 1);
    assert_eq!(values(&g, t), [0.0, 3.0, 1.0, 4.0, 2.0, 5.0]);
    let c = g.concat(&[x, x], 1);
    assert_eq!(
        values(&g, c),
        [0.0, 1.0, 2.0, 0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 3.0, 4.0, 5.0]
    );
    let s = g.slice(x, 1, 1, 2);
    assert_eq!(values(&g, s), [1.0, 2.0, 4.0, 5.0]);
}

#[test]
fn a_shape_error_names_the_op_and_shapes_and_surfaces_at_backward() {
    let params = ParamStore::new();
    let mut g = Graph::new();
    let a = g.input_from_slice(&[2, 3], &[0.0; 6]);
    let b = g.input_from_slice(&[4, 5], &[0.0; 20]);
    let c = g.matmul(a, b);
    // Later ops are skipped, and the first error is the one reported.
    let d = g.relu(c);
    let loss = g.sum_all(d);
    let expected = Error::ShapeMismatch {
        op: "matmul",
        lhs: vec![2, 3],
        rhs: vec![4, 5],
    };
    assert_eq!(g.check(), Err(expected.clone()));
    assert!(g.scalar(loss).is_nan());
    assert_eq!(g.backward(loss, &params).err(), Some(expected));
    // A reset clears the error.
    g.reset();
    assert_eq!(g.check(), Ok(()));
}

#[test]
fn a_variable_from_before_the_reset_is_refused() {
    let mut g = Graph::new();
    let _ = g.input_from_slice(&[1], &[1.0]);
    let late = g.input_from_slice(&[1], &[2.0]);
    g.reset();
    let _ = g.input_from_slice(&[1], &[1.0]);
    let _ = g.exp(late);
    assert!(matches!(
        g.check(),
        Err(Error::UnknownVar {
            index: 1,
            len: 1,
            ..
        })
    ));
}

#[test]
fn bad_indices_and_lengths_are_errors() {
    let mut g = Graph::new();
    let table = g.input_from_slice(&[3, 2], &[0.0; 6]);
    let _ = g.gather_rows(table, &[0, 3], &[2]);
    assert!(matches!(
        g.check(),
        Err(Error::IndexOutOfRange {
            index: 3,
            len: 3,
            ..
        })
    ));
    g.reset();
    let _ = g.input_from_slice(&[2, 2], &[0.0; 3]);
    assert!(matches!(
        g.check(),
        Err(Error::ShapeMismatch { op: "input", .. })
    ));
}

#[test]
fn recording_the_same_ops_again_reuses_every_buffer() {
    let mut g = Graph::new();
    let record = |g: &mut Graph, k: f32| {
        g.reset();
        let x = g.input_from_slice(&[2, 2], &[k; 4]);
        let y = g.exp(x);
        (g.value(y).unwrap().as_ptr(), g.scalar(y))
    };
    let (first, _) = record(&mut g, 0.0);
    let (second, value) = record(&mut g, 1.0);
    assert_eq!(first, second);
    assert_eq!(value, 1f32.exp());
}

/// Heads of a tiny attention over x (2, t, 4): every way a gradient is written. GEMMs that
/// overwrite it (linear, batched matmul), copies (reshape, permute), adds (a weight used twice,
/// a value read by two ops). The gradients of its distance to `target`: w's, b's, then x's.
fn attention_like(
    g: &mut Graph,
    params: &ParamStore,
    ids: [ParamId; 2],
    x: &[f32],
    target: f32,
) -> [Vec<f32>; 3] {
    let t = x.len() / 8;
    g.reset();
    let x = g.input_with_grad(&[2, t, 4], x);
    let (w, b) = (g.param(params, ids[0]), g.param(params, ids[1]));
    let q = g.linear(x, w, Some(b), Activation::Relu);
    let k = g.linear(x, w, None, Activation::Identity);
    let heads = |g: &mut Graph, v: Var| {
        let v = g.reshape(v, &[2, t, 2, 2]);
        g.permute(v, &[0, 2, 1, 3]) // (2, heads, t, 2)
    };
    let (q, k) = (heads(g, q), heads(g, k));
    let scores = g.matmul_t(q, k, Trans::N, Trans::T); // (2, heads, t, t)
    let weights = g.softmax(scores, None);
    let y = g.matmul(weights, q);
    let y = g.add(y, q);
    let target = g.input_from_slice(&[2, 2, t, 2], &vec![target; 8 * t]);
    let loss = g.mse(y, target);
    let grads = g.backward(loss, params).unwrap();
    let param = |id| grads.param_data(id).unwrap().to_vec();
    [
        param(ids[0]),
        param(ids[1]),
        grads.var(x).unwrap().data().to_vec(),
    ]
}

#[test]
fn a_tape_recorded_again_after_nan_and_at_other_lengths_gives_a_fresh_tapes_gradients() {
    // The tape keeps its gradient buffers between steps and zeroes none up front: the first
    // write to each overwrites it or zeroes it. A step of NaN leaves NaN in the buffers, and
    // sequence lengths that change from step to step reuse them at other sizes.
    let mut rng = Rng::seed(7);
    let mut params = ParamStore::new();
    let w = params.add("w", Tensor::from_fn(&[4, 4], |_| rng.normal()).unwrap());
    let b = params.add("b", Tensor::from_fn(&[4], |_| rng.normal()).unwrap());
    let input = |t: usize| -> Vec<f32> { (0..8 * t).map(|i| (i as f32 * 0.37).sin()).collect() };
    let mut reused = Graph::new();
    let nan = attention_like(&mut reused, &params, [w, b], &input(5), f32::NAN);
    assert!(nan.iter().all(|g| g.iter().any(|v| v.is_nan())), "{nan:?}");
    for t in [5, 3, 6, 5] {
        let again = attention_like(&mut reused, &params, [w, b], &input(t), 0.5);
        let fresh = attention_like(&mut Graph::new(), &params, [w, b], &input(t), 0.5);
        assert!(again.iter().flatten().all(|v| v.is_finite()), "length {t}");
        assert_eq!(again, fresh, "length {t}");
    }
}
