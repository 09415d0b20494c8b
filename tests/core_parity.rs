//! Parity with PyTorch: the engine against the reference fixtures in `tests/pytorch/` (their
//! schema, error metric and tolerances are in `tests/pytorch/README.md`; the fixtures are made
//! by hand with `tests/pytorch/make_fixtures.py`).
//!
//! Every op case of `ops.json` belongs to one test below (one test per op family), so a missing
//! or wrong op shows as its own failing test, with the per-case errors in the panic message.
//! Run `cargo test --test core_parity -- --nocapture` to see the error of every case.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::OnceLock;

use gradlab::kernels::Trans;
use gradlab::tensor::{Activation, Graph, ParamStore, Tensor, Var};
use serde_json::Value;

/// Per op: output and every gradient.
const OP_TOL: f64 = 1e-5;
/// The seed autoencoder's 51 losses.
const TRAJECTORY_TOL: f64 = 1e-4;
/// Elements smaller than this fraction of the tensor's largest are judged against that floor.
const FLOOR: f64 = 1e-2;

// ---------------------------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------------------------

fn load(name: &str) -> Value {
    let path: PathBuf = [env!("CARGO_MANIFEST_DIR"), "tests", "pytorch", name]
        .iter()
        .collect();
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let v: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(v["schema_version"], 1, "{name}: unknown schema version");
    v
}

fn ops() -> &'static Value {
    static OPS: OnceLock<Value> = OnceLock::new();
    OPS.get_or_init(|| load("ops.json"))
}

fn optim() -> &'static Value {
    static OPTIM: OnceLock<Value> = OnceLock::new();
    OPTIM.get_or_init(|| load("optim.json"))
}

fn seed_ae() -> &'static Value {
    static AE: OnceLock<Value> = OnceLock::new();
    AE.get_or_init(|| load("seed_ae.json"))
}

/// A number, or one of the strings "inf", "-inf", "nan" that stand for the non-finite ones.
fn number(v: &Value) -> f64 {
    match v {
        Value::Number(n) => n.as_f64().expect("number"),
        Value::String(s) => match s.as_str() {
            "inf" => f64::INFINITY,
            "-inf" => f64::NEG_INFINITY,
            "nan" => f64::NAN,
            other => panic!("not a number: {other}"),
        },
        other => panic!("not a number: {other}"),
    }
}

fn numbers(v: &Value) -> Vec<f64> {
    v.as_array().expect("array").iter().map(number).collect()
}

fn usizes(v: &Value) -> Vec<usize> {
    v.as_array()
        .expect("array")
        .iter()
        .map(|x| x.as_u64().expect("non-negative integer") as usize)
        .collect()
}

/// A fixture tensor: shape and row-major data (f64 holds every f32 exactly).
#[derive(Clone, Debug)]
struct T {
    shape: Vec<usize>,
    data: Vec<f64>,
}

impl T {
    fn from(v: &Value) -> T {
        let t = T {
            shape: usizes(&v["shape"]),
            data: numbers(&v["data"]),
        };
        assert_eq!(
            t.shape.iter().product::<usize>(),
            t.data.len(),
            "tensor size"
        );
        t
    }

    fn f32(&self) -> Vec<f32> {
        self.data.iter().map(|&x| x as f32).collect()
    }
}

fn tensors(v: &Value) -> Vec<Option<T>> {
    v.as_array()
        .expect("array")
        .iter()
        .map(|x| (!x.is_null()).then(|| T::from(x)))
        .collect()
}

// ---------------------------------------------------------------------------------------------
// The error metric (the same as make_fixtures.py's max_rel_err)
// ---------------------------------------------------------------------------------------------

/// max_i |got_i − want_i| / max(|want_i|, FLOOR · max_j |want_j|); non-finite entries must
/// match exactly (else the error is infinite).
fn max_rel_err(got: &[f32], want: &[f64]) -> f64 {
    if got.len() != want.len() {
        return f64::INFINITY;
    }
    let scale = want
        .iter()
        .filter(|w| w.is_finite())
        .fold(0.0f64, |m, w| m.max(w.abs()))
        * FLOOR;
    let mut err = 0.0f64;
    for (&g, &w) in got.iter().zip(want) {
        let g = f64::from(g);
        if !w.is_finite() || !g.is_finite() {
            let same = (w.is_nan() && g.is_nan()) || g == w;
            if !same {
                return f64::INFINITY;
            }
            continue;
        }
        err = err.max((g - w).abs() / w.abs().max(scale).max(1e-30));
    }
    err
}

fn same_shape(got: &[usize], want: &[usize]) -> bool {
    // A 0-d torch scalar may come out of the engine as shape [] or [1].
    got == want || (want.is_empty() && got.iter().product::<usize>() == 1)
}

// ---------------------------------------------------------------------------------------------
// Op cases
// ---------------------------------------------------------------------------------------------

/// The attrs of a case, with helpers.
struct Attrs<'a>(&'a Value);

impl Attrs<'_> {
    fn f32(&self, k: &str) -> f32 {
        number(&self.0[k]) as f32
    }
    fn bool(&self, k: &str) -> bool {
        self.0[k].as_bool().unwrap_or_else(|| panic!("attr {k}"))
    }
    fn int(&self, k: &str) -> i64 {
        self.0[k].as_i64().unwrap_or_else(|| panic!("attr {k}"))
    }
    fn str(&self, k: &str) -> &str {
        self.0[k].as_str().unwrap_or_else(|| panic!("attr {k}"))
    }
    /// A possibly negative axis against `rank`.
    fn axis(&self, k: &str, rank: usize) -> usize {
        let a = self.int(k);
        if a < 0 {
            (rank as i64 + a) as usize
        } else {
            a as usize
        }
    }
}

/// What the engine cannot express: the case fails with this message.
type Gap = String;

/// Records the op of a case on `g` from its inputs; `Err` names an engine gap.
fn record(g: &mut Graph, case: &Value, x: &[Var], shapes: &[Vec<usize>]) -> Result<Var, Gap> {
    let op = case["op"].as_str().unwrap();
    let at = Attrs(&case["attrs"]);
    let rank0 = shapes.first().map_or(0, Vec::len);
    let trans = |t: bool| if t { Trans::T } else { Trans::N };
    Ok(match op {
        "matmul" => g.matmul_t(
            x[0],
            x[1],
            trans(at.bool("transpose_a")),
            trans(at.bool("transpose_b")),
        ),
        "add" => g.add(x[0], x[1]),
        "sub" => g.sub(x[0], x[1]),
        "mul" => g.mul(x[0], x[1]),
        "div" => g.div(x[0], x[1]),
        "add_scalar" => g.add_scalar(x[0], at.f32("scalar")),
        "mul_scalar" => g.mul_scalar(x[0], at.f32("scalar")),
        "neg" => g.neg(x[0]),
        "exp" => g.exp(x[0]),
        "log" => g.log(x[0]),
        "sqrt" => g.sqrt(x[0]),
        "pow" => g.pow(x[0], at.f32("exponent")),
        "clamp" => g.clamp(x[0], at.f32("min"), at.f32("max")),
        "sum" | "mean" | "max" => {
            if case["attrs"]["dim"].is_null() {
                match op {
                    "sum" => g.sum_all(x[0]),
                    "mean" => g.mean_all(x[0]),
                    _ => return Err("no max over every element".into()),
                }
            } else {
                let axis = at.axis("dim", rank0);
                let keep = at.bool("keepdim");
                match op {
                    "sum" => g.sum(x[0], axis, keep),
                    "mean" => g.mean(x[0], axis, keep),
                    _ => g.max(x[0], axis, keep),
                }
            }
        }
        "reshape" => g.reshape(x[0], &usizes(&case["attrs"]["shape"])),
        "permute" => g.permute(x[0], &usizes(&case["attrs"]["dims"])),
        "transpose" => g.transpose(x[0], at.axis("dim0", rank0), at.axis("dim1", rank0)),
        "concat" => g.concat(x, at.axis("dim", rank0)),
        "narrow" => g.slice(
            x[0],
            at.axis("dim", rank0),
            at.int("start") as usize,
            at.int("length") as usize,
        ),
        "index_select" => {
            assert_eq!(at.int("dim"), 0);
            let ids = usizes(&case["attrs"]["indices"]);
            g.gather_rows(x[0], &ids, &[ids.len()])
        }
        "embedding" => {
            let rows: Vec<Vec<usize>> = case["attrs"]["indices"]
                .as_array()
                .unwrap()
                .iter()
                .map(usizes)
                .collect();
            let ids: Vec<usize> = rows.concat();
            g.gather_rows(x[0], &ids, &[rows.len(), rows[0].len()])
        }
        "relu" => g.relu(x[0]),
        "sigmoid" => g.sigmoid(x[0]),
        "tanh" => g.tanh(x[0]),
        "gelu" => match at.str("approximate") {
            "tanh" => g.gelu(x[0]),
            "none" => g.gelu_erf(x[0]),
            other => return Err(format!("engine gap: GELU approximate=\"{other}\"")),
        },
        "softmax" | "log_softmax" => {
            assert_eq!(
                at.int("dim"),
                -1,
                "the engine normalises over the last axis"
            );
            let mask = x.get(1).copied();
            if let Some(name) = case["attrs"]["mask"].as_str() {
                check_engine_mask(g, name, &T::from(&case["inputs"][1]))?;
            }
            if op == "softmax" {
                g.softmax(x[0], mask)
            } else {
                g.log_softmax(x[0], mask)
            }
        }
        "layer_norm" => g.layer_norm(x[0], x[1], x[2], at.f32("eps")),
        "mse_loss" => g.mse(x[0], x[1]),
        "binary_cross_entropy_with_logits" => g.bce_with_logits(x[0], x[1]),
        "cross_entropy" => {
            let ignore = at.int("ignore_index");
            // Targets are usize in the engine: torch's -100 becomes a class id no row can have.
            let sentinel = usize::MAX;
            let targets: Vec<usize> = case["attrs"]["targets"]
                .as_array()
                .unwrap()
                .iter()
                .map(|t| {
                    let t = t.as_i64().unwrap();
                    if t == ignore {
                        sentinel
                    } else {
                        t as usize
                    }
                })
                .collect();
            g.cross_entropy(x[0], &targets, Some(sentinel))
        }
        "kl_diag_gaussian" => g.kl_std_normal(x[0], x[1]),
        "reparameterize" => {
            // ε is the third input, a constant: the same noise torch used.
            let eps: Vec<f32> = case["inputs"][2]["data"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_f64().unwrap() as f32)
                .collect();
            g.reparameterize_with_noise(x[0], x[1], &eps)
        }
        "linear" => g.linear(x[0], x[1], Some(x[2]), Activation::Identity),
        "linear_relu" => g.linear(x[0], x[1], Some(x[2]), Activation::Relu),
        "multi_head_attention" => attention_from_primitives(g, &at, x, shapes),
        other => return Err(format!("engine gap: no op for \"{other}\"")),
    })
}

/// The masks the engine builds itself must equal the fixture's (exactly: 0 or −∞).
fn check_engine_mask(g: &mut Graph, name: &str, want: &T) -> Result<(), Gap> {
    let t = *want.shape.last().unwrap();
    let m = match name {
        "causal" => g.causal_mask(t),
        // batch 0 has 4 real keys, batch 1 has 3 (make_fixtures.py)
        "padding" => g.padding_mask(&[4, 3], t),
        "causal_padding" => {
            let c = g.causal_mask(t);
            let p = g.padding_mask(&[4, 3], t);
            g.add(p, c)
        }
        other => return Err(format!("unknown mask {other}")),
    };
    let got = g.value(m).map_err(|e| format!("{name} mask: {e}"))?;
    if got.shape() != want.shape.as_slice() || max_rel_err(got.data(), &want.data) != 0.0 {
        return Err(format!(
            "engine's {name} mask {:?} differs from the fixture's {:?}",
            got.shape(),
            want.shape
        ));
    }
    Ok(())
}

/// Multi-head self-attention from the engine's primitives, with the fixture's layout: W_q, W_k,
/// W_v, W_o each (D, D) stored (in, out); head h owns feature columns [h·dh, (h+1)·dh).
fn attention_from_primitives(g: &mut Graph, at: &Attrs, x: &[Var], shapes: &[Vec<usize>]) -> Var {
    let (b, t, d) = (shapes[0][0], shapes[0][1], shapes[0][2]);
    let h = at.int("n_heads") as usize;
    let dh = d / h;
    let split = |g: &mut Graph, v: Var| {
        let r = g.reshape(v, &[b, t, h, dh]);
        g.permute(r, &[0, 2, 1, 3])
    };
    let q = g.matmul(x[0], x[1]);
    let k = g.matmul(x[0], x[2]);
    let v = g.matmul(x[0], x[3]);
    let (q, k, v) = (split(g, q), split(g, k), split(g, v));
    let s = g.matmul_t(q, k, Trans::N, Trans::T);
    let s = g.mul_scalar(s, 1.0 / (dh as f32).sqrt());
    let mask = at.bool("causal").then(|| g.causal_mask(t));
    let a = g.softmax(s, mask);
    let o = g.matmul(a, v);
    let o = g.permute(o, &[0, 2, 1, 3]);
    let o = g.reshape(o, &[b, t, d]);
    g.matmul(o, x[4])
}

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

// ---------------------------------------------------------------------------------------------
// Attention through nn::MultiHeadAttention, with the fixture's weights in its parameters
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// Optimisers, clipping, schedule
// ---------------------------------------------------------------------------------------------

/// A graph whose gradient for each parameter is exactly `grads[i]`: L = Σ_i Σ p_i·1 seeded with
/// the concatenated gradients.
fn seed_grads<'g>(
    g: &'g mut Graph,
    params: &ParamStore,
    ids: &[gradlab::tensor::ParamId],
    grads: &[Vec<f32>],
) -> gradlab::tensor::Grads<'g> {
    g.reset();
    let flat: Vec<Var> = ids
        .iter()
        .map(|&id| {
            let p = g.param(params, id);
            let n = params.value(id).len();
            g.reshape(p, &[n])
        })
        .collect();
    let all = g.concat(&flat, 0);
    let out = g.mul_scalar(all, 1.0);
    let seed: Vec<f32> = grads.concat();
    g.backward_with(out, &seed, params).expect("backward")
}

#[test]
fn optimizers() {
    use gradlab::optim::{Adam, AdamConfig, Optimizer, Sgd, SgdConfig};

    let fx = optim();
    let initial = T::from(&fx["initial"]);
    let grads: Vec<Vec<f32>> = fx["grads"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| T::from(g).f32())
        .collect();
    let mut failed = Vec::new();
    for spec in fx["optimizers"].as_array().unwrap() {
        let name = spec["name"].as_str().unwrap();
        let at = Attrs(&spec["attrs"]);
        let mut params = ParamStore::new();
        let id = params.add("p", Tensor::new(&initial.shape, initial.f32()).unwrap());
        let mut opt: Box<dyn Optimizer> = match name {
            "sgd_momentum" => {
                assert!(!spec["attrs"]["nesterov"].as_bool().unwrap());
                assert_eq!(number(&spec["attrs"]["dampening"]), 0.0);
                Box::new(Sgd::new(
                    SgdConfig {
                        lr: number(&spec["attrs"]["lr"]),
                        momentum: number(&spec["attrs"]["momentum"]),
                        weight_decay: number(&spec["attrs"]["weight_decay"]),
                    },
                    &params,
                ))
            }
            "adam" | "adamw" => {
                assert!(!at.bool("amsgrad"));
                Box::new(Adam::new(
                    AdamConfig {
                        lr: number(&spec["attrs"]["lr"]),
                        beta1: number(&spec["attrs"]["beta1"]),
                        beta2: number(&spec["attrs"]["beta2"]),
                        eps: number(&spec["attrs"]["eps"]),
                        weight_decay: number(&spec["attrs"]["weight_decay"]),
                        decoupled_weight_decay: name == "adamw",
                    },
                    &params,
                ))
            }
            other => panic!("unknown optimiser {other}"),
        };
        let mut g = Graph::new();
        let mut worst = 0.0f64;
        for (k, (grad, want)) in grads.iter().zip(fx_tensors(&spec["params"])).enumerate() {
            let gr = seed_grads(&mut g, &params, &[id], std::slice::from_ref(grad));
            opt.step(&mut params, &gr).expect("step");
            let got: Vec<f32> = params.value(id).iter().copied().collect();
            let e = max_rel_err(&got, &want.data);
            worst = worst.max(e);
            if e > OP_TOL {
                failed.push(format!("{name} step {}: err {e:.3e}", k + 1));
            }
        }
        println!("parity optim/{name}: max rel err {worst:.2e} over 5 steps");
    }
    assert!(
        failed.is_empty(),
        "optimisers differ from PyTorch:\n  {}",
        failed.join("\n  ")
    );
}

fn fx_tensors(v: &Value) -> Vec<T> {
    v.as_array().unwrap().iter().map(T::from).collect()
}

#[test]
fn clip_grad_norm() {
    let mut failed = Vec::new();
    for spec in optim()["clip_grad_norm"].as_array().unwrap() {
        let name = spec["name"].as_str().unwrap();
        let max_norm = number(&spec["attrs"]["max_norm"]) as f32;
        assert_eq!(number(&spec["attrs"]["norm_type"]), 2.0);
        let gs = fx_tensors(&spec["grads"]);
        let mut params = ParamStore::new();
        let ids: Vec<_> = gs
            .iter()
            .enumerate()
            .map(|(i, t)| params.add(format!("p{i}"), Tensor::from_fn(&t.shape, |_| 0.0).unwrap()))
            .collect();
        let mut g = Graph::new();
        let grads: Vec<Vec<f32>> = gs.iter().map(T::f32).collect();
        let mut gr = seed_grads(&mut g, &params, &ids, &grads);
        let total = gradlab::optim::clip_grad_norm(&mut gr, max_norm);
        let mut errs = vec![(
            "total_norm".to_string(),
            max_rel_err(&[total], &[number(&spec["total_norm"])]),
        )];
        for (i, (id, want)) in ids.iter().zip(fx_tensors(&spec["clipped"])).enumerate() {
            let got = gr.param_data(*id).expect("grad").to_vec();
            errs.push((format!("clipped[{i}]"), max_rel_err(&got, &want.data)));
        }
        println!("parity clip/{name}: {errs:?}");
        for (what, e) in errs {
            if e > OP_TOL {
                failed.push(format!("{name}: {what} err {e:.3e}"));
            }
        }
    }
    assert!(
        failed.is_empty(),
        "clip_grad_norm differs from PyTorch:\n  {}",
        failed.join("\n  ")
    );
}

#[test]
fn warmup_cosine_schedule() {
    use gradlab::optim::LrSchedule;

    let s = &optim()["schedule"];
    let at = &s["attrs"];
    let base = number(&at["base_lr"]);
    let min_lr = number(&at["min_lr"]);
    let schedule = LrSchedule::WarmupCosine {
        warmup_steps: at["warmup_steps"].as_u64().unwrap() as usize,
        total_steps: at["total_steps"].as_u64().unwrap() as usize,
        min_factor: min_lr / base,
    };
    let want = numbers(&s["lr"]);
    assert_eq!(want.len(), 101);
    let got: Vec<f32> = (0..want.len())
        .map(|t| schedule.lr(base, t) as f32)
        .collect();
    // in f64, for the record
    let got64: Vec<f64> = (0..want.len()).map(|t| schedule.lr(base, t)).collect();
    let e64 = got64
        .iter()
        .zip(&want)
        .map(|(g, w)| (g - w).abs() / w.abs().max(FLOOR * base))
        .fold(0.0f64, f64::max);
    let e = max_rel_err(&got, &want);
    println!("parity schedule/warmup_cosine: max rel err {e:.2e} (as f32), {e64:.2e} (f64)");
    assert!(e <= OP_TOL, "schedule differs from the fixture: {e:.3e}");
}

// ---------------------------------------------------------------------------------------------
// The seed autoencoder: 50 full-batch Adam steps on 32 MNIST digits
// ---------------------------------------------------------------------------------------------

/// The closed-form weights of seed_ae.json's "weight_formula".
fn formula_weight(l: u64, fan_in: usize, fan_out: usize) -> Vec<f32> {
    let scale = 2.0 * (6.0 / (fan_in + fan_out) as f64).sqrt();
    let mut w = Vec::with_capacity(fan_in * fan_out);
    for i in 0..fan_in as u64 {
        for j in 0..fan_out as u64 {
            let h = ((i * fan_out as u64 + j) * 2_654_435_761 + l * 97) % (1u64 << 32);
            w.push(((h as f64 / 4_294_967_296.0 - 0.5) * scale) as f32);
        }
    }
    w
}

#[test]
fn seed_weights_match_formula() {
    for c in seed_ae()["weights_check"].as_array().unwrap() {
        let l = c["layer"].as_u64().unwrap();
        let (fi, fo) = (
            c["fan_in"].as_u64().unwrap() as usize,
            c["fan_out"].as_u64().unwrap() as usize,
        );
        let w = formula_weight(l, fi, fo);
        let first5 = numbers(&c["first5"]);
        for (k, (&got, &want)) in w.iter().zip(&first5).enumerate() {
            assert_eq!(
                got.to_bits(),
                (want as f32).to_bits(),
                "layer {l} element {k}: {got} vs {want}: the formula is not reproduced bit for bit"
            );
        }
        let sum: f64 = w.iter().map(|&x| f64::from(x)).sum();
        let want_sum = number(&c["sum_f64"]);
        assert!(
            (sum - want_sum).abs() <= 1e-9 * want_sum.abs().max(1.0),
            "layer {l}: sum {sum} vs {want_sum}"
        );
    }
}

#[test]
fn seed_autoencoder_trajectory() {
    use gradlab::models::{AutoencoderConfig, AutoencoderTrainer};
    use gradlab::optim::AdamConfig;

    let fx = seed_ae();
    let enc = usizes(&fx["architecture"]["encoder"]);
    let config = AutoencoderConfig::seed();
    assert_eq!(
        config.widths, enc,
        "the engine's seed model is not the fixture's"
    );
    let opt = &fx["optimizer"];
    let adam = AdamConfig {
        lr: number(&opt["lr"]),
        beta1: number(&opt["beta1"]),
        beta2: number(&opt["beta2"]),
        eps: number(&opt["eps"]),
        weight_decay: number(&opt["weight_decay"]),
        decoupled_weight_decay: false,
    };
    let mut trainer = AutoencoderTrainer::new(&config, adam, 0).expect("trainer");

    // Overwrite every weight with the formula and every bias with zero.
    let n_enc = enc.len() - 1;
    let dec: Vec<usize> = enc.iter().rev().copied().collect();
    let layers: Vec<(String, usize, usize)> = (0..n_enc)
        .map(|i| (format!("encoder.{i}"), enc[i], enc[i + 1]))
        .chain((0..n_enc).map(|i| (format!("decoder.{i}"), dec[i], dec[i + 1])))
        .collect();
    let mut set = 0;
    for (l, (name, fi, fo)) in layers.iter().enumerate() {
        let w = trainer
            .params
            .find(&format!("{name}.weight"))
            .unwrap_or_else(|| panic!("no {name}.weight"));
        assert_eq!(
            trainer.params.value(w).shape(),
            &[*fi, *fo],
            "{name}.weight is not (in, out)"
        );
        trainer
            .params
            .set(w, &formula_weight(l as u64, *fi, *fo))
            .unwrap();
        let b = trainer
            .params
            .find(&format!("{name}.bias"))
            .unwrap_or_else(|| panic!("no {name}.bias"));
        trainer.params.set(b, &vec![0.0; *fo]).unwrap();
        set += 2;
    }
    assert_eq!(
        set,
        trainer.params.len(),
        "the model has parameters the fixture does not know"
    );

    let pixels: Vec<f32> = fx["data"]["pixels"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|row| {
            row.as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_u64().unwrap() as f32 / 255.0)
        })
        .collect();
    assert_eq!(pixels.len(), 32 * 784);

    // The first outputs before any update.
    {
        let mut g = Graph::new();
        let x = g.input_from_slice(&[32, 784], &pixels);
        let y = trainer.model.forward(&mut g, &trainer.params, x);
        let got: Vec<f32> = g
            .value(y)
            .expect("forward")
            .iter()
            .take(4)
            .copied()
            .collect();
        let want = numbers(&fx["first_sample_first4_outputs_step0"]);
        let e = max_rel_err(&got, &want);
        println!("parity seed_ae/first4 outputs: {got:?} vs {want:?}, err {e:.2e}");
        assert!(
            e <= OP_TOL,
            "first outputs at step 0 differ: {got:?} vs {want:?}"
        );
    }

    // losses[s], s < 50: the loss before update s+1 (what `step` returns); losses[50]: after the
    // 50th update, which a 51st `step` returns (its own update is not looked at).
    let want = numbers(&fx["losses"]);
    assert_eq!(want.len(), 51);
    let got: Vec<f32> = (0..want.len())
        .map(|_| trainer.step(&pixels).expect("step"))
        .collect();
    let mut worst = (0.0f64, 0usize);
    for (s, (&gl, &wl)) in got.iter().zip(&want).enumerate() {
        let e = (f64::from(gl) - wl).abs() / wl.abs();
        if e > worst.0 {
            worst = (e, s);
        }
    }
    let want64 = numbers(&fx["losses_f64"]);
    for (s, ((&gl, &wl), &w64)) in got.iter().zip(&want).zip(&want64).enumerate() {
        println!(
            "parity seed_ae/step {s:2}: engine {gl:.8} torch {wl:.8} rel err {:.2e} (vs torch f64 {:.2e})",
            (f64::from(gl) - wl).abs() / wl.abs(),
            (f64::from(gl) - w64).abs() / w64.abs()
        );
    }
    println!(
        "parity seed_ae/losses: max rel err {:.2e} at step {}; first {} last {} (torch {} {})",
        worst.0, worst.1, got[0], got[50], want[0], want[50]
    );
    assert!(
        worst.0 <= TRAJECTORY_TOL,
        "loss trajectory differs from PyTorch: {:.3e} at step {}\n engine {got:?}\n torch  {want:?}",
        worst.0,
        worst.1
    );
}
