//! Greedy decoding: encode the sources once, then grow every output one token at a time, each
//! step taking the most likely next token (Sutskever, Vinyals & Le 2014, §3.2, with a beam of
//! one). The decoder reruns over the whole prefix each step; for outputs of a dozen tokens that
//! costs less than keeping a key-value cache would in code.

use crate::error::Error;
use crate::tasks::{BOS, EOS};
use crate::tensor::{Graph, ParamStore};

use super::transformer_layers::Dropout;
use super::Transformer;

/// The outputs for a padded batch of sources, each the tokens chosen up to and including EOS,
/// or `max_steps` tokens if EOS never came. PAD and BOS are never chosen: neither can be output.
///
/// # Shapes
/// - src: (B, S) row-major, src_lens: (B) → B outputs of 1..=max_steps ids
pub fn greedy_decode(
    model: &Transformer,
    params: &ParamStore,
    g: &mut Graph,
    src: &[usize],
    src_lens: &[usize],
    max_steps: usize,
) -> Result<Vec<Vec<usize>>, Error> {
    let b = src_lens.len();
    g.reset();
    let encoded = model.encode(g, params, src, src_lens, &mut Dropout::off());
    let memory_shape = g.shape(encoded.memory).to_vec(); // (B, S, d_model)
    let mut memory = Vec::new();
    g.read_into(encoded.memory, &mut memory)?;

    let mut outputs = vec![Vec::new(); b];
    let mut done = vec![false; b];
    let mut prefix = vec![BOS; b]; // (B, t)
    let mut lens = vec![1; b];
    for t in 1..=max_steps {
        // The tape is reset every step, so the memory comes back as a constant.
        g.reset();
        let memory = g.input_from_slice(&memory_shape, &memory);
        let decoded = model.decode(
            g,
            params,
            memory,
            src_lens,
            &prefix,
            &lens,
            &mut Dropout::off(),
        );
        let logits = g.value(decoded.logits)?; // (B, t, vocab)
        let vocab = model.vocab;
        if logits.shape() != [b, t, vocab] {
            return Err(Error::ShapeMismatch {
                op: "greedy_decode",
                lhs: logits.shape().to_vec(),
                rhs: vec![b, t, vocab],
            });
        }
        let logits = logits.data();
        let mut grown = Vec::with_capacity(b * (t + 1)); // (B, t + 1)
        for (i, row) in prefix.chunks_exact(t).enumerate() {
            let last = &logits[(i * t + t - 1) * vocab..][..vocab];
            let next = argmax_from(last, EOS);
            if !done[i] {
                outputs[i].push(next);
                done[i] = next == EOS;
            }
            grown.extend_from_slice(row);
            grown.push(next);
        }
        if done.iter().all(|&d| d) {
            break;
        }
        prefix = grown;
        lens.fill(t + 1);
    }
    Ok(outputs)
}

/// The index of the largest of `row[from..]`.
fn argmax_from(row: &[f32], from: usize) -> usize {
    let mut best = from;
    for (i, &x) in row.iter().enumerate().skip(from) {
        if x > row[best] {
            best = i;
        }
    }
    best
}
