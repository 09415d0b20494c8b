//! Export and import through the lab's commands: the file comes back bit for bit, a file that
//! does not fit is refused with its reason and leaves the model as it was, and an imported
//! model is scored anew.

use super::super::tests::{begin, reversal, run_for};
use super::*;
use crate::jobs::translate::{TranslateCommand, TranslateSummary};
use crate::models::TransformerPreset;
use crate::tasks::Task;

fn command(lab: &mut TranslateLab, cmd: TranslateCommand) -> Vec<TranslateEvent> {
    let mut out = Vec::new();
    lab.command(cmd, 0.0, &mut out).unwrap();
    out
}

fn export(lab: &mut TranslateLab) -> ExportFile {
    match command(lab, TranslateCommand::Export).pop() {
        Some(TranslateEvent::Exported(files)) => files,
        other => panic!("no export: {other:?}"),
    }
}

fn bits(lab: &TranslateLab) -> Vec<Vec<u32>> {
    crate::export::weight_bits(&lab.trainer.params)
}

/// The lab's reversal preset with another seed: other weights, the same data.
fn other_seed() -> TranslateLab {
    let mut preset = TransformerPreset::for_task(Task::Reversal);
    preset.task.train_size = 2000;
    preset.task.test_size = 64;
    preset.trainer.seed = 7;
    TranslateLab::new(&preset).unwrap()
}

fn summary(out: &[TranslateEvent]) -> Option<&TranslateSummary> {
    out.iter().rev().find_map(|e| match e {
        TranslateEvent::Summary(s) => Some(s),
        _ => None,
    })
}

#[test]
fn an_exported_model_imports_bit_for_bit_and_is_scored_anew() {
    let mut a = reversal();
    begin(&mut a);
    run_for(&mut a, 600.0, 10.0);
    let step = a.step();
    assert!(step > 0);
    let files = export(&mut a);
    assert_eq!(
        files.stem,
        format!("gradlab-transformer-reversal-step{step}")
    );
    for e in a.samples() {
        assert!(files
            .script
            .contains(&format!("({:?}, {:?}),", e.source, e.target)));
    }

    let mut b = other_seed();
    begin(&mut b);
    assert_ne!(bits(&a), bits(&b));
    let out = command(&mut b, TranslateCommand::Import(files.weights.clone()));
    let scalars = b.trainer.params.num_scalars() as u64;
    assert!(matches!(&out[..], [TranslateEvent::Imported(i)] if i.scalars == scalars));
    assert_eq!(bits(&a), bits(&b));
    // B writes the very tensors A wrote; only the header's metadata (the step) differs.
    let data = |bytes: &[u8]| {
        let header = u64::from_le_bytes(bytes[..8].try_into().unwrap()) as usize;
        bytes[8 + header..].to_vec()
    };
    assert_eq!(data(&export(&mut b).weights), data(&files.weights));

    // The test set is scored again, as after a reset, ending with a summary whose sample
    // outputs are A's.
    assert!(b.preparing());
    let mut out = Vec::new();
    while b.preparing() {
        b.prepare_unit(0.0, &mut out);
    }
    let s = summary(&out).expect("a summary after the import");
    let theirs: Vec<String> = a
        .samples()
        .to_vec()
        .iter()
        .map(|e| a.trainer.translate(&e.source).unwrap().output)
        .collect();
    assert_eq!(s.outputs, theirs);
    assert_eq!(s.test.map(|(step, e)| (step, e.examples)), Some((0, 64)));
}

#[test]
fn a_file_that_does_not_fit_is_refused_with_its_reason_and_the_model_kept() {
    let mut lab = reversal();
    begin(&mut lab);
    let before = bits(&lab);
    // The dates preset's model: another vocabulary and two layers a side.
    let mut dates = TransformerPreset::dates();
    dates.task.train_size = 200;
    dates.task.test_size = 10;
    let foreign = export(&mut TranslateLab::new(&dates).unwrap()).weights;
    let mut truncated = export(&mut lab).weights;
    truncated.truncate(truncated.len() - 4);
    for (bytes, reason) in [
        (
            foreign,
            "embedding.weight: expected [29, 32], file has [67, 64]",
        ),
        (truncated, "cut short, or bytes added"),
        (
            b"not a file".to_vec(),
            "more than the 1048576 a table of tensors needs",
        ),
    ] {
        let out = command(&mut lab, TranslateCommand::Import(bytes));
        let [TranslateEvent::ImportRefused { problem }] = &out[..] else {
            panic!("not refused: {out:?}");
        };
        let said = problem.to_string();
        assert!(said.contains(reason), "{said:?} should name {reason}");
        assert_eq!(bits(&lab), before);
        assert!(!lab.preparing());
    }
}

#[test]
fn an_import_pauses_a_running_lab_and_keeps_its_step_count() {
    let mut lab = reversal();
    begin(&mut lab);
    let files = export(&mut lab);
    let mut out = Vec::new();
    lab.command(TranslateCommand::Run, 0.0, &mut out).unwrap();
    crate::jobs::fake_clock::drive(200.0, 10.0, |env, deadline| {
        lab.run_slice(env, deadline, &mut out).unwrap();
        false
    });
    let step = lab.step();
    assert!(lab.running() && step > 0);
    let out = command(&mut lab, TranslateCommand::Import(files.weights));
    assert!(matches!(out[0], TranslateEvent::Paused { step: s } if s == step));
    assert!(matches!(out.last(), Some(TranslateEvent::Imported(_))));
    assert!(!lab.running() && lab.step() == step);
}

/// After `reset_optimizer`, a step from weights W is the step a fresh trainer takes from W: the
/// moments of the old weights no longer steer it. (A constant rate and no dropout, so nothing
/// else differs.)
#[test]
fn a_reset_optimizer_steps_as_a_fresh_one_from_the_same_weights() {
    use crate::models::TransformerTrainer;
    use crate::optim::LrSchedule;
    use crate::tasks::{Batch, Dataset};
    let mut preset = TransformerPreset::for_task(Task::Reversal);
    preset.task.train_size = 64;
    preset.task.test_size = 8;
    preset.trainer.schedule = LrSchedule::Constant;
    let data = Dataset::generate(&preset.task).unwrap();
    let mut batch = Batch::default();
    data.train_batch(&[0, 1, 2, 3], &mut batch).unwrap();
    let params = |t: &TransformerTrainer| crate::experiments::NamedTensor::all(&t.params);

    let mut trained = TransformerTrainer::new(&preset.trainer, Task::Reversal).unwrap();
    for _ in 0..3 {
        trained.step(&batch).unwrap();
    }
    let mut fresh = TransformerTrainer::new(&preset.trainer, Task::Reversal).unwrap();
    let ids: Vec<_> = fresh.params.ids().collect();
    crate::experiments::load_named(&params(&trained), &ids, &mut fresh.params).unwrap();

    let mut kept = TransformerTrainer::new(&preset.trainer, Task::Reversal).unwrap();
    for _ in 0..3 {
        kept.step(&batch).unwrap();
    }
    kept.step(&batch).unwrap(); // with the moments of the first three steps

    trained.reset_optimizer();
    trained.step(&batch).unwrap();
    fresh.step(&batch).unwrap();
    assert_eq!(params(&trained), params(&fresh));
    assert_ne!(params(&kept), params(&fresh));
}

/// Through the worker's session: the import's answer at once, then the new model's score in
/// slices, as a new lab's; a command sent meanwhile waits for the summary.
#[test]
fn the_session_scores_an_imported_model_in_slices_and_keeps_commands_meanwhile() {
    use crate::jobs::session::Session;
    use crate::jobs::translate::TranslateSession;
    let mut preset = TransformerPreset::for_task(Task::Reversal);
    preset.task.train_size = 2000;
    preset.task.test_size = 64;
    let slices = |s: &mut TranslateSession, out: &mut Vec<TranslateEvent>| {
        crate::jobs::fake_clock::drive(60_000.0, 1.0, |env, deadline| {
            s.run_slice(env, deadline, out).unwrap();
            s.preparing()
        });
    };
    let mut s = TranslateSession::open(&preset).unwrap();
    slices(&mut s, &mut Vec::new());
    let weights = export(&mut other_seed()).weights;

    let mut out = Vec::new();
    s.command(TranslateCommand::Import(weights), 0.0, &mut out)
        .unwrap();
    assert!(matches!(&out[..], [TranslateEvent::Imported(_)]));
    assert!(s.preparing());
    s.command(TranslateCommand::Translate("abc".into()), 0.0, &mut out)
        .unwrap();
    slices(&mut s, &mut out);
    let order: Vec<&str> = out
        .iter()
        .filter_map(|e| match e {
            TranslateEvent::Imported(_) => Some("imported"),
            TranslateEvent::Summary(_) => Some("summary"),
            TranslateEvent::Translation { .. } => Some("translation"),
            _ => None,
        })
        .collect();
    assert_eq!(order, ["imported", "summary", "translation"]);
    assert!(out
        .iter()
        .any(|e| matches!(e, TranslateEvent::Preparing(_))));
}

/// A diverged lab trains again once new weights come in: only a reset could do that before.
#[test]
fn imported_weights_let_a_diverged_lab_run_again() {
    let mut lab = reversal();
    begin(&mut lab);
    let weights = export(&mut other_seed()).weights;
    lab.diverged = true;
    let out = command(&mut lab, TranslateCommand::Run);
    assert_eq!(out, [TranslateEvent::Diverged { step: 0 }]);
    command(&mut lab, TranslateCommand::Import(weights));
    let mut out = Vec::new();
    while lab.preparing() {
        lab.prepare_unit(0.0, &mut out);
    }
    assert_eq!(
        command(&mut lab, TranslateCommand::Run),
        [TranslateEvent::Running { step: 0 }]
    );
    assert!(lab.running());
}

/// Two sets of pairs with as many characters give models of the same shapes: the file of one
/// is refused by the other with the characters that differ, in both languages, and the model
/// is kept.
#[test]
fn weights_of_other_pairs_are_refused_by_their_characters() {
    use crate::i18n::Lang;
    use crate::tasks::own_pairs::read_text;
    use crate::view::weights_state::problem_text;
    let lab = |letter: char| {
        let text: String = (0..30).map(|i| format!("{letter}{i},{i}\n")).collect();
        let pairs = std::sync::Arc::new(read_text(&text).expect("pairs").pairs);
        let mut preset = TransformerPreset::for_pairs(pairs);
        preset.batch_size = 4;
        TranslateLab::new(&preset).unwrap()
    };
    let (mut ours, mut theirs) = (lab('w'), lab('v'));
    let file = export(&mut theirs);
    let before = bits(&ours);
    let out = command(&mut ours, TranslateCommand::Import(file.weights));
    let [TranslateEvent::ImportRefused { problem }] = &out[..] else {
        panic!("{out:?}");
    };
    assert_eq!(
        problem,
        &crate::export::WeightsProblem::Vocabulary {
            missing: "w".into(),
            extra: "v".into()
        }
    );
    let en = problem_text(|m| m.get(Lang::En), problem);
    assert!(
        en.contains("not in the file: “w”; not in your pairs: “v”"),
        "{en}"
    );
    let zh = problem_text(|m| m.get(Lang::Zh), problem);
    assert!(zh.contains("文件中没有：“w”"), "{zh}");
    assert_eq!(bits(&ours), before, "the model is kept");
    // Its own file it takes.
    let own = export(&mut ours);
    let out = command(&mut ours, TranslateCommand::Import(own.weights));
    assert!(matches!(&out[..], [TranslateEvent::Imported(_)]), "{out:?}");
}
