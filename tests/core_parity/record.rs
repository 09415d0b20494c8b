//! Each op case of ops.json recorded on a graph from the engine's primitives.

use gradlab::kernels::Trans;
use gradlab::tensor::{Activation, Graph, Var};
use serde_json::Value;

use crate::fixtures::*;
use crate::metric::max_rel_err;

/// The attrs of a case, with helpers.
pub(crate) struct Attrs<'a>(pub(crate) &'a Value);

impl Attrs<'_> {
    pub(crate) fn f32(&self, k: &str) -> f32 {
        number(&self.0[k]) as f32
    }
    pub(crate) fn bool(&self, k: &str) -> bool {
        self.0[k].as_bool().unwrap_or_else(|| panic!("attr {k}"))
    }
    pub(crate) fn int(&self, k: &str) -> i64 {
        self.0[k].as_i64().unwrap_or_else(|| panic!("attr {k}"))
    }
    pub(crate) fn str(&self, k: &str) -> &str {
        self.0[k].as_str().unwrap_or_else(|| panic!("attr {k}"))
    }
    /// A possibly negative axis against `rank`.
    pub(crate) fn axis(&self, k: &str, rank: usize) -> usize {
        let a = self.int(k);
        if a < 0 {
            (rank as i64 + a) as usize
        } else {
            a as usize
        }
    }
}

/// What the engine cannot express: the case fails with this message.
pub(crate) type Gap = String;

/// Records the op of a case on `g` from its inputs; `Err` names an engine gap.
pub(crate) fn record(
    g: &mut Graph,
    case: &Value,
    x: &[Var],
    shapes: &[Vec<usize>],
) -> Result<Var, Gap> {
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
pub(crate) fn check_engine_mask(g: &mut Graph, name: &str, want: &T) -> Result<(), Gap> {
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
pub(crate) fn attention_from_primitives(
    g: &mut Graph,
    at: &Attrs,
    x: &[Var],
    shapes: &[Vec<usize>],
) -> Var {
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
