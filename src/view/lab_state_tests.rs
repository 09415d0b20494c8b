use super::*;
use crate::i18n::Msg;

fn losses(total: f32) -> Losses {
    Losses {
        total,
        recon: total,
        kl: 0.0,
    }
}

fn summary(step: u64, running: bool) -> LabSummary {
    LabSummary {
        step,
        running,
        train: Some(losses(0.5)),
        test: losses(0.25),
        samples_per_sec: 1000.0,
        recon: Vec::new(),
        latent: Vec::new(),
        ellipses: Vec::new(),
        projected: false,
        explained: 1.0,
        beta: 1.0,
        own_latent: Vec::new(),
        own_recon: Vec::new(),
    }
}

fn setup() -> LabSetup {
    LabSetup {
        latent_width: 2,
        params: 1234,
        has_prior: false,
        shown: Vec::new(),
        gallery: Vec::new(),
        test_labels: Vec::new(),
        own_train: 0,
        own_test: 0,
        own_shown: Vec::new(),
    }
}

#[test]
fn a_running_summary_makes_the_lab_running_and_adds_a_point() {
    let mut lab = LabState {
        status: LabStatus::Starting,
        ..LabState::default()
    };
    let changed = lab.apply(LabEvent::Summary(summary(7, true)));
    assert_eq!(lab.status, LabStatus::Running);
    assert_eq!(
        lab.history,
        vec![HistoryPoint {
            step: 7,
            train: Some(losses(0.5)),
            test: losses(0.25)
        }]
    );
    assert_eq!(lab.summary.as_ref().map(|s| s.step), Some(7));
    assert!(changed.status && changed.history && changed.summary);
    assert!(!changed.setup && !changed.decoded);
}

#[test]
fn a_summary_that_is_not_running_pauses() {
    let mut lab = LabState {
        status: LabStatus::Running,
        ..LabState::default()
    };
    lab.apply(LabEvent::Summary(summary(3, false)));
    assert_eq!(lab.status, LabStatus::Paused);
}

#[test]
fn a_diverged_lab_stays_diverged_through_later_summaries() {
    let mut lab = LabState::default();
    let reason = Divergence::Exploded {
        loss: 90.0,
        start: 0.3,
    };
    lab.apply(LabEvent::Diverged { step: 5, reason });
    let changed = lab.apply(LabEvent::Summary(summary(5, true)));
    assert_eq!(lab.status, LabStatus::Diverged { reason, step: 5 });
    assert!(!changed.status);
    assert_eq!(lab.history.len(), 1);
}

#[test]
fn the_divergence_notice_names_the_step_the_loss_diverged_at() {
    // The student's run: the notice said "step 0" while the counter read 94.
    let mut lab = LabState::default();
    lab.apply(LabEvent::Summary(summary(90, true)));
    let reason = Divergence::Exploded {
        loss: 90.0,
        start: 0.3,
    };
    lab.apply(LabEvent::Diverged { step: 94, reason });
    lab.apply(LabEvent::Summary(summary(94, false)));
    assert_eq!(
        diverged_notice(lab.status),
        Some(DivergedNotice {
            what: Msg::LabDivergedExploded,
            step: 94,
            detail: " · 0.3000 → 90.00".into(),
        })
    );
    assert_eq!(diverged_notice(LabStatus::Running), None);
}

#[test]
fn saturated_weights_are_read_as_grouped_whole_numbers_not_exponents() {
    let status = LabStatus::Diverged {
        reason: Divergence::Saturated {
            weight: 2_345.4,
            code: 51_234.6,
        },
        step: 35_862,
    };
    let notice = diverged_notice(status).map(|n| n.detail);
    assert_eq!(notice.as_deref(), Some(" · |w| ≤ 2,345 · |z| ≤ 51,235"));
}

#[test]
fn a_refused_field_disables_start_and_one_step_but_never_pause() {
    let on = |train, step, reset| RunButtons { train, step, reset };
    // Heads = 3 with d_model 64: the form has an error.
    assert_eq!(
        run_buttons(LabStatus::Paused, false),
        on(false, false, false)
    );
    assert_eq!(
        run_buttons(LabStatus::Running, false),
        on(true, false, false)
    );
    assert_eq!(run_buttons(LabStatus::Paused, true), on(true, true, true));
    assert_eq!(run_buttons(LabStatus::Running, true), on(true, false, true));
    assert_eq!(
        run_buttons(LabStatus::Starting, true),
        on(false, false, false)
    );
    assert_eq!(run_buttons(LabStatus::Failed, true), on(false, false, true));
}

#[test]
fn paused_only_pauses_a_running_lab() {
    for (before, after) in [
        (LabStatus::Running, LabStatus::Paused),
        (LabStatus::Starting, LabStatus::Starting),
        (LabStatus::Empty, LabStatus::Empty),
        (LabStatus::Failed, LabStatus::Failed),
        (
            LabStatus::Diverged {
                reason: Divergence::NonFinite,
                step: 1,
            },
            LabStatus::Diverged {
                reason: Divergence::NonFinite,
                step: 1,
            },
        ),
    ] {
        let mut lab = LabState {
            status: before,
            ..LabState::default()
        };
        let changed = lab.apply(LabEvent::Paused { step: 1 });
        assert_eq!(lab.status, after, "from {before:?}");
        assert_eq!(changed.status, before != after);
    }
}

/// The button answers a Run as soon as the worker takes it: a paused lab runs at once; a
/// diverged or failed one does not, and a starting one waits for its first summary.
#[test]
fn running_only_resumes_a_paused_lab() {
    let diverged = LabStatus::Diverged {
        reason: Divergence::NonFinite,
        step: 1,
    };
    for (before, after) in [
        (LabStatus::Paused, LabStatus::Running),
        (LabStatus::Running, LabStatus::Running),
        (LabStatus::Starting, LabStatus::Starting),
        (LabStatus::Failed, LabStatus::Failed),
        (diverged, diverged),
    ] {
        let mut lab = LabState {
            status: before,
            ..LabState::default()
        };
        let changed = lab.apply(LabEvent::Running { step: 1 });
        assert_eq!(lab.status, after, "from {before:?}");
        assert_eq!(changed.status, before != after);
    }
}

#[test]
fn setup_clears_the_old_model_but_keeps_status_and_resume() {
    let mut lab = LabState {
        status: LabStatus::Starting,
        resume: true,
        ..LabState::default()
    };
    lab.apply(LabEvent::Summary(summary(1, false)));
    lab.apply(LabEvent::Samples(vec![1, 2, 3]));
    lab.apply(LabEvent::Decoded {
        point: [0.5, -0.5],
        image: vec![9],
    });
    lab.status = LabStatus::Starting;
    let changed = lab.apply(LabEvent::Setup(setup()));
    assert_eq!(lab.setup, Some(setup()));
    assert!(lab.history.is_empty());
    assert_eq!(lab.summary, None);
    assert_eq!(lab.samples, None);
    assert_eq!(lab.decoded, None);
    assert_eq!(lab.status, LabStatus::Starting);
    assert!(lab.resume);
    assert!(changed.setup && changed.history && changed.samples && changed.interpolation);
    assert!(!changed.status);
}

#[test]
fn each_image_event_fills_and_flags_only_its_own_field() {
    let mut lab = LabState::default();
    let changed = lab.apply(LabEvent::Drawn {
        point: [1.0, 2.0],
        image: vec![7; 4],
    });
    assert_eq!(lab.drawn, Some(([1.0, 2.0], vec![7; 4])));
    assert_eq!(
        changed,
        LabChanges {
            drawn: true,
            ..LabChanges::default()
        }
    );
    let changed = lab.apply(LabEvent::Manifold {
        side: 2,
        images: vec![3; 8],
    });
    assert_eq!(lab.manifold, Some(vec![3; 8]));
    assert!(changed.manifold && !changed.drawn);
    lab.apply(LabEvent::Interpolation(vec![4; 2]));
    assert_eq!(lab.interpolation, Some(vec![4; 2]));
}

#[test]
fn history_past_the_limit_keeps_every_other_point_from_the_first() {
    let mut lab = LabState::default();
    for step in 0..=MAX_HISTORY as u64 {
        lab.apply(LabEvent::Summary(summary(step, true)));
    }
    // 4001 points: indices 0, 2, …, 4000 stay.
    assert_eq!(lab.history.len(), MAX_HISTORY / 2 + 1);
    assert_eq!(lab.history[0].step, 0);
    assert_eq!(lab.history[1].step, 2);
    assert_eq!(lab.history.last().map(|p| p.step), Some(MAX_HISTORY as u64));
}

#[test]
fn history_at_the_limit_is_not_thinned() {
    let mut h = Vec::new();
    for i in 0..MAX_HISTORY {
        push_thinned(&mut h, i, |_| false);
    }
    assert_eq!(h.len(), MAX_HISTORY);
    assert_eq!(h[1], 1);
}

#[test]
fn points_asked_for_are_thinned_too_once_they_alone_would_fill_the_history() {
    let mut h = Vec::new();
    for i in 0..10 * MAX_HISTORY {
        push_thinned(&mut h, i, |_| true);
        assert!(h.len() <= MAX_HISTORY, "{} points after {i}", h.len());
    }
    assert_eq!(h[0], 0);
    assert_eq!(h.last(), Some(&(10 * MAX_HISTORY - 1)));
    assert!(h.windows(2).all(|w| w[0] < w[1]));
}

#[test]
fn thinning_keeps_the_points_asked_for() {
    let mut h: Vec<usize> = (0..MAX_HISTORY).collect();
    // Odd multiples of 3 would go as odd indices; the filter keeps them.
    push_thinned(&mut h, MAX_HISTORY, |p| p % 3 == 0);
    assert!(h.contains(&3) && h.contains(&9));
    assert!(!h.contains(&1) && !h.contains(&5));
    assert_eq!(
        h.len(),
        2001 + (0..=MAX_HISTORY)
            .filter(|i| i % 2 == 1 && i % 3 == 0)
            .count()
    );
}

#[test]
fn a_failure_stops_a_lab_that_has_or_awaits_a_model() {
    for (before, after) in [
        (LabStatus::Starting, LabStatus::Failed),
        (LabStatus::Running, LabStatus::Failed),
        (LabStatus::Paused, LabStatus::Failed),
        (LabStatus::Empty, LabStatus::Empty),
        (LabStatus::Failed, LabStatus::Failed),
    ] {
        let mut lab = LabState {
            status: before,
            ..LabState::default()
        };
        lab.failed();
        assert_eq!(lab.status, after, "from {before:?}");
    }
}

#[test]
fn a_lost_model_empties_the_lab_and_resumes_only_a_running_one() {
    assert_eq!(model_lost(LabStatus::Running), (LabStatus::Empty, true));
    assert_eq!(model_lost(LabStatus::Paused), (LabStatus::Empty, false));
    assert_eq!(
        model_lost(LabStatus::Diverged {
            reason: Divergence::NonFinite,
            step: 1
        }),
        (LabStatus::Empty, false)
    );
    let mut lab = LabState {
        status: LabStatus::Running,
        ..LabState::default()
    };
    lab.apply(LabEvent::Summary(summary(4, true)));
    lab.lost();
    assert_eq!(lab.status, LabStatus::Empty);
    assert!(lab.resume);
    // The curves stay for when the new model arrives.
    assert_eq!(lab.history.len(), 1);
}

#[test]
fn starting_clears_a_pending_resume() {
    let mut lab = LabState {
        status: LabStatus::Empty,
        resume: true,
        ..LabState::default()
    };
    lab.starting();
    assert_eq!(lab.status, LabStatus::Starting);
    assert!(!lab.resume);
}

#[test]
fn an_import_lets_a_diverged_lab_train_again_and_a_refusal_changes_nothing() {
    let mut s = LabState::default();
    s.apply(LabEvent::Summary(summary(1, true)));
    s.apply(LabEvent::Diverged {
        step: 2,
        reason: Divergence::NonFinite,
    });
    let before = s.clone();
    s.files.choose("vae.safetensors".into(), 100);
    let changed = s.apply(LabEvent::ImportRefused {
        problem: crate::export::WeightsProblem::Missing {
            name: "mu.weight".into(),
            more: 0,
        },
    });
    // Only the note changes: the model, its status and its curves stay.
    let only_files = LabChanges {
        files: true,
        ..LabChanges::default()
    };
    assert_eq!(changed, only_files);
    assert!(s.files.import.as_ref().is_some_and(|n| n.is_refusal()));
    assert_eq!(
        LabState {
            files: before.files.clone(),
            ..s.clone()
        },
        before
    );
    let imported = crate::export::Imported {
        tensors: 2,
        scalars: 10,
    };
    let changed = s.apply(LabEvent::Imported(imported));
    assert_eq!((s.status, changed.status), (LabStatus::Paused, true));
    s.apply(LabEvent::Summary(summary(2, false)));
    assert_eq!(s.status, LabStatus::Paused);
    // A healthy running lab keeps running through an import.
    s.apply(LabEvent::Summary(summary(3, true)));
    s.apply(LabEvent::Imported(imported));
    assert_eq!(s.status, LabStatus::Running);
}

#[test]
fn the_run_bar_names_every_state_and_colours_trouble_alike() {
    assert_eq!(LabStatus::Running.word(), ("running", Msg::StateRunning));
    assert_eq!(LabStatus::Paused.word(), ("paused", Msg::StatePaused));
    assert_eq!(LabStatus::Empty.word().0, "empty");
    let diverged = LabStatus::Diverged {
        reason: Divergence::NonFinite,
        step: 3,
    };
    assert_eq!(diverged.word(), ("failed", Msg::StateDiverged));
    assert_eq!(LabStatus::Failed.word(), ("failed", Msg::StateFailed));
}

#[test]
fn a_running_lab_waiting_over_a_second_for_its_step_says_it_is_working() {
    assert_eq!(LabStatus::Running.shown(false), LabStatus::Running.word());
    assert_eq!(
        LabStatus::Running.shown(true),
        ("working", Msg::StateWorking)
    );
    // A paused or stopped lab is not working, however long since its last step.
    for quiet in [LabStatus::Paused, LabStatus::Empty, LabStatus::Failed] {
        assert_eq!(quiet.shown(true), quiet.word());
    }
}
