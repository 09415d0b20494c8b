//! Attention through nn::MultiHeadAttention, with the fixture's weights in its parameters.

use gradlab::tensor::{Graph, ParamStore};

use crate::fixtures::*;
use crate::metric::*;
use crate::record::Attrs;
use crate::OP_TOL;

/// The `multi_head_attention` cases again, through the lab's layer instead of primitives. Its
/// projections carry biases, which are set to zero (the reference has none).
#[test]
fn attention_module() {
    use gradlab::nn::MultiHeadAttentionConfig;
    use gradlab::rng::Rng;

    let mut failed = Vec::new();
    for case in ops()["cases"].as_array().unwrap() {
        if case["op"] != "multi_head_attention" {
            continue;
        }
        let name = case["name"].as_str().unwrap();
        let at = Attrs(&case["attrs"]);
        let inputs: Vec<T> = case["inputs"]
            .as_array()
            .unwrap()
            .iter()
            .map(T::from)
            .collect();
        let want_grads = tensors(&case["grads"]);
        let grads64 = case.get("grads_f64").map(tensors);
        let (b, t, d) = (inputs[0].shape[0], inputs[0].shape[1], inputs[0].shape[2]);
        let config = MultiHeadAttentionConfig {
            d_model: d,
            n_heads: at.int("n_heads") as usize,
        };
        let mut params = ParamStore::new();
        let mha = config
            .init("attn", &mut params, &mut Rng::seed(0))
            .expect("init");
        let layers = [&mha.query, &mha.key, &mha.value, &mha.output];
        for (layer, w) in layers.iter().zip(&inputs[1..]) {
            params.set(layer.weight, &w.f32()).expect("weight");
            if let Some(bias) = layer.bias {
                params.set(bias, &vec![0.0; d]).expect("bias");
            }
        }
        let mut g = Graph::new();
        let x = g.input_with_grad(&[b, t, d], &inputs[0].f32());
        let mask = at.bool("causal").then(|| g.causal_mask(t));
        let out = mha.forward(&mut g, &params, x, x, mask).output;
        let want_out = T::from(&case["output"]);
        let mut errs = Vec::new();
        let mut check = |what: &str, got: Vec<f32>, want: &T, w64: Option<&T>| {
            let e = max_rel_err(&got, &want.data);
            let e64 = w64.map_or(f64::INFINITY, |w| max_rel_err(&got, &w.data));
            errs.push(format!("{what} {e:.2e}"));
            if e > OP_TOL && e64 > OP_TOL {
                failed.push(format!("{name}: {what} err {e:.3e}"));
            }
        };
        let got_out: Vec<f32> = g.value(out).expect("value").iter().copied().collect();
        let out64 = case.get("output_f64").map(T::from);
        check("output", got_out, &want_out, out64.as_ref());
        let upstream = T::from(&case["upstream"]).f32();
        let grads = g.backward_with(out, &upstream, &params).expect("backward");
        let gx: Vec<f32> = grads.var(x).expect("dx").iter().copied().collect();
        let w64 = |i: usize| grads64.as_ref().and_then(|g| g[i].as_ref());
        check("grad[0] x", gx, want_grads[0].as_ref().unwrap(), w64(0));
        for (i, layer) in layers.iter().enumerate() {
            let gw = grads.param_data(layer.weight).expect("dW").to_vec();
            check(
                &format!("grad[{}] W", i + 1),
                gw,
                want_grads[i + 1].as_ref().unwrap(),
                w64(i + 1),
            );
        }
        println!("parity attention_module/{name}: [{}]", errs.join(", "));
    }
    assert!(
        failed.is_empty(),
        "attention module differs from PyTorch:\n  {}",
        failed.join("\n  ")
    );
}
