//! A visitor's own pictures (`gradlab::data::own_images`): any first bytes of a file are told
//! apart as PNG, JPEG or neither without a panic, and a size read is within the limit; any
//! pixels with any claimed size, short buffers and huge sizes included, are refused with a
//! reason or give a 784-byte digit; and a damaged PNG or JPEG header is read or refused.

use gradlab::data::own_images::{prepare, sniff, ImageProblem, MAX_SOURCE_PIXELS, RASTER_SIDE};
use proptest::collection::vec;
use proptest::prelude::*;

use crate::mutate::{mutate, mutations};
use crate::{config, CASES};

/// A claimed side: mostly small, sometimes 0, the raster limit's edge, or huge.
fn side() -> impl Strategy<Value = usize> {
    prop_oneof![
        6 => 0..=RASTER_SIDE,
        1 => Just(0usize),
        1 => (RASTER_SIDE - 1)..=(RASTER_SIDE + 1),
        1 => any::<usize>(),
    ]
}

/// Pixels for a claimed size: as many as it needs, fewer, more, or unrelated.
fn raster() -> impl Strategy<Value = (Vec<u8>, usize, usize)> {
    (side(), side(), 0..4u8, any::<u64>()).prop_flat_map(|(w, h, fit, seed)| {
        let need = w.checked_mul(h).and_then(|p| p.checked_mul(4));
        let len = match (fit, need) {
            (0, Some(n)) if n <= RASTER_SIDE * RASTER_SIDE * 4 => n,
            (1, Some(n)) if n <= RASTER_SIDE * RASTER_SIDE * 4 => n.saturating_sub(1),
            _ => (seed % 2048) as usize,
        };
        (vec(any::<u8>(), len), Just(w), Just(h))
    })
}

/// A PNG signature and IHDR, or a JPEG with an APP0 segment and a frame header, of any size.
fn header() -> impl Strategy<Value = Vec<u8>> {
    (any::<bool>(), any::<u32>(), any::<u32>()).prop_map(|(png, w, h)| {
        if png {
            let mut b = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
            b.extend(w.to_be_bytes());
            b.extend(h.to_be_bytes());
            b
        } else {
            let mut b = vec![0xFF, 0xD8, 0xFF, 0xE0, 0, 4, 0, 0, 0xFF, 0xC2, 0, 11, 8];
            b.extend((h as u16).to_be_bytes());
            b.extend((w as u16).to_be_bytes());
            b
        }
    })
}

fn sniffed_within_limits(bytes: &[u8]) -> Result<(), TestCaseError> {
    match sniff(bytes) {
        Ok((_, w, h)) => prop_assert!(w > 0 && h > 0 && w * h <= MAX_SOURCE_PIXELS),
        Err(ImageProblem::TooLarge { width, height, .. }) => {
            prop_assert!(width.saturating_mul(height) > MAX_SOURCE_PIXELS)
        }
        Err(e) => prop_assert!(matches!(e, ImageProblem::NotImage | ImageProblem::Damaged)),
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(CASES))]

    #[test]
    fn any_pixels_give_a_digit_or_a_reason((rgba, w, h) in raster()) {
        match prepare(&rgba, w, h) {
            Ok(digit) => prop_assert_eq!(digit.len(), 784),
            Err(e) => prop_assert!(
                matches!(e, ImageProblem::Blank | ImageProblem::BadRaster { .. }),
                "{:?}", e
            ),
        }
    }

    #[test]
    fn any_first_bytes_are_sniffed_without_a_panic(bytes in vec(any::<u8>(), 0..64)) {
        sniffed_within_limits(&bytes)?;
    }

    #[test]
    fn a_damaged_header_is_read_or_refused(bytes in header(), edits in mutations()) {
        sniffed_within_limits(&mutate(bytes, &edits))?;
    }
}
