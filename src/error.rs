//! Errors as values: one type whose variants carry the context a user needs (which op, which
//! shapes, which field), after candle's `candle_core::Error`.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize};

/// The name of an op, a setting or a file, as the code writes it. An alias, not `&'static str`
/// in the fields, because serde's derive would read that as borrowed from the message and ask
/// the message to live forever.
type Name = &'static str;

/// Reads a name the worker sent back as the `&'static str` the variants hold. A failure crosses
/// to the page a few times a visit at most, and a name is a few bytes, so leaking them keeps
/// `Error` one type on both sides of the worker, worded on the page in the visitor's language
/// (`view::core_error`).
fn name<'de, D: Deserializer<'de>>(d: D) -> Result<Name, D::Error> {
    String::deserialize(d).map(|s| &*Box::leak(s.into_boxed_str()))
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Error {
    /// Two operands of an op disagree in shape, or a shape does not fit the op.
    ShapeMismatch {
        #[serde(deserialize_with = "name")]
        op: Name,
        lhs: Vec<usize>,
        rhs: Vec<usize>,
    },
    /// An axis beyond the rank of the operand.
    AxisOutOfRange {
        #[serde(deserialize_with = "name")]
        op: Name,
        axis: usize,
        shape: Vec<usize>,
    },
    /// An index (a token id, a class target) beyond the length it indexes.
    IndexOutOfRange {
        #[serde(deserialize_with = "name")]
        op: Name,
        index: usize,
        len: usize,
    },
    /// A `Var` that the graph did not record since its last reset.
    UnknownVar {
        #[serde(deserialize_with = "name")]
        op: Name,
        index: usize,
        len: usize,
    },
    /// A `ParamId` that the parameter store did not hand out.
    UnknownParam {
        #[serde(deserialize_with = "name")]
        op: Name,
        index: usize,
        len: usize,
    },
    /// A configuration that cannot describe a model (say, an MLP with one width).
    InvalidConfig {
        #[serde(deserialize_with = "name")]
        field: Name,
        detail: String,
    },
    /// A file or message is not what it claims to be.
    Corrupt {
        #[serde(deserialize_with = "name")]
        what: Name,
        detail: String,
    },
    /// The MNIST digits did not arrive: the fetch's own reason (a status, a stall, a cap).
    DigitsUnavailable { detail: String },
    /// A worker that shared a data-parallel step stopped answering or failed: the others
    /// cannot finish the step without its share.
    ReplicaLost { detail: String },
    /// A weights file that cannot be read, or does not fit the model it was offered to; the
    /// problem names the tensor (see `export::WeightsProblem`).
    Weights(crate::export::WeightsProblem),
    /// A setting outside the range the lab accepts.
    OutOfRange {
        #[serde(deserialize_with = "name")]
        field: Name,
        value: f64,
        min: f64,
        max: f64,
    },
    /// A setting whose estimated memory or time per step is more than the lab allows
    /// (`models::budget`); `field` is the setting that would fix it.
    OverBudget {
        #[serde(deserialize_with = "name")]
        field: Name,
        bytes: u64,
        seconds: f64,
        max_bytes: u64,
        max_seconds: f64,
    },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::ShapeMismatch { op, lhs, rhs } => {
                write!(f, "{op}: shapes {lhs:?} and {rhs:?} do not fit together")
            }
            Error::AxisOutOfRange { op, axis, shape } => {
                write!(f, "{op}: axis {axis} is out of range for shape {shape:?}")
            }
            Error::IndexOutOfRange { op, index, len } => {
                write!(f, "{op}: index {index} is out of range for length {len}")
            }
            Error::UnknownVar { op, index, len } => write!(
                f,
                "{op}: variable #{index} is not on the tape, which holds {len} since its reset"
            ),
            Error::UnknownParam { op, index, len } => write!(
                f,
                "{op}: parameter #{index} is not in the store, which holds {len}"
            ),
            Error::InvalidConfig { field, detail } => write!(f, "{field}: {detail}"),
            Error::Corrupt { what, detail } => write!(f, "{what} is corrupt: {detail}"),
            Error::DigitsUnavailable { detail } => {
                write!(f, "The MNIST digits could not be loaded: {detail}")
            }
            Error::ReplicaLost { detail } => write!(
                f,
                "A worker training beside this one was lost, so the step could not finish: {detail}"
            ),
            Error::Weights(problem) => write!(f, "The weights were not loaded: {problem}"),
            Error::OutOfRange {
                field,
                value,
                min,
                max,
            } => {
                write!(f, "{field} = {value} is outside [{min}, {max}]")
            }
            Error::OverBudget {
                bytes,
                seconds,
                max_bytes,
                max_seconds,
                ..
            } => {
                use crate::models::budget::{seconds_text, size_text};
                write!(
                    f,
                    "This model needs about {} and about {} per step; the lab allows {} and {}. \
                     Make it smaller: fewer layers, narrower layers or a smaller batch.",
                    size_text(*bytes),
                    seconds_text(*seconds),
                    size_text(*max_bytes),
                    seconds_text(*max_seconds)
                )
            }
        }
    }
}

impl std::error::Error for Error {}

/// A number a range check compares in its own type (so a `u64` seed or an `f32` rate is not
/// rounded first) and reports as `f64`, the type `OutOfRange` carries to the page.
pub(crate) trait Bounded: Copy + PartialOrd {
    fn to_f64(self) -> f64;
}

macro_rules! bounded {
    ($($t:ty),*) => {$(
        impl Bounded for $t {
            fn to_f64(self) -> f64 {
                self as f64
            }
        }
    )*};
}

bounded!(usize, u32, u64, f32, f64);

/// `Ok` when `value` lies in [min, max], else `OutOfRange` naming the field: the check every
/// config's `validate` makes. NaN lies in no range, so a NaN setting is refused too.
pub(crate) fn check_range<T: Bounded>(
    field: &'static str,
    value: T,
    min: T,
    max: T,
) -> Result<(), Error> {
    if (min..=max).contains(&value) {
        Ok(())
    } else {
        Err(Error::OutOfRange {
            field,
            value: value.to_f64(),
            min: min.to_f64(),
            max: max.to_f64(),
        })
    }
}

/// `Ok` when every value is a finite number, else `InvalidConfig` naming the field: the check
/// for numbers from the page that have no range of their own (a point of the latent view, a
/// drawing's ink), where a NaN would pass every comparison and come back as a NaN picture.
pub(crate) fn check_finite(field: &'static str, values: &[f32]) -> Result<(), Error> {
    match values.iter().find(|v| !v.is_finite()) {
        None => Ok(()),
        Some(v) => Err(Error::InvalidConfig {
            field,
            detail: format!("{v} is not a finite number"),
        }),
    }
}

/// One error of each kind, for the tests that must cover them all (the protocol's round trip,
/// the page's wording in both languages).
#[cfg(test)]
pub(crate) fn samples() -> Vec<Error> {
    use crate::export::WeightsProblem;
    vec![
        Error::ShapeMismatch {
            op: "matmul",
            lhs: vec![2, 3],
            rhs: vec![4, 5],
        },
        Error::AxisOutOfRange {
            op: "sum",
            axis: 2,
            shape: vec![3, 4],
        },
        Error::IndexOutOfRange {
            op: "embedding",
            index: 40,
            len: 32,
        },
        Error::UnknownVar {
            op: "backward",
            index: 9,
            len: 4,
        },
        Error::UnknownParam {
            op: "step",
            index: 7,
            len: 6,
        },
        Error::InvalidConfig {
            field: "widths",
            detail: "needs two widths".into(),
        },
        Error::Corrupt {
            what: "MNIST asset",
            detail: "truncated".into(),
        },
        Error::DigitsUnavailable {
            detail: "HTTP 404 Not Found".into(),
        },
        Error::Weights(WeightsProblem::Missing {
            name: "enc.0.weight".into(),
            more: 2,
        }),
        Error::OutOfRange {
            field: "lr",
            value: 2.0,
            min: 1e-5,
            max: 1.0,
        },
        Error::OverBudget {
            field: "widths",
            bytes: 3 << 30,
            seconds: 4.0,
            max_bytes: 1 << 30,
            max_seconds: 1.0,
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_finite_names_the_field_of_a_nan_or_infinite_value() {
        assert_eq!(check_finite("probe", &[0.0, -1e30]), Ok(()));
        assert_eq!(
            check_finite("ink", &[0.5, f32::NAN]),
            Err(Error::InvalidConfig {
                field: "ink",
                detail: "NaN is not a finite number".into()
            })
        );
        assert!(check_finite("probe", &[f32::NEG_INFINITY]).is_err());
    }

    #[test]
    fn check_range_compares_in_the_value_type_and_reports_f64() {
        assert_eq!(check_range("batch", 512usize, 1, 512), Ok(()));
        assert_eq!(
            check_range("batch", 0usize, 1, 512),
            Err(Error::OutOfRange {
                field: "batch",
                value: 0.0,
                min: 1.0,
                max: 512.0
            })
        );
        // u32::MAX + 1 as a seed: refused, and reported as that number.
        let seed = u64::from(u32::MAX) + 1;
        assert!(check_range("seed", seed, 0, u64::from(u32::MAX)).is_err());
        assert!(check_range("lr", f64::NAN, 0.0, 1.0).is_err());
    }
}
