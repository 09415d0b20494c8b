//! The Transformer's `state_dict`: every parameter once, under PyTorch's names and shapes, and
//! back bit for bit through a file; a file of another model is refused by name and leaves the
//! model as it was; gradlab's own answers are the ones the script's JSON line holds.

use std::collections::HashSet;

use super::mapping::{expected, state_dict};
use super::safetensors_file;
use super::transformer::{outputs, torch_params};
use super::transformer_py::{python_str, script, ScriptSettings};
use super::{export_weights, import_weights, weight_bits};
use crate::error::Error;
use crate::models::TransformerTrainerConfig;
use crate::models::{Positions, Transformer, TransformerConfig, TransformerTrainer};
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
fn should_map_every_parameter_once_under_a_unique_key() {
    for config in [TransformerConfig::dates(), uneven()] {
        let (m, params) = model(&config, 20, 0);
        let map = torch_params(&params, &m);
        // The store's order is the module's order, so the lists are equal, not just the sets.
        let ours: Vec<&str> = map.iter().map(|p| p.gradlab.as_str()).collect();
        let all: Vec<&str> = params.ids().map(|id| params.name(id)).collect();
        assert_eq!(ours, all);
        let keys: HashSet<&str> = map.iter().map(|p| p.torch.as_str()).collect();
        assert_eq!(keys.len(), map.len(), "a key repeats");
        // Transposed are exactly the Linear weights: 4 per attention, 2 per FFN, the output.
        let linears = 4 * config.enc_layers
            + 8 * config.dec_layers
            + 2 * (config.enc_layers + config.dec_layers)
            + 1;
        assert_eq!(map.iter().filter(|p| p.transpose).count(), linears);
        assert!(map
            .iter()
            .all(|p| !p.transpose || p.torch.ends_with(".weight")));
    }
}

#[test]
fn should_give_the_pytorch_modules_keys_and_shapes_in_its_order() {
    for config in [TransformerConfig::dates(), uneven()] {
        let vocab = 20;
        let (m, params) = model(&config, vocab, 0);
        let map = torch_params(&params, &m);
        assert_eq!(
            expected(&params, &map).unwrap(),
            pytorch_table(&config, vocab)
        );
        let dict = state_dict(&params, &map).unwrap();
        let scalars: usize = dict.iter().map(|t| t.data.len()).sum();
        assert_eq!(scalars, config.param_count(vocab));
    }
}

#[test]
fn should_transpose_linear_weights_so_that_x_wt_plus_b_is_gradlabs_output() {
    let (m, params) = model(&uneven(), 7, 3);
    let dict = state_dict(&params, &torch_params(&params, &m)).unwrap();
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
fn should_come_back_from_its_file_bit_for_bit() {
    let config = uneven();
    let (a, pa) = model(&config, 20, 1);
    let (b, mut pb) = model(&config, 20, 2);
    assert_ne!(weight_bits(&pa), weight_bits(&pb));
    let bytes = export_weights(&pa, &torch_params(&pa, &a), &[]).unwrap();
    let map = torch_params(&pb, &b);
    let imported = import_weights(&mut pb, &map, &bytes).unwrap();
    assert_eq!(weight_bits(&pa), weight_bits(&pb));
    assert_eq!(imported.tensors as usize, map.len());
    assert_eq!(imported.scalars as usize, config.param_count(20));
}

/// A model's weights after a refused file are the ones it had, bit for bit, and the reason
/// names the tensor.
#[test]
fn should_refuse_another_models_file_by_name_and_keep_the_model() {
    let config = uneven();
    let (b, mut pb) = model(&config, 20, 2);
    let before = weight_bits(&pb);
    let file_of = |c: &TransformerConfig, vocab: usize| {
        let (m, p) = model(c, vocab, 1);
        export_weights(&p, &torch_params(&p, &m), &[]).unwrap()
    };
    // gradlab's own (in, out) layout where PyTorch's (out, in) belongs.
    let (a, pa) = model(&config, 20, 1);
    let mut untransposed = state_dict(&pa, &torch_params(&pa, &a)).unwrap();
    let last = untransposed.len() - 2;
    untransposed[last].shape.reverse();
    let mut nan = state_dict(&pa, &torch_params(&pa, &a)).unwrap();
    nan[0].data[5] = f32::NAN;
    let cases = [
        (
            file_of(
                &TransformerConfig {
                    enc_layers: 2,
                    ..config.clone()
                },
                20,
            ),
            "missing encoder.2.norm1.weight (and 15 more)",
        ),
        (
            file_of(
                &TransformerConfig {
                    dec_layers: 2,
                    ..config.clone()
                },
                20,
            ),
            "unexpected tensor decoder.1.cross_attention.key.bias (and 25 more)",
        ),
        (
            file_of(
                &TransformerConfig {
                    d_ff: 32,
                    ..config.clone()
                },
                20,
            ),
            "encoder.0.ffn.up.weight: expected [24, 16], file has [32, 16]",
        ),
        (
            file_of(&config, 21),
            "embedding.weight: expected [20, 16], file has [21, 16]",
        ),
        (
            file_of(
                &TransformerConfig {
                    positions: Positions::Sinusoidal,
                    ..config.clone()
                },
                20,
            ),
            "missing positions.weight",
        ),
        (
            safetensors_file::write(&untransposed, &[]).unwrap(),
            "output.weight: expected [20, 16], file has [16, 20]",
        ),
        (
            safetensors_file::write(&nan, &[]).unwrap(),
            "embedding.weight holds NaN at index 5",
        ),
    ];
    let map = torch_params(&pb, &b);
    for (bytes, reason) in cases {
        let e = import_weights(&mut pb, &map, &bytes).unwrap_err();
        assert!(matches!(e, Error::Weights(_)), "{e:?}");
        assert!(e.to_string().ends_with(reason), "{e} should say {reason}");
        assert_eq!(
            weight_bits(&pb),
            before,
            "refused with {reason:?}, yet changed"
        );
    }
}

#[test]
fn should_answer_with_each_outputs_greedy_text_and_one_row_of_logits_per_token() {
    let trainer_config = TransformerTrainerConfig {
        model: TransformerConfig {
            max_len: 16,
            ..TransformerConfig::dates()
        },
        seed: 5,
        ..TransformerTrainerConfig::dates()
    };
    let mut trainer = TransformerTrainer::new(&trainer_config, Task::Reversal).unwrap();
    let examples: Vec<Example> = ["abcdef", "q"]
        .iter()
        .map(|s| Example {
            source: s.to_string(),
            target: s.chars().rev().collect(),
        })
        .collect();
    let out = outputs(&trainer, &examples).unwrap();
    let vocab = trainer.vocab.clone();
    for ((e, tokens), log_probs) in examples.iter().zip(&out.tokens).zip(&out.log_probs) {
        let text = vocab.decode(tokens);
        assert_eq!(text, trainer.translate(&e.source).unwrap().output);
        // One row per token; each token is the most likely beyond PAD and BOS; each row is a
        // distribution.
        assert_eq!(log_probs.len(), tokens.len());
        for (row, &id) in log_probs.iter().zip(tokens) {
            assert_eq!(row.len(), vocab.len());
            let best = (2..row.len()).fold(2, |b, i| if row[i] > row[b] { i } else { b });
            assert_eq!(best, id);
            let total: f64 = row.iter().map(|l| l.exp()).sum();
            assert!((total - 1.0).abs() < 1e-12, "{total}");
        }
        // The output ends at EOS, unless it was cut short.
        let cut = tokens.len() == trainer.max_output_len();
        assert!(
            cut || tokens.last() == Some(&crate::tasks::EOS),
            "{tokens:?}"
        );
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
        "python3 gradlab-dates.py [weights.safetensors]\n",
        "\nimport math\n",
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
        "    model = load(Transformer())\n",
        "model.load_state_dict(load_file(weights_path()), strict=True)",
        "emit({\"tokens\": tokens, \"log_probs\": log_probs})",
    ] {
        assert!(text.contains(line), "no {line:?} in the script");
    }
    assert_eq!(python_str("a\\b\nc\u{7}"), "\"a\\\\b\\nc\\U00000007\"");
}
