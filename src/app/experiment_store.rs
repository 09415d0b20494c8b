//! The page's copy of the fine-tuning and scale experiments: the run in progress and the results
//! of finished ones, as signals that outlive the chapter.

use leptos::prelude::*;

use crate::experiments::FinetuneResult;
use crate::jobs::experiment::{FinetuneReport, ScaleReport, SeqReport};

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

    pub fn finetune(self, report: FinetuneReport) {
        // Every K but the last is finished; the last is once the run is done.
        let finished = if report.done {
            report.results.len()
        } else {
            report.results.len().saturating_sub(1)
        };
        let rows: Vec<FinetuneResult> = report.results[..finished].to_vec();
        if !rows.is_empty() {
            self.ft_rows.update(|kept| {
                for row in rows {
                    kept.retain(|r| r.k != row.k);
                    kept.push(row);
                }
                kept.sort_by_key(|r| r.k);
            });
        }
        if report.done {
            self.ft_running.set(false);
        }
        self.ft.set(Some(report));
    }

    pub fn scale(self, report: ScaleReport) {
        if report.done {
            self.scale_running.set(false);
        }
        self.scale.set(Some(report));
    }

    pub fn seq(self, report: SeqReport) {
        if report.done {
            self.seq_running.set(false);
        }
        self.seq.set(Some(report));
    }

    /// Whether any experiment runs: the worker runs one at a time.
    pub fn running(self) -> bool {
        self.ft_running.get() || self.scale_running.get() || self.seq_running.get()
    }

    /// Cancelled, refused or crashed: nothing runs any more; what was reported stays.
    pub fn stopped(self) {
        self.ft_running.set(false);
        self.scale_running.set(false);
        self.seq_running.set(false);
    }
}
