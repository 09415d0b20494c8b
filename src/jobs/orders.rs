//! Commands to the sessions and what they report, each naming its session by its variant: an
//! `Order::Vae` can only reach the VAE lab, and a `Report::Failed` says whose failure it was.
//! The wire (`crate::protocol`) wraps these; nothing here knows how they travel.

use serde::{Deserialize, Serialize};

use super::bench::{BenchCommand, BenchEvent};
use super::experiment::{ExperimentCommand, ExperimentEvent};
use super::lab::{LabCommand, LabEvent, LabId};
use super::session::Target;
use super::translate::{TranslateCommand, TranslateEvent};
use crate::error::Error;
use crate::models::AutoencoderConfig;

/// A command for one session.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Order {
    Ae(LabCommand),
    Vae(LabCommand),
    Tf(TranslateCommand),
    /// Every experiment command starts a new run, replacing the last.
    Experiment(ExperimentCommand),
    /// Every bench command starts a new measurement, replacing the last.
    Bench(BenchCommand),
}

impl Order {
    pub fn lab(id: LabId, cmd: LabCommand) -> Order {
        match id {
            LabId::Ae => Order::Ae(cmd),
            LabId::Vae => Order::Vae(cmd),
        }
    }

    /// The settings this order builds a model or runs an experiment with, in words for a
    /// report (the Debug form of its config): what the page names when the worker runs out of
    /// memory on them. `None` for orders that only steer a session already built.
    pub fn settings(&self) -> Option<String> {
        match self {
            Order::Ae(LabCommand::Reset(c)) | Order::Vae(LabCommand::Reset(c)) => {
                Some(format!("{c:?}"))
            }
            Order::Tf(TranslateCommand::Reset(p)) => Some(format!("{p:?}")),
            Order::Experiment(cmd) => Some(format!("{cmd:?}")),
            Order::Bench(cmd) => Some(format!("{cmd:?}")),
            _ => None,
        }
    }

    pub fn target(&self) -> Target {
        match self {
            Order::Ae(_) => Target::Ae,
            Order::Vae(_) => Target::Vae,
            Order::Tf(_) => Target::Tf,
            Order::Experiment(_) => Target::Experiment,
            Order::Bench(_) => Target::Bench,
        }
    }

    /// For a data-parallel order (`jobs::team`) of more than one replica: how many, and the
    /// floats of each replica's share of a step (the seed autoencoder's gradients, the loss and
    /// a vote to stop: `jobs::team::Replica`).
    pub fn team(&self) -> Option<(usize, usize)> {
        let replicas = match self {
            Order::Bench(BenchCommand::Train(config)) => config.replicas,
            Order::Bench(BenchCommand::Determinism { replicas }) => *replicas,
            _ => 1,
        };
        let params = AutoencoderConfig::seed().dense_shape().params as usize;
        (replicas > 1).then_some((replicas, params + 2))
    }

    /// Whether it waits for the MNIST digits. Every command of a digit lab waits, so that they
    /// run in the order they were sent.
    pub fn needs_digits(&self) -> bool {
        match self {
            Order::Ae(_) | Order::Vae(_) => true,
            Order::Tf(_) => false,
            Order::Experiment(cmd) => cmd.needs_digits(),
            Order::Bench(cmd) => cmd.needs_digits(),
        }
    }
}

impl Order {
    /// Whether this order, sent after `older` while both wait for the digits, makes `older`
    /// pointless: a newer order of the same kind to the same session (a newer drawing, probe or
    /// β; a later Run or Pause; steps clicked meanwhile count once), a Reset of that session (a
    /// new model, which the older orders never concerned), or any later order to a job, which
    /// starts a new run anyway. So the queue holds at most one order per session and kind.
    pub fn supersedes(&self, older: &Order) -> bool {
        use std::mem::discriminant;
        match (self, older) {
            (Order::Ae(new), Order::Ae(old)) | (Order::Vae(new), Order::Vae(old)) => {
                matches!(new, LabCommand::Reset(_) | LabCommand::Restore(_))
                    || discriminant(new) == discriminant(old)
            }
            (Order::Tf(new), Order::Tf(old)) => {
                matches!(
                    new,
                    TranslateCommand::Reset(_) | TranslateCommand::Restore(_)
                ) || discriminant(new) == discriminant(old)
            }
            (Order::Experiment(_), Order::Experiment(_)) | (Order::Bench(_), Order::Bench(_)) => {
                true
            }
            _ => false,
        }
    }
}

/// What one session tells the page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Report {
    Ae(LabEvent),
    Vae(LabEvent),
    Tf(TranslateEvent),
    Experiment(ExperimentEvent),
    Bench(BenchEvent),
    /// The session refused a command or stopped on an error; the other sessions are untouched.
    /// The error itself crosses, so the page words it in the visitor's language.
    Failed {
        target: Target,
        error: Error,
    },
    /// A Cancel stopped the session, or took back its command that waited for the digits.
    Cancelled {
        target: Target,
    },
}

impl Report {
    pub fn target(&self) -> Target {
        match self {
            Report::Ae(_) => Target::Ae,
            Report::Vae(_) => Target::Vae,
            Report::Tf(_) => Target::Tf,
            Report::Experiment(_) => Target::Experiment,
            Report::Bench(_) => Target::Bench,
            Report::Failed { target, .. } | Report::Cancelled { target } => *target,
        }
    }
}
