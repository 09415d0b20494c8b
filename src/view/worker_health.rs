//! Whether the worker is alive, as plain Rust: which build to load next when one fails to load,
//! and when a worker that stopped answering is declared dead. The page (`app::worker_client`)
//! feeds it the clock and the worker's messages and does what it answers.

/// The two worker builds. The relaxed-SIMD one is faster where the engine has relaxed SIMD; the
/// plain one runs on every engine with SIMD128.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WorkerBuild {
    Relaxed,
    Plain,
}

impl WorkerBuild {
    /// Trunk writes the loaders beside index.html; relative URLs keep sub-paths working.
    pub fn url(self) -> &'static str {
        match self {
            WorkerBuild::Relaxed => "./worker_relaxed_loader.js",
            WorkerBuild::Plain => "./worker_loader.js",
        }
    }
}

/// The builds still worth trying, best first. A build that fails to load (a 404, a wrong MIME
/// type, a blocked script, a module the engine rejects) is dropped; a build that loaded and later
/// crashed stays, since it was the build that worked.
#[derive(Clone, Debug, PartialEq)]
pub struct Loaders {
    left: Vec<WorkerBuild>,
}

impl Loaders {
    pub fn new(relaxed_simd: bool) -> Loaders {
        let mut left = vec![WorkerBuild::Plain];
        if relaxed_simd {
            left.insert(0, WorkerBuild::Relaxed);
        }
        Loaders { left }
    }

    /// The build to start now; `None` once every build has failed to load.
    pub fn current(&self) -> Option<WorkerBuild> {
        self.left.first().copied()
    }

    /// The current build failed to load: the next one to try, if any.
    pub fn failed_to_load(&mut self) -> Option<WorkerBuild> {
        if !self.left.is_empty() {
            self.left.remove(0);
        }
        self.current()
    }
}

/// How often the page asks a ready worker whether it is alive.
pub const PING_EVERY_MS: f64 = 2_000.0;
/// A ready worker that has said nothing for this long, though asked, is taken for dead. Its
/// longest silence by design is one time slice or one step (`jobs::budget` keeps both far
/// under a second), so this leaves a wide margin for a slow or busy machine.
pub const SILENT_AFTER_MS: f64 = 8_000.0;
/// A worker that has not said Ready this long after it was spawned failed to load (its module
/// or its wasm never arrived, or its start threw where no error event reaches the page).
pub const START_TIMEOUT_MS: f64 = 20_000.0;

/// What the page should do at a tick of its liveness timer.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Check {
    /// Nothing: the worker spoke recently, or a ping is on its way.
    Fine,
    /// Send `Ping { id }`.
    Ping(u32),
    /// The worker has been silent for `silent_ms` despite a ping: restart it.
    Silent { silent_ms: f64 },
    /// The worker never said Ready: treat it as a build that failed to load.
    NeverStarted { waited_ms: f64 },
}

/// The liveness of one spawned worker.
#[derive(Clone, Debug, PartialEq)]
pub struct Liveness {
    spawned_at: f64,
    ready: bool,
    last_heard: f64,
    /// When the last ping went out: one every `PING_EVERY_MS`, even while reports flow, since
    /// its answer also carries the worker's memory.
    last_ping: f64,
    next_id: u32,
    /// The ping that has not been answered yet, and when it was sent.
    waiting: Option<(u32, f64)>,
}

impl Liveness {
    pub fn spawned(now: f64) -> Liveness {
        Liveness {
            spawned_at: now,
            ready: false,
            last_heard: now,
            last_ping: now,
            next_id: 1,
            waiting: None,
        }
    }

    pub fn ready(&mut self, now: f64) {
        self.ready = true;
        self.heard(now);
    }

    /// Any message from the worker proves it alive, a report as well as a Pong.
    pub fn heard(&mut self, now: f64) {
        self.last_heard = now;
        self.waiting = None;
    }

    pub fn tick(&mut self, now: f64) -> Check {
        if !self.ready {
            let waited_ms = now - self.spawned_at;
            return if waited_ms >= START_TIMEOUT_MS {
                Check::NeverStarted { waited_ms }
            } else {
                Check::Fine
            };
        }
        let silent_ms = now - self.last_heard;
        match self.waiting {
            // Judged from the ping, not from the last message: a page whose timers the browser
            // slowed (a background tab) must not blame the worker for its own late ping.
            Some((_, sent)) if now - sent >= SILENT_AFTER_MS => Check::Silent { silent_ms },
            Some(_) => Check::Fine,
            None if now - self.last_ping >= PING_EVERY_MS => {
                let id = self.next_id;
                self.next_id = self.next_id.wrapping_add(1);
                self.waiting = Some((id, now));
                self.last_ping = now;
                Check::Ping(id)
            }
            None => Check::Fine,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_build_that_fails_to_load_falls_back_to_the_plain_one_then_gives_up() {
        let mut loaders = Loaders::new(true);
        assert_eq!(loaders.current(), Some(WorkerBuild::Relaxed));
        assert_eq!(loaders.failed_to_load(), Some(WorkerBuild::Plain));
        assert_eq!(loaders.current(), Some(WorkerBuild::Plain));
        assert_eq!(loaders.failed_to_load(), None);
        assert_eq!(loaders.failed_to_load(), None);

        let mut plain_only = Loaders::new(false);
        assert_eq!(plain_only.current(), Some(WorkerBuild::Plain));
        assert_eq!(plain_only.failed_to_load(), None);
    }

    #[test]
    fn a_quiet_ready_worker_is_pinged_and_declared_dead_only_after_an_unanswered_ping() {
        let mut live = Liveness::spawned(0.0);
        live.ready(100.0);
        assert_eq!(live.tick(1_000.0), Check::Fine);
        assert_eq!(live.tick(2_100.0), Check::Ping(1));
        // The ping is on its way: no second ping, no verdict yet.
        assert_eq!(live.tick(4_000.0), Check::Fine);
        assert_eq!(live.tick(10_099.0), Check::Fine);
        assert_eq!(
            live.tick(10_100.0),
            Check::Silent {
                silent_ms: 10_000.0
            }
        );
    }

    #[test]
    fn an_answer_or_any_report_keeps_the_worker_alive() {
        let mut live = Liveness::spawned(0.0);
        live.ready(0.0);
        assert_eq!(live.tick(2_000.0), Check::Ping(1));
        live.heard(2_050.0);
        assert_eq!(live.tick(3_000.0), Check::Fine);
        assert_eq!(live.tick(4_000.0), Check::Ping(2));
        // A training report arrives instead of the Pong: alive all the same.
        live.heard(5_000.0);
        assert_eq!(live.tick(12_100.0), Check::Ping(3));
    }

    #[test]
    fn pings_go_out_every_two_seconds_even_while_reports_flow() {
        // The Pong carries the worker's memory, so a training worker is asked too.
        let mut live = Liveness::spawned(0.0);
        live.ready(0.0);
        let mut pings = 0;
        for t in (250..=10_000).step_by(250) {
            live.heard(f64::from(t) - 10.0);
            if let Check::Ping(_) = live.tick(f64::from(t)) {
                pings += 1;
            }
        }
        assert_eq!(pings, 5);
    }

    #[test]
    fn a_late_timer_does_not_blame_the_worker() {
        // The tab slept for a minute: the first tick after it sends a ping, it does not kill.
        let mut live = Liveness::spawned(0.0);
        live.ready(0.0);
        assert_eq!(live.tick(60_000.0), Check::Ping(1));
        live.heard(60_010.0);
        assert_eq!(live.tick(60_500.0), Check::Fine);
    }

    #[test]
    fn a_worker_that_never_says_ready_counts_as_a_failed_load() {
        let mut live = Liveness::spawned(1_000.0);
        assert_eq!(live.tick(2_000.0), Check::Fine);
        assert_eq!(live.tick(20_999.0), Check::Fine);
        assert_eq!(
            live.tick(21_000.0),
            Check::NeverStarted {
                waited_ms: 20_000.0
            }
        );
    }
}
