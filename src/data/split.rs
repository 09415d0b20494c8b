//! A fixed, seeded, stratified train/test split: the same number of test digits from every
//! class, so test accuracy weighs the classes equally and a seed names the split for good.

use super::mnist::{Mnist, CLASSES};
use crate::rng::Rng;

/// Test digits held out per class: 1,000 of the shipped 10,000.
pub const TEST_PER_CLASS: usize = 100;

/// Indices into a [`Mnist`], each list ascending.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Split {
    pub train: Vec<u32>,
    pub test: Vec<u32>,
}

impl Mnist {
    /// Holds out [`TEST_PER_CLASS`] digits of each class, chosen by `seed`; the rest train.
    ///
    /// A class with fewer than twice that many digits gives half of them, so it still trains.
    /// The choice uses integer arithmetic only, so a seed gives the same split on every platform.
    pub fn split(&self, seed: u64) -> Split {
        stratified(self.labels(), TEST_PER_CLASS, seed)
    }
}

fn stratified(labels: &[u8], per_class: usize, seed: u64) -> Split {
    let mut rng = Rng::seed(seed);
    let (mut train, mut test) = (Vec::new(), Vec::new());
    for class in 0..CLASSES {
        let mut members: Vec<u32> = (0..labels.len() as u32)
            .filter(|&i| usize::from(labels[i as usize]) == class)
            .collect();
        rng.shuffle(&mut members);
        let held = per_class.min(members.len() / 2);
        test.extend_from_slice(&members[..held]);
        train.extend_from_slice(&members[held..]);
    }
    train.sort_unstable();
    test.sort_unstable();
    Split { train, test }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn should_hold_out_per_class_and_half_of_a_small_class() {
        // Class 0 has 10 members, class 1 has 3 (so gives 1), class 2 has none.
        let labels: Vec<u8> = (0..13).map(|i| u8::from(i >= 10)).collect();
        let split = stratified(&labels, 4, 7);
        let held = |c: u8| {
            split
                .test
                .iter()
                .filter(|&&i| labels[i as usize] == c)
                .count()
        };
        assert_eq!((held(0), held(1)), (4, 1));
        assert_eq!(split.train.len() + split.test.len(), 13);
        assert!(split.train.windows(2).all(|w| w[0] < w[1]));
    }
}
