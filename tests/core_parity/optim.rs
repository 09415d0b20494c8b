//! Optimisers, gradient clipping and the learning-rate schedule against torch.optim.

use gradlab::tensor::{Graph, ParamStore, Tensor, Var};

use crate::fixtures::*;
use crate::metric::*;
use crate::record::Attrs;
use crate::{FLOOR, OP_TOL};

/// A graph whose gradient for each parameter is exactly `grads[i]`: L = Σ_i Σ p_i·1 seeded with
/// the concatenated gradients.
fn seed_grads<'g>(
    g: &'g mut Graph,
    params: &ParamStore,
    ids: &[gradlab::tensor::ParamId],
    grads: &[Vec<f32>],
) -> gradlab::tensor::Grads<'g> {
    g.reset();
    let flat: Vec<Var> = ids
        .iter()
        .map(|&id| {
            let p = g.param(params, id);
            let n = params.value(id).len();
            g.reshape(p, &[n])
        })
        .collect();
    let all = g.concat(&flat, 0);
    let out = g.mul_scalar(all, 1.0);
    let seed: Vec<f32> = grads.concat();
    g.backward_with(out, &seed, params).expect("backward")
}

#[test]
fn optimizers() {
    use gradlab::optim::{Adam, AdamConfig, Optimizer, Sgd, SgdConfig};

    let fx = optim();
    let initial = T::from(&fx["initial"]);
    let grads: Vec<Vec<f32>> = fx["grads"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| T::from(g).f32())
        .collect();
    let mut failed = Vec::new();
    for spec in fx["optimizers"].as_array().unwrap() {
        let name = spec["name"].as_str().unwrap();
        let at = Attrs(&spec["attrs"]);
        let mut params = ParamStore::new();
        let id = params.add("p", Tensor::new(&initial.shape, initial.f32()).unwrap());
        let mut opt: Box<dyn Optimizer> = match name {
            "sgd_momentum" => {
                assert!(!spec["attrs"]["nesterov"].as_bool().unwrap());
                assert_eq!(number(&spec["attrs"]["dampening"]), 0.0);
                Box::new(Sgd::new(
                    SgdConfig {
                        lr: number(&spec["attrs"]["lr"]),
                        momentum: number(&spec["attrs"]["momentum"]),
                        weight_decay: number(&spec["attrs"]["weight_decay"]),
                    },
                    &params,
                ))
            }
            "adam" | "adamw" => {
                assert!(!at.bool("amsgrad"));
                Box::new(Adam::new(
                    AdamConfig {
                        lr: number(&spec["attrs"]["lr"]),
                        beta1: number(&spec["attrs"]["beta1"]),
                        beta2: number(&spec["attrs"]["beta2"]),
                        eps: number(&spec["attrs"]["eps"]),
                        weight_decay: number(&spec["attrs"]["weight_decay"]),
                        decoupled_weight_decay: name == "adamw",
                    },
                    &params,
                ))
            }
            other => panic!("unknown optimiser {other}"),
        };
        let mut g = Graph::new();
        let mut worst = 0.0f64;
        for (k, (grad, want)) in grads.iter().zip(fx_tensors(&spec["params"])).enumerate() {
            let gr = seed_grads(&mut g, &params, &[id], std::slice::from_ref(grad));
            opt.step(&mut params, &gr).expect("step");
            let got: Vec<f32> = params.value(id).iter().copied().collect();
            let e = max_rel_err(&got, &want.data);
            worst = worst.max(e);
            if e > OP_TOL {
                failed.push(format!("{name} step {}: err {e:.3e}", k + 1));
            }
        }
        println!("parity optim/{name}: max rel err {worst:.2e} over 5 steps");
    }
    assert!(
        failed.is_empty(),
        "optimisers differ from PyTorch:\n  {}",
        failed.join("\n  ")
    );
}

#[test]
fn clip_grad_norm() {
    let mut failed = Vec::new();
    for spec in optim()["clip_grad_norm"].as_array().unwrap() {
        let name = spec["name"].as_str().unwrap();
        let max_norm = number(&spec["attrs"]["max_norm"]) as f32;
        assert_eq!(number(&spec["attrs"]["norm_type"]), 2.0);
        let gs = fx_tensors(&spec["grads"]);
        let mut params = ParamStore::new();
        let ids: Vec<_> = gs
            .iter()
            .enumerate()
            .map(|(i, t)| params.add(format!("p{i}"), Tensor::from_fn(&t.shape, |_| 0.0).unwrap()))
            .collect();
        let mut g = Graph::new();
        let grads: Vec<Vec<f32>> = gs.iter().map(T::f32).collect();
        let mut gr = seed_grads(&mut g, &params, &ids, &grads);
        let total = gradlab::optim::clip_grad_norm(&mut gr, max_norm);
        let mut errs = vec![(
            "total_norm".to_string(),
            max_rel_err(&[total], &[number(&spec["total_norm"])]),
        )];
        for (i, (id, want)) in ids.iter().zip(fx_tensors(&spec["clipped"])).enumerate() {
            let got = gr.param_data(*id).expect("grad").to_vec();
            errs.push((format!("clipped[{i}]"), max_rel_err(&got, &want.data)));
        }
        println!("parity clip/{name}: {errs:?}");
        for (what, e) in errs {
            if e > OP_TOL {
                failed.push(format!("{name}: {what} err {e:.3e}"));
            }
        }
    }
    assert!(
        failed.is_empty(),
        "clip_grad_norm differs from PyTorch:\n  {}",
        failed.join("\n  ")
    );
}

#[test]
fn warmup_cosine_schedule() {
    use gradlab::optim::LrSchedule;

    let s = &optim()["schedule"];
    let at = &s["attrs"];
    let base = number(&at["base_lr"]);
    let min_lr = number(&at["min_lr"]);
    let schedule = LrSchedule::WarmupCosine {
        warmup_steps: at["warmup_steps"].as_u64().unwrap() as usize,
        total_steps: at["total_steps"].as_u64().unwrap() as usize,
        min_factor: min_lr / base,
    };
    let want = numbers(&s["lr"]);
    assert_eq!(want.len(), 101);
    let got: Vec<f32> = (0..want.len())
        .map(|t| schedule.lr(base, t) as f32)
        .collect();
    // in f64, for the record
    let got64: Vec<f64> = (0..want.len()).map(|t| schedule.lr(base, t)).collect();
    let e64 = got64
        .iter()
        .zip(&want)
        .map(|(g, w)| (g - w).abs() / w.abs().max(FLOOR * base))
        .fold(0.0f64, f64::max);
    let e = max_rel_err(&got, &want);
    println!("parity schedule/warmup_cosine: max rel err {e:.2e} (as f32), {e64:.2e} (f64)");
    assert!(e <= OP_TOL, "schedule differs from the fixture: {e:.3e}");
}
