//! The worker's sessions, one per [`Target`], and the one place of their policy:
//! - one trains at a time: a bench comes before an experiment, an experiment before the labs;
//! - starting a bench or an experiment pauses the labs, and a lab's Run pauses the other labs,
//!   each saying it paused; a lab that only prepares (`Slot::preparing`) pauses nobody, and
//!   gets the slices no training lab takes;
//! - a session's failure is reported for its target alone;
//! - commands that need the MNIST digits wait for them, in order, while the worker fetches them;
//!   a newer command of the same kind replaces a waiting one, so at most one of each waits;
//! - a lab's own pictures are kept here, apart from its session, for every reset that follows
//!   (a reset replaces the session); the page sends them again after a worker restart.
//!
//! Pure: the worker feeds it commands, a clock and the digits, and posts what it reports.

mod slot;
#[cfg(test)]
mod tests;

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use super::experiment::Pretrained;
use super::orders::{Order, Report};
use super::session::{Env, Target};
use crate::data::own_images::check_digits;
use crate::data::Mnist;
use crate::error::Error;
use crate::jobs::lab::{LabCommand, OwnImages};
use slot::{open, Opened, Slot};

/// The visitor's pictures of each lab that has some.
pub type OwnSets = BTreeMap<Target, Rc<OwnImages>>;

/// The MNIST digits: fetched once, on the first order that needs them.
enum Digits {
    Absent,
    /// Being fetched; the orders that need them wait here, in order.
    Loading(Vec<Order>),
    Ready(Rc<Mnist>),
}

pub struct Sessions {
    slots: BTreeMap<Target, Box<dyn Slot>>,
    digits: Digits,
    /// Set when an order needs digits that nobody is fetching yet; see `take_fetch`.
    fetch: bool,
    /// The encoder the last fine-tuning run pretrained, for the next one.
    pretrained: Pretrained,
    own: OwnSets,
}

impl Default for Sessions {
    fn default() -> Self {
        Sessions::new()
    }
}

impl Sessions {
    pub fn new() -> Sessions {
        Sessions {
            slots: BTreeMap::new(),
            digits: Digits::Absent,
            fetch: false,
            pretrained: Rc::new(RefCell::new(None)),
            own: OwnSets::new(),
        }
    }

    /// Takes an order now, or queues it until the digits are here. `now` is the clock.
    pub fn order(&mut self, order: Order, now: f64, out: &mut Vec<Report>) {
        let order = match order {
            Order::Ae(LabCommand::SetOwnImages(set)) => return self.keep_own(Target::Ae, set, out),
            Order::Vae(LabCommand::SetOwnImages(set)) => {
                return self.keep_own(Target::Vae, set, out)
            }
            order => order,
        };
        if !order.needs_digits() {
            return self.dispatch(order, None, now, out);
        }
        match &mut self.digits {
            Digits::Ready(d) => {
                let d = d.clone();
                self.dispatch(order, Some(d), now, out);
            }
            Digits::Loading(waiting) => {
                // A visitor drawing while the digits load sends an order per stroke: only the
                // latest of each kind is kept, so the queue stays bounded.
                waiting.retain(|older| !order.supersedes(older));
                waiting.push(order);
            }
            Digits::Absent => {
                self.digits = Digits::Loading(vec![order]);
                self.fetch = true;
            }
        }
    }

    /// Keeps a lab's pictures for its next resets (an empty set forgets them), checked again
    /// here: the page counted them, but a message can say anything.
    fn keep_own(&mut self, target: Target, set: OwnImages, out: &mut Vec<Report>) {
        match check_digits(&set.pixels) {
            Ok(0) => {
                self.own.remove(&target);
            }
            Ok(_) => {
                self.own.insert(target, Rc::new(set));
            }
            // The page checked them first: a refusal here is a message that lies, not a
            // picture the visitor can fix.
            Err(e) => out.push(Report::Failed {
                target,
                error: Error::Corrupt {
                    what: "own images",
                    detail: format!("{e:?}"),
                },
            }),
        }
    }

    /// Whether the caller should start fetching the digits (true once per fetch).
    pub fn take_fetch(&mut self) -> bool {
        std::mem::take(&mut self.fetch)
    }

    /// Whether the digits are here.
    pub fn has_digits(&self) -> bool {
        matches!(self.digits, Digits::Ready(_))
    }

    /// The fetch ended: run the orders that waited, or tell each of their targets why not. The
    /// digits are absent again after a failure, so the next order that needs them fetches again.
    pub fn digits_arrived(
        &mut self,
        parsed: Result<Mnist, Error>,
        now: f64,
        out: &mut Vec<Report>,
    ) {
        let waiting = match std::mem::replace(&mut self.digits, Digits::Absent) {
            Digits::Loading(orders) => orders,
            _ => Vec::new(),
        };
        match parsed {
            Ok(data) => {
                self.digits = Digits::Ready(Rc::new(data));
                for order in waiting {
                    self.order(order, now, out);
                }
            }
            Err(error) => {
                let mut targets: Vec<Target> = waiting.iter().map(Order::target).collect();
                targets.dedup();
                targets.sort();
                targets.dedup();
                for target in targets {
                    let error = error.clone();
                    out.push(Report::Failed { target, error });
                }
            }
        }
    }

    /// Stops the session at `target` and takes back its orders that wait for the digits;
    /// answered by `Cancelled` if there was anything to stop.
    pub fn cancel(&mut self, target: Target, out: &mut Vec<Report>) {
        let mut took_back = false;
        if let Digits::Loading(waiting) = &mut self.digits {
            let before = waiting.len();
            waiting.retain(|o| o.target() != target);
            took_back = waiting.len() < before;
        }
        if self.slots.remove(&target).is_some() || took_back {
            out.push(Report::Cancelled { target });
        }
    }

    fn dispatch(
        &mut self,
        order: Order,
        digits: Option<Rc<Mnist>>,
        now: f64,
        out: &mut Vec<Report>,
    ) {
        let target = order.target();
        let order = match open(order, digits, &self.pretrained, &self.own) {
            Opened::Session(slot, events) => {
                if target.is_job() {
                    self.pause_labs(target, now, out);
                }
                out.extend(events);
                self.slots.insert(target, slot);
                return;
            }
            Opened::Refused(error) => return out.push(Report::Failed { target, error }),
            Opened::Answered(reports) => return out.extend(reports),
            Opened::Existing(order) => order,
        };
        let Some(mut slot) = self.slots.remove(&target) else {
            return;
        };
        let was_running = slot.running();
        if let Err(error) = slot.command(order, now, out) {
            out.push(Report::Failed { target, error });
        }
        if !was_running && slot.running() {
            self.pause_labs(target, now, out);
        }
        self.slots.insert(target, slot);
    }

    /// Pauses every lab but `except`; each that was running says so.
    fn pause_labs(&mut self, except: Target, now: f64, out: &mut Vec<Report>) {
        for (target, slot) in self.slots.iter_mut() {
            if !target.is_job() && *target != except {
                slot.pause(now, out);
            }
        }
    }

    /// Whether any session wants a slice.
    pub fn busy(&self) -> bool {
        self.slots.values().any(|s| s.running() || s.preparing())
    }

    /// The target that gets the next slice: by priority, and among the labs one that trains
    /// before one that only prepares (the visitor's own Run comes first).
    pub fn next(&self) -> Option<Target> {
        self.slots
            .iter()
            .filter(|(_, s)| s.running() || s.preparing())
            .min_by_key(|(t, s)| (t.priority(), !s.running()))
            .map(|(t, _)| *t)
    }

    /// Gives one slice, until `deadline`, to the session whose turn it is. A job that finished
    /// or failed is dropped; a finished job's follow-up order is taken at once.
    pub fn run_slice(&mut self, env: &Env, deadline: f64, out: &mut Vec<Report>) {
        let Some(target) = self.next() else {
            return;
        };
        let Some(slot) = self.slots.get_mut(&target) else {
            return;
        };
        let failed = match slot.run_slice(env, deadline, out) {
            Ok(()) => false,
            Err(error) => {
                out.push(Report::Failed { target, error });
                true
            }
        };
        if target.is_job() && (failed || !slot.running()) {
            let follow_up = if failed { None } else { slot.follow_up() };
            self.slots.remove(&target);
            if let Some(order) = follow_up {
                self.order(order, (env.now)(), out);
            }
        }
    }
}
