//! The Transformer's weights as the `state_dict` of the PyTorch module that `transformer_py`
//! writes: one entry per gradlab parameter, under the name PyTorch gives it and in PyTorch's
//! layout, so `load_state_dict(strict=True)` takes the file as it is (PyTorch's
//! `torch.nn.Module.state_dict`; the safetensors format keeps the names).
//!
//! Two things differ from gradlab's own `ParamStore`: the final norms are the module's
//! `encoder_norm` and `decoder_norm` (in PyTorch `encoder` is the `ModuleList` of layers, so
//! `encoder.norm` cannot sit beside `encoder.0`), and every Linear weight is transposed,
//! gradlab keeping (in, out) for x·W where `torch.nn.Linear` keeps (out, in) for x·Wᵀ.

use std::collections::HashMap;

use crate::error::Error;
use crate::experiments::NamedTensor;
use crate::models::{PositionTable, Transformer};
use crate::nn::{FeedForward, LayerNorm, Linear, MultiHeadAttention};
use crate::tensor::{ParamId, ParamStore};

/// How a gradlab parameter's values sit against its PyTorch counterpart's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// The same shape and row-major values.
    Same,
    /// A Linear weight: gradlab's (in, out) is PyTorch's (out, in).
    Transposed,
}

/// One parameter of the model and its place in the PyTorch module.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub id: ParamId,
    /// The `state_dict` key.
    pub name: String,
    pub layout: Layout,
}

/// Every parameter of `model`, in the order of the PyTorch module's `state_dict` (the order its
/// `__init__` registers them, which is also the order gradlab created them).
pub fn entries(model: &Transformer) -> Vec<Entry> {
    let mut out = Entries(Vec::new());
    out.same("embedding.weight", model.embedding.weight);
    if let PositionTable::Learned(p) = &model.positions {
        out.same("positions.weight", p.weight);
    }
    for (i, layer) in model.encoder.iter().enumerate() {
        let at = format!("encoder.{i}");
        out.norm(&format!("{at}.norm1"), &layer.norm1);
        out.attention(&format!("{at}.attention"), &layer.attention);
        out.norm(&format!("{at}.norm2"), &layer.norm2);
        out.feed_forward(&format!("{at}.ffn"), &layer.ffn);
    }
    for (i, layer) in model.decoder.iter().enumerate() {
        let at = format!("decoder.{i}");
        out.norm(&format!("{at}.norm1"), &layer.norm1);
        out.attention(&format!("{at}.self_attention"), &layer.self_attention);
        out.norm(&format!("{at}.norm2"), &layer.norm2);
        out.attention(&format!("{at}.cross_attention"), &layer.cross_attention);
        out.norm(&format!("{at}.norm3"), &layer.norm3);
        out.feed_forward(&format!("{at}.ffn"), &layer.ffn);
    }
    out.norm("encoder_norm", &model.encoder_norm);
    out.norm("decoder_norm", &model.decoder_norm);
    out.linear("output", &model.output);
    out.0
}

struct Entries(Vec<Entry>);

impl Entries {
    fn push(&mut self, name: String, id: ParamId, layout: Layout) {
        self.0.push(Entry { id, name, layout });
    }

    fn same(&mut self, name: &str, id: ParamId) {
        self.push(name.to_string(), id, Layout::Same);
    }

    /// `torch.nn.Linear`: `weight` (out, in) and `bias` (out).
    fn linear(&mut self, at: &str, l: &Linear) {
        self.push(format!("{at}.weight"), l.weight, Layout::Transposed);
        if let Some(b) = l.bias {
            self.push(format!("{at}.bias"), b, Layout::Same);
        }
    }

    /// `torch.nn.LayerNorm`: `weight` (γ) and `bias` (β).
    fn norm(&mut self, at: &str, n: &LayerNorm) {
        self.push(format!("{at}.weight"), n.gamma, Layout::Same);
        self.push(format!("{at}.bias"), n.beta, Layout::Same);
    }

    fn attention(&mut self, at: &str, a: &MultiHeadAttention) {
        self.linear(&format!("{at}.query"), &a.query);
        self.linear(&format!("{at}.key"), &a.key);
        self.linear(&format!("{at}.value"), &a.value);
        self.linear(&format!("{at}.output"), &a.output);
    }

    fn feed_forward(&mut self, at: &str, f: &FeedForward) {
        self.linear(&format!("{at}.up"), &f.up);
        self.linear(&format!("{at}.down"), &f.down);
    }
}

/// The PyTorch shape of a gradlab parameter of shape `shape`.
fn torch_shape(shape: &[usize], layout: Layout) -> Vec<usize> {
    match (layout, shape) {
        (Layout::Transposed, &[rows, cols]) => vec![cols, rows],
        _ => shape.to_vec(),
    }
}

/// (rows, cols) row-major → (cols, rows) row-major.
fn transpose(rows: usize, cols: usize, data: &[f32]) -> Vec<f32> {
    let mut out = vec![0.0; data.len()];
    for (r, row) in data.chunks_exact(cols).enumerate() {
        for (c, &x) in row.iter().enumerate() {
            out[c * rows + r] = x;
        }
    }
    out
}

/// Converts one tensor between the layouts; the shape is the one `data` has now.
fn relayout(shape: &[usize], layout: Layout, data: &[f32]) -> Vec<f32> {
    match (layout, shape) {
        (Layout::Transposed, &[rows, cols]) => transpose(rows, cols, data),
        _ => data.to_vec(),
    }
}

/// The names and PyTorch shapes the module's `state_dict` holds, in its order: what a file
/// must contain, no more and no less, to load into `model`.
pub fn expected(model: &Transformer, params: &ParamStore) -> Vec<(String, Vec<usize>)> {
    entries(model)
        .into_iter()
        .map(|e| {
            let shape = torch_shape(params.value(e.id).shape(), e.layout);
            (e.name, shape)
        })
        .collect()
}

/// The model's weights as the PyTorch module's `state_dict`: PyTorch names, shapes and layouts.
pub fn state_dict(model: &Transformer, params: &ParamStore) -> Vec<NamedTensor> {
    entries(model)
        .into_iter()
        .map(|e| {
            let value = params.value(e.id);
            NamedTensor {
                shape: torch_shape(value.shape(), e.layout),
                data: relayout(value.shape(), e.layout, value.data()),
                name: e.name,
            }
        })
        .collect()
}

/// " (and 3 more)": a list of names can be as long as the model.
fn and_more(n: usize) -> String {
    match n {
        0 => String::new(),
        n => format!(" (and {n} more)"),
    }
}

fn refused(detail: String) -> Error {
    Error::Corrupt {
        what: "the Transformer's weights file",
        detail,
    }
}

/// Overwrites `model`'s weights with `tensors`, a `state_dict` as [`state_dict`] writes it or
/// as PyTorch saves the same module. As `load_state_dict(strict=True)`: every name the model
/// has must be there once, with its shape, and no other name. Values must be finite. Every
/// tensor is checked before any is written, so on an error `params` is as it was.
pub fn load_state_dict(
    model: &Transformer,
    params: &mut ParamStore,
    tensors: &[NamedTensor],
) -> Result<(), Error> {
    let mut by_name: HashMap<&str, &NamedTensor> = HashMap::with_capacity(tensors.len());
    for t in tensors {
        if by_name.insert(&t.name, t).is_some() {
            return Err(refused(format!("the tensor {} appears twice", t.name)));
        }
    }
    let entries = entries(model);
    let mut unexpected: Vec<&str> = tensors
        .iter()
        .map(|t| t.name.as_str())
        .filter(|name| !entries.iter().any(|e| e.name == *name))
        .collect();
    // A file's order need not mean anything: name the same one whatever it is.
    unexpected.sort_unstable();
    if let Some(first) = unexpected.first() {
        return Err(refused(format!(
            "unexpected tensor {first}{}",
            and_more(unexpected.len() - 1)
        )));
    }
    let missing: Vec<&str> = entries
        .iter()
        .map(|e| e.name.as_str())
        .filter(|name| !by_name.contains_key(name))
        .collect();
    if let Some(first) = missing.first() {
        return Err(refused(format!(
            "missing {first}{}",
            and_more(missing.len() - 1)
        )));
    }
    let mut staged = Vec::with_capacity(entries.len());
    for e in &entries {
        let t = by_name[e.name.as_str()];
        let want = torch_shape(params.value(e.id).shape(), e.layout);
        if t.shape != want || t.data.len() != want.iter().product::<usize>() {
            return Err(refused(format!(
                "{} has shape {:?}; this model's is {:?}",
                e.name, t.shape, want
            )));
        }
        if let Some(at) = t.data.iter().position(|x| !x.is_finite()) {
            return Err(refused(format!(
                "{} holds {} at index {at}",
                e.name, t.data[at]
            )));
        }
        staged.push((e.id, relayout(&t.shape, e.layout, &t.data)));
    }
    for (id, data) in staged {
        params.set(id, &data)?;
    }
    Ok(())
}
