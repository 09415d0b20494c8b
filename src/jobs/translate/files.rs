//! The lab's model leaving as PyTorch files and coming back (`export::transformer`): `Export`
//! gives the weights as a safetensors file of the PyTorch module's `state_dict` and the script
//! that defines that module; `Import` takes such a file, from gradlab or from PyTorch, checked
//! in full before anything is written, and then has the new model scored as a new lab's is.

use super::{Scoring, TranslateEvent, TranslateLab, Window, EVAL_MS};
use crate::error::Error;
use crate::export::{transformer, ExportFile, WeightsProblem};

impl TranslateLab {
    /// The weights and the script, which translates the held-out samples the page shows.
    pub(super) fn export(&self) -> Result<ExportFile, Error> {
        transformer::export(&self.trainer, self.samples(), self.step())
    }

    /// Takes the weights in `bytes`, or says why not and leaves the model as it was. Taken,
    /// they are the lab's from now on: training pauses, Adam starts again (the step count and
    /// the schedule go on), and the test set is scored anew, as after a reset.
    pub(super) fn import(&mut self, bytes: &[u8], now: f64, out: &mut Vec<TranslateEvent>) {
        let imported = match transformer::import(&mut self.trainer, bytes) {
            Ok(imported) => imported,
            Err(e) => {
                let problem = WeightsProblem::of(e);
                return out.push(TranslateEvent::ImportRefused { problem });
            }
        };
        self.trainer.reset_optimizer();
        self.pause(now, out);
        self.diverged = false;
        self.window = Window::default();
        self.next_eval_ms = self.train_ms + EVAL_MS;
        out.push(TranslateEvent::Imported(imported));
        self.scoring = Some(Scoring::default());
        self.preparing = true;
    }
}

#[cfg(test)]
#[path = "files_tests.rs"]
mod tests;
