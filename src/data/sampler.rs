//! Minibatches drawn without replacement: every epoch visits each training index exactly once,
//! in a fresh seeded order ("random reshuffling"; Bottou 2012, "Stochastic Gradient Descent
//! Tricks", §2.3).
//!
//! An epoch's order depends only on the seed and the epoch number, not on the epochs before it,
//! so a run can be replayed from any epoch.

use crate::error::Error;
use crate::rng::Rng;

#[derive(Clone, Debug)]
pub struct Sampler {
    /// The current epoch's order.
    order: Vec<u32>,
    seed: u64,
    epoch: u64,
    /// Next position in `order`.
    at: usize,
}

/// SplitMix64's finaliser (Steele, Lea & Flood 2014), so neighbouring epochs get unrelated
/// seeds rather than PCG streams that start next to each other.
fn epoch_seed(seed: u64, epoch: u64) -> u64 {
    let mut z = seed.wrapping_add(epoch.wrapping_add(1).wrapping_mul(0x9E37_79B9_7F4A_7C15));
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

impl Sampler {
    /// A sampler over `indices` (e.g. [`super::Split::train`]), starting at epoch 0.
    pub fn new(indices: Vec<u32>, seed: u64) -> Result<Sampler, Error> {
        if indices.is_empty() {
            return Err(Error::OutOfRange {
                field: "sampler indices",
                value: 0.0,
                min: 1.0,
                max: f64::INFINITY,
            });
        }
        let mut sampler = Sampler {
            order: indices,
            seed,
            epoch: 0,
            at: 0,
        };
        sampler.shuffle();
        Ok(sampler)
    }

    /// The epoch the next index comes from, counting from 0.
    pub fn epoch(&self) -> u64 {
        self.epoch
    }

    /// Where the next index comes from: (epoch, position in that epoch's order). With the
    /// seed and the indices it is the whole state, since an epoch's order is a function of
    /// (seed, epoch).
    pub fn position(&self) -> (u64, usize) {
        (self.epoch, self.at)
    }

    /// Moves to a position `position` gave, as a saved run resumes; refused if `at` is past the
    /// end of an epoch of these indices.
    pub fn seek(&mut self, epoch: u64, at: usize) -> Result<(), Error> {
        if at >= self.order.len() {
            return Err(Error::OutOfRange {
                field: "sampler position",
                value: at as f64,
                min: 0.0,
                max: (self.order.len() - 1) as f64,
            });
        }
        self.epoch = epoch;
        self.at = at;
        self.shuffle();
        Ok(())
    }

    /// Fills `out` with the next indices, moving into a new, reshuffled epoch when one runs out,
    /// so every batch is full. Allocates nothing.
    pub fn fill(&mut self, out: &mut [u32]) {
        let mut filled = 0;
        while filled < out.len() {
            let n = (out.len() - filled).min(self.order.len() - self.at);
            out[filled..filled + n].copy_from_slice(&self.order[self.at..self.at + n]);
            filled += n;
            self.at += n;
            if self.at == self.order.len() {
                self.epoch += 1;
                self.at = 0;
                self.shuffle();
            }
        }
    }

    // Sorting first makes the order a function of (seed, epoch) alone; sort_unstable does not
    // allocate.
    fn shuffle(&mut self) {
        self.order.sort_unstable();
        Rng::seed(epoch_seed(self.seed, self.epoch)).shuffle(&mut self.order);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn should_refuse_an_empty_set() {
        assert!(Sampler::new(Vec::new(), 0).is_err());
    }

    #[test]
    fn should_replay_an_epoch_from_the_seed_alone() {
        // Epoch 2 reached by drawing through epochs 0 and 1 equals epoch 2 of a fresh sampler
        // whose order was shuffled differently before.
        let mut walked = Sampler::new((0..50).collect(), 9).expect("non-empty");
        let mut skip = [0; 100];
        walked.fill(&mut skip);
        let mut jumped = Sampler::new((0..50).rev().collect(), 9).expect("non-empty");
        jumped.epoch = 2;
        jumped.shuffle();
        assert_eq!(walked.epoch(), 2);
        let mut a = [0; 50];
        walked.fill(&mut a);
        assert_eq!(walked.epoch(), 3);
        assert_eq!(&a[..], &jumped.order[..]);
    }

    #[test]
    fn should_draw_on_from_a_position_it_seeks_to() {
        let mut walked = Sampler::new((0..50).collect(), 4).expect("non-empty");
        let mut skip = [0; 123];
        walked.fill(&mut skip);
        let (epoch, at) = walked.position();
        let mut sought = Sampler::new((0..50).collect(), 4).expect("non-empty");
        sought.seek(epoch, at).expect("in range");
        let (mut a, mut b) = ([0; 77], [0; 77]);
        walked.fill(&mut a);
        sought.fill(&mut b);
        assert_eq!(a, b);
        assert!(sought.seek(0, 50).is_err(), "past the end of an epoch");
    }
}
