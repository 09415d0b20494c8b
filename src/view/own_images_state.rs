//! A lab's own pictures as the page holds them: the prepared digits (`data::own_images`), the
//! bytes of files taken so far, and each refused file by name with its reason, in words in
//! both languages. The page checks the limits before it reads a file; the worker counts again.

use crate::data::mnist::PIXELS;
use crate::data::own_images::{ImageProblem, MAX_IMAGES, MAX_TOTAL_BYTES};
use crate::i18n::Msg;
use crate::view::format::{fill, group_thousands, megabytes};

#[derive(Clone, Debug, Default, PartialEq)]
pub struct OwnImagesState {
    /// Prepared digits, (n, 784) bytes.
    pub digits: Vec<u8>,
    /// Bytes of the files taken, against `MAX_TOTAL_BYTES`.
    pub bytes: u64,
    /// Files not taken, by name, in the order they were picked.
    pub refused: Vec<(String, ImageProblem)>,
}

impl OwnImagesState {
    pub fn count(&self) -> usize {
        self.digits.len() / PIXELS
    }

    /// Whether a file of `size` bytes may be read: refused (and noted) past the limits.
    pub fn admit(&mut self, name: &str, size: u64) -> bool {
        let problem = if self.count() >= MAX_IMAGES {
            ImageProblem::TooMany { max: MAX_IMAGES }
        } else if self.bytes.saturating_add(size) > MAX_TOTAL_BYTES {
            ImageProblem::OverTotal {
                bytes: self.bytes.saturating_add(size),
                max: MAX_TOTAL_BYTES,
            }
        } else {
            self.bytes += size;
            return true;
        };
        self.refused.push((name.to_string(), problem));
        false
    }

    /// What became of an admitted file: its digit, or why not.
    pub fn prepared(&mut self, name: &str, digit: Result<Vec<u8>, ImageProblem>) {
        match digit {
            Ok(d) if d.len() == PIXELS => self.digits.extend_from_slice(&d),
            Ok(d) => self.refused.push((
                name.to_string(),
                ImageProblem::BadRaster {
                    width: 28,
                    height: 28,
                    len: d.len(),
                },
            )),
            Err(e) => self.refused.push((name.to_string(), e)),
        }
    }

    pub fn clear(&mut self) {
        *self = OwnImagesState::default();
    }

    /// "37 images ready", in the language of `t`.
    pub fn status_text(&self, t: impl Fn(Msg) -> &'static str) -> String {
        fill(
            t(Msg::OwnReady),
            &[("n", &group_thousands(self.count() as u64))],
        )
    }
}

/// Why `name` was not taken, in the language of `t`.
pub fn refusal_text(t: impl Fn(Msg) -> &'static str, name: &str, p: &ImageProblem) -> String {
    let reason = match p {
        ImageProblem::NotImage => t(Msg::OwnNotImage).to_string(),
        ImageProblem::Damaged => t(Msg::OwnDamaged).to_string(),
        ImageProblem::TooLarge { width, height, max } => fill(
            t(Msg::OwnTooLarge),
            &[
                ("size", &format!("{width}×{height}")),
                ("max", &group_thousands(*max)),
            ],
        ),
        ImageProblem::Blank => t(Msg::OwnBlank).to_string(),
        ImageProblem::TooMany { max } => fill(
            t(Msg::OwnTooMany),
            &[("max", &group_thousands(*max as u64))],
        ),
        ImageProblem::OverTotal { bytes, max } => fill(
            t(Msg::OwnOverTotal),
            &[("size", &megabytes(*bytes)), ("max", &megabytes(*max))],
        ),
        ImageProblem::BadRaster { .. } => t(Msg::OwnDamaged).to_string(),
    };
    format!("{name}: {reason}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn should_count_what_was_taken_and_name_what_was_not() {
        let mut s = OwnImagesState::default();
        assert!(s.admit("a.png", 1000));
        s.prepared("a.png", Ok(vec![0; PIXELS]));
        assert!(s.admit("x.png", 10));
        s.prepared("x.png", Err(ImageProblem::NotImage));
        assert_eq!(s.count(), 1);
        assert_eq!(s.status_text(|m| m.get(Lang::En)), "1 images ready");
        let (name, p) = &s.refused[0];
        assert_eq!(
            refusal_text(|m| m.get(Lang::En), name, p),
            "x.png: not a PNG or JPEG picture."
        );
        assert_eq!(
            refusal_text(|m| m.get(Lang::Zh), name, p),
            "x.png: 不是 PNG 或 JPEG 图片。"
        );
    }

    #[test]
    fn should_refuse_files_past_the_total_size_naming_the_limit() {
        let mut s = OwnImagesState::default();
        assert!(s.admit("big.png", 30_000_000));
        assert!(!s.admit("bigger.png", 21_000_000));
        assert_eq!(s.bytes, 30_000_000);
        let (name, p) = &s.refused[0];
        assert_eq!(
            refusal_text(|m| m.get(Lang::En), name, p),
            "bigger.png: together with the pictures taken this makes 51.0 MB, more than the 50.0 MB allowed."
        );
        s.clear();
        assert_eq!(s, OwnImagesState::default());
    }

    #[test]
    fn should_refuse_a_picture_past_the_count() {
        let mut s = OwnImagesState {
            digits: vec![0; MAX_IMAGES * PIXELS],
            ..OwnImagesState::default()
        };
        assert!(!s.admit("one-more.png", 1));
        assert_eq!(s.refused[0].1, ImageProblem::TooMany { max: MAX_IMAGES });
    }
}
