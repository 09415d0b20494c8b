//! The gzip wrapper (RFC 1952) around a DEFLATE stream (RFC 1951): the header is read here, the
//! stream is inflated by miniz_oxide, and the trailer's CRC-32 and length are checked against
//! what came out.
//!
//! Plain static servers send `.gz` files as they are, so the app receives the gzip bytes and
//! has to take them apart itself.

use miniz_oxide::inflate::core::inflate_flags::TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF;
use miniz_oxide::inflate::core::{decompress, DecompressorOxide};
use miniz_oxide::inflate::TINFLStatus;

use super::crc32::crc32;

const MAGIC: [u8; 2] = [0x1f, 0x8b];
const METHOD_DEFLATE: u8 = 8;
const HEADER_LEN: usize = 10;
const TRAILER_LEN: usize = 8;

// Header flag bits (RFC 1952 §2.3.1).
const FHCRC: u8 = 0x02;
const FEXTRA: u8 = 0x04;
const FNAME: u8 = 0x08;
const FCOMMENT: u8 = 0x10;
const RESERVED: u8 = 0xE0;

/// Why a gzip file could not be inflated.
#[derive(Debug, PartialEq)]
pub(crate) enum GzipError {
    /// The file ends before the stream or its trailer does. `inflated` is what could be
    /// recovered, so the caller can say how far into its own format the data got.
    Truncated { file_len: usize, inflated: Vec<u8> },
    /// Anything else, said in words.
    Damaged(String),
}

pub(crate) fn is_gzip(bytes: &[u8]) -> bool {
    bytes.starts_with(&MAGIC)
}

/// Inflates a single-member gzip file, refusing to produce more than `limit` bytes so a damaged
/// or hostile file cannot exhaust memory.
pub(crate) fn gunzip(bytes: &[u8], limit: usize) -> Result<Vec<u8>, GzipError> {
    let start = skip_header(bytes)?;
    let (inflated, end) = inflate(bytes, start, limit)?;
    check_trailer(bytes, end, inflated)
}

/// Returns the offset of the first DEFLATE byte.
fn skip_header(bytes: &[u8]) -> Result<usize, GzipError> {
    let truncated = || GzipError::Truncated {
        file_len: bytes.len(),
        inflated: Vec::new(),
    };
    let header = bytes.get(..HEADER_LEN).ok_or_else(truncated)?;
    if header[..2] != MAGIC {
        return Err(GzipError::Damaged("not a gzip file".into()));
    }
    if header[2] != METHOD_DEFLATE {
        return Err(GzipError::Damaged(format!(
            "gzip compression method {} is not deflate ({METHOD_DEFLATE})",
            header[2]
        )));
    }
    let flags = header[3];
    if flags & RESERVED != 0 {
        return Err(GzipError::Damaged(format!(
            "gzip header has reserved flag bits set ({flags:#04x})"
        )));
    }
    let mut at = HEADER_LEN;
    if flags & FEXTRA != 0 {
        let len = bytes.get(at..at + 2).ok_or_else(truncated)?;
        at += 2 + usize::from(u16::from_le_bytes([len[0], len[1]]));
    }
    for flag in [FNAME, FCOMMENT] {
        if flags & flag != 0 {
            let rest = bytes.get(at..).ok_or_else(truncated)?;
            let nul = rest.iter().position(|&b| b == 0).ok_or_else(truncated)?;
            at += nul + 1;
        }
    }
    if flags & FHCRC != 0 {
        at += 2;
    }
    if at >= bytes.len() {
        return Err(truncated());
    }
    Ok(at)
}

/// Inflates the DEFLATE stream from `start`; returns the output and the offset just past the
/// stream, where the trailer begins.
fn inflate(bytes: &[u8], start: usize, limit: usize) -> Result<(Vec<u8>, usize), GzipError> {
    // The whole output stays in one buffer (no wrapping window), so the buffer only grows.
    let flags = TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF;
    let mut state = Box::<DecompressorOxide>::default();
    // MNIST-like data inflates to about five times its size; start there and double as needed.
    let mut out = vec![0u8; bytes.len().saturating_mul(5).clamp(1, limit.max(1))];
    let (mut at, mut filled) = (start, 0);
    loop {
        let (status, read, written) = decompress(&mut state, &bytes[at..], &mut out, filled, flags);
        at += read;
        filled += written;
        match status {
            TINFLStatus::Done => {
                out.truncate(filled);
                return Ok((out, at));
            }
            TINFLStatus::HasMoreOutput if out.len() < limit => {
                out.resize(out.len().saturating_mul(2).min(limit), 0);
            }
            TINFLStatus::HasMoreOutput => {
                return Err(GzipError::Damaged(format!(
                    "inflates to more than {limit} bytes"
                )));
            }
            TINFLStatus::FailedCannotMakeProgress | TINFLStatus::NeedsMoreInput => {
                out.truncate(filled);
                return Err(GzipError::Truncated {
                    file_len: bytes.len(),
                    inflated: out,
                });
            }
            other => {
                return Err(GzipError::Damaged(format!(
                    "compressed data is damaged near byte {at} ({other:?}) after {filled} \
                     bytes were inflated"
                )));
            }
        }
    }
}

fn check_trailer(bytes: &[u8], end: usize, inflated: Vec<u8>) -> Result<Vec<u8>, GzipError> {
    let Some(trailer) = bytes.get(end..end + TRAILER_LEN) else {
        return Err(GzipError::Truncated {
            file_len: bytes.len(),
            inflated,
        });
    };
    let expected = u32::from_le_bytes([trailer[0], trailer[1], trailer[2], trailer[3]]);
    let size = u32::from_le_bytes([trailer[4], trailer[5], trailer[6], trailer[7]]);
    let got = crc32(&inflated);
    if expected != got {
        return Err(GzipError::Damaged(format!(
            "gzip CRC-32 mismatch: expected {expected:08x}, got {got:08x}"
        )));
    }
    // ISIZE is the length modulo 2^32 (RFC 1952 §2.3.1).
    if size != inflated.len() as u32 {
        return Err(GzipError::Damaged(format!(
            "gzip length mismatch: trailer says {size} bytes, inflated {}",
            inflated.len()
        )));
    }
    let extra = bytes.len() - (end + TRAILER_LEN);
    if extra != 0 {
        return Err(GzipError::Damaged(format!(
            "{extra} unexpected bytes after the gzip stream"
        )));
    }
    Ok(inflated)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use miniz_oxide::deflate::compress_to_vec;

    /// A gzip file with an optional file name in its header, as `gzip -N` would write.
    pub(crate) fn gzip(data: &[u8], name: Option<&str>) -> Vec<u8> {
        let flags = if name.is_some() { FNAME } else { 0 };
        let mut out = vec![0x1f, 0x8b, METHOD_DEFLATE, flags, 0, 0, 0, 0, 0, 0xff];
        if let Some(name) = name {
            out.extend_from_slice(name.as_bytes());
            out.push(0);
        }
        out.extend(compress_to_vec(data, 6));
        out.extend(crc32(data).to_le_bytes());
        out.extend((data.len() as u32).to_le_bytes());
        out
    }

    fn sample() -> Vec<u8> {
        (0..50_000u32).map(|i| (i * i % 251) as u8).collect()
    }

    #[test]
    fn should_round_trip_with_and_without_a_file_name() {
        let data = sample();
        for name in [None, Some("digits.bin")] {
            assert_eq!(gunzip(&gzip(&data, name), 1 << 20), Ok(data.clone()));
        }
    }

    #[test]
    fn should_report_truncation_with_what_was_recovered() {
        let data = sample();
        let file = gzip(&data, None);
        for cut in [3, 10, file.len() / 2, file.len() - 5, file.len() - 1] {
            match gunzip(&file[..cut], 1 << 20) {
                Err(GzipError::Truncated { file_len, inflated }) => {
                    assert_eq!(file_len, cut);
                    assert!(data.starts_with(&inflated), "cut at {cut}");
                }
                other => panic!("cut at {cut}: {other:?}"),
            }
        }
    }

    #[test]
    fn should_reject_a_wrong_trailer_trailing_bytes_and_a_size_over_the_limit() {
        let data = sample();
        let mut file = gzip(&data, None);
        let crc_at = file.len() - 8;
        file[crc_at] ^= 1;
        assert!(matches!(gunzip(&file, 1 << 20), Err(GzipError::Damaged(m)) if m.contains("CRC")));
        file[crc_at] ^= 1;
        file.push(0);
        assert!(
            matches!(gunzip(&file, 1 << 20), Err(GzipError::Damaged(m)) if m.contains("after"))
        );
        file.pop();
        assert!(
            matches!(gunzip(&file, 1000), Err(GzipError::Damaged(m)) if m.contains("more than"))
        );
    }
}
