//! Finite-difference gradient checking: compare the tape's gradients with central differences
//! (f(x + h) − f(x − h))/2h for every element of every input and parameter (as in
//! `torch.autograd.gradcheck`, here on the f32 graph).
//!
//! A non-scalar output y is reduced to L = Σ r ⊙ y with a fixed random r, so one backward pass
//! with upstream gradient r checks the whole Jacobian's action. The graph computes in f32, so
//! the step is large (h = 10⁻², inputs of order one): the truncation error h²·f‴/6 ≈ 2·10⁻⁵ and
//! the rounding error ≈ 10⁻⁷·|L|/h ≈ 10⁻⁵·|L| both stay far below the tolerance of 1 % relative
//! (plus 10⁻³ absolute), while a wrong derivative is off by order one.

use super::{Graph, ParamStore, Tensor, Var};
use crate::rng::Rng;

/// Step and tolerances: an element passes when |analytic − numeric| ≤ atol + rtol·max(|a|, |n|).
#[derive(Clone, Copy, Debug)]
pub struct GradCheck {
    pub eps: f32,
    pub rtol: f32,
    pub atol: f32,
    /// Seeds the random reduction r.
    pub seed: u64,
}

impl Default for GradCheck {
    fn default() -> Self {
        GradCheck {
            eps: 1e-2,
            rtol: 1e-2,
            atol: 1e-3,
            seed: 0,
        }
    }
}

impl GradCheck {
    /// Checks the gradients of `f` with respect to `inputs` (recorded with gradients, in order)
    /// and every parameter in `params`. `f` must be deterministic: seed any randomness inside it.
    /// The error names the first element that disagrees.
    pub fn run(
        &self,
        params: &mut ParamStore,
        inputs: &[Tensor],
        f: impl Fn(&mut Graph, &ParamStore, &[Var]) -> Var,
    ) -> Result<(), String> {
        let mut g = Graph::new();
        // Each input as (shape, row-major data), the form the tape records.
        let mut inputs: Vec<(Vec<usize>, Vec<f32>)> = inputs
            .iter()
            .map(|x| (x.shape().to_vec(), x.to_vec()))
            .collect();

        // Analytic: one backward pass with upstream gradient r.
        let (vars, y) = record(&mut g, params, &inputs, &f)?;
        let mut rng = Rng::seed(self.seed);
        let probe: Vec<f32> = (0..g.shape(y).iter().product())
            .map(|_| rng.normal())
            .collect();
        let grads = g
            .backward_with(y, &probe, params)
            .map_err(|e| e.to_string())?;
        let flat =
            |a: Option<&Tensor>, n: usize| -> Vec<f32> { a.map_or(vec![0.0; n], |a| a.to_vec()) };
        let input_grads: Vec<Vec<f32>> = vars
            .iter()
            .zip(&inputs)
            .map(|(&v, (_, x))| flat(grads.var(v), x.len()))
            .collect();
        let param_grads: Vec<Vec<f32>> = params
            .ids()
            .map(|id| flat(grads.param(id), params.value(id).len()))
            .collect();

        // Numeric: perturb one element at a time, restoring the exact original afterwards.
        let loss = |g: &mut Graph, params: &ParamStore, inputs: &[(Vec<usize>, Vec<f32>)]| {
            let (_, y) = record(g, params, inputs, &f)?;
            let y = g.value(y).map_err(|e| e.to_string())?;
            let dot = y.iter().zip(&probe);
            Ok::<f64, String>(dot.map(|(&y, &r)| f64::from(y) * f64::from(r)).sum())
        };
        let h = self.eps;
        let central = |plus: f64, minus: f64| (plus - minus) / (2.0 * f64::from(h));
        for (k, analytic) in input_grads.iter().enumerate() {
            for (j, &a) in analytic.iter().enumerate() {
                let x0 = inputs[k].1[j];
                inputs[k].1[j] = x0 + h;
                let plus = loss(&mut g, params, &inputs)?;
                inputs[k].1[j] = x0 - h;
                let minus = loss(&mut g, params, &inputs)?;
                inputs[k].1[j] = x0;
                self.compare(&format!("input {k}"), j, a, central(plus, minus))?;
            }
        }
        for (id, analytic) in params
            .ids()
            .collect::<Vec<_>>()
            .into_iter()
            .zip(&param_grads)
        {
            for (j, &a) in analytic.iter().enumerate() {
                let x0 = params.data_mut(id)[j];
                params.data_mut(id)[j] = x0 + h;
                let plus = loss(&mut g, params, &inputs)?;
                params.data_mut(id)[j] = x0 - h;
                let minus = loss(&mut g, params, &inputs)?;
                params.data_mut(id)[j] = x0;
                self.compare(params.name(id), j, a, central(plus, minus))?;
            }
        }
        Ok(())
    }

    fn compare(&self, what: &str, index: usize, analytic: f32, numeric: f64) -> Result<(), String> {
        let (a, n) = (f64::from(analytic), numeric);
        let tol = f64::from(self.atol) + f64::from(self.rtol) * a.abs().max(n.abs());
        if (a - n).abs() <= tol {
            Ok(())
        } else {
            Err(format!(
                "{what}[{index}]: analytic {a:.6} vs numeric {n:.6}"
            ))
        }
    }
}

type Recorded = (Vec<Var>, Var);

fn record(
    g: &mut Graph,
    params: &ParamStore,
    inputs: &[(Vec<usize>, Vec<f32>)],
    f: &impl Fn(&mut Graph, &ParamStore, &[Var]) -> Var,
) -> Result<Recorded, String> {
    g.reset();
    let vars: Vec<Var> = inputs
        .iter()
        .map(|(shape, data)| g.input_with_grad(shape, data))
        .collect();
    let y = f(g, params, &vars);
    g.check().map_err(|e| e.to_string())?;
    Ok((vars, y))
}
