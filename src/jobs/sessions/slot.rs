//! A session bound to its target: its own commands taken out of an `Order`, its own events
//! wrapped into a `Report`. The scheduler holds these, one per target, without knowing which
//! lab each is.

use std::rc::Rc;

use crate::data::Mnist;
use crate::error::Error;
use crate::jobs::bench::BenchSession;
use crate::jobs::experiment::{ExperimentSession, Pretrained};
use crate::jobs::lab::{Lab, LabCommand, LabEvent, LabId, OwnImages};
use crate::jobs::orders::{Order, Report};
use crate::jobs::session::{Env, Session, Target};
use crate::jobs::translate::{TranslateCommand, TranslateEvent, TranslateSession};
use crate::jobs::SPLIT_SEED;

use super::OwnSets;

/// What the scheduler asks of any session.
pub trait Slot {
    fn command(&mut self, order: Order, now: f64, out: &mut Vec<Report>) -> Result<(), Error>;
    fn run_slice(&mut self, env: &Env, deadline: f64, out: &mut Vec<Report>) -> Result<(), Error>;
    fn running(&self) -> bool;
    fn preparing(&self) -> bool;
    fn pause(&mut self, now: f64, out: &mut Vec<Report>);
    fn follow_up(&mut self) -> Option<Order>;
}

/// Takes a session's own command out of an order for its target.
type Unwrap<C> = fn(Order) -> Option<C>;

struct Bound<S: Session> {
    session: S,
    wrap: fn(S::Event) -> Report,
    unwrap: Unwrap<S::Command>,
    /// The session's own events of one call, before wrapping; kept to reuse its allocation.
    events: Vec<S::Event>,
}

impl<S: Session> Bound<S> {
    fn flush(&mut self, out: &mut Vec<Report>) {
        out.extend(self.events.drain(..).map(self.wrap));
    }
}

impl<S: Session> Slot for Bound<S> {
    fn command(&mut self, order: Order, now: f64, out: &mut Vec<Report>) -> Result<(), Error> {
        let Some(cmd) = (self.unwrap)(order) else {
            return Ok(());
        };
        let result = self.session.command(cmd, now, &mut self.events);
        self.flush(out);
        result
    }

    fn run_slice(&mut self, env: &Env, deadline: f64, out: &mut Vec<Report>) -> Result<(), Error> {
        let result = self.session.run_slice(env, deadline, &mut self.events);
        self.flush(out);
        result
    }

    fn running(&self) -> bool {
        self.session.running()
    }

    fn preparing(&self) -> bool {
        self.session.preparing()
    }

    fn pause(&mut self, now: f64, out: &mut Vec<Report>) {
        self.session.pause(now, &mut self.events);
        self.flush(out);
    }

    fn follow_up(&mut self) -> Option<Order> {
        self.session.follow_up()
    }
}

fn bind<S: Session + 'static>(
    session: S,
    wrap: fn(S::Event) -> Report,
    unwrap: Unwrap<S::Command>,
) -> Box<dyn Slot> {
    Box::new(Bound {
        session,
        wrap,
        unwrap,
        events: Vec::new(),
    })
}

/// What an order does to the map.
pub enum Opened {
    /// A new session for the order's target, and what it reported on opening.
    Session(Box<dyn Slot>, Vec<Report>),
    /// The order would open a session, and the session refused.
    Refused(Error),
    /// The order was answered without a new session; the one there, if any, stays.
    Answered(Vec<Report>),
    /// The order is for the session already there.
    Existing(Order),
}

fn digits(d: Option<Rc<Mnist>>) -> Result<Rc<Mnist>, Error> {
    d.ok_or(Error::InvalidConfig {
        field: "digits",
        detail: "the MNIST digits are not loaded".into(),
    })
}

/// The pictures the worker holds for lab `id`, if any.
fn own_of(id: LabId, own: &OwnSets) -> Option<Rc<OwnImages>> {
    let target = match id {
        LabId::Ae => Target::Ae,
        LabId::Vae => Target::Vae,
    };
    own.get(&target).cloned()
}

fn lab(
    id: LabId,
    config: &crate::jobs::lab::config::LabConfig,
    d: Option<Rc<Mnist>>,
    own: &OwnSets,
) -> Opened {
    let own = own_of(id, own);
    let opened = digits(d).and_then(|data| {
        let split = data.split(SPLIT_SEED);
        Lab::with_own(config, data, &split, own)
    });
    match opened {
        Ok(lab) => started(id, lab),
        Err(e) => Opened::Refused(e),
    }
}

/// A lab that goes on from a saved run; a run it refuses is answered, and the lab there (if
/// any) is kept.
fn restored(id: LabId, bytes: &[u8], d: Option<Rc<Mnist>>, own: &OwnSets) -> Opened {
    let data = match digits(d) {
        Ok(data) => data,
        Err(e) => return Opened::Refused(e),
    };
    let split = data.split(SPLIT_SEED);
    let own = own_of(id, own);
    match Lab::restore_with_own(id, bytes, data, &split, own) {
        Ok(lab) => started(id, lab),
        Err(problem) => {
            let (wrap, _) = lab_wire(id);
            Opened::Answered(vec![wrap(LabEvent::RestoreRefused { problem })])
        }
    }
}

/// How a digit lab's events and commands travel.
fn lab_wire(id: LabId) -> (fn(LabEvent) -> Report, Unwrap<LabCommand>) {
    match id {
        LabId::Ae => (Report::Ae, |o| {
            if let Order::Ae(c) = o {
                Some(c)
            } else {
                None
            }
        }),
        LabId::Vae => (Report::Vae, |o| {
            if let Order::Vae(c) = o {
                Some(c)
            } else {
                None
            }
        }),
    }
}

/// A built lab as a session, with what it reports on opening.
fn started(id: LabId, mut lab: Lab) -> Opened {
    let mut events = Vec::new();
    lab.start(&mut events);
    let (wrap, unwrap) = lab_wire(id);
    let reports = events.into_iter().map(wrap).collect();
    Opened::Session(bind(lab, wrap, unwrap), reports)
}

/// The Transformer lab as a session; it reports as it prepares, in its slices.
fn translator(tf: TranslateSession) -> Opened {
    let unwrap = |o| if let Order::Tf(c) = o { Some(c) } else { None };
    Opened::Session(bind(tf, Report::Tf, unwrap), Vec::new())
}

/// The one place that knows every kind of session: which orders open one, and how.
pub fn open(order: Order, d: Option<Rc<Mnist>>, pretrained: &Pretrained, own: &OwnSets) -> Opened {
    let refused = |e: Error| Opened::Refused(e);
    match order {
        Order::Ae(LabCommand::Reset(config)) => lab(LabId::Ae, &config, d, own),
        Order::Vae(LabCommand::Reset(config)) => lab(LabId::Vae, &config, d, own),
        Order::Ae(LabCommand::Restore(bytes)) => restored(LabId::Ae, &bytes, d, own),
        Order::Vae(LabCommand::Restore(bytes)) => restored(LabId::Vae, &bytes, d, own),
        // Prepared in its slices: see `TranslateSession`.
        Order::Tf(TranslateCommand::Reset(preset)) => match TranslateSession::open(&preset) {
            Ok(tf) => translator(tf),
            Err(e) => refused(e),
        },
        Order::Tf(TranslateCommand::Restore(bytes)) => match TranslateSession::restore(&bytes) {
            Ok(tf) => translator(tf),
            Err(problem) => {
                let refused = TranslateEvent::RestoreRefused { problem };
                Opened::Answered(vec![Report::Tf(refused)])
            }
        },
        Order::Experiment(cmd) => match ExperimentSession::open(cmd, d, pretrained) {
            Ok(s) => Opened::Session(bind(s, Report::Experiment, |_| None), Vec::new()),
            Err(e) => refused(e),
        },
        Order::Bench(cmd) => match BenchSession::new(cmd, d) {
            Ok(s) => Opened::Session(bind(s, Report::Bench, |_| None), Vec::new()),
            Err(e) => refused(e),
        },
        order => Opened::Existing(order),
    }
}
