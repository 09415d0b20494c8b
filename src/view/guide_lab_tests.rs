use super::*;

fn summary(step: u64, total: f32, latent: Vec<[f32; 2]>) -> LabSummary {
    LabSummary {
        step,
        running: true,
        train: None,
        test: Losses {
            total,
            recon: total,
            kl: 0.0,
        },
        samples_per_sec: 0.0,
        recon: Vec::new(),
        latent,
        ellipses: Vec::new(),
        projected: false,
        explained: 1.0,
        beta: 1.0,
        own_latent: Vec::new(),
        own_recon: Vec::new(),
    }
}

fn setup(labels: Vec<u8>) -> LabSetup {
    LabSetup {
        latent_width: 2,
        params: 1,
        has_prior: false,
        shown: Vec::new(),
        gallery: Vec::new(),
        test_labels: labels,
        own_train: 0,
        own_test: 0,
        own_shown: Vec::new(),
    }
}

fn result(total: f32) -> ArmResult {
    ArmResult {
        step: AE_STEPS,
        test: Losses {
            total,
            recon: total,
            kl: 0.0,
        },
        separation: 0.5,
        diverged: false,
    }
}

#[test]
fn separated_clusters_score_one_and_a_mixed_map_scores_low() {
    let labels = [0, 0, 1, 1, 2, 2];
    let apart = [
        [0.0, 0.0],
        [0.1, 0.0],
        [5.0, 5.0],
        [5.1, 5.0],
        [-5.0, 5.0],
        [-5.1, 5.0],
    ];
    assert_eq!(separation(&apart, &labels), 1.0);
    // Every class spread over the same three spots: centres coincide, so ties go to class 0.
    let mixed = [
        [0.0, 0.0],
        [1.0, 0.0],
        [1.0, 0.0],
        [0.0, 0.0],
        [0.0, 0.0],
        [1.0, 0.0],
    ];
    assert!(separation(&mixed, &labels) <= 0.34);
    assert_eq!(separation(&[], &[]), 0.0);
}

#[test]
fn an_arm_is_read_from_the_setup_and_the_summary_it_ended_with() {
    let s = summary(AE_STEPS + 7, 0.04, vec![[0.0, 0.0], [1.0, 1.0]]);
    let r = ArmResult::read(&setup(vec![0, 1]), &s, false);
    assert_eq!(r.step, AE_STEPS + 7);
    assert_eq!(r.test.total, 0.04);
    assert_eq!(r.separation, 1.0);
    assert!(!r.diverged);
}

#[test]
fn a_diverged_run_is_the_worse_one() {
    let diverged = ArmResult {
        diverged: true,
        test: Losses {
            total: f32::NAN,
            recon: f32::NAN,
            kl: 0.0,
        },
        ..result(0.0)
    };
    let verdict = (AE_QUESTIONS[2].judge)(&[result(0.02), diverged]);
    assert_eq!(verdict.actual, Some(1));
    assert!(verdict.values.contains(&("b", "∞".to_string())));
}

#[test]
fn questions_about_the_same_models_share_their_arms() {
    assert_eq!((AE_QUESTIONS[0].arms)(), (AE_QUESTIONS[1].arms)());
    assert_eq!((AE_QUESTIONS[0].arms)()[1], (AE_QUESTIONS[2].arms)()[0]);
    assert_eq!((VAE_QUESTIONS[0].arms)()[0], (VAE_QUESTIONS[1].arms)()[0]);
}

#[test]
fn the_code_size_question_is_judged_from_the_test_losses() {
    let judge = AE_QUESTIONS[0].judge;
    assert_eq!(judge(&[result(0.040), result(0.012)]).actual, Some(1));
    assert_eq!(judge(&[result(0.012), result(0.040)]).actual, Some(0));
    assert_eq!(judge(&[result(0.0400), result(0.0395)]).actual, Some(2));
    let v = judge(&[result(0.040), result(0.012)]);
    assert!(v.values.contains(&("a", format_loss(0.040))));
}

#[test]
fn the_map_question_is_judged_from_the_separation() {
    let judge = AE_QUESTIONS[1].judge;
    let with = |s: f32| ArmResult {
        separation: s,
        ..result(0.02)
    };
    assert_eq!(judge(&[with(0.8), with(0.5)]).actual, Some(0));
    assert_eq!(judge(&[with(0.5), with(0.8)]).actual, Some(1));
    assert_eq!(judge(&[with(0.70), with(0.69)]).actual, Some(2));
}

#[test]
fn the_beta_question_reads_both_terms() {
    let vae_result = |kl: f32, recon: f32| ArmResult {
        test: Losses {
            total: recon + kl,
            recon,
            kl,
        },
        ..result(0.0)
    };
    let judge = VAE_QUESTIONS[0].judge;
    assert_eq!(
        judge(&[vae_result(6.0, 140.0), vae_result(3.0, 160.0)]).actual,
        Some(0)
    );
    assert_eq!(
        judge(&[vae_result(6.0, 140.0), vae_result(9.0, 120.0)]).actual,
        Some(1)
    );
    assert_eq!(
        judge(&[vae_result(6.0, 140.0), vae_result(6.1, 140.5)]).actual,
        Some(2)
    );
    assert_eq!(
        judge(&[vae_result(6.0, 140.0), vae_result(3.0, 120.0)]).actual,
        None
    );
    // Measured in CI on 2026-12-06: KL 5.65 → 3.61 and reconstruction 156.0 → 159.2 nats.
    assert_eq!(
        judge(&[vae_result(5.65, 156.0), vae_result(3.61, 159.2)]).actual,
        Some(0)
    );
    let zero = VAE_QUESTIONS[1].judge;
    assert_eq!(
        zero(&[vae_result(6.0, 140.0), vae_result(30.0, 120.0)]).actual,
        Some(0)
    );
    assert_eq!(
        zero(&[vae_result(6.0, 140.0), vae_result(6.5, 139.0)]).actual,
        Some(1)
    );
}

#[test]
fn every_arm_the_guides_plan_is_a_valid_lab_setting() {
    for q in AE_QUESTIONS.iter().chain(VAE_QUESTIONS) {
        let arms = (q.arms)();
        assert!((2..=4).contains(&q.question.choices.len()));
        for arm in arms {
            arm.config.validate().unwrap();
        }
    }
}
