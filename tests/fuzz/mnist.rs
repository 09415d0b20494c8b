//! The digits' parser and its gunzip (`gradlab::data::mnist::parse`, RFC 1952 around RFC 1951,
//! and the format's CRC-32): any bytes, and real files damaged or cut short, are refused with a
//! reason and never a panic; nothing in a file makes the parser allocate more than the file could
//! hold (deflate inflates at most 1032:1, RFC 1951's longest match of 258 bytes per 2 bits); and
//! a valid file reads back as exactly its digits.

use gradlab::data::mnist::{parse, COLS, MAGIC, PIXELS, ROWS};
use gradlab::data::Mnist;
use gradlab::error::Error;
use miniz_oxide::deflate::compress_to_vec;
use proptest::collection::vec;
use proptest::prelude::*;

use crate::alloc::within_bound;
use crate::mutate::{mutate, mutations};
use crate::{config, CASES};

const ASSET: &[u8] = include_bytes!("../../assets/mnist/mnist-10k.bin.gz");
/// The shipped asset, inflated: 20-byte header + 10,000 × 785 + 4-byte CRC.
const ASSET_INNER_LEN: usize = 7_850_024;

/// CRC-32 (IEEE, reflected 0xEDB88320) a bit at a time: written apart from the crate's
/// table-driven one, so each checks the other.
fn crc32(bytes: &[u8]) -> u32 {
    let mut c = !0u32;
    for &b in bytes {
        c ^= u32::from(b);
        for _ in 0..8 {
            c = if c & 1 == 1 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
        }
    }
    !c
}

/// A bare `GLMNIST1` file that says it holds `count` digits.
fn bare_claiming(count: u32, labels: &[u8], pixels: &[u8]) -> Vec<u8> {
    let mut out = MAGIC.to_vec();
    for n in [count, ROWS as u32, COLS as u32] {
        out.extend(n.to_le_bytes());
    }
    out.extend_from_slice(labels);
    out.extend_from_slice(pixels);
    out.extend(crc32(&out).to_le_bytes());
    out
}

/// A valid bare file of these digits.
pub(crate) fn bare(labels: &[u8], pixels: &[u8]) -> Vec<u8> {
    bare_claiming(labels.len() as u32, labels, pixels)
}

/// A gzip member as `gzip -n` writes it, whose trailer says the data is `size` bytes long.
fn gzip_claiming(size: u32, data: &[u8]) -> Vec<u8> {
    let mut out = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff];
    out.extend(compress_to_vec(data, 6));
    out.extend(crc32(data).to_le_bytes());
    out.extend(size.to_le_bytes());
    out
}

fn gzip(data: &[u8]) -> Vec<u8> {
    gzip_claiming(data.len() as u32, data)
}

/// One to five digits: labels 0..=9, pixels of any value.
fn digits() -> impl Strategy<Value = (Vec<u8>, Vec<u8>)> {
    (1..6usize).prop_flat_map(|n| (vec(0..10u8, n), vec(any::<u8>(), n * PIXELS)))
}

/// A valid file of a few digits, bare or gzipped.
fn file() -> impl Strategy<Value = Vec<u8>> {
    (digits(), any::<bool>()).prop_map(|((labels, pixels), zipped)| {
        let file = bare(&labels, &pixels);
        if zipped {
            gzip(&file)
        } else {
            file
        }
    })
}

/// The most a parser may ask for at once for `len` input bytes: what they could inflate to,
/// twice (the output buffer doubles), and 64 KiB of working room (the inflater's state).
fn allocation_bound(len: usize) -> usize {
    2 * 1032 * len + (64 << 10)
}

/// The reason a file was refused, after checking it is the MNIST asset's own `Corrupt`.
fn reason(result: Result<Mnist, Error>) -> Result<String, TestCaseError> {
    match result {
        Err(Error::Corrupt { what, detail }) => {
            prop_assert_eq!(what, "MNIST asset");
            prop_assert!(!detail.is_empty());
            Ok(detail)
        }
        other => Err(TestCaseError::fail(format!(
            "expected a refusal, got {other:?}"
        ))),
    }
}

/// Parses `bytes`, checking that it allocated no more than they could hold.
fn parse_bounded(bytes: &[u8]) -> Result<Result<Mnist, Error>, TestCaseError> {
    within_bound(bytes.len(), allocation_bound(bytes.len()), || parse(bytes))
}

/// Any bytes, bytes that begin like a gzip file, and bytes that begin like the bare format.
fn hostile_bytes() -> impl Strategy<Value = Vec<u8>> {
    let prefixed = |prefix: &'static [u8]| {
        vec(any::<u8>(), 0..300).prop_map(move |rest| [prefix, &rest].concat())
    };
    prop_oneof![
        vec(any::<u8>(), 0..300),
        prefixed(&[0x1f, 0x8b, 8]),
        prefixed(&[0x1f, 0x8b, 8, 0]),
        prefixed(b"GLMNIST1"),
        prefixed(b"GLMNIST1\x01\0\0\0\x1c\0\0\0\x1c\0\0\0"),
    ]
}

proptest! {
    #![proptest_config(config(CASES))]

    #[test]
    fn a_valid_file_reads_back_as_its_digits((labels, pixels) in digits(), zipped in any::<bool>()) {
        let file = bare(&labels, &pixels);
        let file = if zipped { gzip(&file) } else { file };
        let mnist = parse_bounded(&file)?.map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(mnist.labels(), &labels[..]);
        for i in 0..labels.len() {
            prop_assert_eq!(mnist.image(i), &pixels[i * PIXELS..(i + 1) * PIXELS]);
        }
    }

    #[test]
    fn any_bytes_are_refused_with_a_reason(bytes in hostile_bytes()) {
        reason(parse_bounded(&bytes)?)?;
    }

    /// Damage is caught (by the gzip CRC and length, the deflate stream, or the inner CRC), or
    /// what still parses is a whole, consistent file.
    #[test]
    fn a_damaged_file_is_refused_or_still_whole(file in file(), edits in mutations()) {
        let damaged = mutate(file, &edits);
        match parse_bounded(&damaged)? {
            Ok(m) => {
                prop_assert!(m.labels().iter().all(|&l| l < 10));
                let pixels: Vec<u8> = (0..m.len()).flat_map(|i| m.image(i).to_vec()).collect();
                let inner = bare(m.labels(), &pixels);
                prop_assert!(damaged == inner || damaged.starts_with(&[0x1f, 0x8b]));
            }
            Err(e) => {
                reason(Err(e))?;
            }
        }
    }

    #[test]
    fn every_cut_of_a_gzip_file_is_refused_as_truncated((labels, pixels) in digits(), cut in any::<usize>()) {
        let file = gzip(&bare(&labels, &pixels));
        // From 2 bytes on, the file is recognised as gzip.
        let cut = 2 + cut % (file.len() - 2);
        let detail = reason(parse_bounded(&file[..cut])?)?;
        let expected = format!("gzip file truncated: it ends at byte {cut}, after ");
        prop_assert!(detail.starts_with(&expected), "{}", detail);
    }

    /// A digit count up to 2³² − 1, or a gzip trailer claiming up to 4 GiB: refused for what the
    /// file really holds, without reserving what it claims.
    #[test]
    fn sizes_a_file_claims_are_not_trusted(
        (labels, pixels) in digits(),
        count in any::<u32>(),
        size in any::<u32>(),
    ) {
        let n = labels.len() as u32;
        prop_assume!(count != n && size as usize != bare(&labels, &pixels).len());
        let lying = bare_claiming(count, &labels, &pixels);
        let detail = reason(parse_bounded(&lying)?)?;
        if count == 0 {
            prop_assert_eq!(detail, "holds no digits");
        } else if count > n {
            prop_assert!(detail.starts_with(&format!("truncated at byte {} of ", lying.len())), "{}", detail);
        } else {
            prop_assert!(detail.contains("unexpected bytes after the checksum"), "{}", detail);
        }
        let detail = reason(parse_bounded(&gzip_claiming(size, &bare(&labels, &pixels)))?)?;
        prop_assert!(detail.starts_with("gzip length mismatch: trailer says"), "{}", detail);
    }
}

proptest! {
    // Each case inflates up to 320 KB of the real asset: fewer cases, since the properties
    // above already cover the parser at 10⁴ cases on small files.
    #![proptest_config(config(256))]

    /// The first bytes of the shipped asset, as a download cut short leaves them: refused, and
    /// once its header is inflated the reason says how much of the whole arrived.
    #[test]
    fn a_download_of_the_asset_cut_short_says_how_far_it_got(cut in 2..65_536usize) {
        let detail = reason(parse_bounded(&ASSET[..cut])?)?;
        let end = format!(" of {ASSET_INNER_LEN} bytes were inflated");
        prop_assert!(detail.starts_with(&format!("gzip file truncated: it ends at byte {cut}, after ")), "{}", detail);
        prop_assert!(cut < 1000 || detail.ends_with(&end), "{}", detail);
    }
}
