//! The lab's model leaving as PyTorch files and coming back: `Export` writes the weights as a
//! safetensors file named after the PyTorch module's `state_dict` (`export::transformer`) and
//! the script that defines that module (`export::transformer_py`); `Import` takes such a file,
//! from gradlab or from PyTorch, checks it against the model in full before writing anything,
//! and then has the new model scored as a new lab is.

use super::{ExportedModel, Scoring, TranslateEvent, TranslateLab, Window, EVAL_MS};
use crate::error::Error;
use crate::experiments::NamedTensor;
use crate::export::transformer::{expected, load_state_dict, state_dict};
use crate::export::transformer_py::{script, ScriptSettings};
use crate::tasks::{DateLanguages, Task};

/// A name for the task in file names.
fn task_slug(task: Task) -> &'static str {
    match task {
        Task::Dates(DateLanguages::Both) => "dates",
        Task::Dates(DateLanguages::English) => "dates-en",
        Task::Dates(DateLanguages::Chinese) => "dates-zh",
        Task::Numbers => "numbers",
        Task::Reversal => "reversal",
    }
}

impl TranslateLab {
    /// The weights and the script, named for the task and the step.
    pub(super) fn export(&self) -> Result<ExportedModel, Error> {
        let t = &self.trainer;
        let slug = task_slug(t.task);
        let stem = format!("gradlab-transformer-{slug}-step{}", self.step());
        let weights = weights_bytes(&state_dict(&t.model, &t.params))?;
        let script = script(&ScriptSettings {
            config: &t.config().model,
            vocab: &t.vocab,
            task: slug,
            step: self.step(),
            stem: &stem,
            max_output: t.max_output_len(),
            examples: self.samples(),
        });
        Ok(ExportedModel {
            stem,
            weights,
            script,
        })
    }

    /// Takes the weights in `bytes`, or says why not and leaves the model as it was. Taken,
    /// they are the lab's from now on: training pauses, Adam starts again (the step count and
    /// the schedule go on), and the test set is scored anew, as after a reset.
    pub(super) fn import(&mut self, bytes: &[u8], now: f64, out: &mut Vec<TranslateEvent>) {
        let t = &mut self.trainer;
        let loaded = weights_from_bytes(bytes, &expected(&t.model, &t.params))
            .and_then(|tensors| load_state_dict(&t.model, &mut t.params, &tensors));
        if let Err(e) = loaded {
            return out.push(TranslateEvent::ImportRefused {
                reason: e.to_string(),
            });
        }
        t.reset_optimizer();
        self.pause(now, out);
        self.diverged = false;
        self.window = Window::default();
        self.next_eval_ms = self.train_ms + EVAL_MS;
        out.push(TranslateEvent::Imported { step: self.step() });
        self.scoring = Some(Scoring::default());
        self.preparing = true;
    }
}

// TODO(h14-export): the shared safetensors layer replaces these two.
fn weights_bytes(tensors: &[NamedTensor]) -> Result<Vec<u8>, Error> {
    use safetensors::tensor::{Dtype, TensorView};
    let bytes: Vec<Vec<u8>> = tensors
        .iter()
        .map(|t| t.data.iter().flat_map(|x| x.to_le_bytes()).collect())
        .collect();
    let views = tensors
        .iter()
        .zip(&bytes)
        .map(|(t, b)| TensorView::new(Dtype::F32, t.shape.clone(), b).map(|v| (t.name.as_str(), v)))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| Error::Corrupt {
            what: "weights",
            detail: e.to_string(),
        })?;
    safetensors::serialize(views, None).map_err(|e| Error::Corrupt {
        what: "weights",
        detail: e.to_string(),
    })
}

fn weights_from_bytes(
    bytes: &[u8],
    _expected: &[(String, Vec<usize>)],
) -> Result<Vec<NamedTensor>, Error> {
    use safetensors::tensor::{Dtype, SafeTensors};
    let corrupt = |detail: String| Error::Corrupt {
        what: "the weights file",
        detail,
    };
    let file = SafeTensors::deserialize(bytes).map_err(|e| corrupt(e.to_string()))?;
    file.tensors()
        .into_iter()
        .map(|(name, view)| {
            if view.dtype() != Dtype::F32 {
                return Err(corrupt(format!("{name} is {:?}", view.dtype())));
            }
            let data = view
                .data()
                .chunks_exact(4)
                .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
                .collect();
            Ok(NamedTensor {
                name,
                shape: view.shape().to_vec(),
                data,
            })
        })
        .collect()
}

#[cfg(test)]
#[path = "files_tests.rs"]
mod tests;
