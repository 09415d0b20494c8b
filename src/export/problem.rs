//! Why a weights file is refused: each reason names the tensor and what differs, since the
//! message is all a visitor who picked the wrong file has to go on.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::models::budget::size_text;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum WeightsProblem {
    /// Larger than any weights of this model could be: refused before anything is parsed.
    FileTooLarge { bytes: u64, max: u64 },
    /// The first 8 bytes give the header's length; it is more than a header of names and
    /// shapes needs.
    HeaderTooLarge { bytes: u64, max: u64 },
    /// The file ends before its header does (or before its 8-byte length).
    Truncated { bytes: u64, needed: u64 },
    /// Not a safetensors file, or one whose table contradicts itself: overlapping or gapped
    /// offsets, a size that does not match a shape, bytes left over.
    Malformed { detail: String },
    /// A tensor the model has and the file lacks (`more` others are missing too).
    Missing { name: String, more: usize },
    /// A tensor the file has and the model does not (`more` others too).
    Unexpected { name: String, more: usize },
    /// A tensor of the right name and the wrong shape.
    Shape {
        name: String,
        expected: Vec<usize>,
        found: Vec<usize>,
    },
    /// A tensor stored in another element type than 32-bit floats.
    Dtype { name: String, dtype: String },
    /// A NaN or infinite weight: the model would compute NaN from then on.
    NonFinite {
        name: String,
        index: usize,
        value: String,
    },
    /// A model of the visitor's pairs and a file trained on other characters (named in its
    /// metadata): the characters only the pairs have, and those only the file has.
    Vocabulary { missing: String, extra: String },
    /// The file passed every check and the model still could not take it (a bug of ours, not
    /// of the file): the model's own reason.
    Model { detail: String },
}

impl WeightsProblem {
    /// Why an import failed, as the page is told: the file's problem, or the model's.
    pub fn of(e: Error) -> WeightsProblem {
        match e {
            Error::Weights(p) => p,
            other => WeightsProblem::Model {
                detail: other.to_string(),
            },
        }
    }
}

impl fmt::Display for WeightsProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let more = |f: &mut fmt::Formatter<'_>, more: usize| match more {
            0 => Ok(()),
            1 => write!(f, " (and 1 more)"),
            n => write!(f, " (and {n} more)"),
        };
        match self {
            WeightsProblem::FileTooLarge { bytes, max } => write!(
                f,
                "the file is {}, more than the {} this model's weights can take",
                size_text(*bytes),
                size_text(*max)
            ),
            WeightsProblem::HeaderTooLarge { bytes, max } => write!(
                f,
                "its header claims {bytes} bytes, more than the {max} a table of tensors needs"
            ),
            WeightsProblem::Truncated { bytes, needed } => write!(
                f,
                "the file ends after {bytes} bytes, inside its header, which needs {needed}"
            ),
            WeightsProblem::Malformed { detail } => {
                write!(f, "this is not a valid safetensors file: {detail}")
            }
            WeightsProblem::Missing { name, more: n } => {
                write!(f, "missing {name}")?;
                more(f, *n)
            }
            WeightsProblem::Unexpected { name, more: n } => {
                write!(f, "unexpected tensor {name}")?;
                more(f, *n)
            }
            WeightsProblem::Shape {
                name,
                expected,
                found,
            } => write!(
                f,
                "{name}: expected {}, file has {}",
                dims(expected),
                dims(found)
            ),
            WeightsProblem::Dtype { name, dtype } => {
                write!(f, "{name}: dtype {dtype}, only F32 is read")
            }
            WeightsProblem::NonFinite { name, index, value } => {
                write!(f, "{name} holds {value} at index {index}")
            }
            WeightsProblem::Vocabulary { missing, extra } => write!(
                f,
                "the file's characters differ from the pairs': not in the file {missing:?}, \
                 not in the pairs {extra:?}"
            ),
            WeightsProblem::Model { detail } => {
                write!(f, "the model could not take the weights: {detail}")
            }
        }
    }
}

/// Dimensions shown of a shape: a hostile header can give one a million.
const SHOWN_DIMS: usize = 8;

/// `[2, 3]`, or the first dimensions of a long shape and how many there are.
pub fn dims(shape: &[usize]) -> String {
    if shape.len() <= SHOWN_DIMS {
        return format!("{shape:?}");
    }
    let head: Vec<String> = shape[..SHOWN_DIMS].iter().map(usize::to_string).collect();
    format!("[{}, …] ({} dimensions)", head.join(", "), shape.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_reason_reads_as_a_sentence_naming_the_tensor() {
        let text = |p: WeightsProblem| p.to_string();
        assert_eq!(
            text(WeightsProblem::Shape {
                name: "decoder.0.weight".into(),
                expected: vec![128, 4],
                found: vec![64, 4],
            }),
            "decoder.0.weight: expected [128, 4], file has [64, 4]"
        );
        assert_eq!(
            text(WeightsProblem::Missing {
                name: "encoder.2.bias".into(),
                more: 0
            }),
            "missing encoder.2.bias"
        );
        assert_eq!(
            text(WeightsProblem::Unexpected {
                name: "foo".into(),
                more: 2
            }),
            "unexpected tensor foo (and 2 more)"
        );
        assert_eq!(
            text(WeightsProblem::Dtype {
                name: "mu.bias".into(),
                dtype: "F16".into()
            }),
            "mu.bias: dtype F16, only F32 is read"
        );
        assert_eq!(
            text(WeightsProblem::FileTooLarge {
                bytes: 3 << 20,
                max: 1 << 20
            }),
            "the file is 3 MiB, more than the 1 MiB this model's weights can take"
        );
    }
}
