//! Results built by hand for the view tests: one place, so every test means the same thing by
//! "a finished row".

use crate::experiments::{AccuracyPoint, FinetuneResult, Method, MethodResult};

/// A method finished at `accuracy` after 300 steps.
pub fn finished(method: Method, accuracy: f32) -> MethodResult {
    MethodResult {
        method,
        steps: 300,
        curve: vec![AccuracyPoint {
            step: 300,
            accuracy,
        }],
        loss: None,
    }
}

/// The three methods at K, finished.
pub fn finetune_row(k: usize, probe: f32, full: f32, scratch: f32) -> FinetuneResult {
    FinetuneResult {
        k,
        steps: 300,
        methods: vec![
            finished(Method::LinearProbe, probe),
            finished(Method::FullFinetune, full),
            finished(Method::Scratch, scratch),
        ],
    }
}
