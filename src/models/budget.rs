//! What a setting costs, known from the settings alone before anything is built: the peak
//! memory of its model, tape and data, and the work of its longest uninterrupted piece (a
//! training step, or the scoring pass a summary makes). Every config's `validate` holds its
//! cost to [`LAB`], so a visitor's silly setting is refused with the estimate instead of
//! running the worker out of memory or freezing it between two Pauses (issue 16, item 3).
//!
//! Memory is counted as the tape keeps it (`tensor::graph`): every recorded node holds its value,
//! and every node the loss depends on holds a gradient of the same size; parameters hold their
//! value, their gradient and Adam's two moments (Kingma & Ba 2015).

use crate::error::Error;

/// Bytes of one stored element: every tensor here is `f32`.
pub const F32: u64 = 4;

/// What one setting costs.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Cost {
    /// The estimated peak of memory the setting holds at once.
    pub bytes: u64,
    /// The longest piece of work the worker cannot interrupt, in FLOP-equivalents (see
    /// [`step_flops`]): it decides how soon a Pause is answered.
    pub flops_per_step: f64,
}

impl Cost {
    /// Memory held for the whole run, such as a data set, with no work of its own.
    pub fn memory(bytes: u64) -> Cost {
        Cost {
            bytes,
            flops_per_step: 0.0,
        }
    }

    /// Seconds per step on the stated laptop ([`LAPTOP_FLOPS_PER_SEC`]).
    pub fn seconds(&self) -> f64 {
        self.flops_per_step / LAPTOP_FLOPS_PER_SEC
    }

    /// Seconds per step natively, on the machine the budget was calibrated on.
    pub fn native_seconds(&self) -> f64 {
        self.flops_per_step / NATIVE_FLOPS_PER_SEC
    }

    /// Both costs at once: more memory held, and the longer of two steps.
    pub fn with(self, other: Cost) -> Cost {
        Cost {
            bytes: self.bytes + other.bytes,
            flops_per_step: self.flops_per_step.max(other.flops_per_step),
        }
    }

    /// The larger of two alternatives (one of several models, held one at a time).
    pub fn max(self, other: Cost) -> Cost {
        Cost {
            bytes: self.bytes.max(other.bytes),
            flops_per_step: self.flops_per_step.max(other.flops_per_step),
        }
    }
}

/// The most a setting may cost.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Budget {
    pub max_bytes: u64,
    pub max_flops_per_step: f64,
}

/// The throughput the time limit is set with: one core of this project's 2-core development
/// machine (AMD EPYC, AVX2 and FMA), natively in release mode. Measured 2026-12-05 by
/// `cargo run --release --example budget_corners`: 54–68 GFLOP/s on the autoencoder corners,
/// 37–73 on the large Transformer ones (FLOP-equivalents per second, see [`step_flops`]).
pub const NATIVE_FLOPS_PER_SEC: f64 = 55e9;

/// The throughput the refusal converts FLOPs to seconds with: a 2-core laptop's browser
/// running the wasm worker, as measured on this project's machine in Chromium (README,
/// Performance: GEMM 256³ at 40–48 GFLOP/s, training at 42–44).
pub const LAPTOP_FLOPS_PER_SEC: f64 = 40e9;

/// What the lab allows. Memory: 1 GiB, a quarter of wasm32's 4 GiB address space, so the
/// three labs the worker keeps at once and the digits still fit. Time: 100 ms natively (about
/// 0.14 s in the browser), so a Pause, which waits for the step or the summary in progress
/// (each a slice of its own, `jobs::lab`), is answered within the 200 ms issue 16 asks. At 150 ms natively the largest
/// autoencoder admitted (7 × 352 + 64, batch 512) paused in 208 ms in Chromium.
pub const LAB: Budget = Budget {
    max_bytes: 1 << 30,
    max_flops_per_step: 0.100 * NATIVE_FLOPS_PER_SEC,
};

/// FLOP-equivalents of one tape element: the work a GEMM count misses (norms, softmax, copies
/// for reshapes and permutes, their backward rules, and the poor efficiency of many tiny
/// matrix products). Fitted to the narrowest corner measured: the date Transformer at
/// d_model 16 and batch 256 took 35 ms natively for 0.2 GFLOP of GEMMs and about 12 million
/// tape elements, 2.6 ns an element, about 140 FLOPs at [`NATIVE_FLOPS_PER_SEC`].
pub const ELEMENT_FLOPS: f64 = 140.0;

/// The FLOP-equivalents of a step that multiplies `gemm_flops` and records `tape_elements`.
pub fn step_flops(gemm_flops: f64, tape_elements: f64) -> f64 {
    gemm_flops + ELEMENT_FLOPS * tape_elements
}

/// Bytes of `elements` `f32`s.
pub fn f32_bytes(elements: f64) -> u64 {
    (elements * F32 as f64).ceil() as u64
}

/// Bytes of `params` trained with Adam: value, gradient and two moments each.
pub fn adam_param_bytes(params: f64) -> u64 {
    f32_bytes(4.0 * params)
}

/// A stack of dense layers as the tape records it, per example.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DenseShape {
    /// Counted in `f64`, as every field here: a width of 65,536 squared overflows wasm32's
    /// `usize`, and such a setting must be refused, not wrapped.
    pub params: f64,
    /// Multiply-adds of one forward pass.
    pub macs: f64,
    /// Elements of the input (recorded without a gradient).
    pub input: f64,
    /// Elements of every other recorded node (each with a gradient while training).
    pub activations: f64,
}

impl DenseShape {
    /// Training at `batch` with Adam, and scoring `eval_rows` examples in one forward pass on
    /// a second tape (values only), whose rows the model keeps too: the AE and VAE labs score
    /// the 1,000 test digits at every summary, which can take longer than a step.
    pub fn cost(&self, batch: usize, eval_rows: usize) -> Cost {
        let (b, e) = (batch as f64, eval_rows as f64);
        let train_tape = b * (self.input + 2.0 * self.activations);
        let eval_tape = e * (self.input + self.activations);
        // Forward 2 FLOPs per multiply-add; backward twice that (dx and dW).
        let step = step_flops(6.0 * self.macs * b, train_tape);
        let score = step_flops(2.0 * self.macs * e, eval_tape);
        Cost {
            bytes: adam_param_bytes(self.params)
                + f32_bytes(train_tape + eval_tape + e * self.input),
            flops_per_step: step.max(score),
        }
    }
}

impl Budget {
    pub fn admits(&self, cost: Cost) -> bool {
        cost.bytes <= self.max_bytes && cost.flops_per_step <= self.max_flops_per_step
    }

    /// `Ok` within budget; else `OverBudget` blaming `field`, the setting that would fix it.
    pub fn check(&self, field: &'static str, cost: Cost) -> Result<(), Error> {
        if self.admits(cost) {
            return Ok(());
        }
        Err(Error::OverBudget {
            field,
            bytes: cost.bytes,
            seconds: cost.seconds(),
            max_bytes: self.max_bytes,
            max_seconds: self.max_flops_per_step / LAPTOP_FLOPS_PER_SEC,
        })
    }

    /// Blames `batch_field` when the same model at batch 1 fits (a smaller batch is the fix),
    /// else `model_field` (the model itself is too big).
    pub fn check_batch_or_model(
        &self,
        cost: Cost,
        at_batch_one: Cost,
        batch_field: &'static str,
        model_field: &'static str,
    ) -> Result<(), Error> {
        let field = if self.admits(at_batch_one) {
            batch_field
        } else {
            model_field
        };
        self.check(field, cost)
    }
}

/// "1.4 GiB", "300 MiB": sizes as the refusal writes them (powers of two, as memory is sold).
pub fn size_text(bytes: u64) -> String {
    const KIB: f64 = 1024.0;
    let b = bytes as f64;
    if b >= KIB * KIB * KIB {
        format!("{} GiB", two_digits(b / (KIB * KIB * KIB)))
    } else if b >= KIB * KIB {
        format!("{} MiB", two_digits(b / (KIB * KIB)))
    } else {
        format!("{} KiB", two_digits(b / KIB))
    }
}

/// "2 s", "0.15 s", "0.003 s".
pub fn seconds_text(seconds: f64) -> String {
    format!("{} s", two_digits(seconds))
}

/// Two significant digits below 100, whole numbers above, without trailing zeros.
fn two_digits(v: f64) -> String {
    if v <= 0.0 || !v.is_finite() {
        return "0".into();
    }
    let decimals = (1 - v.log10().floor() as i32).max(0) as usize;
    let s = format!("{v:.decimals$}");
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn should_refuse_over_either_limit_and_name_the_field() {
        let b = Budget {
            max_bytes: 100,
            max_flops_per_step: 10.0 * LAPTOP_FLOPS_PER_SEC,
        };
        let fits = Cost {
            bytes: 100,
            flops_per_step: 10.0 * LAPTOP_FLOPS_PER_SEC,
        };
        assert_eq!(b.check("batch", fits), Ok(()));
        let big = Cost { bytes: 101, ..fits };
        assert_eq!(
            b.check("batch", big),
            Err(Error::OverBudget {
                field: "batch",
                bytes: 101,
                seconds: 10.0,
                max_bytes: 100,
                max_seconds: 10.0
            })
        );
        let slow = Cost {
            flops_per_step: 20.0 * LAPTOP_FLOPS_PER_SEC,
            ..fits
        };
        assert!(b.check("batch", slow).is_err());
        // At batch 1 still too slow: the model is to blame.
        let e = b.check_batch_or_model(slow, slow, "batch", "widths");
        assert!(matches!(
            e,
            Err(Error::OverBudget {
                field: "widths",
                ..
            })
        ));
        let e = b.check_batch_or_model(slow, fits, "batch", "widths");
        assert!(matches!(e, Err(Error::OverBudget { field: "batch", .. })));
    }

    #[test]
    fn should_write_sizes_and_times_with_two_significant_digits() {
        assert_eq!(size_text(3 << 29), "1.5 GiB");
        assert_eq!(size_text(1 << 30), "1 GiB");
        assert_eq!(size_text(300 << 20), "300 MiB");
        assert_eq!(size_text(1536), "1.5 KiB");
        assert_eq!(seconds_text(2.04), "2 s");
        assert_eq!(seconds_text(0.153), "0.15 s");
        assert_eq!(seconds_text(0.0), "0 s");
    }

    #[test]
    fn should_add_memory_and_keep_the_longer_step() {
        let a = Cost {
            bytes: 1,
            flops_per_step: 5.0,
        };
        let b = Cost {
            bytes: 2,
            flops_per_step: 3.0,
        };
        assert_eq!(
            a.with(b),
            Cost {
                bytes: 3,
                flops_per_step: 5.0
            }
        );
        assert_eq!(
            a.max(b),
            Cost {
                bytes: 2,
                flops_per_step: 5.0
            }
        );
    }
}
