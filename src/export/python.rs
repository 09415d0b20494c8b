//! The pieces every generated PyTorch script shares: its opening (docstring and imports), each
//! activation as its `torch.nn` module, an `nn.Sequential` of linear layers named as
//! `mapping::sequential` expects, numbers written so that Python reads back the same f32, the
//! code that loads the weights strictly, and the closing JSON line that `make check-export`
//! compares with gradlab's own answers.

use crate::nn::Mlp;
use crate::tensor::Activation;

/// Spaces per level of Python indentation.
pub const INDENT: &str = "    ";

/// The opening of a script whose weights are `{stem}.safetensors`: shebang, a docstring with
/// `title`, `about` and how to run it, and the imports every script needs.
pub fn preamble(title: &str, about: &str, stem: &str) -> String {
    format!(
        r#"#!/usr/bin/env python3
"""{title}

{about}

Made by gradlab. Needs PyTorch and safetensors (pip install torch safetensors).
Run it as

    python3 {stem}.py [weights.safetensors]

Without an argument it reads the weights from beside this script:

    {stem}.safetensors
"""

import json
import os
import sys

import torch
from safetensors.torch import load_file
from torch import nn
"#
    )
}

/// `weights_path`, `load` and `emit`: where the weights are, loading them into a model with
/// `strict=True` (every tensor of the model and no other must be in the file), and the results
/// as the script's last line of output, one JSON object.
pub const LOADING: &str = r#"

def weights_path():
    """The file named on the command line, or the one of the same name beside this script."""
    if len(sys.argv) > 1:
        return sys.argv[1]
    return os.path.splitext(os.path.abspath(__file__))[0] + ".safetensors"


def load(model):
    """The model with the exported weights, in evaluation mode."""
    model.load_state_dict(load_file(weights_path()), strict=True)
    return model.eval()


def emit(results):
    """The results as one line of JSON, the last line printed, for programs that compare them."""
    print(json.dumps(results))
"#;

/// The script's last lines: run `main` when it is run as a program.
pub const MAIN_GUARD: &str = r#"

if __name__ == "__main__":
    main()
"#;

/// The `torch.nn` module that computes the same function.
pub fn activation(a: Activation) -> &'static str {
    match a {
        Activation::Identity => "nn.Identity()",
        Activation::Relu => "nn.ReLU()",
        Activation::Gelu => r#"nn.GELU(approximate="tanh")"#,
        Activation::GeluErf => "nn.GELU()",
        Activation::Sigmoid => "nn.Sigmoid()",
        Activation::Tanh => "nn.Tanh()",
    }
}

/// `nn.Sequential(nn.Linear(w0, w1), act0, nn.Linear(w1, w2), act1, …)` over several lines, its
/// items indented by `depth` levels: every layer is followed by its activation (an
/// `nn.Identity()` where there is none) so that layer i is module 2i, as
/// `mapping::sequential` names it; the last layer's activation is left out when it is the
/// identity.
pub fn sequential(widths: &[usize], activations: &[Activation], depth: usize) -> String {
    let item = INDENT.repeat(depth);
    let mut out = String::from("nn.Sequential(\n");
    let layers = widths.len().saturating_sub(1);
    for (i, (pair, &act)) in widths.windows(2).zip(activations).enumerate() {
        out += &format!("{item}nn.Linear({}, {}),\n", pair[0], pair[1]);
        if i + 1 < layers || act != Activation::Identity {
            out += &format!("{item}{},\n", activation(act));
        }
    }
    out + &INDENT.repeat(depth.saturating_sub(1)) + ")"
}

/// An `nn::Mlp` as [`sequential`] writes it.
pub fn mlp(mlp: &Mlp, depth: usize) -> String {
    let widths: Vec<usize> = mlp
        .layers
        .first()
        .map(|l| l.d_input)
        .into_iter()
        .chain(mlp.layers.iter().map(|l| l.d_output))
        .collect();
    sequential(&widths, &mlp.activations, depth)
}

/// A Python list of floats that reads back as the same f32 values: Rust's shortest form that
/// round-trips an f32, which Python parses to the nearest double and `torch.float32` rounds back.
pub fn floats(values: &[f32]) -> String {
    let items: Vec<String> = values.iter().map(|v| format!("{v:?}")).collect();
    format!("[{}]", items.join(", "))
}

/// Rows of `width` floats as a Python list of lists, one row per line at `depth` levels.
pub fn float_rows(values: &[f32], width: usize, depth: usize) -> String {
    let item = INDENT.repeat(depth);
    let rows: String = values
        .chunks(width.max(1))
        .map(|row| format!("{item}{},\n", floats(row)))
        .collect();
    format!("[\n{rows}{}]", INDENT.repeat(depth.saturating_sub(1)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sequential_puts_layer_i_at_module_2i_and_drops_a_final_identity() {
        let text = sequential(&[4, 3, 2], &[Activation::Identity, Activation::Identity], 3);
        assert_eq!(
            text,
            "nn.Sequential(\n            nn.Linear(4, 3),\n            nn.Identity(),\n            \
             nn.Linear(3, 2),\n        )"
        );
        let text = sequential(&[4, 3], &[Activation::Sigmoid], 1);
        assert_eq!(
            text,
            "nn.Sequential(\n    nn.Linear(4, 3),\n    nn.Sigmoid(),\n)"
        );
    }

    #[test]
    fn floats_are_written_so_that_they_read_back_exactly() {
        assert_eq!(floats(&[0.5, -1.0, 1e-8, 0.1]), "[0.5, -1.0, 1e-8, 0.1]");
        for v in [0.1f32, 1.0 / 3.0, f32::MAX, f32::MIN_POSITIVE, 2.0 / 255.0] {
            let text = floats(&[v]);
            let back: f64 = text[1..text.len() - 1].parse().unwrap();
            assert_eq!((back as f32).to_bits(), v.to_bits(), "{text}");
        }
        assert_eq!(
            float_rows(&[1.0, 2.0, 3.0], 2, 1),
            "[\n    [1.0, 2.0],\n    [3.0],\n]"
        );
    }

    #[test]
    fn every_activation_has_its_torch_module() {
        assert_eq!(activation(Activation::GeluErf), "nn.GELU()");
        assert_eq!(
            activation(Activation::Gelu),
            r#"nn.GELU(approximate="tanh")"#
        );
    }
}
