//! The experiment session on the real digits and the date task, driven by a fake clock.

use std::cell::RefCell;

use super::*;
use crate::experiments::{FinetuneConfig, ScaleConfig, Sweep as _};
use crate::jobs::fake_clock::drive;
use crate::jobs::Session;

fn tiny_finetune() -> FinetuneConfig {
    FinetuneConfig {
        pretrain_steps: 20,
        ks: vec![10],
        steps: 10,
        eval_every: 5,
        ..FinetuneConfig::chapter()
    }
}

#[test]
fn a_finetune_job_reports_every_method_and_keeps_its_encoder_for_the_next_run() {
    let bytes = include_bytes!("../../../assets/mnist/mnist-10k.bin.gz");
    let data = Rc::new(crate::data::mnist::parse(bytes).expect("the shipped asset parses"));
    let split = data.split(0);
    let kept: Pretrained = Rc::new(RefCell::new(None));
    let first = Finetune::new(tiny_finetune(), data.clone(), &split, kept.clone()).unwrap();
    let mut job = ExperimentSession::new(Box::new(first));
    let mut reports = Vec::new();
    drive(60_000.0, 1.0, |env, deadline| {
        job.run_slice(env, deadline, &mut reports).unwrap();
        job.running()
    });
    let Some(ExperimentEvent::Finetune(last)) = reports.last() else {
        panic!("no report: {reports:?}");
    };
    assert!(last.done && !last.reused_encoder);
    // The worker's clock: time spent so far, and nothing left once done.
    assert!(last.clock.elapsed_ms > 0.0, "{:?}", last.clock);
    assert_eq!(last.clock.time_left_ms, Some(0.0));
    assert_eq!(last.results.len(), 1);
    assert_eq!(last.results[0].methods.len(), 3);
    assert!(kept.borrow().is_some());

    let again = Finetune::new(tiny_finetune(), data.clone(), &split, kept.clone()).unwrap();
    assert!(again.reused());
    assert_eq!(again.steps().total, 30);
    let other = FinetuneConfig {
        seed: 1,
        ..tiny_finetune()
    };
    assert!(!Finetune::new(other, data, &split, kept).unwrap().reused());
}

#[test]
fn a_scale_job_fits_a_power_law_once_two_sizes_are_done() {
    let mut config = ScaleConfig::chapter();
    config.sizes.truncate(2);
    config.tokens = 2_000;
    config.evals = 2;
    let sweep = Scale::new(ScaleSweep::new(config).unwrap());
    let mut job = ExperimentSession::new(Box::new(sweep));
    let mut last = None;
    drive(600_000.0, 1.0, |env, deadline| {
        let mut out = Vec::new();
        job.run_slice(env, deadline, &mut out).unwrap();
        last = out.into_iter().last().or(last.take());
        job.running()
    });
    let Some(ExperimentEvent::Scale(report)) = last else {
        panic!("no report");
    };
    assert!(report.done);
    assert_eq!(report.points.len(), 2);
    assert!(report.fit.is_some());
    // Each size's wall time comes from the worker, and together they make up the run.
    assert_eq!(report.size_ms.len(), 2);
    assert!(
        report.size_ms.iter().all(|&ms| ms > 0.0),
        "{:?}",
        report.size_ms
    );
    let total: f64 = report.size_ms.iter().sum();
    let elapsed = report.clock.elapsed_ms;
    assert!((total - elapsed).abs() <= 20.0, "{total} vs {elapsed}");
}
