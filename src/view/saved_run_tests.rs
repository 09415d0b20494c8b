use super::*;
use crate::export::WeightsProblem;
use crate::i18n::Lang;
use crate::jobs::lab::config::AeLabConfig;
use crate::models::Losses;

fn run() -> SavedRun {
    let point = |step| HistoryPoint {
        step,
        train: Some(Losses {
            total: 0.25,
            recon: 0.25,
            kl: 0.0,
        }),
        test: Losses::default(),
    };
    SavedRun {
        settings: SavedSettings::Lab(LabConfig::Ae(AeLabConfig::seed())),
        history: SavedHistory::Lab(vec![point(0), point(40)]),
        snapshot: vec![1, 2, 3],
        step: 40,
        saved_at_ms: 1.7e12,
    }
}

#[test]
fn a_record_reads_back_as_it_was_written() {
    let r = run();
    assert_eq!(SavedRun::decode(&r.encode()), Ok(r));
}

#[test]
fn a_record_of_another_version_or_a_damaged_one_says_so() {
    let bytes = run().encode();
    let mut other = bytes.clone();
    // The version follows the 8-byte tag, as a varint: 1 → 2.
    other[8] = 2;
    assert_eq!(
        SavedRun::decode(&other),
        Err(RestoreProblem::Version {
            found: 2,
            expected: 1
        })
    );
    assert!(matches!(
        SavedRun::decode(&bytes[..bytes.len() - 2]),
        Err(RestoreProblem::Malformed { .. })
    ));
    assert_eq!(
        SavedRun::decode(b"hello"),
        Err(RestoreProblem::NotASavedRun)
    );
    assert_eq!(SavedRun::decode(&[]), Err(RestoreProblem::NotASavedRun));
    // Every prefix and every one-byte change is an answer, never a panic.
    for n in 0..bytes.len() {
        let _ = SavedRun::decode(&bytes[..n]);
        let mut b = bytes.clone();
        b[n] ^= 0xa5;
        let _ = SavedRun::decode(&b);
    }
}

#[test]
fn the_status_line_says_each_state_in_both_languages() {
    let states = [
        SavedStatus::Never,
        SavedStatus::Saved {
            step: 1234,
            time: "18:05".into(),
        },
        SavedStatus::Restored { step: 1234 },
        SavedStatus::Full,
        SavedStatus::Blocked,
        SavedStatus::Unreadable(RestoreProblem::Version {
            found: 7,
            expected: 1,
        }),
        SavedStatus::Unreadable(RestoreProblem::Weights(WeightsProblem::NonFinite {
            name: "encoder.0.weight".into(),
            index: 3,
            value: "NaN".into(),
        })),
        SavedStatus::Forgotten,
        SavedStatus::Recovered { step: 987 },
    ];
    let en: Vec<String> = states
        .iter()
        .map(|s| saved_text(|m| m.get(Lang::En), s))
        .collect();
    let zh: Vec<String> = states
        .iter()
        .map(|s| saved_text(|m| m.get(Lang::Zh), s))
        .collect();
    assert_eq!(en[1], "Saved in this browser at step 1234, 18:05.");
    assert_eq!(zh[1], "已于 18:05 保存在此浏览器中（第 1234 步）。");
    assert!(en[2].contains("step 1234") && zh[2].contains("1234"));
    assert!(en[5].contains("format 7") && zh[5].contains("格式 7"));
    assert!(en[6].contains("encoder.0.weight") && zh[6].contains("encoder.0.weight"));
    assert!(en[8].contains("worker stopped") && en[8].contains("step 987"));
    assert!(zh[8].contains("第 987 步"));
    for (e, z) in en.iter().zip(&zh) {
        assert!(!e.contains('{') && !z.contains('{'), "{e} / {z}");
        assert_ne!(e, z);
        assert!(
            z.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{z}"
        );
    }
}

#[test]
fn only_a_run_that_trained_since_its_last_save_is_saved_and_one_at_a_time() {
    let mut g = SaveGate::default();
    assert!(
        !g.wants(LabStatus::Paused, 0),
        "a visit alone stores nothing"
    );
    assert!(!g.wants(LabStatus::Starting, 10));
    assert!(g.wants(LabStatus::Running, 10));
    g.asked();
    assert!(!g.wants(LabStatus::Running, 20), "one snapshot in flight");
    g.done(Some(20));
    assert!(!g.wants(LabStatus::Paused, 20), "nothing new since");
    assert!(g.wants(LabStatus::Running, 21));
    g.asked();
    g.done(None);
    assert!(
        g.wants(LabStatus::Running, 21),
        "a failed write is tried again"
    );
    let diverged = LabStatus::Diverged {
        reason: crate::jobs::lab::Divergence::NonFinite,
        step: 30,
    };
    assert!(!g.wants(diverged, 30), "NaN weights are not kept");
    g.new_model(Some(500));
    assert!(!g.wants(LabStatus::Paused, 500), "restored, nothing new");
    assert!(g.wants(LabStatus::Running, 501));
}

#[test]
fn an_answer_asked_of_a_model_since_replaced_is_not_awaited() {
    let mut g = SaveGate::default();
    assert!(!g.awaited(), "nothing asked");
    g.asked();
    assert!(g.awaited());
    g.new_model(None);
    assert!(
        !g.awaited(),
        "a reset came between the question and its answer"
    );
    g.asked();
    g.done(Some(7));
    assert!(!g.awaited(), "answered");
}
