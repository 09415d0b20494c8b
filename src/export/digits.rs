//! The inputs built into a digit lab's script, so that it runs with nothing but its weights: a
//! few MNIST test digits, written as bytes 28 to a line so that each digit can be made out in the
//! source, and a way to draw images in characters.

use super::python::INDENT;
use crate::data::mnist::{COLS, PIXELS};
use crate::error::Error;

/// A few digits: (n, 784) bytes and their classes.
#[derive(Clone, Debug, PartialEq)]
pub struct Digits {
    pub labels: Vec<u8>,
    pub pixels: Vec<u8>,
}

impl Digits {
    pub fn new(labels: Vec<u8>, pixels: Vec<u8>) -> Result<Digits, Error> {
        if labels.is_empty() || pixels.len() != labels.len() * PIXELS {
            return Err(Error::ShapeMismatch {
                op: "Digits::new",
                lhs: vec![labels.len(), PIXELS],
                rhs: vec![pixels.len()],
            });
        }
        Ok(Digits { labels, pixels })
    }

    pub fn len(&self) -> usize {
        self.labels.len()
    }

    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
    }

    /// (n, 784) in [0, 1], as the lab reads the digits (`data::Mnist::images_into`) and as the
    /// script does.
    pub fn as_f32(&self) -> Vec<f32> {
        self.pixels.iter().map(|&p| f32::from(p) / 255.0).collect()
    }

    /// `LABELS` and `DIGITS` (n lists of 28 rows of 28 bytes) as Python.
    pub fn python(&self) -> String {
        let labels: Vec<String> = self.labels.iter().map(u8::to_string).collect();
        let mut out = format!(
            "# Test digits of MNIST (LeCun, Cortes & Burges; CC BY-SA 3.0): 28 rows of 28 pixels \
             from 0 to 255.\nLABELS = [{}]\nDIGITS = [\n",
            labels.join(", ")
        );
        for digit in self.pixels.chunks(PIXELS) {
            out += &format!("{INDENT}[\n");
            for row in digit.chunks(COLS) {
                let cells: Vec<String> = row.iter().map(|p| format!("{p:>3}")).collect();
                out += &format!("{INDENT}{INDENT}[{}],\n", cells.join(","));
            }
            out += &format!("{INDENT}],\n");
        }
        out + "]\n"
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_are_written_28_bytes_to_a_line_and_read_as_the_lab_reads_them() {
        let mut pixels = vec![0u8; 2 * PIXELS];
        pixels[PIXELS + 29] = 255;
        let digits = Digits::new(vec![3, 7], pixels).unwrap();
        let text = digits.python();
        assert!(text.contains("LABELS = [3, 7]\n"));
        // Row 1 of the second digit: 1 bright pixel at column 1.
        let row = format!("[  0,255,{}],", vec!["  0"; 26].join(","));
        assert!(text.contains(&row), "{text}");
        assert_eq!(text.matches("],\n").count(), 2 * 28 + 2);
        assert_eq!(digits.as_f32()[PIXELS + 29], 1.0);
        assert!(Digits::new(vec![1], vec![0; 10]).is_err());
    }

    #[test]
    fn mean_squared_errors_are_per_row() {
        // Row 0: errors 1 and 3 → (1 + 9) / 2; row 1: none.
        let e = mean_squared_errors(&[1.0, 3.0, 5.0, 5.0], &[0.0, 0.0, 5.0, 5.0], 2);
        assert_eq!(e, [5.0, 0.0]);
    }
}
