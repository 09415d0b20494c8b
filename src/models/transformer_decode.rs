//! Greedy decoding: encode the sources once, then grow every output one token at a time, each
//! step taking the most likely next token (Sutskever, Vinyals & Le 2014, §3.2, with a beam of
//! one). The decoder reruns over the whole prefix each step; for outputs of a dozen tokens that
//! costs less than keeping a key-value cache would in code.

use serde::{Deserialize, Serialize};

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

/// The likeliest next tokens at one decoding step, most likely first, with their softmax
/// probabilities, and the probability of all the others: `top` and `rest` sum to 1.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NextProbs<T> {
    pub top: Vec<(T, f32)>,
    pub rest: f32,
}

/// For each row of `logits` (rows, vocab), the `k` likeliest tokens greedy decoding could
/// choose (EOS and after: never PAD or BOS). The softmax runs over the whole row, in f64 after
/// subtracting the row's largest logit, so what PAD and BOS hold goes into `rest`.
pub fn next_probs(logits: &[f32], vocab: usize, k: usize) -> Vec<NextProbs<usize>> {
    if vocab == 0 {
        return Vec::new();
    }
    logits
        .chunks_exact(vocab)
        .map(|row| {
            let max = row.iter().copied().fold(f32::NEG_INFINITY, f32::max);
            let exp: Vec<f64> = row.iter().map(|&x| f64::from(x - max).exp()).collect();
            let total: f64 = exp.iter().sum();
            let mut ids: Vec<usize> = (EOS..vocab).collect();
            ids.sort_by(|&a, &b| exp[b].total_cmp(&exp[a]).then(a.cmp(&b)));
            ids.truncate(k);
            let top: Vec<(usize, f32)> =
                ids.iter().map(|&i| (i, (exp[i] / total) as f32)).collect();
            let shown: f64 = ids.iter().map(|&i| exp[i] / total).sum();
            NextProbs {
                top,
                rest: (1.0 - shown).max(0.0) as f32,
            }
        })
        .collect()
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tasks::PAD;

    #[test]
    fn next_probs_follow_the_softmax_and_leave_out_what_cannot_be_output() {
        // Tokens: PAD, BOS, EOS, then three characters. PAD holds the largest logit.
        let vocab = 6;
        let row = [5.0, 1.0, 0.0, 2.0, 3.0, -1.0];
        let next = next_probs(&row, vocab, 3);
        assert_eq!(next.len(), 1);
        let ids: Vec<usize> = next[0].top.iter().map(|(i, _)| *i).collect();
        assert_eq!(ids, [4, 3, 2], "most likely first, never PAD or BOS");
        assert!(!ids.contains(&PAD) && !ids.contains(&BOS));
        let total: f64 = row.iter().map(|&x| f64::from(x).exp()).sum();
        let p4 = (3f64.exp() / total) as f32;
        assert!((next[0].top[0].1 - p4).abs() < 1e-6);
        let sum: f32 = next[0].top.iter().map(|(_, p)| p).sum::<f32>() + next[0].rest;
        assert!((sum - 1.0).abs() < 1e-6, "top and rest sum to 1: {sum}");
        // PAD's large share is in `rest`.
        assert!(next[0].rest > 0.8);
    }

    #[test]
    fn next_probs_has_one_entry_per_row_and_survives_large_logits() {
        let logits = [0.0, 0.0, 1000.0, 999.0, 0.0, 0.0, 0.0, 0.0, 0.0];
        let next = next_probs(&logits, 3, 5);
        assert_eq!(next.len(), 3);
        assert_eq!(
            next[0].top.len(),
            1,
            "only EOS can be chosen in a 3-token vocabulary"
        );
        assert!(next
            .iter()
            .all(|n| n.top.iter().all(|(_, p)| p.is_finite())));
        assert!((next[0].top[0].1 - 1.0).abs() < 1e-6);
        assert!(next[1].top[0].1 < 1e-6 && (next[1].rest - 1.0).abs() < 1e-6);
        assert!((next[2].top[0].1 - 1.0 / 3.0).abs() < 1e-6);
        assert!(next_probs(&[], 0, 5).is_empty());
    }
}
