//! The messages of the Transformer lab: what the page asks, what the worker reports.

use serde::{Deserialize, Serialize};

use crate::experiments::StepCount;
use crate::explain::TrainedAttention;
use crate::export::{ExportFile, Imported, WeightsProblem};
use crate::jobs::checkpoint::RestoreProblem;
use crate::models::{AttentionMaps, Evaluation, NextProbs, TransformerPreset};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum TranslateCommand {
    /// A fresh model and data set: answered by `Preparing` now and then, `Setup` once the
    /// model is built, and a step-0 summary once it is scored. Commands that come meanwhile
    /// wait for the summary, but a `Pause` takes back a `Run` that waits.
    Reset(TransformerPreset),
    Run,
    Pause,
    Step,
    /// Show the attention of this watched example (an index into `Setup::watched`).
    Watch(u8),
    /// Translate the visitor's own text.
    Translate(String),
    /// The first encoder self-attention's input and weights on this text, for the
    /// Self-attention chapter.
    Inspect(String),
    /// The weights as a safetensors file with a PyTorch script: answered by `Exported`.
    Export,
    /// Weights from a safetensors file, made by `Export` or by PyTorch from the same module:
    /// answered by `Imported` and then a new score of the test set, ending with a summary, or
    /// by `ImportRefused` with the model unchanged.
    Import(Vec<u8>),
    /// The run so far as bytes to keep: answered by `Checkpoint`.
    Checkpoint,
    /// A lab that goes on from a `Checkpoint`'s bytes, replacing this one: prepared as a Reset
    /// is (its data set drawn again, `Setup`, the restored model scored), ending paused at the
    /// saved step; or answered by `RestoreRefused` with the current model kept.
    Restore(Vec<u8>),
}

/// The answer to `Inspect`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Inspection {
    Ready(Box<TrainedAttention>),
    /// Characters the task's vocabulary lacks: (position, character).
    Unknown(Vec<(u32, char)>),
    TooLong {
        max: u32,
    },
    /// Nothing to read.
    Empty,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TranslateSetup {
    pub params: u64,
    pub train_examples: u32,
    pub test_examples: u32,
    /// A few held-out examples whose attention is kept as training goes: (source, target).
    pub watched: Vec<(String, String)>,
    /// A few more held-out examples, to show what the task looks like.
    pub samples: Vec<(String, String)>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TranslateSummary {
    pub step: u64,
    pub running: bool,
    /// Mean teacher-forced loss per target token since the last summary.
    pub train_loss: Option<f32>,
    /// The latest held-out evaluation and the step it was taken at.
    pub test: Option<(u64, Evaluation)>,
    /// Source and target tokens (no padding) per second of training.
    pub tokens_per_sec: f32,
    /// Examples per second of training.
    pub samples_per_sec: f32,
    /// Milliseconds spent training so far (evaluation excluded).
    pub train_ms: f64,
    pub lr: f32,
    /// The greedy outputs for `TranslateSetup::samples` at the latest evaluation.
    pub outputs: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum TranslateEvent {
    Setup(TranslateSetup),
    Summary(TranslateSummary),
    /// The watched example's attention now.
    Attention {
        example: u8,
        step: u64,
        maps: AttentionMaps,
    },
    /// The watched example's attention at a log-spaced step, kept for scrubbing back.
    Snapshot {
        example: u8,
        step: u64,
        maps: AttentionMaps,
    },
    Translation {
        input: String,
        output: String,
        maps: AttentionMaps,
        /// The likeliest next characters at each decoding step.
        next: Vec<NextProbs<String>>,
    },
    /// The input has characters the task's vocabulary lacks: (position, character).
    Unknown {
        input: String,
        chars: Vec<(u32, char)>,
    },
    /// The input is longer than the model can read.
    TooLong {
        input: String,
        max: u32,
    },
    /// The input was empty: nothing to translate.
    Empty,
    Inspected {
        input: String,
        inspection: Inspection,
    },
    /// A Run was taken: the button answers at once, not with the run's first summary.
    Running {
        step: u64,
    },
    Paused {
        step: u64,
    },
    /// The loss stopped being finite; only a reset trains again.
    Diverged {
        step: u64,
    },
    /// How far a new lab has got before its first summary; a few times a second at most.
    Preparing(Preparation),
    /// The answer to `Export`: `{stem}.safetensors` and `{stem}.py` to download.
    Exported(ExportFile),
    /// Imported weights replaced the model's. Adam's moments start again from zero (they
    /// belonged to the old weights); the step count and the learning-rate schedule go on. The
    /// lab is paused (a `Paused` comes first if it ran), and the new model's score follows as
    /// `Preparing` and a summary.
    Imported(Imported),
    /// The file was not taken, for this reason (naming the tensor at fault); the model is
    /// unchanged.
    ImportRefused {
        problem: WeightsProblem,
    },
    /// The answer to `Checkpoint`: the run at `step`, sealed (see `jobs::checkpoint`).
    Checkpoint {
        step: u64,
        bytes: Vec<u8>,
    },
    /// The saved run was not taken, for this reason; the model is unchanged.
    RestoreRefused {
        problem: RestoreProblem,
    },
}

/// What a new lab does between its `Reset` and its step-0 summary.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PrepStage {
    /// Drawing the examples; counted in examples.
    DataSet,
    /// Scoring the untrained model on the test set; counted in test examples.
    Scoring,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Preparation {
    pub stage: PrepStage,
    pub count: StepCount,
}
