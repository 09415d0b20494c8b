//! The runnable PyTorch script that goes with an exported Transformer: the settings gradlab
//! trained with and a few examples of its task, written as Python constants, then the module
//! itself (`transformer_module.py`, the same for every model), which loads the weights with
//! `safetensors.torch.load_file` and `load_state_dict(strict=True)`, decodes the examples
//! greedily as gradlab does, prints source → output, and ends with one JSON line (the outputs
//! and every step's logits) that `make check-export` compares with gradlab's own.

use std::fmt::Write;

use crate::error::Error;
use crate::models::{greedy_decode, Dropout, Positions, Transformer, TransformerConfig};
use crate::tasks::{Example, Vocab, BOS};
use crate::tensor::{Graph, ParamStore};

/// Everything the script says beyond the model's code.
pub struct ScriptSettings<'a> {
    pub config: &'a TransformerConfig,
    pub vocab: &'a Vocab,
    /// What the model is for, in words: the script's title.
    pub task: &'a str,
    pub step: u64,
    /// The files' name without its extension: `{stem}.py` and `{stem}.safetensors`.
    pub stem: &'a str,
    /// Greedy decoding's longest output, EOS included.
    pub max_output: usize,
    pub examples: &'a [Example],
}

const MODULE: &str = include_str!("transformer_module.py");

/// The whole script.
pub fn script(s: &ScriptSettings) -> String {
    let c = s.config;
    let weights = python_str(&format!("{}.safetensors", s.stem));
    // `{:?}` of an f32 is Rust's shortest round-trip form, with a point or an exponent: a
    // Python float literal.
    let mut out = format!(
        r#"#!/usr/bin/env python3
"""A Transformer that gradlab trained for {step} steps on its task "{task}", as a PyTorch module.

Run it beside its weights, with torch and safetensors installed:

    python3 {stem}.py [{stem}.safetensors]

It loads the weights, translates the examples below greedily, prints source → output, and ends
with a line of JSON for machines.
"""

import json
import math
import os
import sys

import torch
from torch import nn
from safetensors.torch import load_file

WEIGHTS = {weights}

# The settings gradlab trained with.
ENC_LAYERS = {enc}
DEC_LAYERS = {dec}
HEADS = {heads}
D_MODEL = {d_model}
D_FF = {d_ff}
DROPOUT = {dropout:?}  # during training only
POSITIONS = "{positions}"
MAX_LEN = {max_len}  # the longest source, and the longest target with BOS
LAYER_NORM_EPS = 1e-5

# Ids 0, 1 and 2 are PAD, BOS and EOS; the characters follow in code-point order.
PAD, BOS, EOS = 0, 1, 2
FIRST_CHAR = 3
CHARS = {chars}
VOCAB = FIRST_CHAR + len(CHARS)
MAX_OUTPUT = {max_output}  # greedy decoding stops after EOS or this many tokens

# Held-out examples of the task: (source, target).
EXAMPLES = [
"#,
        task = s.task,
        step = s.step,
        stem = s.stem,
        enc = c.enc_layers,
        dec = c.dec_layers,
        heads = c.heads,
        d_model = c.d_model,
        d_ff = c.d_ff,
        dropout = c.dropout,
        positions = match c.positions {
            Positions::Sinusoidal => "sinusoidal",
            Positions::Learned => "learned",
        },
        max_len = c.max_len,
        chars = python_str(&s.vocab.chars().iter().collect::<String>()),
        max_output = s.max_output,
    );
    for e in s.examples {
        // `write!` into a String cannot fail.
        let _ = writeln!(
            out,
            "    ({}, {}),",
            python_str(&e.source),
            python_str(&e.target)
        );
    }
    out.push_str("]\n\n\n");
    out.push_str(MODULE);
    out
}

/// A Python string literal for `text`: printable characters as they are (the script is UTF-8,
/// Python's default), quotes, backslashes and control characters escaped.
pub fn python_str(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {
                let _ = write!(out, "\\U{:08x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// What the script prints for one example, as gradlab computes it: the comparison's reference.
#[derive(Clone, Debug, PartialEq)]
pub struct GreedyTrace {
    pub output: String,
    /// One row of `vocab` logits per decoding step, as the script's `logits`.
    pub logits: Vec<Vec<f32>>,
}

/// Greedy decoding of `source` alone, as the script's `translate` does it, and the logits of
/// every step. The last decoder pass reads BOS and every output but the last; its position i
/// sees positions ≤ i only, so its logits are those of step i + 1.
pub fn greedy_trace(
    model: &Transformer,
    params: &ParamStore,
    vocab: &Vocab,
    source: &str,
    max_output: usize,
) -> Result<GreedyTrace, Error> {
    let src = vocab.encode(source)?;
    let s = src.len();
    let mut g = Graph::new();
    let produced = greedy_decode(model, params, &mut g, &src, &[s], max_output)?
        .into_iter()
        .next()
        .unwrap_or_default();
    let mut dec_in = vec![BOS];
    dec_in.extend_from_slice(&produced[..produced.len().saturating_sub(1)]);
    g.reset();
    let mut off = Dropout::off();
    let encoded = model.encode(&mut g, params, &src, &[s], &mut off);
    let t = dec_in.len();
    let decoded = model.decode(
        &mut g,
        params,
        encoded.memory,
        &[s],
        &dec_in,
        &[t],
        &mut off,
    );
    let mut logits = Vec::new();
    g.read_into(decoded.logits, &mut logits)?; // (1, T, vocab)
    Ok(GreedyTrace {
        output: vocab.decode(&produced),
        logits: logits
            .chunks_exact(model.vocab)
            .map(<[f32]>::to_vec)
            .collect(),
    })
}
