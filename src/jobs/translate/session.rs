//! The Transformer lab as a worker session: its inherent methods under the common trait.

use super::{TranslateCommand, TranslateEvent, TranslateLab};
use crate::error::Error;
use crate::jobs::session::{Env, Session};

impl Session for TranslateLab {
    type Command = TranslateCommand;
    type Event = TranslateEvent;

    fn command(
        &mut self,
        cmd: TranslateCommand,
        now: f64,
        out: &mut Vec<TranslateEvent>,
    ) -> Result<(), Error> {
        TranslateLab::command(self, cmd, now, out)
    }

    fn run_slice(
        &mut self,
        env: &Env,
        deadline: f64,
        out: &mut Vec<TranslateEvent>,
    ) -> Result<(), Error> {
        TranslateLab::run_slice(self, env, deadline, out)
    }

    fn running(&self) -> bool {
        self.running
    }

    fn pause(&mut self, now: f64, out: &mut Vec<TranslateEvent>) {
        TranslateLab::pause(self, now, out)
    }
}
