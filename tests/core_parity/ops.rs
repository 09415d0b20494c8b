//! One test per op family: every case of ops.json, forward and every gradient, against torch.

use std::collections::BTreeMap;

use gradlab::tensor::{Graph, ParamStore, Var};
use serde_json::Value;

use crate::fixtures::*;
use crate::metric::*;
use crate::record::*;
use crate::OP_TOL;

struct Outcome {
    name: String,
    /// Errors of the output and of each gradient against torch's f32 result.
    errs: Vec<(String, f64)>,
    /// Where the f32 comparison failed but the f64 one passed.
    via_f64: Vec<String>,
    failure: Option<String>,
}

fn run_case(case: &Value) -> Outcome {
    let name = case["name"].as_str().unwrap().to_string();
    let mut outcome = Outcome {
        name: name.clone(),
        errs: Vec::new(),
        via_f64: Vec::new(),
        failure: None,
    };
    let inputs: Vec<T> = case["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .map(T::from)
        .collect();
    let want_grads = tensors(&case["grads"]);
    let upstream = T::from(&case["upstream"]);
    let want_out = T::from(&case["output"]);
    let out64 = case.get("output_f64").map(T::from);
    let grads64 = case.get("grads_f64").map(tensors);

    let mut g = Graph::new();
    let params = ParamStore::new();
    let shapes: Vec<Vec<usize>> = inputs.iter().map(|t| t.shape.clone()).collect();
    let vars: Vec<Var> = inputs
        .iter()
        .zip(&want_grads)
        .map(|(t, wg)| {
            if wg.is_some() {
                g.input_with_grad(&t.shape, &t.f32())
            } else {
                g.input_from_slice(&t.shape, &t.f32())
            }
        })
        .collect();
    let out = match record(&mut g, case, &vars, &shapes) {
        Ok(v) => v,
        Err(gap) => {
            outcome.failure = Some(gap);
            return outcome;
        }
    };
    if let Err(e) = g.check() {
        outcome.failure = Some(format!("engine error: {e}"));
        return outcome;
    }

    let mut failures = Vec::new();
    {
        let value = g.value(out).expect("value");
        if !same_shape(value.shape(), &want_out.shape) {
            outcome.failure = Some(format!(
                "output shape {:?}, torch {:?}",
                value.shape(),
                want_out.shape
            ));
            return outcome;
        }
        let got: Vec<f32> = value.iter().copied().collect();
        judge(
            "output".into(),
            &got,
            &want_out,
            out64.as_ref(),
            &mut outcome,
            &mut failures,
        );
    }

    let grads = match g.backward_with(out, &upstream.f32(), &params) {
        Ok(gr) => gr,
        Err(e) => {
            outcome.failure = Some(format!("backward: {e}"));
            return outcome;
        }
    };
    for (i, (v, want)) in vars.iter().zip(&want_grads).enumerate() {
        let Some(want) = want else { continue };
        let what = format!("grad[{i}]");
        let Some(got) = grads.var(*v) else {
            failures.push(format!("{what}: the engine gives no gradient"));
            continue;
        };
        if got.shape() != want.shape.as_slice() {
            failures.push(format!(
                "{what} shape {:?}, torch {:?}",
                got.shape(),
                want.shape
            ));
            continue;
        }
        let got: Vec<f32> = got.iter().copied().collect();
        let w64 = grads64.as_ref().and_then(|g| g[i].as_ref());
        judge(what, &got, want, w64, &mut outcome, &mut failures);
    }
    if !failures.is_empty() {
        outcome.failure = Some(failures.join("; "));
    }
    outcome
}

/// Compares against torch's f32 result, or failing that its f64 one where stored.
fn judge(
    what: String,
    got: &[f32],
    want: &T,
    want64: Option<&T>,
    o: &mut Outcome,
    failures: &mut Vec<String>,
) {
    let err = max_rel_err(got, &want.data);
    o.errs.push((what.clone(), err));
    if err <= OP_TOL {
        return;
    }
    if let Some(w64) = want64 {
        let e64 = max_rel_err(got, &w64.data);
        if e64 <= OP_TOL {
            o.via_f64
                .push(format!("{what} ({err:.2e} vs f32, {e64:.2e} vs f64)"));
            return;
        }
    }
    failures.push(format!("{what} err {err:.3e}"));
}

/// The op families, one test each. A case belongs to the first family whose filter takes it.
type Filter = fn(&str, &str) -> bool;
const FAMILIES: &[(&str, Filter)] = &[
    ("matmul", |op, _| op == "matmul"),
    ("broadcast_binary", |op, _| {
        matches!(op, "add" | "sub" | "mul" | "div")
    }),
    ("scalar", |op, _| matches!(op, "add_scalar" | "mul_scalar")),
    ("unary", |op, _| {
        matches!(op, "neg" | "exp" | "log" | "sqrt" | "pow" | "clamp")
    }),
    ("reduce", |op, _| matches!(op, "sum" | "mean" | "max")),
    ("shape", |op, _| {
        matches!(
            op,
            "reshape" | "permute" | "transpose" | "concat" | "narrow"
        )
    }),
    ("gather", |op, _| matches!(op, "index_select" | "embedding")),
    ("activation", |op, _| {
        matches!(op, "relu" | "sigmoid" | "tanh")
    }),
    ("gelu_tanh", |_, n| n == "gelu_tanh"),
    ("gelu_erf", |_, n| n == "gelu_none"),
    ("softmax", |op, _| matches!(op, "softmax" | "log_softmax")),
    ("layer_norm", |op, _| op == "layer_norm"),
    ("losses", |op, _| {
        matches!(
            op,
            "mse_loss" | "binary_cross_entropy_with_logits" | "cross_entropy"
        )
    }),
    ("kl", |op, _| op == "kl_diag_gaussian"),
    ("reparameterize", |op, _| op == "reparameterize"),
    ("linear", |op, _| matches!(op, "linear" | "linear_relu")),
    ("attention", |op, _| op == "multi_head_attention"),
];

fn family_of(case: &Value) -> Option<&'static str> {
    let op = case["op"].as_str().unwrap();
    let name = case["name"].as_str().unwrap();
    FAMILIES
        .iter()
        .find(|(_, f)| f(op, name))
        .map(|(fam, _)| *fam)
}

fn check_family(family: &str) {
    let cases: Vec<&Value> = ops()["cases"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| family_of(c) == Some(family))
        .collect();
    assert!(!cases.is_empty(), "no cases for {family}");
    let mut failed = Vec::new();
    for case in cases {
        let o = run_case(case);
        let errs: Vec<String> = o.errs.iter().map(|(w, e)| format!("{w} {e:.2e}")).collect();
        let worst = o.errs.iter().map(|e| e.1).fold(0.0f64, f64::max);
        println!(
            "parity {family}/{}: max rel err {worst:.2e} [{}]{}{}",
            o.name,
            errs.join(", "),
            if o.via_f64.is_empty() {
                String::new()
            } else {
                format!(" passed against f64: {}", o.via_f64.join(", "))
            },
            o.failure
                .as_ref()
                .map_or(String::new(), |f| format!(" FAIL: {f}")),
        );
        if let Some(f) = o.failure {
            failed.push(format!("{}: {f}", o.name));
        }
    }
    assert!(
        failed.is_empty(),
        "{family}: {} case(s) differ from PyTorch:\n  {}",
        failed.len(),
        failed.join("\n  ")
    );
}

macro_rules! family_tests {
    ($($name:ident),* $(,)?) => {
        $(
            #[test]
            fn $name() {
                check_family(stringify!($name));
            }
        )*
    };
}

family_tests!(
    matmul,
    broadcast_binary,
    scalar,
    unary,
    reduce,
    shape,
    gather,
    activation,
    gelu_tanh,
    gelu_erf,
    softmax,
    layer_norm,
    losses,
    kl,
    reparameterize,
    linear,
    attention,
);

#[test]
fn every_op_case_is_tested() {
    let mut count: BTreeMap<&str, usize> = BTreeMap::new();
    for case in ops()["cases"].as_array().unwrap() {
        let fam =
            family_of(case).unwrap_or_else(|| panic!("case {} belongs to no test", case["name"]));
        *count.entry(fam).or_default() += 1;
    }
    assert_eq!(
        count.len(),
        FAMILIES.len(),
        "a family without cases: {count:?}"
    );
}
