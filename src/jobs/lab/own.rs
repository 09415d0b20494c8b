//! The visitor's own pictures in a lab: a tenth held out as their test set, the rest drawn into
//! training batches, alone (`DataMode::Own`) or mixed with the digits (`DataMode::Mixed`).

use std::rc::Rc;

use super::config::DataMode;
use super::events::OwnImages;
use crate::data::mnist::PIXELS;
use crate::data::Sampler;
use crate::error::Error;
use crate::rng::Rng;

/// Pictures whose codes the latent map shows, held-out ones first.
pub const MAP: usize = 500;
/// Pictures whose reconstructions are shown: a row of the grid.
pub const SHOWN: usize = 8;
/// The least share of a mixed batch that is the visitor's. Drawn in proportion, 30 pictures
/// among 9,000 training digits would be one row in 300: a batch of 64 would hold one every five
/// steps, and the model would never learn them. A quarter of each batch lets it learn them while
/// the digits still make most of what the code has to organise; a set larger than a quarter of
/// the pool is drawn in proportion.
const MIXED_SHARE: f64 = 0.25;
/// Keeps the pictures' order apart from the digits' for the same seed.
const OWN_SEED: u64 = 0x0a11_ce5e;

fn to_f32(bytes: &[u8]) -> impl Iterator<Item = f32> + '_ {
    bytes.iter().map(|&b| f32::from(b) / 255.0)
}

/// How many of `n` pictures are held out to test: a tenth, at least one when there are two; a
/// single picture is its own test (0 held out). The page says the same number.
pub fn held_out(n: usize) -> usize {
    if n >= 2 {
        (n / 10).max(1)
    } else {
        0
    }
}

pub struct OwnSplit {
    images: Rc<OwnImages>,
    sampler: Sampler,
    indices: Vec<u32>,
    /// Held-out pictures, (n_test, 784).
    pub test: Vec<f32>,
    /// The pictures the map shows, (≤ MAP, 784); the first `SHOWN` are the shown ones.
    pub map: Vec<f32>,
    pub n_train: usize,
    pub n_test: usize,
    /// The share of each batch that is the visitor's, and the rows owed so far.
    share: f64,
    due: f64,
}

impl OwnSplit {
    /// The split for `mode`, or `None` when the lab trains on the digits alone (the mode says
    /// so, or there are no pictures). `digits` is the number of training digits, for `Mixed`.
    pub fn new(
        mode: DataMode,
        images: Option<Rc<OwnImages>>,
        digits: usize,
        seed: u64,
    ) -> Result<Option<OwnSplit>, Error> {
        let Some(images) = images.filter(|i| i.pixels.len() >= PIXELS) else {
            return Ok(None);
        };
        if mode == DataMode::Digits {
            return Ok(None);
        }
        let n = images.pixels.len() / PIXELS;
        let mut order: Vec<u32> = (0..n as u32).collect();
        Rng::seed(seed ^ OWN_SEED).shuffle(&mut order);
        let n_test = held_out(n);
        let (test, train) = order.split_at(n_test);
        let test = if test.is_empty() { train } else { test };
        let rows = |idx: &[u32], limit: usize| -> Vec<u8> {
            let mut out = Vec::with_capacity(idx.len().min(limit) * PIXELS);
            for &i in idx.iter().take(limit) {
                let at = i as usize * PIXELS;
                out.extend_from_slice(&images.pixels[at..at + PIXELS]);
            }
            out
        };
        let test_f32: Vec<f32> = to_f32(&rows(test, usize::MAX)).collect();
        let map_bytes = rows(&[test, train].concat(), MAP);
        let share = match mode {
            DataMode::Own => 1.0,
            _ => MIXED_SHARE.max(train.len() as f64 / (train.len() + digits) as f64),
        };
        Ok(Some(OwnSplit {
            sampler: Sampler::new(train.to_vec(), seed ^ OWN_SEED)?,
            indices: Vec::new(),
            test: test_f32,
            map: to_f32(&map_bytes).collect(),
            n_train: train.len(),
            n_test,
            images,
            share,
            due: 0.0,
        }))
    }

    /// Whether the lab trains on the pictures alone, so that they are its test set too.
    pub fn alone(&self) -> bool {
        self.share >= 1.0
    }

    /// The shown pictures as bytes.
    pub fn shown(&self) -> Vec<u8> {
        let end = (SHOWN * PIXELS).min(self.map.len());
        self.map[..end]
            .iter()
            .map(|&v| (v * 255.0).round() as u8)
            .collect()
    }

    /// How many rows of a batch of `batch` are the visitor's this step: all of them for `Own`;
    /// for `Mixed` the share, carried from step to step so that a small batch gets its share too.
    pub fn rows(&mut self, batch: usize) -> usize {
        self.due += self.share * batch as f64;
        let rows = (self.due.floor() as usize).min(batch);
        self.due -= rows as f64;
        rows
    }

    /// Fills `out` (rows × 784) with the next training pictures.
    pub fn fill(&mut self, out: &mut [f32]) {
        self.indices.resize(out.len() / PIXELS, 0);
        self.sampler.fill(&mut self.indices);
        for (row, &i) in out.chunks_exact_mut(PIXELS).zip(&self.indices) {
            let at = i as usize * PIXELS;
            for (o, v) in row
                .iter_mut()
                .zip(to_f32(&self.images.pixels[at..at + PIXELS]))
            {
                *o = v;
            }
        }
    }
}
