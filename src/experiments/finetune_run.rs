//! One method trained on K labelled digits for the step budget, its held-out accuracy measured
//! at regular steps. Each call to `work` does one training step or scores one chunk of the test
//! digits, so the worker can stop between any two.

use serde::{Deserialize, Serialize};

use crate::data::mnist::PIXELS;
use crate::data::Sampler;
use crate::error::Error;

use super::classifier::{Classifier, Method};
use super::labelled::Digits;

/// Test digits scored per call: a few training steps' worth of work.
pub(super) const EVAL_CHUNK: usize = 250;

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct AccuracyPoint {
    pub step: usize,
    /// Fraction of the held-out digits labelled right.
    pub accuracy: f32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MethodResult {
    pub method: Method,
    /// Steps taken so far.
    pub steps: usize,
    /// Held-out accuracy at step 0, every `eval_every` steps, and after the last step.
    pub curve: Vec<AccuracyPoint>,
    /// The latest training loss.
    pub loss: Option<f32>,
}

impl MethodResult {
    /// The latest held-out accuracy: the final one once the run is over.
    pub fn accuracy(&self) -> Option<f32> {
        self.curve.last().map(|p| p.accuracy)
    }
}

/// A pass over the test digits in progress.
struct Scoring {
    next: usize,
    correct: usize,
}

pub(crate) struct MethodRun {
    classifier: Classifier,
    sampler: Sampler,
    budget: usize,
    eval_every: usize,
    positions: Vec<u32>,
    images: Vec<f32>,
    labels: Vec<usize>,
    scoring: Option<Scoring>,
    result: MethodResult,
}

impl MethodRun {
    /// Batches of `batch` (at most K) drawn from the `k` labelled digits by `seed`; the run is
    /// scored before its first step.
    pub(crate) fn new(
        classifier: Classifier,
        k: usize,
        batch: usize,
        budget: usize,
        eval_every: usize,
        seed: u64,
    ) -> Result<MethodRun, Error> {
        let batch = batch.min(k);
        let method = classifier.method;
        Ok(MethodRun {
            classifier,
            sampler: Sampler::new((0..k as u32).collect(), seed)?,
            budget,
            eval_every,
            positions: vec![0; batch],
            images: vec![0.0; batch * PIXELS],
            labels: vec![0; batch],
            scoring: Some(Scoring {
                next: 0,
                correct: 0,
            }),
            result: MethodResult {
                method,
                steps: 0,
                curve: Vec::new(),
                loss: None,
            },
        })
    }

    pub(crate) fn result(&self) -> &MethodResult {
        &self.result
    }

    pub(crate) fn is_done(&self) -> bool {
        self.result.steps == self.budget && self.scoring.is_none()
    }

    /// One unit of work on `train` (the K digits) and `test`; true if it was a training step.
    pub(crate) fn work(&mut self, train: &Digits, test: &Digits) -> Result<bool, Error> {
        if let Some(scoring) = &mut self.scoring {
            let end = (scoring.next + EVAL_CHUNK).min(test.len());
            let (images, labels) = test.rows(scoring.next..end);
            scoring.correct += self.classifier.count_correct(images, labels)?;
            scoring.next = end;
            if end == test.len() {
                self.result.curve.push(AccuracyPoint {
                    step: self.result.steps,
                    accuracy: scoring.correct as f32 / test.len().max(1) as f32,
                });
                self.scoring = None;
            }
            return Ok(false);
        }
        if self.result.steps == self.budget {
            return Ok(false);
        }
        self.sampler.fill(&mut self.positions);
        for ((&p, image), label) in self
            .positions
            .iter()
            .zip(self.images.chunks_exact_mut(PIXELS))
            .zip(&mut self.labels)
        {
            let (pixels, labels) = train.rows(p as usize..p as usize + 1);
            image.copy_from_slice(pixels);
            *label = labels[0];
        }
        self.result.loss = Some(self.classifier.step(&self.images, &self.labels)?);
        self.result.steps += 1;
        let steps = self.result.steps;
        if steps.is_multiple_of(self.eval_every) || steps == self.budget {
            self.scoring = Some(Scoring {
                next: 0,
                correct: 0,
            });
        }
        Ok(true)
    }
}
