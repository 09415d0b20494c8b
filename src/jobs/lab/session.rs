//! The lab as a worker session: its inherent methods under the common trait.

use super::{Lab, LabCommand, LabEvent};
use crate::error::Error;
use crate::jobs::session::{Env, Session};

impl Session for Lab {
    type Command = LabCommand;
    type Event = LabEvent;

    fn command(&mut self, cmd: LabCommand, now: f64, out: &mut Vec<LabEvent>) -> Result<(), Error> {
        Lab::command(self, cmd, now, out)
    }

    fn run_slice(
        &mut self,
        env: &Env,
        deadline: f64,
        out: &mut Vec<LabEvent>,
    ) -> Result<(), Error> {
        Lab::run_slice(self, env, deadline, out)
    }

    fn running(&self) -> bool {
        self.running
    }

    /// A paused lab's summary is owed: one more slice, which pauses no other lab.
    fn preparing(&self) -> bool {
        self.summary_due()
    }

    fn pause(&mut self, now: f64, out: &mut Vec<LabEvent>) {
        Lab::pause(self, now, out)
    }
}
