//! The Transformer form's text fields: filled from a preset, parsed back into one, checked by
//! the core's `validate`.

use std::sync::Arc;

use leptos::prelude::*;

use crate::app::lab_ui::form::checked;
use crate::jobs::lab::fields::{parse_number, parse_whole, FieldErrors};
use crate::jobs::translate::validate;
use crate::models::{Positions, TransformerPreset};
use crate::optim::LrSchedule;
use crate::tasks::{OwnPairs, Task};

/// The form's text fields.
#[derive(Clone, Copy)]
pub struct TfFields {
    pub enc: RwSignal<String>,
    pub dec: RwSignal<String>,
    pub heads: RwSignal<String>,
    pub d_model: RwSignal<String>,
    pub d_ff: RwSignal<String>,
    pub dropout: RwSignal<String>,
    pub positions: RwSignal<Positions>,
    pub lr: RwSignal<String>,
    pub steps: RwSignal<String>,
    pub batch: RwSignal<String>,
    pub seed: RwSignal<String>,
}

impl TfFields {
    pub fn fill(&self, p: &TransformerPreset) {
        let m = &p.trainer.model;
        self.enc.set(m.enc_layers.to_string());
        self.dec.set(m.dec_layers.to_string());
        self.heads.set(m.heads.to_string());
        self.d_model.set(m.d_model.to_string());
        self.d_ff.set(m.d_ff.to_string());
        self.dropout.set(m.dropout.to_string());
        self.positions.set(m.positions);
        self.lr.set(p.trainer.optimizer.lr.to_string());
        let total = match p.trainer.schedule {
            LrSchedule::WarmupCosine { total_steps, .. } => total_steps,
            _ => 0,
        };
        self.steps.set(total.to_string());
        self.batch.set(p.batch_size.to_string());
        self.seed.set(p.trainer.seed.to_string());
    }

    /// The preset of `task` with the form's values, or the refusals. A task of the visitor's
    /// pairs starts from `pairs` (those of the model in use), so that Apply keeps them.
    pub fn parse(
        &self,
        task: Task,
        pairs: Option<Arc<OwnPairs>>,
    ) -> Result<TransformerPreset, FieldErrors> {
        let mut errors = FieldErrors::new();
        let mut whole = |field: &'static str, s: RwSignal<String>| {
            parse_whole(&s.get())
                .map_err(|e| errors.push((field, e)))
                .ok()
        };
        let enc = whole("enc_layers", self.enc);
        let dec = whole("dec_layers", self.dec);
        let heads = whole("heads", self.heads);
        let d_model = whole("d_model", self.d_model);
        let d_ff = whole("d_ff", self.d_ff);
        let steps = whole("total_steps", self.steps);
        let batch = whole("batch", self.batch);
        let seed = whole("seed", self.seed);
        let dropout = parse_number(&self.dropout.get())
            .map_err(|e| errors.push(("dropout", e)))
            .ok();
        let lr = parse_number(&self.lr.get())
            .map_err(|e| errors.push(("lr", e)))
            .ok();
        let parsed = (|| {
            let mut p = match (task, pairs) {
                (Task::Pairs(shape), Some(pairs)) if pairs.shape() == shape => {
                    TransformerPreset::for_pairs(pairs)
                }
                _ => TransformerPreset::for_task(task),
            };
            let m = &mut p.trainer.model;
            let size = |v: u64| usize::try_from(v).unwrap_or(usize::MAX);
            m.enc_layers = size(enc?);
            m.dec_layers = size(dec?);
            m.heads = size(heads?);
            m.d_model = size(d_model?);
            m.d_ff = size(d_ff?);
            m.dropout = dropout? as f32;
            m.positions = self.positions.get();
            p.trainer.optimizer.lr = lr?;
            let total = size(steps?);
            if let LrSchedule::WarmupCosine {
                warmup_steps,
                min_factor,
                ..
            } = p.trainer.schedule
            {
                p.trainer.schedule = LrSchedule::WarmupCosine {
                    warmup_steps: warmup_steps.min(total),
                    total_steps: total,
                    min_factor,
                };
            }
            p.batch_size = size(batch?);
            p.trainer.seed = seed?;
            p.task.seed = p.trainer.seed;
            Some(p)
        })();
        checked(parsed, errors, validate)
    }
}

pub fn task_of(p: &TransformerPreset) -> Task {
    p.task.task
}
