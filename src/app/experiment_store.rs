//! The page's copy of the fine-tuning and scale experiments: `view::experiment_state` held in
//! signals that outlive the chapter.

use leptos::prelude::*;

use super::signal_state::{put, take};
use crate::experiments::FinetuneResult;
use crate::jobs::experiment::{FinetuneReport, ScaleReport, SeqReport};
use crate::view::experiment_state::{ExperimentChanges, ExperimentState, Run};

#[derive(Clone, Copy)]
pub struct ExperimentStore {
    /// The fine-tuning run in progress, or the last one, stopped or done.
    pub ft: RwSignal<Option<FinetuneReport>>,
    pub ft_running: RwSignal<bool>,
    /// One row per K whose three runs finished, in order of K; running K again replaces its row.
    pub ft_rows: RwSignal<Vec<FinetuneResult>>,
    pub scale: RwSignal<Option<ScaleReport>>,
    pub scale_running: RwSignal<bool>,
    /// The sequence fine-tuning run.
    pub seq: RwSignal<Option<SeqReport>>,
    pub seq_running: RwSignal<bool>,
}

fn take_run<R: Send + Sync + 'static>(
    report: RwSignal<Option<R>>,
    running: RwSignal<bool>,
) -> Run<R> {
    Run {
        report: take(report),
        running: running.get_untracked(),
    }
}

fn put_run<R: Send + Sync + 'static>(
    report: RwSignal<Option<R>>,
    running: RwSignal<bool>,
    run: Run<R>,
    changed: bool,
) {
    put(report, run.report, changed);
    put(running, run.running, run.running != running.get_untracked());
}

impl ExperimentStore {
    pub fn new() -> ExperimentStore {
        ExperimentStore {
            ft: RwSignal::new(None),
            ft_running: RwSignal::new(false),
            ft_rows: RwSignal::new(Vec::new()),
            scale: RwSignal::new(None),
            scale_running: RwSignal::new(false),
            seq: RwSignal::new(None),
            seq_running: RwSignal::new(false),
        }
    }

    /// Runs `change` on the state moved out of the signals, then moves it back and notifies
    /// what changed.
    fn with_state(self, change: impl FnOnce(&mut ExperimentState) -> ExperimentChanges) {
        let mut s = ExperimentState {
            ft: take_run(self.ft, self.ft_running),
            ft_rows: take(self.ft_rows),
            scale: take_run(self.scale, self.scale_running),
            seq: take_run(self.seq, self.seq_running),
        };
        let c = change(&mut s);
        put_run(self.ft, self.ft_running, s.ft, c.ft);
        put(self.ft_rows, s.ft_rows, c.ft_rows);
        put_run(self.scale, self.scale_running, s.scale, c.scale);
        put_run(self.seq, self.seq_running, s.seq, c.seq);
    }

    pub fn finetune(self, report: FinetuneReport) {
        self.with_state(|s| s.finetune(report));
    }

    pub fn scale(self, report: ScaleReport) {
        self.with_state(|s| s.scale(report));
    }

    pub fn seq(self, report: SeqReport) {
        self.with_state(|s| s.seq(report));
    }

    /// Whether any experiment runs: the worker runs one at a time.
    pub fn running(self) -> bool {
        self.ft_running.get() || self.scale_running.get() || self.seq_running.get()
    }

    /// Cancelled, refused or crashed: nothing runs any more; what was reported stays.
    pub fn stopped(self) {
        self.with_state(|s| {
            s.stopped();
            ExperimentChanges::default()
        });
    }
}
