//! The runnable PyTorch script that goes with an exported Transformer: the settings gradlab
//! trained with and a few examples of its task, written as Python constants, then the module
//! itself (`transformer_module.py`, the same for every model) and the shared loading code
//! (`python::LOADING`: `safetensors.torch.load_file`, `load_state_dict(strict=True)`). It
//! decodes the examples greedily as gradlab does, prints source → output, and ends with one
//! JSON line (the output ids and every step's log-probabilities) that `make check-export`
//! compares with gradlab's own (`transformer::outputs`).

use std::fmt::Write;

use super::python;
use crate::models::{Positions, TransformerConfig};
use crate::tasks::{Example, Vocab};

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
    let title = format!(
        "A Transformer that gradlab trained for {} steps on its task \"{}\", as a PyTorch module.",
        s.step, s.task
    );
    let about = "It translates the held-out examples below greedily and prints source → output,\n\
                 then a line of JSON: the output ids and every step's log-probabilities.";
    let mut out = python::preamble(&title, about, s.stem);
    // `{:?}` of an f32 is Rust's shortest round-trip form, with a point or an exponent: a
    // Python float literal.
    out += &format!(
        r#"import math

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
        let (source, target) = (python_str(&e.source), python_str(&e.target));
        out += &format!("{}({source}, {target}),\n", python::INDENT);
    }
    out += "]\n\n\n";
    out += MODULE;
    out += python::LOADING;
    out += python::MAIN_GUARD;
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
