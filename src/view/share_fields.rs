//! Each lab's settings as the named fields of a link (`super::share_link`): the keys in the
//! order a link writes them, each value written as text and read back as its form reads it.
//! The keys are the names the forms give their fields, so a refusal shows next to its field.

use crate::data::mnist::PIXELS;
use crate::error::Error;
use crate::jobs::lab::config::{AeLabConfig, DataMode, OptimizerKind, TrainSettings, VaeLabConfig};
use crate::jobs::lab::fields::{
    parse_number, parse_whole, parse_widths, widths_text, FieldError, LinkError,
};
use crate::jobs::translate;
use crate::models::{Positions, ReconLoss, TransformerPreset};
use crate::tasks::{DateLanguages, Task};

/// A lab's settings as a link holds them.
pub trait Linked: Clone {
    /// The keys, in the order a link writes them and they are applied (the Transformer's task
    /// first: it picks the preset the other fields change).
    const KEYS: &'static [&'static str];
    /// Every key's value as text, in the order of `KEYS`.
    fn write(&self) -> Vec<(&'static str, String)>;
    /// Sets the field `key` from `text`, or says why not. Only the text is checked, so whether
    /// it is read does not depend on the other fields; ranges, and how fields fit together,
    /// are `validate`'s.
    fn read(&mut self, key: &str, text: &str) -> Result<(), FieldError>;
    fn validate(&self) -> Result<(), Error>;
}

/// A field that is one of a few named values.
type Choices<T> = [(&'static str, T)];

const OPTIMIZERS: &Choices<OptimizerKind> =
    &[("adam", OptimizerKind::Adam), ("sgd", OptimizerKind::Sgd)];
/// What a lab trains on. A link names the choice, never the pictures: they stay in the browser.
const DATA: &Choices<DataMode> = &[
    ("digits", DataMode::Digits),
    ("own", DataMode::Own),
    ("both", DataMode::Mixed),
];
const LOSSES: &Choices<ReconLoss> = &[("mse", ReconLoss::Mse), ("bce", ReconLoss::Bce)];
const POSITIONS: &Choices<Positions> = &[
    ("sinusoidal", Positions::Sinusoidal),
    ("learned", Positions::Learned),
];
/// The tasks the Transformer form offers.
const TASKS: &Choices<Task> = &[
    ("dates", Task::Dates(DateLanguages::Both)),
    ("numbers", Task::Numbers),
    ("reversal", Task::Reversal),
];

fn name<T: PartialEq>(choices: &Choices<T>, value: &T) -> String {
    let found = choices.iter().find(|(_, v)| v == value);
    found.map_or_else(String::new, |(n, _)| (*n).to_string())
}

/// One of `choices`, by its name in any case ("SGD" is "sgd").
fn choose<T: Copy>(choices: &Choices<T>, text: &str) -> Result<T, FieldError> {
    let text = text.trim();
    let found = choices.iter().find(|(n, _)| n.eq_ignore_ascii_case(text));
    found.map(|(_, v)| *v).ok_or_else(|| {
        let names = choices.iter().map(|(n, _)| *n).collect();
        FieldError::Link(LinkError::NotChoice(names))
    })
}

/// A whole number as a size; one past any size is refused by the range check.
fn size(text: &str) -> Result<usize, FieldError> {
    parse_whole(text).map(|v| usize::try_from(v).unwrap_or(usize::MAX))
}

/// A number read straight as an `f32`, so that the shortest text of an `f32` gives it back
/// exactly (through an `f64` it could round to its neighbour).
fn float32(text: &str) -> Result<f32, FieldError> {
    parse_number(text)?;
    text.trim().parse().map_err(|_| FieldError::NotNumber)
}

/// A model's widths from the input on ("784-128-2"): the links name whole models.
fn widths(layers: &[usize]) -> String {
    widths_text(&[&[PIXELS], layers].concat())
}

/// The layers after the input, from widths that must start with it.
fn layers(text: &str) -> Result<Vec<usize>, FieldError> {
    match parse_widths(text)?.split_first() {
        Some((&PIXELS, layers)) => Ok(layers.to_vec()),
        _ => Err(FieldError::Link(LinkError::NotFromInput(PIXELS))),
    }
}

/// A key `read` was not meant to get; `share_link` passes only `KEYS`.
fn unknown(key: &str) -> FieldError {
    FieldError::Link(LinkError::UnknownKeys {
        keys: vec![key.to_string()],
        more: false,
    })
}

/// The training fields the autoencoder and the VAE share, after their model's.
fn write_train(t: &TrainSettings) -> [(&'static str, String); 5] {
    [
        ("lr", t.lr.to_string()),
        ("batch", t.batch.to_string()),
        ("optimizer", name(OPTIMIZERS, &t.optimizer)),
        ("seed", t.seed.to_string()),
        ("data", name(DATA, &t.data)),
    ]
}

fn read_train(t: &mut TrainSettings, key: &str, text: &str) -> Result<(), FieldError> {
    match key {
        "lr" => parse_number(text).map(|v| t.lr = v),
        "batch" => size(text).map(|v| t.batch = v),
        "optimizer" => choose(OPTIMIZERS, text).map(|v| t.optimizer = v),
        "seed" => parse_whole(text).map(|v| t.seed = v),
        "data" => choose(DATA, text).map(|v| t.data = v),
        _ => Err(unknown(key)),
    }
}

impl Linked for AeLabConfig {
    const KEYS: &'static [&'static str] =
        &["widths", "loss", "lr", "batch", "optimizer", "seed", "data"];

    fn write(&self) -> Vec<(&'static str, String)> {
        let model = [
            ("widths", widths(&self.layers)),
            ("loss", name(LOSSES, &self.loss)),
        ];
        model.into_iter().chain(write_train(&self.train)).collect()
    }

    fn read(&mut self, key: &str, text: &str) -> Result<(), FieldError> {
        match key {
            "widths" => layers(text).map(|l| self.layers = l),
            "loss" => choose(LOSSES, text).map(|l| self.loss = l),
            _ => read_train(&mut self.train, key, text),
        }
    }

    fn validate(&self) -> Result<(), Error> {
        AeLabConfig::validate(self)
    }
}

impl Linked for VaeLabConfig {
    const KEYS: &'static [&'static str] =
        &["widths", "beta", "lr", "batch", "optimizer", "seed", "data"];

    fn write(&self) -> Vec<(&'static str, String)> {
        let model = [
            ("widths", widths(&self.layers)),
            ("beta", self.beta.to_string()),
        ];
        model.into_iter().chain(write_train(&self.train)).collect()
    }

    fn read(&mut self, key: &str, text: &str) -> Result<(), FieldError> {
        match key {
            "widths" => layers(text).map(|l| self.layers = l),
            "beta" => float32(text).map(|b| self.beta = b),
            _ => read_train(&mut self.train, key, text),
        }
    }

    fn validate(&self) -> Result<(), Error> {
        VaeLabConfig::validate(self)
    }
}

impl Linked for TransformerPreset {
    const KEYS: &'static [&'static str] = &[
        "task",
        "enc_layers",
        "dec_layers",
        "heads",
        "d_model",
        "d_ff",
        "dropout",
        "positions",
        "lr",
        "total_steps",
        "batch",
        "seed",
    ];

    fn write(&self) -> Vec<(&'static str, String)> {
        let m = &self.trainer.model;
        // The form offers the dates in both languages only. The visitor's pairs stay in the
        // browser: their link names no task, and opened elsewhere trains these settings on
        // the dates.
        let task = match self.task.task {
            Task::Dates(_) => Some(Task::Dates(DateLanguages::Both)),
            Task::Pairs(_) => None,
            t => Some(t),
        };
        let task = task.map(|t| ("task", name(TASKS, &t)));
        task.into_iter()
            .chain([
                ("enc_layers", m.enc_layers.to_string()),
                ("dec_layers", m.dec_layers.to_string()),
                ("heads", m.heads.to_string()),
                ("d_model", m.d_model.to_string()),
                ("d_ff", m.d_ff.to_string()),
                ("dropout", m.dropout.to_string()),
                ("positions", name(POSITIONS, &m.positions)),
                ("lr", self.trainer.optimizer.lr.to_string()),
                (
                    "total_steps",
                    self.trainer.schedule.total_steps().to_string(),
                ),
                ("batch", self.batch_size.to_string()),
                ("seed", self.trainer.seed.to_string()),
            ])
            .collect()
    }

    fn read(&mut self, key: &str, text: &str) -> Result<(), FieldError> {
        let trainer = &mut self.trainer;
        let m = &mut trainer.model;
        match key {
            // A task starts from its own preset, as picking it in the form does.
            "task" => choose(TASKS, text).map(|t| *self = TransformerPreset::for_task(t)),
            "enc_layers" => size(text).map(|v| m.enc_layers = v),
            "dec_layers" => size(text).map(|v| m.dec_layers = v),
            "heads" => size(text).map(|v| m.heads = v),
            "d_model" => size(text).map(|v| m.d_model = v),
            "d_ff" => size(text).map(|v| m.d_ff = v),
            "dropout" => float32(text).map(|v| m.dropout = v),
            "positions" => choose(POSITIONS, text).map(|v| m.positions = v),
            "lr" => parse_number(text).map(|v| trainer.optimizer.lr = v),
            "total_steps" => size(text).map(|v| {
                trainer.schedule = trainer.schedule.clone().with_total_steps(v);
            }),
            "batch" => size(text).map(|v| self.batch_size = v),
            // The data set is drawn from the same seed as the weights, as in the form.
            "seed" => parse_whole(text).map(|v| {
                trainer.seed = v;
                self.task.seed = v;
            }),
            _ => Err(unknown(key)),
        }
    }

    fn validate(&self) -> Result<(), Error> {
        translate::validate(self)
    }
}
