//! The inputs built into a digit lab's script, so that it runs with nothing but its weights: a
//! few MNIST test digits, written as bytes 28 to a line so that each digit can be made out in the
//! source, and a way to draw images in characters.

use super::python::INDENT;
use crate::data::mnist::{COLS, PIXELS};
use crate::error::Error;
use crate::experiments::Digits;

/// `LABELS` and `DIGITS` (n lists of 28 rows of 28 bytes) as Python. The script reads a pixel
/// as byte / 255, as the lab does (`data::Mnist::images_into`), so every pixel of `digits` must
/// be such a value: anything else would give the script other inputs than gradlab's.
pub fn python(digits: &Digits) -> Result<String, Error> {
    if digits.images.len() != digits.len() * PIXELS {
        return Err(Error::ShapeMismatch {
            op: "digits::python",
            lhs: vec![digits.len(), PIXELS],
            rhs: vec![digits.images.len()],
        });
    }
    let bytes = digits
        .images
        .iter()
        .map(|&v| {
            let byte = (v * 255.0).round().clamp(0.0, 255.0) as u8;
            if f32::from(byte) / 255.0 == v {
                Ok(byte)
            } else {
                Err(Error::InvalidConfig {
                    field: "digits",
                    detail: format!("the pixel {v} is not a byte / 255"),
                })
            }
        })
        .collect::<Result<Vec<u8>, Error>>()?;
    let labels: Vec<String> = digits.labels.iter().map(usize::to_string).collect();
    let mut out = format!(
        "# Test digits of MNIST (LeCun, Cortes & Burges; CC BY-SA 3.0): 28 rows of 28 pixels \
         from 0 to 255.\nLABELS = [{}]\nDIGITS = [\n",
        labels.join(", ")
    );
    for digit in bytes.chunks(PIXELS) {
        out += &format!("{INDENT}[\n");
        for row in digit.chunks(COLS) {
            let cells: Vec<String> = row.iter().map(|p| format!("{p:>3}")).collect();
            out += &format!("{INDENT}{INDENT}[{}],\n", cells.join(","));
        }
        out += &format!("{INDENT}],\n");
    }
    Ok(out + "]\n")
}

/// `picture(images)`: images of 28×28 values in [0, 1], side by side, in characters from light
/// to dark.
pub const PICTURE: &str = r#"
SHADES = " .:-=+*#%@"


def picture(images, side=28):
    """Images (lists of side * side values in [0, 1]) side by side, in characters."""
    lines = []
    for row in range(side):
        cells = []
        for image in images:
            values = image[row * side:(row + 1) * side]
            cells.append("".join(SHADES[min(max(int(v * len(SHADES)), 0), len(SHADES) - 1)] for v in values))
        lines.append("  ".join(cells))
    return "\n".join(lines)
"#;

/// The mean squared error of each row of `images` against the same row of `x`, summed in f64
/// so that it is the exact mean rounded once, whatever order PyTorch sums in.
pub fn mean_squared_errors(images: &[f32], x: &[f32], width: usize) -> Vec<f32> {
    images
        .chunks(width.max(1))
        .zip(x.chunks(width.max(1)))
        .map(|(r, x)| {
            let sum: f64 = r
                .iter()
                .zip(x)
                .map(|(&r, &x)| f64::from(r - x).powi(2))
                .sum();
            (sum / r.len() as f64) as f32
        })
        .collect()
}

/// Test inputs: `labels.len()` digits whose pixels are `(i · step) mod 256` / 255.
#[cfg(test)]
pub(crate) fn patterned(labels: &[usize], step: usize) -> Digits {
    Digits {
        images: (0..labels.len() * PIXELS)
            .map(|i| f32::from((i * step % 256) as u8) / 255.0)
            .collect(),
        labels: labels.to_vec(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_are_written_28_bytes_to_a_line() {
        let mut images = vec![0.0; 2 * PIXELS];
        images[PIXELS + 29] = 1.0;
        let digits = Digits {
            images,
            labels: vec![3, 7],
        };
        let text = python(&digits).unwrap();
        assert!(text.contains("LABELS = [3, 7]\n"));
        // Row 1 of the second digit: 1 bright pixel at column 1.
        let row = format!("[  0,255,{}],", vec!["  0"; 26].join(","));
        assert!(text.contains(&row), "{text}");
        assert_eq!(text.matches("],\n").count(), 2 * 28 + 2);
    }

    #[test]
    fn a_pixel_that_is_not_a_byte_is_refused_rather_than_rounded() {
        let mut digits = patterned(&[1], 3);
        assert!(python(&digits).is_ok());
        digits.images[5] = 0.5;
        assert!(matches!(
            python(&digits),
            Err(Error::InvalidConfig {
                field: "digits",
                ..
            })
        ));
        digits.images.pop();
        assert!(matches!(python(&digits), Err(Error::ShapeMismatch { .. })));
    }

    #[test]
    fn mean_squared_errors_are_per_row() {
        // Row 0: errors 1 and 3 → (1 + 9) / 2; row 1: none.
        let e = mean_squared_errors(&[1.0, 3.0, 5.0, 5.0], &[0.0, 0.0, 5.0, 5.0], 2);
        assert_eq!(e, [5.0, 0.0]);
    }
}
