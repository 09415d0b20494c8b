//! Errors as values: one type whose variants carry the context a user needs (which op, which
//! shapes, which field), after candle's `candle_core::Error`.

use std::fmt;

#[derive(Clone, Debug, PartialEq)]
pub enum Error {
    /// Two operands of an op disagree in shape, or a shape does not fit the op.
    ShapeMismatch {
        op: &'static str,
        lhs: Vec<usize>,
        rhs: Vec<usize>,
    },
    /// An axis beyond the rank of the operand.
    AxisOutOfRange {
        op: &'static str,
        axis: usize,
        shape: Vec<usize>,
    },
    /// An index (a token id, a class target) beyond the length it indexes.
    IndexOutOfRange {
        op: &'static str,
        index: usize,
        len: usize,
    },
    /// A `Var` that the graph did not record since its last reset.
    UnknownVar {
        op: &'static str,
        index: usize,
        len: usize,
    },
    /// A `ParamId` that the parameter store did not hand out.
    UnknownParam {
        op: &'static str,
        index: usize,
        len: usize,
    },
    /// A configuration that cannot describe a model (say, an MLP with one width).
    InvalidConfig { field: &'static str, detail: String },
    /// A file or message is not what it claims to be.
    Corrupt { what: &'static str, detail: String },
    /// A setting outside the range the lab accepts.
    OutOfRange {
        field: &'static str,
        value: f64,
        min: f64,
        max: f64,
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
            Error::OutOfRange {
                field,
                value,
                min,
                max,
            } => {
                write!(f, "{field} = {value} is outside [{min}, {max}]")
            }
        }
    }
}

impl std::error::Error for Error {}

/// `Ok` when `value` lies in [min, max], else `OutOfRange` naming the field: the check every
/// config's `validate` makes.
pub(crate) fn check_range(
    field: &'static str,
    value: f64,
    min: f64,
    max: f64,
) -> Result<(), Error> {
    if (min..=max).contains(&value) {
        Ok(())
    } else {
        Err(Error::OutOfRange {
            field,
            value,
            min,
            max,
        })
    }
}
