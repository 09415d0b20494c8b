//! The page's copy of the fine-tuning, sequence fine-tuning and scale experiments as plain
//! data: the run in progress and what finished runs left, and what each report does to it.

use crate::experiments::FinetuneResult;
use crate::jobs::experiment::{FinetuneReport, ScaleReport, SeqReport};

/// One experiment: its latest report (the run in progress, or the last one, stopped or done)
/// and whether it runs.
#[derive(Clone, Debug, PartialEq)]
pub struct Run<R> {
    pub report: Option<R>,
    pub running: bool,
}

impl<R> Default for Run<R> {
    fn default() -> Self {
        Run {
            report: None,
            running: false,
        }
    }
}

impl<R> Run<R> {
    /// The visitor started a run: the previous report goes.
    pub fn start(&mut self) {
        self.report = None;
        self.running = true;
    }

    /// A report arrived; a done one ends the run.
    pub fn report(&mut self, report: R, done: bool) {
        if done {
            self.running = false;
        }
        self.report = Some(report);
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct ExperimentState {
    pub ft: Run<FinetuneReport>,
    /// One row per K whose three runs finished, in order of K; running K again replaces its row.
    pub ft_rows: Vec<FinetuneResult>,
    pub scale: Run<ScaleReport>,
    pub seq: Run<SeqReport>,
}

/// Which reports of an [`ExperimentState`] changed (running flags are compared by the store).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ExperimentChanges {
    pub ft: bool,
    pub ft_rows: bool,
    pub scale: bool,
    pub seq: bool,
}

impl ExperimentState {
    /// A fine-tuning report: its finished Ks go into the table.
    pub fn finetune(&mut self, report: FinetuneReport) -> ExperimentChanges {
        let ft_rows = keep_finished(&mut self.ft_rows, &report);
        let done = report.done;
        self.ft.report(report, done);
        ExperimentChanges {
            ft: true,
            ft_rows,
            ..ExperimentChanges::default()
        }
    }

    pub fn scale(&mut self, report: ScaleReport) -> ExperimentChanges {
        let done = report.done;
        self.scale.report(report, done);
        ExperimentChanges {
            scale: true,
            ..ExperimentChanges::default()
        }
    }

    pub fn seq(&mut self, report: SeqReport) -> ExperimentChanges {
        let done = report.done;
        self.seq.report(report, done);
        ExperimentChanges {
            seq: true,
            ..ExperimentChanges::default()
        }
    }

    /// Whether any experiment runs: the worker runs one at a time.
    pub fn running(&self) -> bool {
        self.ft.running || self.scale.running || self.seq.running
    }

    /// Cancelled, refused or crashed: nothing runs any more; what was reported stays.
    pub fn stopped(&mut self) {
        self.ft.running = false;
        self.scale.running = false;
        self.seq.running = false;
    }
}

/// Puts the report's finished Ks into `rows` (replacing a row of the same K), in order of K:
/// every K but the last is finished, and the last once the run is done. Whether any row came.
pub fn keep_finished(rows: &mut Vec<FinetuneResult>, report: &FinetuneReport) -> bool {
    let finished = if report.done {
        report.results.len()
    } else {
        report.results.len().saturating_sub(1)
    };
    let fresh = &report.results[..finished];
    for row in fresh {
        rows.retain(|r| r.k != row.k);
        rows.push(row.clone());
    }
    rows.sort_by_key(|r| r.k);
    !fresh.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::experiments::{FinetuneProgress, FinetuneStage, StepCount};
    use crate::jobs::experiment::RunClock;

    fn result(k: usize, steps: usize) -> FinetuneResult {
        FinetuneResult {
            k,
            steps,
            methods: Vec::new(),
        }
    }

    fn report(ks: &[usize], done: bool) -> FinetuneReport {
        FinetuneReport {
            progress: FinetuneProgress {
                stage: FinetuneStage::Done,
                steps: StepCount { done: 1, total: 2 },
            },
            results: ks.iter().map(|&k| result(k, 100)).collect(),
            reused_encoder: false,
            done,
            clock: RunClock::default(),
        }
    }

    fn ks(rows: &[FinetuneResult]) -> Vec<usize> {
        rows.iter().map(|r| r.k).collect()
    }

    #[test]
    fn the_k_still_running_is_not_a_row_yet() {
        let mut exp = ExperimentState::default();
        exp.ft.start();
        assert!(!exp.finetune(report(&[10], false)).ft_rows);
        assert!(exp.ft_rows.is_empty());
        assert!(exp.finetune(report(&[10, 50], false)).ft_rows);
        assert_eq!(ks(&exp.ft_rows), vec![10]);
        assert!(exp.ft.running);
    }

    #[test]
    fn a_done_report_finishes_every_k_and_the_run() {
        let mut exp = ExperimentState::default();
        exp.ft.start();
        let changed = exp.finetune(report(&[10, 50], true));
        assert!(changed.ft && changed.ft_rows && !changed.scale);
        assert_eq!(ks(&exp.ft_rows), vec![10, 50]);
        assert!(!exp.ft.running);
        assert!(exp.ft.report.as_ref().is_some_and(|r| r.done));
    }

    #[test]
    fn running_a_k_again_replaces_its_row_and_keeps_k_order() {
        let mut rows = vec![result(10, 1), result(500, 1)];
        let mut again = report(&[100, 10], true);
        again.results[1].steps = 7;
        keep_finished(&mut rows, &again);
        assert_eq!(ks(&rows), vec![10, 100, 500]);
        assert_eq!(rows[0].steps, 7);
    }

    #[test]
    fn stopping_ends_every_run_and_keeps_the_reports() {
        let mut exp = ExperimentState::default();
        exp.ft.start();
        exp.finetune(report(&[10, 50], false));
        exp.scale.running = true;
        assert!(exp.running());
        exp.stopped();
        assert!(!exp.running());
        assert!(exp.ft.report.is_some());
        assert_eq!(ks(&exp.ft_rows), vec![10]);
    }

    #[test]
    fn starting_a_run_drops_its_previous_report_only() {
        let mut exp = ExperimentState::default();
        exp.finetune(report(&[10], true));
        exp.ft.start();
        assert_eq!(exp.ft.report, None);
        assert!(exp.ft.running);
        assert_eq!(ks(&exp.ft_rows), vec![10]);
    }
}
