//! The envelope of a saved training run (issue 14, "Training survives a reload"): an 8-byte tag
//! saying which lab's run it is, a version number, then the lab's own body, all in postcard.
//! The tag and version are read first, so a run saved by another version of the page is
//! refused as such rather than misread; the body is read only after its size is checked.
//!
//! A refusal is a value ([`RestoreProblem`]) that travels to the page, which says why in the
//! visitor's language and starts a fresh model.

use std::fmt;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::export::WeightsProblem;
use crate::models::budget::{size_text, LAB};

/// No run of a model within the lab's memory budget is larger: its weights and two moments
/// are fewer bytes than the weights, gradients, moments and tapes the budget counts.
pub const MAX_BYTES: u64 = LAB.max_bytes;

#[derive(Serialize, Deserialize)]
struct Header {
    tag: [u8; 8],
    version: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum RestoreProblem {
    TooLarge {
        bytes: u64,
        max: u64,
    },
    /// Not a saved run of this lab: another lab's, or not one at all.
    NotASavedRun,
    /// Saved by another version of the page, whose runs this one cannot read.
    Version {
        found: u32,
        expected: u32,
    },
    /// The bytes end early or contradict themselves.
    Malformed {
        detail: String,
    },
    /// The saved settings are refused as a link's would be (out of range, over budget).
    Settings {
        detail: String,
    },
    /// A tensor that does not fit the model the settings build, or holds NaN.
    Weights(WeightsProblem),
    /// The optimiser's, sampler's or random stream's state does not fit the model.
    State {
        detail: String,
    },
}

impl RestoreProblem {
    pub fn settings(e: Error) -> RestoreProblem {
        RestoreProblem::Settings {
            detail: e.to_string(),
        }
    }

    /// A trainer's refusal: a tensor's, or another part of its state's.
    pub fn of(e: Error) -> RestoreProblem {
        match e {
            Error::Weights(p) => RestoreProblem::Weights(p),
            e => RestoreProblem::State {
                detail: e.to_string(),
            },
        }
    }
}

impl fmt::Display for RestoreProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RestoreProblem::TooLarge { bytes, max } => write!(
                f,
                "the saved run is {}, more than the {} any lab's run can be",
                size_text(*bytes),
                size_text(*max)
            ),
            RestoreProblem::NotASavedRun => write!(f, "this is not a saved run of this lab"),
            RestoreProblem::Version { found, expected } => write!(
                f,
                "the run was saved in format {found}, and this page reads format {expected}"
            ),
            RestoreProblem::Malformed { detail } => write!(f, "the saved run is damaged: {detail}"),
            RestoreProblem::Settings { detail } => write!(f, "its settings are refused: {detail}"),
            RestoreProblem::Weights(p) => write!(f, "its weights do not fit: {p}"),
            RestoreProblem::State { detail } => {
                write!(f, "its training state does not fit: {detail}")
            }
        }
    }
}

/// `body` behind its tag and version.
pub fn seal<T: Serialize>(tag: [u8; 8], version: u32, body: &T) -> Result<Vec<u8>, Error> {
    // A tuple is its fields one after the other: the header, then the body.
    postcard::to_stdvec(&(Header { tag, version }, body)).map_err(|e| Error::Corrupt {
        what: "saved run",
        detail: e.to_string(),
    })
}

/// The body of a run sealed with this tag and version, or why not. A length prefix larger than
/// the bytes left cannot make it allocate more than the bytes hold: serde reserves at most
/// about a megabyte ahead of the elements it has read.
pub fn open<T: DeserializeOwned>(
    bytes: &[u8],
    tag: [u8; 8],
    version: u32,
) -> Result<T, RestoreProblem> {
    if bytes.len() as u64 > MAX_BYTES {
        return Err(RestoreProblem::TooLarge {
            bytes: bytes.len() as u64,
            max: MAX_BYTES,
        });
    }
    let (header, body) =
        postcard::take_from_bytes::<Header>(bytes).map_err(|_| RestoreProblem::NotASavedRun)?;
    if header.tag != tag {
        return Err(RestoreProblem::NotASavedRun);
    }
    if header.version != version {
        return Err(RestoreProblem::Version {
            found: header.version,
            expected: version,
        });
    }
    let (value, rest) =
        postcard::take_from_bytes::<T>(body).map_err(|e| RestoreProblem::Malformed {
            detail: e.to_string(),
        })?;
    if !rest.is_empty() {
        return Err(RestoreProblem::Malformed {
            detail: format!("{} bytes after the end", rest.len()),
        });
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TAG: [u8; 8] = *b"GLTESTS\0";

    #[test]
    fn a_sealed_body_opens_and_anything_else_says_why_not() {
        let sealed = seal(TAG, 3, &vec![1.5f32, 2.0]).unwrap();
        assert_eq!(open::<Vec<f32>>(&sealed, TAG, 3), Ok(vec![1.5, 2.0]));
        assert_eq!(
            open::<Vec<f32>>(&sealed, TAG, 4),
            Err(RestoreProblem::Version {
                found: 3,
                expected: 4
            })
        );
        assert_eq!(
            open::<Vec<f32>>(&sealed, *b"GLOTHER\0", 3),
            Err(RestoreProblem::NotASavedRun)
        );
        assert_eq!(
            open::<Vec<f32>>(&sealed[..5], TAG, 3),
            Err(RestoreProblem::NotASavedRun)
        );
        let cut = &sealed[..sealed.len() - 1];
        assert!(matches!(
            open::<Vec<f32>>(cut, TAG, 3),
            Err(RestoreProblem::Malformed { .. })
        ));
        let mut longer = sealed.clone();
        longer.push(0);
        assert!(matches!(
            open::<Vec<f32>>(&longer, TAG, 3),
            Err(RestoreProblem::Malformed { .. })
        ));
    }

    #[test]
    fn a_length_prefix_of_two_to_the_forty_is_refused_without_allocating_it() {
        let mut bytes = postcard::to_stdvec(&Header {
            tag: TAG,
            version: 1,
        })
        .unwrap();
        // 2⁴⁰ as a varint: seven bytes of 7 bits, the last without its high bit.
        let mut n: u64 = 1 << 40;
        while n >= 0x80 {
            bytes.push((n as u8) | 0x80);
            n >>= 7;
        }
        bytes.push(n as u8);
        bytes.extend_from_slice(&[0; 64]);
        assert!(matches!(
            open::<Vec<f32>>(&bytes, TAG, 1),
            Err(RestoreProblem::Malformed { .. })
        ));
    }
}
