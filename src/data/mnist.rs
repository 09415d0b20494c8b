//! MNIST handwritten digits (LeCun, Cortes & Burges, "The MNIST database of handwritten
//! digits", 1998; CC BY-SA 3.0) as the lab ships them in `assets/mnist/mnist-10k.bin.gz`,
//! checked and decoded.
//!
//! # Format `GLMNIST1`
//! Written by `scripts/mnist/build.mjs`; integers are little-endian.
//!
//! | offset            | bytes         | field                                             |
//! |-------------------|---------------|---------------------------------------------------|
//! | 0                 | 8             | magic `GLMNIST1`                                  |
//! | 8                 | 4             | `count`, u32                                      |
//! | 12                | 4             | rows, u32 (28)                                    |
//! | 16                | 4             | cols, u32 (28)                                    |
//! | 20                | `count`       | labels, one byte each, 0..=9                      |
//! | 20 + count        | `count * 784` | pixels, u8, row-major, digit after digit          |
//! | 20 + count * 785  | 4             | CRC-32 (IEEE) of every byte before it, u32        |
//!
//! A pixel is `round(255 x)` of the source's intensity `x` in [0, 1]; 0 is background. The
//! shipped file holds the digits grouped by class (all 0s, then all 1s, ...), and is gzipped;
//! [`parse`] takes either the gzip file or the bare format. The inner CRC still catches a file
//! that was damaged and then re-gzipped, or one a server sent already decompressed.

use super::crc32::crc32;
use super::gzip::{self, GzipError};
use crate::error::Error;
use std::fmt;

pub const MAGIC: &[u8; 8] = b"GLMNIST1";
pub const ROWS: usize = 28;
pub const COLS: usize = 28;
/// Pixels in one digit.
pub const PIXELS: usize = ROWS * COLS;
pub const CLASSES: usize = 10;

const HEADER_LEN: usize = 20;
const CRC_LEN: usize = 4;
const WHAT: &str = "MNIST asset";
/// Far above the 7.9 MB the shipped asset inflates to; stops a bad file from eating memory.
const MAX_INFLATED: usize = 64 << 20;

/// Labelled 28×28 digits. Invariant: `pixels.len() == labels.len() * PIXELS`, every label < 10.
#[derive(Clone, PartialEq)]
pub struct Mnist {
    labels: Vec<u8>,
    pixels: Vec<u8>,
}

// A summary: the derived form would print 7.8 million pixels into a failed assertion.
impl fmt::Debug for Mnist {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Mnist")
            .field("len", &self.len())
            .field("class_counts", &self.class_counts())
            .finish_non_exhaustive()
    }
}

fn corrupt(detail: String) -> Error {
    Error::Corrupt { what: WHAT, detail }
}

/// The 10,000 digits the page ships, for the tests that train on them.
#[cfg(test)]
pub fn shipped() -> Mnist {
    parse(include_bytes!("../../assets/mnist/mnist-10k.bin.gz")).expect("the shipped asset parses")
}

/// Decodes the asset, gzipped or not, checking its magic, dimensions, length, CRC and labels.
pub fn parse(bytes: &[u8]) -> Result<Mnist, Error> {
    if gzip::is_gzip(bytes) {
        let inner = gzip::gunzip(bytes, MAX_INFLATED).map_err(gzip_error)?;
        parse_inner(&inner)
    } else {
        parse_inner(bytes)
    }
}

/// Says how far a truncated gzip file got, in terms of the inner format when its header survived.
fn gzip_error(error: GzipError) -> Error {
    match error {
        GzipError::Truncated { file_len, inflated } => {
            let expected = match Header::read(&inflated) {
                Ok(header) => format!(" of {}", header.total_len()),
                Err(_) => String::new(),
            };
            corrupt(format!(
                "gzip file truncated: it ends at byte {file_len}, after {}{expected} bytes \
                 were inflated",
                inflated.len()
            ))
        }
        GzipError::Damaged(detail) => corrupt(detail),
    }
}

/// The fixed-size start of the format.
struct Header {
    count: usize,
}

impl Header {
    fn read(bytes: &[u8]) -> Result<Header, Error> {
        let magic_len = bytes.len().min(MAGIC.len());
        if bytes[..magic_len] != MAGIC[..magic_len] {
            return Err(corrupt(format!(
                "bad magic: expected \"GLMNIST1\", found \"{}\"",
                bytes[..magic_len].escape_ascii()
            )));
        }
        if bytes.len() < HEADER_LEN {
            return Err(corrupt(format!(
                "truncated at byte {} of the {HEADER_LEN}-byte header",
                bytes.len()
            )));
        }
        let u32_at = |at: usize| {
            u32::from_le_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]])
        };
        let (count, rows, cols) = (u32_at(8), u32_at(12), u32_at(16));
        if (rows, cols) != (ROWS as u32, COLS as u32) {
            return Err(corrupt(format!(
                "wrong dimensions: {rows}x{cols} digits, expected {ROWS}x{COLS}"
            )));
        }
        if count == 0 {
            return Err(corrupt("holds no digits".into()));
        }
        // u32 fits in usize on every target the lab builds for (wasm32 and 64-bit hosts).
        Ok(Header {
            count: count as usize,
        })
    }

    /// Length of the whole file, or `usize::MAX` if it could not even be addressed.
    fn total_len(&self) -> usize {
        self.count
            .checked_mul(1 + PIXELS)
            .and_then(|body| body.checked_add(HEADER_LEN + CRC_LEN))
            .unwrap_or(usize::MAX)
    }
}

fn parse_inner(bytes: &[u8]) -> Result<Mnist, Error> {
    let header = Header::read(bytes)?;
    let total = header.total_len();
    if bytes.len() < total {
        return Err(corrupt(format!(
            "truncated at byte {} of {total}",
            bytes.len()
        )));
    }
    if bytes.len() > total {
        return Err(corrupt(format!(
            "{} unexpected bytes after the checksum at byte {total}",
            bytes.len() - total
        )));
    }
    let body = &bytes[..total - CRC_LEN];
    let stored = &bytes[total - CRC_LEN..];
    let expected = u32::from_le_bytes([stored[0], stored[1], stored[2], stored[3]]);
    let got = crc32(body);
    if expected != got {
        return Err(corrupt(format!(
            "CRC-32 mismatch: expected {expected:08x}, got {got:08x}"
        )));
    }
    let (labels, pixels) = body[HEADER_LEN..].split_at(header.count);
    if let Some(i) = labels.iter().position(|&l| usize::from(l) >= CLASSES) {
        return Err(corrupt(format!(
            "label {} of digit {i} is out of range 0..=9",
            labels[i]
        )));
    }
    Ok(Mnist {
        labels: labels.to_vec(),
        pixels: pixels.to_vec(),
    })
}

impl Mnist {
    pub fn len(&self) -> usize {
        self.labels.len()
    }

    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
    }

    /// Digit `i`'s pixels, row-major, 0 = background.
    ///
    /// # Panics
    /// If `i >= self.len()`, like slice indexing.
    pub fn image(&self, i: usize) -> &[u8] {
        &self.pixels[i * PIXELS..(i + 1) * PIXELS]
    }

    /// # Panics
    /// If `i >= self.len()`.
    pub fn label(&self, i: usize) -> u8 {
        self.labels[i]
    }

    pub fn labels(&self) -> &[u8] {
        &self.labels
    }

    /// How many digits of each class.
    pub fn class_counts(&self) -> [usize; CLASSES] {
        let mut counts = [0; CLASSES];
        for &l in &self.labels {
            counts[usize::from(l)] += 1;
        }
        counts
    }

    /// Writes the digits at `indices` into `out` as f32 in [0, 1], one digit after another,
    /// without allocating: it runs on every training step.
    ///
    /// # Shapes
    /// `indices`: (B,), `out`: (B, 784) flattened.
    ///
    /// # Panics
    /// If an index is `>= self.len()`; indices come from [`Mnist::split`] or a sampler over it.
    pub fn images_into(&self, indices: &[u32], out: &mut [f32]) -> Result<(), Error> {
        if out.len() != indices.len() * PIXELS {
            return Err(Error::ShapeMismatch {
                op: "mnist images_into",
                lhs: vec![indices.len(), PIXELS],
                rhs: vec![out.len()],
            });
        }
        for (&i, dst) in indices.iter().zip(out.chunks_exact_mut(PIXELS)) {
            for (d, &p) in dst.iter_mut().zip(self.image(i as usize)) {
                *d = f32::from(p) / 255.0;
            }
        }
        Ok(())
    }

    /// Writes the labels at `indices` into `out` as class numbers.
    ///
    /// # Shapes
    /// `indices`: (B,), `out`: (B,).
    ///
    /// # Panics
    /// If an index is `>= self.len()`.
    pub fn labels_into(&self, indices: &[u32], out: &mut [u32]) -> Result<(), Error> {
        if out.len() != indices.len() {
            return Err(Error::ShapeMismatch {
                op: "mnist labels_into",
                lhs: vec![indices.len()],
                rhs: vec![out.len()],
            });
        }
        for (&i, d) in indices.iter().zip(out.iter_mut()) {
            *d = u32::from(self.labels[i as usize]);
        }
        Ok(())
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A valid bare file whose digit `i` has label `labels[i]` and every pixel equal to `i`.
    pub(crate) fn encode(labels: &[u8]) -> Vec<u8> {
        let mut out = MAGIC.to_vec();
        for n in [labels.len(), ROWS, COLS] {
            out.extend((n as u32).to_le_bytes());
        }
        out.extend_from_slice(labels);
        for i in 0..labels.len() {
            out.extend(std::iter::repeat_n(i as u8, PIXELS));
        }
        out.extend(crc32(&out).to_le_bytes());
        out
    }

    #[test]
    fn should_decode_a_small_file_and_fill_batches() {
        let mnist = parse(&encode(&[3, 0, 9])).expect("valid file");
        assert_eq!(mnist.len(), 3);
        assert_eq!(mnist.label(2), 9);
        assert_eq!(mnist.image(1), &[1u8; PIXELS][..]);
        let mut x = vec![0.0; 2 * PIXELS];
        let mut y = [0; 2];
        mnist.images_into(&[2, 0], &mut x).expect("sizes fit");
        mnist.labels_into(&[2, 0], &mut y).expect("sizes fit");
        // Pixel value 2 of digit 2 scales to 2/255; digit 0 is all zeros.
        assert_eq!(x[0], 2.0 / 255.0);
        assert_eq!(x[PIXELS], 0.0);
        assert_eq!(y, [9, 3]);
    }

    #[test]
    fn should_reject_batch_buffers_of_the_wrong_size() {
        let mnist = parse(&encode(&[1, 2])).expect("valid file");
        let mut x = vec![0.0; PIXELS];
        assert!(matches!(
            mnist.images_into(&[0, 1], &mut x),
            Err(Error::ShapeMismatch { .. })
        ));
        assert!(matches!(
            mnist.labels_into(&[0], &mut [0; 2]),
            Err(Error::ShapeMismatch { .. })
        ));
    }
}
