//! The Transformer in PyTorch: its parameters as the `state_dict` of the module that
//! `transformer_py` writes (PyTorch's `torch.nn.Module.state_dict`), one [`TorchParam`] per
//! gradlab parameter in the order the module's `__init__` registers them (which is also the
//! order gradlab creates them); the export and import of a trainer's weights; and gradlab's own
//! answers on the script's examples, which `make check-export` compares with the script's.
//!
//! The names are gradlab's but for the final norms, which are the module's `encoder_norm` and
//! `decoder_norm`: in PyTorch `encoder` is the `ModuleList` of layers, so `encoder.norm` cannot
//! sit beside `encoder.0`. Every Linear weight is transposed (`mapping::linear`).

use serde::{Deserialize, Serialize};

use super::mapping::{self, TorchParam};
use super::transformer_py::{script, ScriptSettings};
use super::{
    export_weights, import_weights, rows, safetensors_file, ExportFile, Imported, WeightsProblem,
};
use crate::error::Error;
use crate::models::{greedy_decode, Dropout, PositionTable, Transformer, TransformerTrainer};
use crate::nn::{FeedForward, LayerNorm, Linear, MultiHeadAttention};
use crate::tasks::{DateLanguages, Example, Task, BOS};
use crate::tensor::{Graph, ParamId, ParamStore};

/// Every parameter of `model`, whose weights live in `params`, and its PyTorch key.
pub fn torch_params(params: &ParamStore, model: &Transformer) -> Vec<TorchParam> {
    let mut m = Map {
        params,
        out: Vec::new(),
    };
    m.same("embedding.weight", model.embedding.weight);
    if let PositionTable::Learned(p) = &model.positions {
        m.same("positions.weight", p.weight);
    }
    for (i, layer) in model.encoder.iter().enumerate() {
        let at = format!("encoder.{i}");
        m.norm(&format!("{at}.norm1"), &layer.norm1);
        m.attention(&format!("{at}.attention"), &layer.attention);
        m.norm(&format!("{at}.norm2"), &layer.norm2);
        m.feed_forward(&format!("{at}.ffn"), &layer.ffn);
    }
    for (i, layer) in model.decoder.iter().enumerate() {
        let at = format!("decoder.{i}");
        m.norm(&format!("{at}.norm1"), &layer.norm1);
        m.attention(&format!("{at}.self_attention"), &layer.self_attention);
        m.norm(&format!("{at}.norm2"), &layer.norm2);
        m.attention(&format!("{at}.cross_attention"), &layer.cross_attention);
        m.norm(&format!("{at}.norm3"), &layer.norm3);
        m.feed_forward(&format!("{at}.ffn"), &layer.ffn);
    }
    m.norm("encoder_norm", &model.encoder_norm);
    m.norm("decoder_norm", &model.decoder_norm);
    m.linear("output", &model.output);
    m.out
}

/// Walks the model's layers, so each key is paired with the parameter the layer holds rather
/// than with a name guessed from gradlab's naming.
struct Map<'a> {
    params: &'a ParamStore,
    out: Vec<TorchParam>,
}

impl Map<'_> {
    fn same(&mut self, torch: &str, id: ParamId) {
        let gradlab = self.params.name(id);
        self.out.push(TorchParam::renamed(gradlab, torch));
    }

    /// `torch.nn.Linear`: `weight` (out, in), transposed from gradlab's (in, out), and `bias`.
    fn linear(&mut self, torch: &str, l: &Linear) {
        let gradlab = self.params.name(l.weight);
        let at = gradlab.strip_suffix(".weight").unwrap_or(gradlab);
        self.out.extend(mapping::linear(self.params, at, torch));
    }

    /// `torch.nn.LayerNorm`: `weight` (γ) and `bias` (β).
    fn norm(&mut self, torch: &str, n: &LayerNorm) {
        self.same(&format!("{torch}.weight"), n.gamma);
        self.same(&format!("{torch}.bias"), n.beta);
    }

    fn attention(&mut self, torch: &str, a: &MultiHeadAttention) {
        self.linear(&format!("{torch}.query"), &a.query);
        self.linear(&format!("{torch}.key"), &a.key);
        self.linear(&format!("{torch}.value"), &a.value);
        self.linear(&format!("{torch}.output"), &a.output);
    }

    fn feed_forward(&mut self, torch: &str, f: &FeedForward) {
        self.linear(&format!("{torch}.up"), &f.up);
        self.linear(&format!("{torch}.down"), &f.down);
    }
}

/// A name for the task in file names and in the file's metadata.
fn task_slug(task: Task) -> &'static str {
    match task {
        Task::Dates(DateLanguages::Both) => "dates",
        Task::Dates(DateLanguages::English) => "dates-en",
        Task::Dates(DateLanguages::Chinese) => "dates-zh",
        Task::Numbers => "numbers",
        Task::Reversal => "reversal",
        // The script carries the pairs' vocabulary (`CHARS`) and a few held-out pairs.
        Task::Pairs(_) => "pairs",
    }
}

/// The weights and the script of a model trained `step` steps; the script translates
/// `examples`.
pub fn export(
    trainer: &TransformerTrainer,
    examples: &[Example],
    step: u64,
) -> Result<ExportFile, Error> {
    let slug = task_slug(trainer.task);
    let stem = format!("gradlab-transformer-{slug}-step{step}");
    let step_text = step.to_string();
    let chars: String = trainer.vocab.chars().iter().collect();
    let metadata = [
        ("gradlab.model", "transformer"),
        ("gradlab.task", slug),
        ("gradlab.step", step_text.as_str()),
        (CHARS_KEY, chars.as_str()),
    ];
    let map = torch_params(&trainer.params, &trainer.model);
    Ok(ExportFile {
        weights: export_weights(&trainer.params, &map, &metadata)?,
        script: script(&ScriptSettings {
            config: &trainer.config().model,
            vocab: &trainer.vocab,
            task: slug,
            step,
            stem: &stem,
            max_output: trainer.max_output_len(),
            examples,
        }),
        stem,
    })
}

/// The metadata entry that names a model's characters, in the order of their ids.
const CHARS_KEY: &str = "gradlab.chars";
/// Characters named of each side of a vocabulary refusal.
const SHOWN_CHARS: usize = 24;

/// Loads a file of this model's `state_dict` into the trainer's weights (its optimiser is left
/// to the caller), or refuses it and changes nothing.
pub fn import(trainer: &mut TransformerTrainer, bytes: &[u8]) -> Result<Imported, Error> {
    check_chars(trainer, bytes)?;
    let map = torch_params(&trainer.params, &trainer.model);
    import_weights(&mut trainer.params, &map, bytes)
}

/// A model of the visitor's pairs and a file that names its characters (gradlab's exports do):
/// the same characters, or the refusal names those that differ. Two sets of pairs with as many
/// characters give weights of the same shapes, which would load and translate nonsense. Files
/// without the entry (saved by PyTorch) are checked by their shapes only.
fn check_chars(trainer: &TransformerTrainer, bytes: &[u8]) -> Result<(), Error> {
    let file_task = safetensors_file::metadata_entry(bytes, "gradlab.task");
    let pairs = matches!(trainer.task, Task::Pairs(_)) || file_task.as_deref() == Some("pairs");
    let Some(file) = safetensors_file::metadata_entry(bytes, CHARS_KEY).filter(|_| pairs) else {
        return Ok(());
    };
    let model: String = trainer.vocab.chars().iter().collect();
    if file == model {
        return Ok(());
    }
    let only = |a: &str, b: &str| -> String {
        let mut only: Vec<char> = a.chars().filter(|c| !b.contains(*c)).collect();
        only.sort_unstable();
        only.dedup();
        let shown: String = only.iter().take(SHOWN_CHARS).collect();
        if only.len() > SHOWN_CHARS {
            shown + "…"
        } else {
            shown
        }
    };
    Err(Error::Weights(WeightsProblem::Vocabulary {
        missing: only(&model, &file),
        extra: only(&file, &model),
    }))
}

/// What the script prints last, and gradlab's own answers on the same examples.
///
/// Log-probabilities rather than logits: a logit may sit near zero, where a relative error
/// means nothing (2·10⁻⁷ apart on a logit of 4·10⁻⁴ is 5·10⁻⁴ relative), while log-probabilities
/// are all negative and their errors shrink with them. Both sides take them in double precision
/// from the float32 logits, so that log(1 + ε) of a confident step is not rounded away.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Outputs {
    /// (n, steps): each example's greedy output ids, EOS included if it came.
    pub tokens: Vec<Vec<usize>>,
    /// (n, steps, vocab): log softmax of each decoding step's logits.
    pub log_probs: Vec<Vec<Vec<f64>>>,
}

/// gradlab's answers: each example decoded alone, as the script's `translate` does.
pub fn outputs(trainer: &TransformerTrainer, examples: &[Example]) -> Result<Outputs, Error> {
    let mut out = Outputs {
        tokens: Vec::with_capacity(examples.len()),
        log_probs: Vec::with_capacity(examples.len()),
    };
    let mut g = Graph::new();
    for e in examples {
        let (tokens, logits) = greedy_logits(trainer, &mut g, &e.source)?;
        out.tokens.push(tokens);
        out.log_probs
            .push(logits.iter().map(|row| log_softmax(row)).collect());
    }
    Ok(out)
}

/// log softmax(z)ᵢ = zᵢ − m − ln Σⱼ exp(zⱼ − m), m = max z, in double precision.
fn log_softmax(logits: &[f32]) -> Vec<f64> {
    let z: Vec<f64> = logits.iter().map(|&x| f64::from(x)).collect();
    let m = z.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let lse = m + z.iter().map(|x| (x - m).exp()).sum::<f64>().ln();
    z.iter().map(|x| x - lse).collect()
}

/// Greedy decoding of `source`, and the logits of every step: the last decoder pass reads BOS
/// and every output but the last, and its position i sees positions ≤ i only, so its logits
/// are those of step i + 1.
fn greedy_logits(
    trainer: &TransformerTrainer,
    g: &mut Graph,
    source: &str,
) -> Result<(Vec<usize>, Vec<Vec<f32>>), Error> {
    let (model, params) = (&trainer.model, &trainer.params);
    let src = trainer.vocab.encode(source)?;
    let s = src.len();
    let max_output = trainer.max_output_len();
    let produced = greedy_decode(model, params, g, &src, &[s], max_output)?
        .into_iter()
        .next()
        .unwrap_or_default();
    let mut dec_in = vec![BOS];
    dec_in.extend_from_slice(&produced[..produced.len().saturating_sub(1)]);
    g.reset();
    let mut off = Dropout::off();
    let encoded = model.encode(g, params, &src, &[s], &mut off);
    let t = dec_in.len();
    let decoded = model.decode(g, params, encoded.memory, &[s], &dec_in, &[t], &mut off);
    let mut logits = Vec::new();
    g.read_into(decoded.logits, &mut logits)?; // (1, T, vocab)
    Ok((produced, rows(&logits, model.vocab)))
}
