//! A guided prediction's run in a lab: one or more models (arms), each trained in the lab itself
//! for a fixed number of steps, one after another. [`ArmRunner`] is that run as a state machine
//! fed with what the lab's store shows; the page only carries out its actions (reset, pause).
//! Arms already trained this visit are not trained again.

use crate::view::guide::{Question, Verdict};
use crate::view::lab_state::LabStatus;

/// A question answered by training arms: `C` the lab's configuration, `R` what an arm ends with.
pub struct ArmQuestion<C: 'static, R: 'static> {
    pub question: Question,
    pub arms: fn() -> Vec<Arm<C>>,
    pub judge: fn(&[R]) -> Verdict,
}

/// One model trained for a fixed number of steps: `C` is the lab's configuration.
#[derive(Clone, Debug, PartialEq)]
pub struct Arm<C> {
    pub config: C,
    pub steps: u64,
}

/// What the page must do next.
#[derive(Clone, Debug, PartialEq)]
pub enum Action<C, R> {
    /// Nothing yet.
    Wait,
    /// Build this model, show its settings in the form, and train it.
    Start(C),
    /// Every arm has a result: pause the lab, and judge.
    Finish(Vec<R>),
    /// The run cannot go on (the visitor changed the lab, or the worker refused the model).
    Abort,
}

/// Where the current arm stands.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Stage {
    /// Not started.
    Idle,
    /// Reset was sent: waiting for the new model (its setup clears the old summary).
    Sent,
    /// The new model is there: waiting for a summary at or after the planned step.
    Training,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ArmRunner<C, R> {
    arms: Vec<Arm<C>>,
    results: Vec<Option<R>>,
    current: usize,
    stage: Stage,
}

impl<C: Clone + PartialEq, R: Clone> ArmRunner<C, R> {
    /// Arms already run this visit (`kept`) are not run again.
    pub fn new(arms: Vec<Arm<C>>, kept: &[(Arm<C>, R)]) -> ArmRunner<C, R> {
        let results = arms
            .iter()
            .map(|a| kept.iter().find(|(k, _)| k == a).map(|(_, r)| r.clone()))
            .collect();
        ArmRunner {
            arms,
            results,
            current: 0,
            stage: Stage::Idle,
        }
    }

    /// Arms with a result, and arms in all.
    pub fn done(&self) -> (usize, usize) {
        (self.results.iter().flatten().count(), self.arms.len())
    }

    /// The arms run so far, with their results, to keep.
    pub fn finished(&self) -> Vec<(Arm<C>, R)> {
        self.arms
            .iter()
            .zip(&self.results)
            .filter_map(|(a, r)| r.clone().map(|r| (a.clone(), r)))
            .collect()
    }

    /// The next action, given what the lab store shows now: the model's settings, its status,
    /// and the step of its last summary (`None` when it has none: a new model's setup clears
    /// it). `read` makes the arm's result from the store once the arm is at or past its steps
    /// (its first argument), or diverged (its second); `None` while something it needs has yet
    /// to come.
    pub fn observe(
        &mut self,
        config: &C,
        status: LabStatus,
        step: Option<u64>,
        read: impl FnOnce(u64, bool) -> Option<R>,
    ) -> Action<C, R> {
        self.skip_done();
        let Some(arm) = self.arms.get(self.current) else {
            return Action::Finish(self.results.iter().flatten().cloned().collect());
        };
        if self.stage == Stage::Idle {
            self.stage = Stage::Sent;
            return Action::Start(arm.config.clone());
        }
        if *config != arm.config || status == LabStatus::Failed {
            return Action::Abort;
        }
        if self.stage == Stage::Sent {
            // The old model's summary stays until the new model's setup clears it.
            if step.is_none() {
                self.stage = Stage::Training;
            }
            return Action::Wait;
        }
        let diverged = matches!(status, LabStatus::Diverged { .. });
        match step {
            Some(s) if s >= arm.steps || diverged => {}
            _ => return Action::Wait,
        }
        let Some(result) = read(arm.steps, diverged) else {
            return Action::Wait;
        };
        self.results[self.current] = Some(result);
        self.skip_done();
        match self.arms.get(self.current) {
            Some(next) => {
                self.stage = Stage::Sent;
                Action::Start(next.config.clone())
            }
            None => Action::Finish(self.results.iter().flatten().cloned().collect()),
        }
    }

    fn skip_done(&mut self) {
        while self.results.get(self.current).is_some_and(Option::is_some) {
            self.current += 1;
            self.stage = Stage::Idle;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    type Runner = ArmRunner<&'static str, u64>;

    fn arm(config: &'static str) -> Arm<&'static str> {
        Arm { config, steps: 100 }
    }

    #[test]
    fn arms_run_one_after_another_and_each_waits_for_its_own_model() {
        let mut run = Runner::new(vec![arm("a"), arm("b")], &[]);
        let never = |_, _| -> Option<u64> { panic!("read before the arm was done") };
        assert_eq!(
            run.observe(&"x", LabStatus::Paused, Some(5000), never),
            Action::Start("a")
        );
        // The previous model's summary, past the planned step, is not taken for this arm's.
        assert_eq!(
            run.observe(&"a", LabStatus::Starting, Some(5000), never),
            Action::Wait
        );
        // The new model's setup clears the summary; then it trains.
        assert_eq!(
            run.observe(&"a", LabStatus::Starting, None, never),
            Action::Wait
        );
        assert_eq!(
            run.observe(&"a", LabStatus::Running, Some(99), never),
            Action::Wait
        );
        let next = run.observe(&"a", LabStatus::Running, Some(107), |planned, d| {
            Some(planned + 7 + u64::from(d))
        });
        assert_eq!(next, Action::Start("b"));
        assert_eq!(run.done(), (1, 2));
        assert_eq!(run.finished(), vec![(arm("a"), 107)]);
        assert_eq!(
            run.observe(&"b", LabStatus::Starting, Some(107), never),
            Action::Wait
        );
        assert_eq!(
            run.observe(&"b", LabStatus::Starting, None, never),
            Action::Wait
        );
        // What the result needs has not come yet: keep waiting.
        assert_eq!(
            run.observe(&"b", LabStatus::Running, Some(100), |_, _| None),
            Action::Wait
        );
        let end = run.observe(&"b", LabStatus::Running, Some(103), |_, _| Some(103));
        assert_eq!(end, Action::Finish(vec![107, 103]));
    }

    #[test]
    fn an_arm_kept_from_an_earlier_question_is_not_run_again() {
        let mut run = Runner::new(vec![arm("a"), arm("b")], &[(arm("a"), 7)]);
        assert_eq!(run.done(), (1, 2));
        assert_eq!(
            run.observe(&"a", LabStatus::Paused, Some(100), |_, _| None),
            Action::Start("b")
        );
        let mut cached = Runner::new(vec![arm("a"), arm("b")], &[(arm("b"), 2), (arm("a"), 1)]);
        assert_eq!(
            cached.observe(&"z", LabStatus::Paused, None, |_, _| None),
            Action::Finish(vec![1, 2])
        );
    }

    #[test]
    fn a_diverged_arm_is_read_before_its_steps() {
        let mut run = Runner::new(vec![arm("a")], &[]);
        run.observe(&"a", LabStatus::Empty, None, |_, _| None);
        run.observe(&"a", LabStatus::Starting, None, |_, _| None);
        let status = LabStatus::Diverged {
            reason: crate::jobs::lab::Divergence::NonFinite,
            step: 40,
        };
        let end = run.observe(&"a", status, Some(41), |_, d| d.then_some(0));
        assert_eq!(end, Action::Finish(vec![0]));
    }

    #[test]
    fn a_changed_lab_or_a_refused_model_aborts_the_run() {
        let mut run = Runner::new(vec![arm("a")], &[]);
        run.observe(&"a", LabStatus::Paused, None, |_, _| None);
        assert_eq!(
            run.observe(&"b", LabStatus::Starting, None, |_, _| None),
            Action::Abort
        );
        let mut run = Runner::new(vec![arm("a")], &[]);
        run.observe(&"a", LabStatus::Paused, None, |_, _| None);
        assert_eq!(
            run.observe(&"a", LabStatus::Failed, None, |_, _| None),
            Action::Abort
        );
    }
}
