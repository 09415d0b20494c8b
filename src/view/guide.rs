//! A guided prediction: a few questions with 2 to 4 answers each. The visitor picks an answer,
//! the chapter sets its controls and runs the experiment that settles the question, and the
//! run's own numbers give the answer (a [`Verdict`]), never a canned one.
//!
//! This file holds where a visitor stands on one guide's questions; the chapters define the
//! questions and the runs (`guide_lab`, `guide_attention`).

use crate::i18n::Msg;

/// One question: what is asked, the answers to choose from, and what the run will do.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Question {
    pub ask: Msg,
    pub choices: &'static [Msg],
    /// What pressing Run does, in a sentence, so a visitor knows what to watch.
    pub how: Msg,
}

/// What a run showed: which answer its numbers fit (`None`: none of them), and the numbers,
/// as a template in either language and its values.
#[derive(Clone, Debug, PartialEq)]
pub struct Verdict {
    pub actual: Option<usize>,
    pub why: Msg,
    pub values: Vec<(&'static str, String)>,
}

/// Where one question stands.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Phase {
    /// Waiting for a prediction, or for Run once there is one.
    #[default]
    Open,
    /// The run is under way: runs done and planned.
    Running {
        done: usize,
        of: usize,
    },
    Answered(Verdict),
}

/// Why the last run ended without an answer.
#[derive(Clone, Debug, PartialEq)]
pub enum Halt {
    /// The visitor changed the lab or left the chapter, or the worker refused the model.
    Stopped,
    /// The settings the question starts from cannot be run: the reason.
    Cannot(String),
    /// Another experiment is running and would have to finish first.
    Busy,
}

/// One guide's state, kept for the visit.
#[derive(Clone, Debug, PartialEq)]
pub struct Progress {
    pub current: usize,
    pub picks: Vec<Option<usize>>,
    pub phases: Vec<Phase>,
    pub halted: Option<Halt>,
}

impl Progress {
    pub fn new(questions: usize) -> Progress {
        Progress {
            current: 0,
            picks: vec![None; questions],
            phases: vec![Phase::Open; questions],
            halted: None,
        }
    }

    /// A prediction can change until its run starts; after that it is what was predicted.
    pub fn pick(&mut self, q: usize, choice: usize) {
        if self.phases.get(q) == Some(&Phase::Open) {
            self.picks[q] = Some(choice);
        }
    }

    pub fn can_run(&self, q: usize) -> bool {
        self.phases.get(q) == Some(&Phase::Open) && self.picks.get(q).is_some_and(Option::is_some)
    }

    /// Starts question `q`'s run of `of` parts; false (and nothing changes) without a pick or
    /// while it runs or after it was answered.
    pub fn start(&mut self, q: usize, of: usize) -> bool {
        if !self.can_run(q) {
            return false;
        }
        self.phases[q] = Phase::Running { done: 0, of };
        self.halted = None;
        true
    }

    pub fn advance(&mut self, q: usize, done: usize) {
        if let Some(Phase::Running { done: d, .. }) = self.phases.get_mut(q) {
            *d = done;
        }
    }

    pub fn answer(&mut self, q: usize, verdict: Verdict) {
        if matches!(self.phases.get(q), Some(Phase::Running { .. })) {
            self.phases[q] = Phase::Answered(verdict);
        }
    }

    /// The run was stopped before it answered (the visitor changed the lab, left the chapter,
    /// or the worker failed): the prediction stays and Run can be pressed again.
    pub fn stop(&mut self, q: usize, why: Halt) {
        if matches!(self.phases.get(q), Some(Phase::Running { .. })) {
            self.phases[q] = Phase::Open;
            self.halted = Some(why);
        }
    }

    /// Every run stopped: what a chapter finds when it is shown again, since its runs ended
    /// when it was left.
    pub fn interrupted(mut self) -> Progress {
        for q in 0..self.phases.len() {
            self.stop(q, Halt::Stopped);
        }
        self
    }

    pub fn go(&mut self, q: usize) {
        if q < self.phases.len() && self.running().is_none() {
            self.current = q;
            self.halted = None;
        }
    }

    pub fn running(&self) -> Option<usize> {
        self.phases
            .iter()
            .position(|p| matches!(p, Phase::Running { .. }))
    }

    /// Whether question `q`'s prediction was right, once it was answered.
    pub fn right(&self, q: usize) -> Option<bool> {
        match self.phases.get(q)? {
            Phase::Answered(v) => Some(v.actual.is_some() && v.actual == self.picks[q]),
            _ => None,
        }
    }

    /// Predictions that were right, and questions answered.
    pub fn score(&self) -> (usize, usize) {
        (0..self.phases.len()).fold((0, 0), |(right, answered), q| match self.right(q) {
            Some(r) => (right + usize::from(r), answered + 1),
            None => (right, answered),
        })
    }
}

/// Which of three answers `a` against `b` fits: 0 when `a` is clearly lower, 1 when `b` is,
/// 2 when they are within `tolerance` (relative to the larger) of each other.
pub fn lower_of(a: f32, b: f32, tolerance: f32) -> usize {
    if (a - b).abs() <= tolerance * a.abs().max(b.abs()) {
        2
    } else if a < b {
        0
    } else {
        1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn verdict(actual: Option<usize>) -> Verdict {
        Verdict {
            actual,
            why: Msg::GuideTitle,
            values: vec![],
        }
    }

    #[test]
    fn a_run_needs_a_prediction_first() {
        let mut p = Progress::new(2);
        assert!(!p.start(0, 2));
        p.pick(0, 1);
        assert!(p.start(0, 2));
        assert_eq!(p.phases[0], Phase::Running { done: 0, of: 2 });
        assert_eq!(p.running(), Some(0));
    }

    #[test]
    fn the_prediction_is_locked_once_its_run_starts() {
        let mut p = Progress::new(1);
        p.pick(0, 1);
        p.pick(0, 2);
        assert!(p.start(0, 1));
        p.pick(0, 0);
        p.answer(0, verdict(Some(2)));
        p.pick(0, 0);
        assert_eq!(p.picks[0], Some(2));
        assert!(!p.start(0, 1), "an answered question does not run again");
    }

    #[test]
    fn right_and_wrong_predictions_are_told_apart() {
        let mut p = Progress::new(3);
        for (q, (pick, actual)) in [(0, Some(0)), (1, Some(0)), (2, None)]
            .into_iter()
            .enumerate()
        {
            p.pick(q, pick);
            p.start(q, 1);
            p.answer(q, verdict(actual));
        }
        assert_eq!(p.right(0), Some(true));
        assert_eq!(p.right(1), Some(false));
        assert_eq!(
            p.right(2),
            Some(false),
            "a run that fits no answer proves no pick right"
        );
        assert_eq!(p.score(), (1, 3));
    }

    #[test]
    fn an_interrupted_run_keeps_its_prediction_and_can_run_again() {
        let mut p = Progress::new(2);
        p.pick(1, 3);
        p.start(1, 2);
        p.advance(1, 1);
        assert_eq!(p.phases[1], Phase::Running { done: 1, of: 2 });
        let p = p.interrupted();
        assert_eq!(p.phases[1], Phase::Open);
        assert_eq!(p.halted, Some(Halt::Stopped));
        assert_eq!(p.picks[1], Some(3));
        assert!(p.can_run(1));
        assert_eq!(p.score(), (0, 0));
    }

    #[test]
    fn an_answer_without_a_run_is_ignored() {
        let mut p = Progress::new(1);
        p.pick(0, 0);
        p.answer(0, verdict(Some(0)));
        assert_eq!(p.phases[0], Phase::Open);
    }

    #[test]
    fn go_stays_within_the_questions_and_waits_for_a_run() {
        let mut p = Progress::new(2);
        p.go(1);
        p.go(5);
        assert_eq!(p.current, 1);
        p.pick(1, 0);
        p.start(1, 1);
        p.go(0);
        assert_eq!(
            p.current, 1,
            "the question stays in view while its run goes on"
        );
    }

    #[test]
    fn a_new_run_clears_the_reason_the_last_one_stopped() {
        let mut p = Progress::new(1);
        p.pick(0, 0);
        p.start(0, 1);
        p.stop(0, Halt::Cannot("seed".into()));
        assert_eq!(p.halted, Some(Halt::Cannot("seed".into())));
        p.start(0, 1);
        assert_eq!(p.halted, None);
    }

    #[test]
    fn lower_of_reads_a_tolerance_relative_to_the_larger() {
        assert_eq!(lower_of(0.010, 0.020, 0.05), 0);
        assert_eq!(lower_of(0.020, 0.010, 0.05), 1);
        assert_eq!(lower_of(0.0200, 0.0195, 0.05), 2);
        assert_eq!(lower_of(0.0, 0.0, 0.05), 2);
    }
}
