//! The nonlinearities of neural networks: ReLU, GELU (Hendrycks & Gimpel 2016) in both of
//! PyTorch's forms, logistic sigmoid and tanh.
//!
//! `Gelu` is the tanh approximation, `gelu(x, approximate="tanh")` as in GPT-2 and nanoGPT;
//! `GeluErf` is the exact x·Φ(x), `torch.nn.GELU()`'s default.

use serde::{Deserialize, Serialize};

use crate::tensor::backward::Backward;
use crate::tensor::graph::{read, Graph, Op, Var};

/// An elementwise activation, as named in configs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Activation {
    Identity,
    Relu,
    /// The tanh approximation.
    Gelu,
    /// The exact form x·Φ(x).
    GeluErf,
    Sigmoid,
    Tanh,
}

/// √(2/π), the scale inside GELU's tanh.
const GELU_SCALE: f32 = 0.797_884_6;
const GELU_CUBIC: f32 = 0.044_715;

impl Activation {
    /// y = f(x) over a slice. One loop per function, so that each compiles to its own tight
    /// (and, where the function allows, vectorised) loop.
    fn forward(self, x: &[f32], y: &mut [f32]) {
        let map = |y: &mut [f32], f: &dyn Fn(f32) -> f32| {
            y.iter_mut().zip(x).for_each(|(y, &x)| *y = f(x));
        };
        match self {
            Activation::Identity => y.copy_from_slice(x),
            Activation::Relu => y.iter_mut().zip(x).for_each(|(y, &x)| *y = x.max(0.0)),
            Activation::Gelu => map(y, &gelu_tanh),
            Activation::GeluErf => map(y, &|x| x * normal_cdf(x)),
            Activation::Sigmoid => y.iter_mut().zip(x).for_each(|(y, &x)| *y = sigmoid(x)),
            Activation::Tanh => map(y, &f32::tanh),
        }
    }

    /// dx += dy · f′(x), given the input x and the output y.
    fn backward(self, x: &[f32], y: &[f32], dy: &[f32], dx: &mut [f32]) {
        let acc = |dx: &mut [f32], f: &dyn Fn(f32, f32) -> f32| {
            let terms = dx.iter_mut().zip(x).zip(y).zip(dy);
            terms.for_each(|(((g, &x), &y), &d)| *g += d * f(x, y));
        };
        match self {
            Activation::Identity => acc(dx, &|_, _| 1.0),
            // 0 at x = 0, as PyTorch.
            Activation::Relu => acc(dx, &|x, _| f32::from(u8::from(x > 0.0))),
            Activation::Gelu => acc(dx, &|x, _| gelu_tanh_derivative(x)),
            // d/dx xΦ(x) = Φ(x) + x·φ(x), φ(x) = e^(−x²/2)/√(2π)
            Activation::GeluErf => acc(dx, &|x, _| {
                let pdf = (-0.5 * x * x).exp()
                    * (0.5 * std::f32::consts::FRAC_2_SQRT_PI)
                    * std::f32::consts::FRAC_1_SQRT_2;
                normal_cdf(x) + x * pdf
            }),
            // σ′ = σ(1 − σ), from the output alone: a loop that vectorises.
            Activation::Sigmoid => {
                let terms = dx.iter_mut().zip(y).zip(dy);
                terms.for_each(|((g, &y), &d)| *g += d * y * (1.0 - y));
            }
            // tanh′ = 1 − tanh²
            Activation::Tanh => acc(dx, &|_, y| 1.0 - y * y),
        }
    }
}

/// ½x(1 + tanh(√(2/π)(x + 0.044715x³)))
fn gelu_tanh(x: f32) -> f32 {
    0.5 * x * (1.0 + (GELU_SCALE * (x + GELU_CUBIC * x * x * x)).tanh())
}

/// With u = √(2/π)(x + 0.044715x³), t = tanh u:
/// d/dx = ½(1 + t) + ½x(1 − t²)·√(2/π)(1 + 3·0.044715x²)
fn gelu_tanh_derivative(x: f32) -> f32 {
    let t = (GELU_SCALE * (x + GELU_CUBIC * x * x * x)).tanh();
    let du = GELU_SCALE * (1.0 + 3.0 * GELU_CUBIC * x * x);
    0.5 * (1.0 + t) + 0.5 * x * (1.0 - t * t) * du
}

/// 1/(1 + e⁻ˣ). Overflow is harmless: e⁻ˣ = ∞ gives 0, e⁻ˣ = 0 gives 1.
pub fn sigmoid(x: f32) -> f32 {
    1.0 / (1.0 + exp_vectorizable(-x))
}

/// eˣ without branches or calls, so that a loop over it vectorises (libm's `expf` is a scalar
/// call, in wasm too). Cody–Waite reduction x = n·ln2 + r with |r| ≤ ½ln2 (Cody & Waite 1980,
/// "Software Manual for the Elementary Functions"; Cephes' split of ln 2), then the degree-7
/// Taylor polynomial of eʳ, whose truncation error r⁸/8! < 6·10⁻⁹ is below f32 rounding.
/// Inputs are clamped to [−87, 88], where 2ⁿ is a normal f32; below that eˣ < 2⁻¹²⁵ anyway.
fn exp_vectorizable(x: f32) -> f32 {
    // ln 2 = LN2_HI + LN2_LO, LN2_HI with few enough bits that n·LN2_HI is exact.
    const LN2_HI: f32 = 0.693_359_4;
    const LN2_LO: f32 = -2.121_944_4e-4;
    // Adding and subtracting 1.5·2²³ rounds to the nearest integer in float arithmetic.
    const ROUND: f32 = 12_582_912.0;
    let x = x.clamp(-87.0, 88.0);
    let shifted = x * std::f32::consts::LOG2_E + ROUND;
    let n = shifted - ROUND;
    let r = x - n * LN2_HI - n * LN2_LO;
    let p = 1.0
        + r * (1.0
            + r * (1.0 / 2.0
                + r * (1.0 / 6.0
                    + r * (1.0 / 24.0
                        + r * (1.0 / 120.0 + r * (1.0 / 720.0 + r * (1.0 / 5040.0)))))));
    // 2ⁿ built from its exponent bits. n is read from the low bits of `shifted` (where the
    // rounding left it) rather than by `n as i32`, whose saturation checks do not vectorise.
    let n_bits = shifted.to_bits().wrapping_sub(ROUND.to_bits());
    p * f32::from_bits(n_bits.wrapping_add(127) << 23)
}

/// Φ(x), the standard normal CDF: ½·erfc(−x/√2), evaluated so that Φ of a large negative x
/// keeps its relative precision.
fn normal_cdf(x: f32) -> f32 {
    let half_erfc = 0.5 * erfc(f64::from(x).abs() * std::f64::consts::FRAC_1_SQRT_2);
    (if x < 0.0 { half_erfc } else { 1.0 - half_erfc }) as f32
}

/// erfc(z) for z ≥ 0, with relative error below 1.2·10⁻⁷: the Chebyshev fit of Numerical
/// Recipes (Press et al. 2007, §6.2.2), erfc(z) ≈ t·exp(−z² + P(t)), t = 1/(1 + z/2). Rust's
/// `erf` is not stable yet.
fn erfc(z: f64) -> f64 {
    const P: [f64; 10] = [
        -1.265_512_23,
        1.000_023_68,
        0.374_091_96,
        0.096_784_18,
        -0.186_288_06,
        0.278_868_07,
        -1.135_203_98,
        1.488_515_87,
        -0.822_152_23,
        0.170_872_77,
    ];
    let t = 1.0 / (1.0 + 0.5 * z);
    let p = P.iter().rev().fold(0.0, |acc, &c| acc * t + c);
    t * (p - z * z).exp()
}

impl Graph {
    pub fn relu(&mut self, a: Var) -> Var {
        self.activation(a, Activation::Relu)
    }

    /// GELU, tanh approximation.
    pub fn gelu(&mut self, a: Var) -> Var {
        self.activation(a, Activation::Gelu)
    }

    /// GELU, exact (erf) form.
    pub fn gelu_erf(&mut self, a: Var) -> Var {
        self.activation(a, Activation::GeluErf)
    }

    pub fn sigmoid(&mut self, a: Var) -> Var {
        self.activation(a, Activation::Sigmoid)
    }

    pub fn tanh(&mut self, a: Var) -> Var {
        self.activation(a, Activation::Tanh)
    }

    /// f(a) elementwise; the identity records nothing.
    pub fn activation(&mut self, a: Var, f: Activation) -> Var {
        let Some(dims) = self.dims("activation", a) else {
            return self.invalid();
        };
        if f == Activation::Identity {
            return a;
        }
        let needs_grad = self.needs_grad(a);
        let out = self.push(Op::Activation { a, f }, dims, needs_grad);
        let (nodes, node) = self.split(out);
        f.forward(read(nodes, a).data(), node.value.data_mut());
        out
    }
}

/// dx += dy · f′(x).
pub(crate) fn backward(bw: &mut Backward, a: Var, f: Activation) {
    let (xv, y, dy) = (bw.value(a), bw.node.value.data(), bw.dy);
    if let Some(gx) = bw.grad(a) {
        f.backward(xv.data(), y, dy, gx);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vectorizable_exp_is_within_two_ulp_of_exact() {
        // Every 0.001 over the clamped range, against exp in f64.
        for i in -86_990..=87_990 {
            let x = i as f32 * 1e-3;
            let exact = f64::from(x).exp();
            let rel = ((f64::from(exp_vectorizable(x)) - exact) / exact).abs();
            assert!(rel < 2.4e-7, "exp({x}): relative error {rel:e}");
        }
    }

    #[test]
    fn sigmoid_saturates_without_nan() {
        assert_eq!(sigmoid(1e4), 1.0);
        assert!(sigmoid(-1e4) < 1e-37);
        assert_eq!(sigmoid(0.0), 0.5);
        assert!(sigmoid(f32::NAN).is_nan());
    }
}
