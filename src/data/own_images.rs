//! A visitor's own picture (PNG or JPEG) turned into an MNIST digit, as LeCun, Cortes & Burges
//! prepared MNIST: grey, ink white on black, cropped, scaled into a 20-px box and centred by its
//! centre of mass in 28×28 (the last three are [`super::mnistify`], shared with the draw pad).
//!
//! The page decodes the file (the browser's decoder) and draws it at most [`RASTER_SIDE`] px on
//! its longer side; what comes here are its first bytes, to tell what it is and how big it claims
//! to be before anything is decoded, and then its RGBA pixels. Nothing here trusts either.

use serde::{Deserialize, Serialize};

use super::mnist::PIXELS;
use super::mnistify;

/// Pictures one lab takes at most.
pub const MAX_IMAGES: usize = 10_000;
/// Bytes of files one lab takes at most, all pictures together (10⁶-byte megabytes, as the page
/// gives sizes).
pub const MAX_TOTAL_BYTES: u64 = 50_000_000;
/// The page draws a picture at most this many pixels on its longer side before reading it: five
/// times the 20-px box, so a thin stroke survives, and at most 50 kB per picture to read.
pub const RASTER_SIDE: usize = 112;
/// A picture that claims more pixels than this is refused before it is decoded: a 24-megapixel
/// camera's photo passes, a "decompression bomb" of a few bytes that decodes to gigabytes not.
pub const MAX_SOURCE_PIXELS: u64 = 24_000_000;
/// Less contrast than this (of 1) between the background and the farthest pixel: a flat tone.
const MIN_CONTRAST: f32 = 0.1;
/// Pixels within this share of the contrast from the background are background: paper grain,
/// JPEG ringing and shadows stay out of the box and the centre of mass.
const FLOOR: f32 = 0.25;

/// Why a picture was not taken.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ImageProblem {
    /// Its first bytes are neither PNG's nor JPEG's signature.
    NotImage,
    /// A PNG or JPEG whose header cannot be read, or that the browser could not decode.
    Damaged,
    /// It claims more pixels than [`MAX_SOURCE_PIXELS`].
    TooLarge { width: u64, height: u64, max: u64 },
    /// One flat tone: nothing to tell ink from background.
    Blank,
    /// The lab already holds [`MAX_IMAGES`] pictures.
    TooMany { max: usize },
    /// Taking it would pass [`MAX_TOTAL_BYTES`] of files.
    OverTotal { bytes: u64, max: u64 },
    /// The pixels do not match the size they came with (only a broken page sends that).
    BadRaster {
        width: usize,
        height: usize,
        len: usize,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Png,
    Jpeg,
}

/// What a file is and the size it claims, from its first bytes, or why it is refused.
pub fn sniff(bytes: &[u8]) -> Result<(Format, u64, u64), ImageProblem> {
    let (format, width, height) = if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        let (w, h) = png_size(bytes).ok_or(ImageProblem::Damaged)?;
        (Format::Png, w, h)
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        let (w, h) = jpeg_size(bytes).ok_or(ImageProblem::Damaged)?;
        (Format::Jpeg, w, h)
    } else {
        return Err(ImageProblem::NotImage);
    };
    if width == 0 || height == 0 {
        return Err(ImageProblem::Damaged);
    }
    if width.saturating_mul(height) > MAX_SOURCE_PIXELS {
        return Err(ImageProblem::TooLarge {
            width,
            height,
            max: MAX_SOURCE_PIXELS,
        });
    }
    Ok((format, width, height))
}

fn be16(bytes: &[u8], at: usize) -> Option<u64> {
    let b = bytes.get(at..at + 2)?;
    Some(u64::from(u16::from_be_bytes([b[0], b[1]])))
}

fn be32(bytes: &[u8], at: usize) -> Option<u64> {
    let b = bytes.get(at..at + 4)?;
    Some(u64::from(u32::from_be_bytes([b[0], b[1], b[2], b[3]])))
}

/// The first chunk of a PNG is IHDR: width and height as big-endian u32 at bytes 16 and 20.
fn png_size(bytes: &[u8]) -> Option<(u64, u64)> {
    (bytes.get(12..16)? == b"IHDR").then_some(())?;
    Some((be32(bytes, 16)?, be32(bytes, 20)?))
}

/// Walks a JPEG's segments to its first start-of-frame marker (SOF0–SOF15 but DHT, JPG and DAC),
/// whose height and width sit 5 and 7 bytes after the marker (ITU T.81, B.2.2).
fn jpeg_size(bytes: &[u8]) -> Option<(u64, u64)> {
    let mut at = 2;
    loop {
        // Markers may be padded with any number of 0xFF.
        while *bytes.get(at)? == 0xFF && *bytes.get(at + 1)? == 0xFF {
            at += 1;
        }
        (*bytes.get(at)? == 0xFF).then_some(())?;
        let marker = *bytes.get(at + 1)?;
        match marker {
            0xC0..=0xCF if !matches!(marker, 0xC4 | 0xC8 | 0xCC) => {
                return Some((be16(bytes, at + 7)?, be16(bytes, at + 5)?));
            }
            // Markers without a length: TEM and the restart markers.
            0x01 | 0xD0..=0xD7 => at += 2,
            // Start of scan or end of image before any frame: no size.
            0xDA | 0xD9 => return None,
            _ => {
                let length = usize::try_from(be16(bytes, at + 2)?).ok()?;
                (length >= 2).then_some(())?;
                at += 2 + length;
            }
        }
    }
}

/// The size the page draws a decoded picture of `width` × `height` at before reading its pixels:
/// the longer side [`RASTER_SIDE`] at most, the aspect kept, neither side below 1 px.
pub fn raster_size(width: u32, height: u32) -> (usize, usize) {
    let (w, h) = (width.max(1) as usize, height.max(1) as usize);
    let long = w.max(h);
    if long <= RASTER_SIDE {
        return (w, h);
    }
    let fit = |side: usize| ((side * RASTER_SIDE + long / 2) / long).clamp(1, RASTER_SIDE);
    (fit(w), fit(h))
}

/// The picture as an MNIST digit, 784 bytes (0 = background, 255 = ink), or why not.
///
/// Transparent pixels are laid on the background that contrasts with what is painted (white
/// under dark strokes, black under light ones). The background is the median grey: most of a
/// picture of a digit is paper. The ink is the side of it that reaches farther (dark ink on
/// light paper is inverted, as MNIST's ink is white), stretched so the farthest pixel is full ink.
///
/// # Shapes
/// `rgba`: (height, width, 4) row-major, as `getImageData` gives it. Result: (28, 28).
pub fn prepare(rgba: &[u8], width: usize, height: usize) -> Result<Vec<u8>, ImageProblem> {
    let bad = || ImageProblem::BadRaster {
        width,
        height,
        len: rgba.len(),
    };
    let pixels = width.checked_mul(height).ok_or_else(bad)?;
    if width == 0 || height == 0 || width.max(height) > RASTER_SIDE || pixels * 4 != rgba.len() {
        return Err(bad());
    }
    let grey = grey(rgba).ok_or(ImageProblem::Blank)?;
    let ink = ink(&grey).ok_or(ImageProblem::Blank)?;
    match mnistify(&ink, width, height) {
        Ok(Some(digit)) => Ok(digit.iter().map(|&v| (v * 255.0).round() as u8).collect()),
        Ok(None) => Err(ImageProblem::Blank),
        Err(_) => Err(bad()),
    }
}

/// Rec. 601 luma in [0, 1], transparent pixels laid on the contrasting background; `None` when
/// nothing is painted at all.
fn grey(rgba: &[u8]) -> Option<Vec<f32>> {
    let luma = |p: &[u8]| {
        (0.299 * f32::from(p[0]) + 0.587 * f32::from(p[1]) + 0.114 * f32::from(p[2])) / 255.0
    };
    let (mut painted, mut weight) = (0.0f64, 0.0f64);
    for p in rgba.chunks_exact(4) {
        let a = f64::from(p[3]) / 255.0;
        painted += a * f64::from(luma(p));
        weight += a;
    }
    if weight == 0.0 {
        return None;
    }
    let under = if painted / weight < 0.5 { 1.0 } else { 0.0 };
    Some(
        rgba.chunks_exact(4)
            .map(|p| {
                let a = f32::from(p[3]) / 255.0;
                a * luma(p) + (1.0 - a) * under
            })
            .collect(),
    )
}

/// Ink in [0, 1] from grey: the side of the median background that reaches farther, stretched
/// and floored (see [`FLOOR`]); `None` for a flat tone.
fn ink(grey: &[f32]) -> Option<Vec<f32>> {
    let mut counts = [0usize; 256];
    for &g in grey {
        counts[(g.clamp(0.0, 1.0) * 255.0).round() as usize] += 1;
    }
    let half = grey.len() / 2;
    let mut seen = 0;
    let median = counts.iter().position(|&c| {
        seen += c;
        seen > half
    })?;
    let darkest = counts.iter().position(|&c| c > 0)?;
    let lightest = counts.iter().rposition(|&c| c > 0)?;
    let bg = median as f32 / 255.0;
    let (dark, light) = (bg - darkest as f32 / 255.0, lightest as f32 / 255.0 - bg);
    let (sign, contrast) = if dark >= light {
        (-1.0, dark)
    } else {
        (1.0, light)
    };
    if contrast < MIN_CONTRAST {
        return None;
    }
    Some(
        grey.iter()
            .map(|&g| ((sign * (g - bg) / contrast - FLOOR) / (1.0 - FLOOR)).clamp(0.0, 1.0))
            .collect(),
    )
}

/// A prepared set's digits, row-major (n, 784), checked: what arrives from the page.
pub fn check_digits(pixels: &[u8]) -> Result<usize, ImageProblem> {
    let n = pixels.len() / PIXELS;
    if !pixels.len().is_multiple_of(PIXELS) {
        return Err(ImageProblem::BadRaster {
            width: 28,
            height: 28,
            len: pixels.len(),
        });
    }
    if n > MAX_IMAGES {
        return Err(ImageProblem::TooMany { max: MAX_IMAGES });
    }
    Ok(n)
}

#[cfg(test)]
#[path = "own_images_tests.rs"]
mod tests;
