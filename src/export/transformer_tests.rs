//! The Transformer's `state_dict`: every parameter once, under PyTorch's names and shapes, and
//! back bit for bit; a file that does not fit is refused by name and leaves the model as it was.

use std::collections::HashSet;

use super::transformer::{entries, expected, load_state_dict, state_dict, Layout};
use super::transformer_py::{greedy_trace, python_str, script, ScriptSettings};
use crate::error::Error;
use crate::experiments::NamedTensor;
use crate::models::{Positions, Transformer, TransformerConfig};
use crate::rng::Rng;
use crate::tasks::{Example, Task, Vocab};
use crate::tensor::{Activation, Graph, ParamStore};

fn model(config: &TransformerConfig, vocab: usize, seed: u64) -> (Transformer, ParamStore) {
    let mut params = ParamStore::new();
    let t = Transformer::new(config, vocab, &mut params, &mut Rng::seed(seed)).unwrap();
    (t, params)
}

/// Three layers deep on one side and one on the other, learned positions: every kind of entry.
fn uneven() -> TransformerConfig {
    TransformerConfig {
        enc_layers: 3,
        dec_layers: 1,
        heads: 2,
        d_model: 16,
        d_ff: 24,
        positions: Positions::Learned,
        max_len: 12,
        ..TransformerConfig::dates()
    }
}

fn bits(params: &ParamStore) -> Vec<Vec<u32>> {
    params
        .ids()
        .map(|id| params.value(id).iter().map(|x| x.to_bits()).collect())
        .collect()
}

/// The PyTorch module's `state_dict` keys and shapes, written out from its `__init__`
/// (`transformer_module.py`) rather than from gradlab's layers.
fn pytorch_table(c: &TransformerConfig, vocab: usize) -> Vec<(String, Vec<usize>)> {
    let (d, f) = (c.d_model, c.d_ff);
    let mut t = vec![("embedding.weight".to_string(), vec![vocab, d])];
    if c.positions == Positions::Learned {
        t.push(("positions.weight".into(), vec![c.max_len, d]));
    }
    let norm = |t: &mut Vec<(String, Vec<usize>)>, at: &str| {
        t.push((format!("{at}.weight"), vec![d]));
        t.push((format!("{at}.bias"), vec![d]));
    };
    let linear = |t: &mut Vec<(String, Vec<usize>)>, at: &str, i: usize, o: usize| {
        t.push((format!("{at}.weight"), vec![o, i]));
        t.push((format!("{at}.bias"), vec![o]));
    };
    let attention = |t: &mut Vec<(String, Vec<usize>)>, at: &str| {
        for p in ["query", "key", "value", "output"] {
            linear(t, &format!("{at}.{p}"), d, d);
        }
    };
    for i in 0..c.enc_layers {
        norm(&mut t, &format!("encoder.{i}.norm1"));
        attention(&mut t, &format!("encoder.{i}.attention"));
        norm(&mut t, &format!("encoder.{i}.norm2"));
        linear(&mut t, &format!("encoder.{i}.ffn.up"), d, f);
        linear(&mut t, &format!("encoder.{i}.ffn.down"), f, d);
    }
    for i in 0..c.dec_layers {
        norm(&mut t, &format!("decoder.{i}.norm1"));
        attention(&mut t, &format!("decoder.{i}.self_attention"));
        norm(&mut t, &format!("decoder.{i}.norm2"));
        attention(&mut t, &format!("decoder.{i}.cross_attention"));
        norm(&mut t, &format!("decoder.{i}.norm3"));
        linear(&mut t, &format!("decoder.{i}.ffn.up"), d, f);
        linear(&mut t, &format!("decoder.{i}.ffn.down"), f, d);
    }
    norm(&mut t, "encoder_norm");
    norm(&mut t, "decoder_norm");
    linear(&mut t, "output", d, vocab);
    t
}

#[test]
fn should_export_every_parameter_once_under_a_unique_name() {
    for config in [TransformerConfig::dates(), uneven()] {
        let (m, params) = model(&config, 20, 0);
        let e = entries(&m);
        let ids: Vec<usize> = e.iter().map(|e| e.id.index()).collect();
        let all: Vec<usize> = params.ids().map(|id| id.index()).collect();
        // The store's order is the module's order, so the lists are equal, not just the sets.
        assert_eq!(ids, all);
        let names: HashSet<&str> = e.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names.len(), e.len(), "a name repeats");
        // Transposed are exactly the Linear weights: 4 per attention, 2 per FFN, the output.
        let linears = 4 * config.enc_layers
            + 8 * config.dec_layers
            + 2 * (config.enc_layers + config.dec_layers)
            + 1;
        let transposed = e.iter().filter(|e| e.layout == Layout::Transposed).count();
        assert_eq!(transposed, linears);
    }
}

#[test]
fn should_give_the_pytorch_modules_names_and_shapes_in_its_order() {
    for config in [TransformerConfig::dates(), uneven()] {
        let vocab = 20;
        let (m, params) = model(&config, vocab, 0);
        assert_eq!(expected(&m, &params), pytorch_table(&config, vocab));
        let dict = state_dict(&m, &params);
        let shapes: Vec<(String, Vec<usize>)> = dict
            .iter()
            .map(|t| (t.name.clone(), t.shape.clone()))
            .collect();
        assert_eq!(shapes, pytorch_table(&config, vocab));
        let scalars: usize = dict.iter().map(|t| t.data.len()).sum();
        assert_eq!(scalars, config.param_count(vocab));
    }
}

#[test]
fn should_transpose_linear_weights_so_that_x_wt_plus_b_is_gradlabs_output() {
    let (m, params) = model(&uneven(), 7, 3);
    let dict = state_dict(&m, &params);
    let find = |name: &str| dict.iter().find(|t| t.name == name).unwrap().clone();
    let (w, b) = (find("output.weight"), find("output.bias"));
    assert_eq!(w.shape, [7, 16]); // (out, in), as torch.nn.Linear
    let x: Vec<f32> = (0..16).map(|i| (i as f32 * 0.37).sin()).collect();
    // PyTorch: y[o] = Σᵢ W[o, i]·x[i] + b[o].
    let torch: Vec<f32> = (0..7)
        .map(|o| (0..16).map(|i| w.data[o * 16 + i] * x[i]).sum::<f32>() + b.data[o])
        .collect();
    let mut g = Graph::new();
    let xv = g.input_from_slice(&[1, 16], &x);
    let y = m
        .output
        .forward_act(&mut g, &params, xv, Activation::Identity);
    let mut ours = Vec::new();
    g.read_into(y, &mut ours).unwrap();
    for (a, b) in ours.iter().zip(&torch) {
        assert!(
            (a - b).abs() <= 1e-5 * b.abs().max(1.0),
            "{ours:?} against {torch:?}"
        );
    }
}

#[test]
fn should_load_an_exported_state_dict_bit_for_bit() {
    let config = uneven();
    let (a, pa) = model(&config, 20, 1);
    let (b, mut pb) = model(&config, 20, 2);
    assert_ne!(bits(&pa), bits(&pb));
    load_state_dict(&b, &mut pb, &state_dict(&a, &pa)).unwrap();
    assert_eq!(bits(&pa), bits(&pb));
}

/// A model's weights after a refused load are the ones it had, bit for bit, and the reason
/// names the tensor.
#[test]
fn should_refuse_a_state_dict_that_does_not_fit_and_keep_the_model() {
    let config = uneven();
    let (a, pa) = model(&config, 20, 1);
    let (b, mut pb) = model(&config, 20, 2);
    let before = bits(&pb);
    let good = state_dict(&a, &pa);
    let last = good.len() - 1;
    let with = |f: &dyn Fn(&mut Vec<NamedTensor>)| {
        let mut d = good.clone();
        f(&mut d);
        d
    };
    let cases: Vec<(Vec<NamedTensor>, &str)> = vec![
        (with(&|d| drop(d.pop())), "missing output.bias"),
        (
            with(&|d| d[0].name = "encoder.norm.weight".into()),
            "unexpected tensor encoder.norm.weight",
        ),
        (
            with(&|d| {
                let t = d[last].clone();
                d.push(t);
            }),
            "the tensor output.bias appears twice",
        ),
        // gradlab's own (in, out) layout where PyTorch's (out, in) belongs.
        (
            with(&|d| d[last - 1].shape = vec![16, 20]),
            "output.weight has shape [16, 20]; this model's is [20, 16]",
        ),
        (
            with(&|d| d[last].data[3] = f32::NAN),
            "output.bias holds NaN at index 3",
        ),
    ];
    for (dict, reason) in cases {
        let e = load_state_dict(&b, &mut pb, &dict).unwrap_err();
        assert!(matches!(e, Error::Corrupt { .. }), "{e:?}");
        assert!(e.to_string().contains(reason), "{e} should say {reason}");
        assert_eq!(bits(&pb), before, "refused with {reason:?}, yet changed");
    }
    // Another model's file: a layer fewer in the encoder, whose 16 tensors are missing.
    let (small, ps) = model(
        &TransformerConfig {
            enc_layers: 2,
            ..config
        },
        20,
        1,
    );
    let e = load_state_dict(&b, &mut pb, &state_dict(&small, &ps)).unwrap_err();
    assert!(
        e.to_string()
            .ends_with("missing encoder.2.norm1.weight (and 15 more)"),
        "{e}"
    );
    assert_eq!(bits(&pb), before);
}

#[test]
fn should_trace_greedy_decoding_with_one_row_of_logits_per_output_token() {
    let task = Task::Reversal;
    let vocab = task.vocab();
    let config = TransformerConfig {
        max_len: 16,
        ..TransformerConfig::dates()
    };
    let (m, params) = model(&config, vocab.len(), 5);
    let max_output = task.max_target_len() + 1;
    let trace = greedy_trace(&m, &params, &vocab, "abcdef", max_output).unwrap();
    let mut g = Graph::new();
    let src = vocab.encode("abcdef").unwrap();
    let ids = crate::models::greedy_decode(&m, &params, &mut g, &src, &[6], max_output)
        .unwrap()
        .remove(0);
    assert_eq!(trace.output, vocab.decode(&ids));
    assert_eq!(trace.logits.len(), ids.len());
    // Each step's choice is the argmax of its row beyond PAD and BOS.
    for (row, &id) in trace.logits.iter().zip(&ids) {
        assert_eq!(row.len(), vocab.len());
        let best = (2..row.len()).fold(2, |b, i| if row[i] > row[b] { i } else { b });
        assert_eq!(best, id);
    }
}

#[test]
fn should_write_the_settings_and_examples_as_python_constants() {
    let vocab = Vocab::from_alphabet("ab年\"");
    let config = TransformerConfig::dates();
    let examples = [Example {
        source: "a\"b".into(),
        target: "年".into(),
    }];
    let text = script(&ScriptSettings {
        config: &config,
        vocab: &vocab,
        task: "dates",
        step: 1200,
        stem: "gradlab-dates",
        max_output: 11,
        examples: &examples,
    });
    for line in [
        "WEIGHTS = \"gradlab-dates.safetensors\"",
        "ENC_LAYERS = 2\n",
        "HEADS = 4\n",
        "D_MODEL = 64\n",
        "D_FF = 128\n",
        "DROPOUT = 0.0  #",
        "POSITIONS = \"sinusoidal\"\n",
        "MAX_LEN = 32  #",
        "CHARS = \"\\\"ab年\"\n",
        "MAX_OUTPUT = 11  #",
        "    (\"a\\\"b\", \"年\"),\n",
        "class Transformer(nn.Module):",
        "model.load_state_dict(load_file(path), strict=True)",
    ] {
        assert!(text.contains(line), "no {line:?} in the script");
    }
    assert_eq!(python_str("a\\b\nc\u{7}"), "\"a\\\\b\\nc\\U00000007\"");
}
