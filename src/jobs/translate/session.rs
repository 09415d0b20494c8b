//! The Transformer lab as a worker session. A large lab takes seconds to prepare (100,000
//! examples to draw, then 10,000 test examples to decode greedily), so the session prepares it
//! in units of work, slice by slice, like training: the worker still answers a Pause, a Cancel
//! or a Ping meanwhile, and the page is told how far it has got.
//!
//! Preparing is not training: it gets slices without pausing the other labs. Commands that come
//! meanwhile wait, in order, and are replayed once the step-0 summary is out, as if they had come
//! just after it. A `Run` that waits counts as running, as it would have without the wait: it
//! pauses the other labs when it comes, and a Pause takes it back, answered by `Paused`.

use std::collections::VecDeque;

use super::snapshot::Resume;
use super::{
    PrepStage, Preparation, TransformerPreset, TranslateCommand, TranslateEvent, TranslateLab,
};
use crate::error::Error;
use crate::experiments::StepCount;
use crate::jobs::checkpoint::RestoreProblem;
use crate::jobs::session::{Env, Session};
use crate::tasks::DatasetBuilder;

/// Draws per unit of the data set: about 2 ms natively, 14 ms at most (when the set of seen
/// sources grows), whatever the task; 110,000 examples take 70–110 ms in all.
const DRAWS_PER_UNIT: usize = 2048;
/// How often the preparation's progress is reported: a few times a second.
const PROGRESS_MS: f64 = 250.0;
/// Commands kept while preparing. Translate, Inspect, Watch, Export and Import replace one of
/// their kind, and a Pause takes back every Run, so only Run and Step add up: the page's
/// buttons are disabled while a lab starts, so this many is far more than a visitor sends.
const MAX_PENDING: usize = 32;

enum Stage {
    /// Drawing the examples; the model is built at the end, in a unit of its own.
    DataSet {
        preset: Box<TransformerPreset>,
        builder: DatasetBuilder,
        /// A saved run to go on from once the model is built.
        resume: Option<Box<Resume>>,
    },
    Lab(Box<TranslateLab>),
    /// The data set or the model could not be made; only a new Reset helps.
    Failed,
}

pub struct TranslateSession {
    stage: Stage,
    pending: VecDeque<TranslateCommand>,
    /// When progress was last reported, and at which stage.
    reported: Option<(f64, PrepStage)>,
}

impl TranslateSession {
    /// A session that prepares `preset` in its slices; refused at once if `preset` is invalid.
    pub fn open(preset: &TransformerPreset) -> Result<TranslateSession, Error> {
        super::validate(preset)?;
        Ok(TranslateSession {
            stage: Stage::DataSet {
                preset: Box::new(preset.clone()),
                builder: DatasetBuilder::new(&preset.task)?,
                resume: None,
            },
            pending: VecDeque::new(),
            reported: None,
        })
    }

    /// A session that prepares a saved run's lab and goes on from it, paused; refused at once,
    /// with the reason, if the bytes are not such a run (see `snapshot::open`).
    pub fn restore(bytes: &[u8]) -> Result<TranslateSession, RestoreProblem> {
        let (preset, resume) = super::snapshot::open(bytes)?;
        let mut session = TranslateSession::open(&preset).map_err(RestoreProblem::settings)?;
        if let Stage::DataSet { resume: r, .. } = &mut session.stage {
            *r = Some(Box::new(resume));
        }
        Ok(session)
    }

    /// Whether it still has work before it takes commands: preparing, or replaying the
    /// commands that came meanwhile.
    pub fn preparing(&self) -> bool {
        match &self.stage {
            Stage::DataSet { .. } => true,
            Stage::Lab(lab) => lab.preparing() || !self.pending.is_empty(),
            Stage::Failed => false,
        }
    }

    /// Training, or about to once prepared: the last Run or Step that waits is a Run.
    pub fn running(&self) -> bool {
        let waiting_run = self
            .pending
            .iter()
            .rfind(|c| matches!(c, TranslateCommand::Run | TranslateCommand::Step));
        matches!(&self.stage, Stage::Lab(lab) if lab.running())
            || waiting_run == Some(&TranslateCommand::Run)
    }

    /// What is being prepared and how far it has got; `None` once the step-0 summary is out.
    pub fn progress(&self) -> Option<Preparation> {
        let (stage, (done, total)) = match &self.stage {
            Stage::DataSet { builder, .. } => (PrepStage::DataSet, builder.progress()),
            Stage::Lab(lab) if lab.preparing() => (PrepStage::Scoring, lab.scoring_progress()),
            _ => return None,
        };
        Some(Preparation {
            stage,
            count: StepCount { done, total },
        })
    }

    /// One unit of preparation: draws, the model, a chunk of scoring, or one waiting command.
    fn unit(&mut self, now: f64, out: &mut Vec<TranslateEvent>) -> Result<(), Error> {
        match &mut self.stage {
            Stage::DataSet { builder, .. } if !builder.is_done() => builder.advance(DRAWS_PER_UNIT),
            Stage::DataSet { .. } => self.build(out),
            Stage::Lab(lab) if lab.preparing() => {
                lab.prepare_unit(now, out);
                Ok(())
            }
            Stage::Lab(lab) => match self.pending.pop_front() {
                Some(cmd) => lab.command(cmd, now, out),
                None => Ok(()),
            },
            Stage::Failed => Ok(()),
        }
    }

    /// The model on the finished data set; it sends its setup and queues its scoring.
    fn build(&mut self, out: &mut Vec<TranslateEvent>) -> Result<(), Error> {
        let Stage::DataSet {
            preset,
            builder,
            resume,
        } = std::mem::replace(&mut self.stage, Stage::Failed)
        else {
            return Ok(());
        };
        let mut lab = TranslateLab::build(&preset, builder.finish()?)?;
        if let Some(resume) = resume {
            lab.resume(*resume)?;
        }
        lab.begin(out);
        self.stage = Stage::Lab(Box::new(lab));
        Ok(())
    }

    /// Reports progress when a stage begins and every `PROGRESS_MS` within it.
    fn report(&mut self, now: f64, out: &mut Vec<TranslateEvent>) {
        let Some(p) = self.progress() else {
            return;
        };
        let due = self
            .reported
            .is_none_or(|(at, stage)| stage != p.stage || now - at >= PROGRESS_MS);
        if due {
            self.reported = Some((now, p.stage));
            out.push(TranslateEvent::Preparing(p));
        }
    }

    /// Keeps a command for the end of the preparation; see `MAX_PENDING`.
    fn keep(&mut self, cmd: TranslateCommand) {
        use TranslateCommand as C;
        let same_kind = |a: &C, b: &C| {
            matches!(
                (a, b),
                (C::Translate(_), C::Translate(_))
                    | (C::Inspect(_), C::Inspect(_))
                    | (C::Watch(_), C::Watch(_))
                    | (C::Export, C::Export)
                    | (C::Import(_), C::Import(_))
                    | (C::Checkpoint, C::Checkpoint)
            )
        };
        self.pending.retain(|c| !same_kind(c, &cmd));
        if self.pending.len() < MAX_PENDING {
            self.pending.push_back(cmd);
        }
    }

    /// A Pause at once, even while preparing: a Run that waits is taken back, and said so, as
    /// a lab that trains says it paused.
    fn pause_now(&mut self, now: f64, out: &mut Vec<TranslateEvent>) {
        if let Stage::Lab(lab) = &mut self.stage {
            if lab.running() {
                self.pending.retain(|c| *c != TranslateCommand::Run);
                return lab.pause(now, out);
            }
        }
        if self.running() {
            let step = match &self.stage {
                Stage::Lab(lab) => lab.step(),
                _ => 0,
            };
            out.push(TranslateEvent::Paused { step });
        }
        self.pending.retain(|c| *c != TranslateCommand::Run);
    }
}

impl Session for TranslateSession {
    type Command = TranslateCommand;
    type Event = TranslateEvent;

    fn command(
        &mut self,
        cmd: TranslateCommand,
        now: f64,
        out: &mut Vec<TranslateEvent>,
    ) -> Result<(), Error> {
        if self.preparing() {
            match cmd {
                TranslateCommand::Pause => self.pause_now(now, out),
                cmd => self.keep(cmd),
            }
            return Ok(());
        }
        match &mut self.stage {
            Stage::Lab(lab) => {
                let result = lab.command(cmd, now, out);
                if lab.preparing() {
                    // Imported weights are scored as a new lab's: progress from the start.
                    self.reported = None;
                }
                result
            }
            _ => Ok(()),
        }
    }

    /// Prepares, a unit at a time, until the deadline; then trains if a Run was waiting or
    /// had come before.
    fn run_slice(
        &mut self,
        env: &Env,
        deadline: f64,
        out: &mut Vec<TranslateEvent>,
    ) -> Result<(), Error> {
        while self.preparing() {
            let now = (env.now)();
            if now >= deadline {
                return Ok(());
            }
            let unit = self.unit(now, out);
            if let Err(e) = unit {
                if !matches!(self.stage, Stage::Lab(_)) {
                    self.stage = Stage::Failed;
                }
                return Err(e);
            }
            self.report((env.now)(), out);
        }
        match &mut self.stage {
            Stage::Lab(lab) => lab.run_slice(env, deadline, out),
            _ => Ok(()),
        }
    }

    fn running(&self) -> bool {
        TranslateSession::running(self)
    }

    fn preparing(&self) -> bool {
        TranslateSession::preparing(self)
    }

    fn pause(&mut self, now: f64, out: &mut Vec<TranslateEvent>) {
        self.pause_now(now, out);
    }
}

#[cfg(test)]
#[path = "session_tests.rs"]
mod tests;
