//! Examples as padded id tensors for teacher forcing (Williams & Zipser 1989): the decoder reads
//! BOS + target and is scored on target + EOS, so at every position it predicts the next
//! character from the true ones before it.

use super::vocab::{BOS, EOS, PAD};
use super::{Example, Vocab};
use crate::error::Error;

/// B examples, each row padded with PAD to the longest in the batch. Ids are row-major.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Batch {
    /// B
    pub size: usize,
    /// S: the longest source.
    pub src_len: usize,
    /// T: the longest target plus one (for BOS or EOS).
    pub tgt_len: usize,
    /// (B, S)
    pub src: Vec<usize>,
    /// (B): the source lengths, for the key-padding masks.
    pub src_lens: Vec<usize>,
    /// (B, T): BOS, then the target.
    pub dec_in: Vec<usize>,
    /// (B, T): the target, then EOS; what the loss scores, PAD ignored.
    pub dec_out: Vec<usize>,
    /// (B): target lengths plus one.
    pub tgt_lens: Vec<usize>,
}

impl Batch {
    pub fn new<'a>(
        vocab: &Vocab,
        examples: impl IntoIterator<Item = &'a Example>,
    ) -> Result<Batch, Error> {
        let mut batch = Batch::default();
        batch.fill(vocab, examples)?;
        Ok(batch)
    }

    /// Overwrites this batch, reusing its buffers.
    pub fn fill<'a>(
        &mut self,
        vocab: &Vocab,
        examples: impl IntoIterator<Item = &'a Example>,
    ) -> Result<(), Error> {
        let examples: Vec<&Example> = examples.into_iter().collect();
        let chars = |s: &str| s.chars().count();
        let b = examples.len();
        let s = examples.iter().map(|e| chars(&e.source)).max().unwrap_or(0);
        let t = 1 + examples.iter().map(|e| chars(&e.target)).max().unwrap_or(0);
        if b == 0 || s == 0 {
            return Err(Error::ShapeMismatch {
                op: "Batch::fill",
                lhs: vec![b, s],
                rhs: vec![],
            });
        }
        // Empty until filled: a batch left half-written by an error has no rows.
        self.size = 0;
        self.src.clear();
        self.src_lens.clear();
        self.dec_in.clear();
        self.dec_out.clear();
        self.tgt_lens.clear();
        for e in &examples {
            let start = self.src.len();
            vocab.encode_into(&e.source, &mut self.src)?;
            self.src_lens.push(self.src.len() - start);
            self.src.resize(start + s, PAD);

            let start = self.dec_out.len();
            vocab.encode_into(&e.target, &mut self.dec_out)?;
            let n = self.dec_out.len() - start;
            self.dec_in.push(BOS);
            self.dec_in
                .extend_from_slice(&self.dec_out[start..start + n]);
            self.dec_in.resize(start + t, PAD);
            self.dec_out.push(EOS);
            self.dec_out.resize(start + t, PAD);
            self.tgt_lens.push(n + 1);
        }
        (self.size, self.src_len, self.tgt_len) = (b, s, t);
        Ok(())
    }

    /// Target tokens the loss counts (targets plus EOS, padding excluded).
    pub fn target_tokens(&self) -> usize {
        self.tgt_lens.iter().sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn should_pad_and_shift_the_decoder_rows() {
        let vocab = Vocab::from_alphabet("abc");
        let (a, b, c) = (3, 4, 5);
        let ex = |s: &str, t: &str| Example {
            source: s.into(),
            target: t.into(),
        };
        let examples = [ex("abc", "cba"), ex("a", "a")];
        let batch = Batch::new(&vocab, &examples).unwrap();
        assert_eq!((batch.size, batch.src_len, batch.tgt_len), (2, 3, 4));
        assert_eq!(batch.src, [a, b, c, a, PAD, PAD]);
        assert_eq!(batch.src_lens, [3, 1]);
        assert_eq!(batch.dec_in, [BOS, c, b, a, BOS, a, PAD, PAD]);
        assert_eq!(batch.dec_out, [c, b, a, EOS, a, EOS, PAD, PAD]);
        assert_eq!(batch.tgt_lens, [4, 2]);
        assert_eq!(batch.target_tokens(), 6);
        assert!(Batch::new(&vocab, &[ex("abX", "a")]).is_err());
        assert!(Batch::new(&vocab, &[]).is_err());
    }
}
