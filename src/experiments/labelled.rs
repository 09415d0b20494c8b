//! The few labelled digits a semi-supervised run may use: K digits of the training split, as
//! many of each class as K allows, chosen by a seed.
//!
//! Balanced rather than drawn at random because at small K a random draw misses classes: ten
//! digits drawn uniformly cover all ten classes with probability 10!/10¹⁰ ≈ 0.04%, and a class
//! with no example cannot be learned by any method, so the comparison would measure the draw's
//! luck. Each class's digits are taken from the front of one seeded shuffle, so a smaller K's
//! digits are among a larger K's: the sweep over K changes how many labels there are, nothing
//! else.

use crate::data::mnist::{CLASSES, PIXELS};
use crate::data::Mnist;
use crate::error::Error;
use crate::rng::Rng;

/// Digits copied out of the data set as the tapes read them.
#[derive(Clone, Debug, PartialEq)]
pub struct Digits {
    /// (N, 784), in [0, 1].
    pub images: Vec<f32>,
    /// (N), 0..=9.
    pub labels: Vec<usize>,
}

impl Digits {
    pub fn gather(data: &Mnist, indices: &[u32]) -> Result<Digits, Error> {
        if let Some(&bad) = indices.iter().find(|&&i| i as usize >= data.len()) {
            return Err(Error::IndexOutOfRange {
                op: "Digits::gather",
                index: bad as usize,
                len: data.len(),
            });
        }
        let mut images = vec![0.0; indices.len() * PIXELS];
        data.images_into(indices, &mut images)?;
        let labels = indices
            .iter()
            .map(|&i| usize::from(data.label(i as usize)))
            .collect();
        Ok(Digits { images, labels })
    }

    pub fn len(&self) -> usize {
        self.labels.len()
    }

    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
    }

    /// Digits `range` as (rows, 784) pixels and their labels.
    pub fn rows(&self, range: std::ops::Range<usize>) -> (&[f32], &[usize]) {
        (
            &self.images[range.start * PIXELS..range.end * PIXELS],
            &self.labels[range],
        )
    }
}

/// `k` indices from `pool` (say, the training split): ⌊k/10⌋ of each class, and one more for
/// k mod 10 classes picked by `seed`. Ascending. Fails if a class has too few digits in `pool`.
pub fn balanced_subset(data: &Mnist, pool: &[u32], k: usize, seed: u64) -> Result<Vec<u32>, Error> {
    let mut rng = Rng::seed(seed);
    let mut by_class: Vec<Vec<u32>> = vec![Vec::new(); CLASSES];
    for &i in pool {
        if i as usize >= data.len() {
            return Err(Error::IndexOutOfRange {
                op: "balanced_subset",
                index: i as usize,
                len: data.len(),
            });
        }
        by_class[usize::from(data.label(i as usize))].push(i);
    }
    for members in &mut by_class {
        members.sort_unstable();
        rng.shuffle(members);
    }
    let mut classes: Vec<usize> = (0..CLASSES).collect();
    rng.shuffle(&mut classes);
    let mut chosen = Vec::with_capacity(k);
    for (rank, &class) in classes.iter().enumerate() {
        let wanted = k / CLASSES + usize::from(rank < k % CLASSES);
        let members = &by_class[class];
        if members.len() < wanted {
            return Err(Error::OutOfRange {
                field: "k",
                value: k as f64,
                min: CLASSES as f64,
                max: (CLASSES * by_class.iter().map(Vec::len).min().unwrap_or(0)) as f64,
            });
        }
        chosen.extend_from_slice(&members[..wanted]);
    }
    chosen.sort_unstable();
    Ok(chosen)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::mnist::{parse, tests::encode};

    /// Digit i has label i mod 10 (so 30 of each class in 300).
    fn data() -> Mnist {
        let labels: Vec<u8> = (0..300).map(|i| (i % 10) as u8).collect();
        parse(&encode(&labels)).unwrap()
    }

    #[test]
    fn should_balance_classes_and_nest_smaller_subsets() {
        let data = data();
        let pool: Vec<u32> = (0..300).collect();
        let count = |subset: &[u32], class: u8| {
            subset
                .iter()
                .filter(|&&i| data.label(i as usize) == class)
                .count()
        };
        let k20 = balanced_subset(&data, &pool, 20, 4).unwrap();
        assert!((0..10).all(|c| count(&k20, c) == 2));
        let k25 = balanced_subset(&data, &pool, 25, 4).unwrap();
        let extra: Vec<usize> = (0..10).map(|c| count(&k25, c)).collect();
        assert_eq!(extra.iter().filter(|&&n| n == 3).count(), 5, "{extra:?}");
        let k100 = balanced_subset(&data, &pool, 100, 4).unwrap();
        assert!(k20.iter().all(|i| k25.contains(i) && k100.contains(i)));
        assert!(k25.iter().all(|i| k100.contains(i)));
        assert_eq!(k100, balanced_subset(&data, &pool, 100, 4).unwrap());
        assert_ne!(k100, balanced_subset(&data, &pool, 100, 5).unwrap());
        assert!(k100.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn should_refuse_more_than_a_class_holds() {
        let data = data();
        let pool: Vec<u32> = (0..300).collect();
        assert!(balanced_subset(&data, &pool, 300, 0).is_ok());
        assert!(matches!(
            balanced_subset(&data, &pool, 301, 0),
            Err(Error::OutOfRange { field: "k", .. })
        ));
        assert!(balanced_subset(&data, &[300], 10, 0).is_err());
    }

    #[test]
    fn should_gather_rows_as_floats() {
        let data = data();
        let digits = Digits::gather(&data, &[3, 12]).unwrap();
        // Every pixel of digit i is i/255.
        let (images, labels) = digits.rows(1..2);
        assert_eq!(labels, &[2]);
        assert_eq!(images[0], 12.0 / 255.0);
        assert!(Digits::gather(&data, &[300]).is_err());
    }
}
