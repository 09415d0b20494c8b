//! The workers' side of data-parallel training (`jobs::team`). The worker the page spawned
//! leads: for an order that trains on `n` replicas it spawns `n − 1` helper workers (once; they
//! stay for the next order), sends each the order with its rank, and runs rank 0 itself. The
//! helpers report to the lead, never to the page.
//!
//! The shares of a step travel one of two ways:
//! - **Shared memory**, when the page is cross-origin isolated (COOP and COEP, from the host or
//!   our service worker, docs/HOSTING.md): every replica writes its share into its slot of one
//!   `SharedArrayBuffer`, raises its round in a counter, and sleeps in `Atomics.wait` until the
//!   others' counters reach the round; then each sums the slots itself, in rank order. No
//!   message, no event-loop turn.
//! - **Transferred buffers** otherwise: each helper posts its share to the lead over a
//!   `MessagePort` (the buffer is moved, not copied); the lead sums in rank order and posts the
//!   sum back. A replica waiting for a message yields to its event loop and parks until the
//!   message wakes it.
//!
//! Slots are kept per round parity: a replica can be at most one round ahead of another (it
//! needs the other's share of round k + 1 before finishing it, and the other writes that only
//! after summing round k), so round k + 2 never overwrites a slot still being read.

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::rc::Rc;

use js_sys::Uint8Array;
use js_sys::{Array, Atomics, Float32Array, Int32Array, Object, Reflect, SharedArrayBuffer};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{ErrorEvent, MessageChannel, MessageEvent, MessagePort, Worker};
use web_sys::{WorkerOptions, WorkerType};

use crate::error::Error;
use crate::jobs::team::{sum_into_own, Team};
use crate::protocol::Event;

/// How each replica's share reaches the others.
enum Transport {
    Shared {
        /// Per rank, the last round it wrote, plus one (0: none yet).
        rounds: Int32Array,
        /// Per parity and rank, a share: `2 × size × len` floats.
        slots: Float32Array,
        /// Another replica's share, copied in to be added, and the sum of the ranks before this
        /// one (`jobs::team::sum_into_own`): this replica's own share is never copied.
        incoming: RefCell<Vec<f32>>,
        prefix: RefCell<Vec<f32>>,
    },
    /// The lead's end: a port per helper (rank 1 first), and the shares that arrived.
    Lead {
        ports: Vec<MessagePort>,
        inbox: RefCell<BTreeMap<(u64, usize), Vec<f32>>>,
    },
    /// A helper's end: its port to the lead, and the sums that arrived.
    Follow {
        port: MessagePort,
        sums: RefCell<BTreeMap<u64, Vec<f32>>>,
    },
}

/// One job's replicas, seen from this worker.
pub struct WorkerTeam {
    rank: usize,
    size: usize,
    /// Which job: a message of an earlier one (cancelled mid-step) is dropped.
    generation: u32,
    len: usize,
    transport: Transport,
    /// A replica failed or its worker died: why.
    lost: RefCell<Option<String>>,
    /// The last `try_sum` found a message missing: schedule no slice until one arrives.
    parked: Cell<bool>,
}

fn now() -> f64 {
    let perf = Reflect::get(&js_sys::global(), &"performance".into()).ok();
    perf.and_then(|p| p.dyn_into::<web_sys::Performance>().ok())
        .map_or(0.0, |p| p.now())
}

fn js_error(what: &str, e: JsValue) -> Error {
    Error::ReplicaLost {
        detail: format!("{what}: {e:?}"),
    }
}

/// Whether this worker's agent cluster may share memory (`crossOriginIsolated`).
pub fn isolated() -> bool {
    Reflect::get(&js_sys::global(), &"crossOriginIsolated".into())
        .ok()
        .and_then(|v| v.as_bool())
        .unwrap_or(false)
}

impl WorkerTeam {
    /// Whether it shares memory (else it moves buffers).
    pub fn shared(&self) -> bool {
        matches!(self.transport, Transport::Shared { .. })
    }

    pub fn parked(&self) -> bool {
        self.parked.get()
    }

    pub fn lose(&self, why: String) {
        self.lost.borrow_mut().get_or_insert(why);
        self.parked.set(false);
    }

    /// A helper's share of `round` arrived at the lead. False if it is not for this job.
    fn deposit_share(&self, generation: u32, round: u64, rank: usize, share: Vec<f32>) -> bool {
        let Transport::Lead { inbox, .. } = &self.transport else {
            return false;
        };
        if generation != self.generation || share.len() != self.len {
            return false;
        }
        inbox.borrow_mut().insert((round, rank), share);
        self.parked.set(false);
        true
    }

    /// The lead's sum of `round` arrived at a helper.
    fn deposit_sum(&self, generation: u32, round: u64, sum: Vec<f32>) -> bool {
        let Transport::Follow { sums, .. } = &self.transport else {
            return false;
        };
        if generation != self.generation || sum.len() != self.len {
            return false;
        }
        sums.borrow_mut().insert(round, sum);
        self.parked.set(false);
        true
    }

    fn check(&self) -> Result<(), Error> {
        match self.lost.borrow().as_ref() {
            Some(detail) => Err(Error::ReplicaLost {
                detail: detail.clone(),
            }),
            None => Ok(()),
        }
    }
}

/// `[generation, round, floats]`, the floats' buffer moved with the message.
fn post_floats(
    port: &MessagePort,
    generation: u32,
    round: u64,
    floats: &[f32],
) -> Result<(), Error> {
    let array = Float32Array::new_with_length(floats.len() as u32);
    array.copy_from(floats);
    let message = Array::of3(&generation.into(), &(round as f64).into(), &array);
    port.post_message_with_transferable(&message, &Array::of1(&array.buffer()))
        .map_err(|e| js_error("posting a share", e))
}

/// The inverse of [`post_floats`].
fn read_floats(data: &JsValue) -> Option<(u32, u64, Vec<f32>)> {
    let message: &Array = data.dyn_ref()?;
    let generation = message.get(0).as_f64()? as u32;
    let round = message.get(1).as_f64()? as u64;
    let floats: Float32Array = message.get(2).dyn_into().ok()?;
    Some((generation, round, floats.to_vec()))
}

impl Team for WorkerTeam {
    fn size(&self) -> usize {
        self.size
    }

    fn rank(&self) -> usize {
        self.rank
    }

    fn send(&self, round: u64, share: &[f32]) -> Result<(), Error> {
        self.check()?;
        match &self.transport {
            Transport::Shared { rounds, slots, .. } => {
                let at = (((round % 2) as usize * self.size + self.rank) * self.len) as u32;
                slots.subarray(at, at + self.len as u32).copy_from(share);
                let rank = self.rank as u32;
                Atomics::store(rounds, rank, round as i32 + 1).map_err(|e| js_error("store", e))?;
                Atomics::notify(rounds, rank).map_err(|e| js_error("notify", e))?;
            }
            // The lead's own share stays where it is, in the buffer it sums into.
            Transport::Lead { .. } => {}
            Transport::Follow { port, .. } => post_floats(port, self.generation, round, share)?,
        }
        Ok(())
    }

    fn try_sum(&self, round: u64, out: &mut [f32], deadline: f64) -> Result<bool, Error> {
        self.check()?;
        let done = match &self.transport {
            Transport::Shared {
                rounds,
                slots,
                incoming,
                prefix,
            } => {
                let want = round as i32 + 1;
                for rank in 0..self.size as u32 {
                    loop {
                        let seen = Atomics::load(rounds, rank).map_err(|e| js_error("load", e))?;
                        if seen >= want {
                            break;
                        }
                        let left = deadline - now();
                        if left <= 0.0 {
                            return Ok(false);
                        }
                        Atomics::wait_with_timeout(rounds, rank, seen, left)
                            .map_err(|e| js_error("wait", e))?;
                    }
                }
                let slot = |rank: usize| {
                    let at = (((round % 2) as usize * self.size + rank) * self.len) as u32;
                    slots.subarray(at, at + self.len as u32)
                };
                // In rank order on every replica, so all get the very same sum.
                let (mut incoming, mut prefix) = (incoming.borrow_mut(), prefix.borrow_mut());
                sum_into_own(
                    out,
                    self.rank,
                    self.size,
                    &mut incoming,
                    &mut prefix,
                    |r, buf| {
                        slot(r).copy_to(buf);
                        Ok(())
                    },
                )?;
                true
            }
            Transport::Lead { ports, inbox } => {
                let mut inbox = inbox.borrow_mut();
                if (1..self.size).any(|r| !inbox.contains_key(&(round, r))) {
                    false
                } else {
                    // Rank 0 (this one) first, then the helpers' in order: onto the own share.
                    let mut incoming = vec![0.0; out.len()];
                    sum_into_own(out, 0, self.size, &mut incoming, &mut [], |r, buf| {
                        let share = inbox.remove(&(round, r)).unwrap_or_default();
                        buf.copy_from_slice(&share);
                        Ok(())
                    })?;
                    for port in ports {
                        post_floats(port, self.generation, round, out)?;
                    }
                    true
                }
            }
            Transport::Follow { sums, .. } => match sums.borrow_mut().remove(&round) {
                Some(sum) => {
                    out.copy_from_slice(&sum);
                    true
                }
                None => false,
            },
        };
        self.parked.set(!done && !self.shared());
        Ok(done)
    }
}

/// One helper worker, as the lead holds it.
struct Helper {
    worker: Worker,
    /// The lead's end of its port: shares arrive here.
    port: MessagePort,
    /// The helper's end, moved to it once it is Ready: a module worker drops the messages that
    /// arrive while its top-level `await init()` runs, before it listens.
    their_port: Option<MessagePort>,
    ready: bool,
    /// Its worker died: the next team replaces it, at its rank.
    dead: bool,
    /// Messages for it before it said Ready.
    queue: Vec<JsValue>,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
    _on_share: Closure<dyn FnMut(MessageEvent)>,
}

/// The lead's helpers and the team of its current job.
#[derive(Default)]
pub struct Helpers {
    workers: Vec<Helper>,
    generation: u32,
    team: Option<Rc<WorkerTeam>>,
}

impl Helpers {
    pub fn team(&self) -> Option<Rc<WorkerTeam>> {
        self.team.clone()
    }

    /// Forms the team of a job of `size` replicas whose shares are `len` floats, and sends
    /// each helper its rank and `order` (the command's bytes). A size of 1 dissolves the team.
    pub fn form(
        &mut self,
        size: usize,
        len: usize,
        order: &[u8],
        wake: Rc<dyn Fn()>,
    ) -> Result<(), Error> {
        self.team = None;
        if size <= 1 {
            return Ok(());
        }
        // A dead helper is replaced where it stood: the helpers after it keep their ranks' ports.
        for (index, helper) in self.workers.iter_mut().enumerate().take(size - 1) {
            if helper.dead {
                *helper = spawn_helper(index + 1, wake.clone())?;
            }
        }
        while self.workers.len() < size - 1 {
            let helper = spawn_helper(self.workers.len() + 1, wake.clone())?;
            self.workers.push(helper);
        }
        self.generation += 1;
        let shared = isolated().then(|| {
            let rounds = SharedArrayBuffer::new((size * 4) as u32);
            let slots = SharedArrayBuffer::new((2 * size * len * 4) as u32);
            (rounds, slots)
        });
        let transport = match &shared {
            Some((rounds, slots)) => Transport::Shared {
                rounds: Int32Array::new(rounds),
                slots: Float32Array::new(slots),
                incoming: RefCell::new(vec![0.0; len]),
                // The lead is rank 0: no ranks before it.
                prefix: RefCell::default(),
            },
            None => Transport::Lead {
                ports: self.workers[..size - 1]
                    .iter()
                    .map(|h| h.port.clone())
                    .collect(),
                inbox: RefCell::default(),
            },
        };
        let team = Rc::new(WorkerTeam {
            rank: 0,
            size,
            generation: self.generation,
            len,
            transport,
            lost: RefCell::default(),
            parked: Cell::default(),
        });
        for (i, helper) in self.workers[..size - 1].iter_mut().enumerate() {
            let join = Object::new();
            let set = |k: &str, v: &JsValue| Reflect::set(&join, &k.into(), v);
            let ids = Array::of4(
                &((i + 1) as u32).into(),
                &(size as u32).into(),
                &self.generation.into(),
                &(len as u32).into(),
            );
            set("join", &ids).map_err(|e| js_error("join", e))?;
            if let Some((rounds, slots)) = &shared {
                set("rounds", rounds).map_err(|e| js_error("join", e))?;
                set("slots", slots).map_err(|e| js_error("join", e))?;
            }
            set("order", &Uint8Array::from(order)).map_err(|e| js_error("join", e))?;
            helper.send(join.into());
        }
        self.team = Some(team);
        Ok(())
    }

    /// Passes a command's bytes (a Cancel) to every helper.
    pub fn forward(&mut self, bytes: &[u8]) {
        for helper in self.workers.iter_mut().filter(|h| !h.dead) {
            helper.send(Uint8Array::from(bytes).into());
        }
    }

    /// A helper said something (`helper_says`): that it started, which lets its queue through,
    /// or why it failed, which loses the team.
    fn heard(&mut self, index: usize, said: HelperSaid) {
        let why = match said {
            HelperSaid::Started => {
                if let Some(h) = self.workers.get_mut(index) {
                    h.ready = true;
                    // Its port first: a job to join needs it.
                    if let Some(port) = h.their_port.take() {
                        let init = Object::new();
                        let _ = Reflect::set(&init, &"port".into(), &port);
                        let _ = h
                            .worker
                            .post_message_with_transfer(&init, &Array::of1(&port));
                    }
                    for message in std::mem::take(&mut h.queue) {
                        let _ = h.worker.post_message(&message);
                    }
                }
                return;
            }
            HelperSaid::Failed(why) => why,
        };
        if let Some(team) = &self.team {
            team.lose(format!("worker {}: {why}", index + 1));
        }
    }

    /// A helper's worker died: it is stopped for good, and the next team that needs its rank
    /// spawns a new one there (it cannot be replaced here, inside its own error handler).
    fn died(&mut self, index: usize, why: String) {
        if let Some(team) = &self.team {
            team.lose(format!("worker {}: {why}", index + 1));
        }
        if let Some(h) = self.workers.get_mut(index) {
            h.worker.terminate();
            h.dead = true;
        }
    }
}

impl Helper {
    fn send(&mut self, message: JsValue) {
        if self.ready {
            let _ = self.worker.post_message(&message);
        } else {
            self.queue.push(message);
        }
    }
}

thread_local! {
    /// The lead's helpers, reachable from their handlers.
    static HELPERS: RefCell<Helpers> = RefCell::default();
}

/// The lead's helpers, for its runtime.
pub fn with_helpers<R>(f: impl FnOnce(&mut Helpers) -> R) -> R {
    HELPERS.with_borrow_mut(f)
}

/// This worker's own script: a helper runs the very same build.
fn own_url() -> Result<String, Error> {
    let location = Reflect::get(&js_sys::global(), &"location".into())
        .and_then(|l| Reflect::get(&l, &"href".into()))
        .map_err(|e| js_error("location", e))?;
    location.as_string().ok_or(Error::ReplicaLost {
        detail: "the worker has no address".into(),
    })
}

fn spawn_helper(rank: usize, wake: Rc<dyn Fn()>) -> Result<Helper, Error> {
    let options = WorkerOptions::new();
    options.set_type(WorkerType::Module);
    let worker = Worker::new_with_options(&own_url()?, &options)
        .map_err(|e| js_error("starting a worker", e))?;
    let index = rank - 1;
    let (wake_on_error, wake_on_share) = (wake.clone(), wake.clone());
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
        // Its first message is the Ready every worker posts (it learns it is a helper later, from
        // its port); after that it says only why it failed (`helper_says`). Decoding its events
        // here would add the events' deserializer to the worker: 28 KB gzipped.
        let data = e.data();
        let said = match data.as_string() {
            Some(why) => HelperSaid::Failed(why),
            None => HelperSaid::Started,
        };
        with_helpers(|h| h.heard(index, said));
        wake();
    });
    let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
        e.prevent_default();
        let why = e
            .dyn_ref::<ErrorEvent>()
            .map_or("the script did not load".into(), ErrorEvent::message);
        with_helpers(|h| h.died(index, why));
        wake_on_error();
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    let channel = MessageChannel::new().map_err(|e| js_error("MessageChannel", e))?;
    let on_share = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
        let Some((generation, round, share)) = read_floats(&e.data()) else {
            return;
        };
        let team = with_helpers(|h| h.team());
        if team.is_some_and(|t| t.deposit_share(generation, round, rank, share)) {
            wake_on_share();
        }
    });
    channel
        .port1()
        .set_onmessage(Some(on_share.as_ref().unchecked_ref()));
    Ok(Helper {
        worker,
        port: channel.port1(),
        their_port: Some(channel.port2()),
        ready: false,
        dead: false,
        queue: Vec::new(),
        _on_message: on_message,
        _on_error: on_error,
        _on_share: on_share,
    })
}

/// A helper's state: its port to the lead, and the team of its current job.
#[derive(Default)]
pub struct Follower {
    port: Option<MessagePort>,
    team: Option<Rc<WorkerTeam>>,
    _on_sum: Option<Closure<dyn FnMut(MessageEvent)>>,
}

thread_local! {
    static FOLLOWER: RefCell<Follower> = RefCell::default();
}

/// What a helper tells its lead.
enum HelperSaid {
    Started,
    Failed(String),
}

/// Whether this worker is a helper: it got a port to a lead.
pub fn is_helper() -> bool {
    FOLLOWER.with_borrow(|f| f.port.is_some())
}

/// What a helper posts to its lead instead of `event`: only why it failed, as text; the lead
/// reports to the page, and turns this into `Error::ReplicaLost`.
pub fn helper_says(event: &Event) -> Option<JsValue> {
    let why = match event {
        Event::Report(crate::jobs::Report::Failed { error, .. }) => error.to_string(),
        Event::Panicked { message } | Event::Refused { message } => message.clone(),
        _ => return None,
    };
    Some(JsValue::from_str(&why))
}

/// The team a helper's job trains with.
pub fn follower_team() -> Option<Rc<WorkerTeam>> {
    FOLLOWER.with_borrow(|f| f.team.clone())
}

/// A message that is not a command: the lead's port (`{port}`) or a job to join
/// (`{join: [rank, size, generation, len], rounds?, slots?, order}`). Returns the order's bytes
/// to run as a command.
pub fn on_control(data: &JsValue, wake: Rc<dyn Fn()>) -> Result<Option<Vec<u8>>, Error> {
    let get = |k: &str| Reflect::get(data, &k.into()).unwrap_or(JsValue::UNDEFINED);
    if let Ok(port) = get("port").dyn_into::<MessagePort>() {
        let on_sum = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
            let Some((generation, round, sum)) = read_floats(&e.data()) else {
                return;
            };
            if follower_team().is_some_and(|t| t.deposit_sum(generation, round, sum)) {
                wake();
            }
        });
        port.set_onmessage(Some(on_sum.as_ref().unchecked_ref()));
        FOLLOWER.with_borrow_mut(|f| {
            f.port = Some(port);
            f._on_sum = Some(on_sum);
        });
        return Ok(None);
    }
    let ids: Array = get("join").dyn_into().map_err(|_| Error::Corrupt {
        what: "worker message",
        detail: "neither a command nor a job to join".into(),
    })?;
    let id = |i: u32| ids.get(i).as_f64().unwrap_or(0.0) as usize;
    let (rank, size, generation, len) = (id(0), id(1), id(2) as u32, id(3));
    let transport = match (
        get("rounds").dyn_into::<SharedArrayBuffer>(),
        get("slots").dyn_into::<SharedArrayBuffer>(),
    ) {
        (Ok(rounds), Ok(slots)) => Transport::Shared {
            rounds: Int32Array::new(&rounds),
            slots: Float32Array::new(&slots),
            incoming: RefCell::new(vec![0.0; len]),
            prefix: RefCell::new(vec![0.0; if rank >= 2 { len } else { 0 }]),
        },
        _ => Transport::Follow {
            port: FOLLOWER
                .with_borrow(|f| f.port.clone())
                .ok_or(Error::ReplicaLost {
                    detail: "no port to the lead".into(),
                })?,
            sums: RefCell::default(),
        },
    };
    let team = Rc::new(WorkerTeam {
        rank,
        size,
        generation,
        len,
        transport,
        lost: RefCell::default(),
        parked: Cell::default(),
    });
    FOLLOWER.with_borrow_mut(|f| f.team = Some(team));
    let order: Uint8Array = get("order").dyn_into().map_err(|_| Error::Corrupt {
        what: "worker message",
        detail: "a job to join without its order".into(),
    })?;
    Ok(Some(order.to_vec()))
}
