//! A lab's own pictures as the page holds them: the prepared digits (`data::own_images`), the
//! bytes of files taken so far, and each refused file by name with its reason, in words in
//! both languages. The page checks the limits before it reads a file; the worker counts again.
//! Also what the page makes of them: the status line, whether the "train on" choice is open,
//! and whether the model in the worker trains on another set than the page holds.

use crate::data::mnist::PIXELS;
use crate::data::own_images::{ImageProblem, MAX_IMAGES, MAX_TOTAL_BYTES};
use crate::i18n::Msg;
use crate::jobs::lab::config::DataMode;
use crate::jobs::lab::{held_out, LabSetup};
use crate::view::format::{fill, group_thousands, megabytes};

/// Digits the preview shows at most: four rows of eight.
pub const PREVIEW: usize = 32;
/// Refused files named one by one; the rest are counted.
pub const REFUSALS_NAMED: usize = 5;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct OwnImagesState {
    /// Prepared digits, (n, 784) bytes.
    pub digits: Vec<u8>,
    /// Bytes of the files taken, against `MAX_TOTAL_BYTES`.
    pub bytes: u64,
    /// Files not taken, by name, in the order they were picked.
    pub refused: Vec<(String, ImageProblem)>,
    /// (files read, files picked) while a pick is being read.
    pub reading: Option<(usize, usize)>,
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

    /// "37 images ready; 3 held out to test." (what the worker will hold out), or that there
    /// are none yet, in the language of `t`.
    pub fn status_text(&self, t: impl Fn(Msg) -> &'static str) -> String {
        let n = self.count();
        if n == 0 {
            return t(Msg::OwnNone).to_string();
        }
        fill(
            t(Msg::OwnReady),
            &[
                ("n", &group_thousands(n as u64)),
                ("held", &group_thousands(held_out(n) as u64)),
            ],
        )
    }

    /// "Reading 37 of 200…" while a pick is read.
    pub fn progress_text(&self, t: impl Fn(Msg) -> &'static str) -> Option<String> {
        let (done, total) = self.reading?;
        Some(fill(
            t(Msg::OwnReading),
            &[
                ("done", &group_thousands(done as u64 + 1)),
                ("total", &group_thousands(total as u64)),
            ],
        ))
    }

    /// The first [`REFUSALS_NAMED`] refusals, each with its file's name, and "…and N more".
    pub fn refusal_lines(&self, t: impl Fn(Msg) -> &'static str + Copy) -> Vec<String> {
        let mut lines: Vec<String> = self
            .refused
            .iter()
            .take(REFUSALS_NAMED)
            .map(|(name, p)| refusal_text(t, name, p))
            .collect();
        let more = self.refused.len().saturating_sub(REFUSALS_NAMED);
        if more > 0 {
            lines.push(fill(
                t(Msg::OwnMore),
                &[("n", &group_thousands(more as u64))],
            ));
        }
        lines
    }

    /// The digits the preview shows, 784 bytes each.
    pub fn preview(&self) -> Vec<Vec<u8>> {
        self.digits
            .chunks_exact(PIXELS)
            .take(PREVIEW)
            .map(<[u8]>::to_vec)
            .collect()
    }

    /// The preview's name for a screen reader: how many of how many it shows.
    pub fn preview_label(&self, t: impl Fn(Msg) -> &'static str) -> String {
        let n = self.count();
        fill(
            t(Msg::OwnPreviewLabel),
            &[
                ("shown", &n.min(PREVIEW).to_string()),
                ("n", &group_thousands(n as u64)),
            ],
        )
    }
}

/// The visitor's shown pictures over their reconstructions, two rows of `cols` images (784
/// bytes each; a row with fewer pictures is filled with black), or none while the model has no
/// reconstructions of them (a model of the digits alone, or summaries of another model).
pub fn own_rows(shown: &[u8], recon: &[u8], cols: usize) -> Vec<Vec<u8>> {
    if shown.is_empty() || shown.len() != recon.len() || shown.len() > cols * PIXELS {
        return Vec::new();
    }
    let row = |bytes: &[u8]| {
        let mut images: Vec<Vec<u8>> = bytes.chunks_exact(PIXELS).map(<[u8]>::to_vec).collect();
        images.resize(cols, vec![0; PIXELS]);
        images
    };
    let mut rows = row(shown);
    rows.extend(row(recon));
    rows
}

/// Whether `option` of the "train on" choice can be picked: the digits always, the pictures
/// once there are some. A choice of pictures that came with a link stays shown, so the visitor
/// sees it and can choose the digits instead.
pub fn option_open(option: DataMode, count: usize) -> bool {
    option == DataMode::Digits || count > 0
}

/// What to say under the "train on" choice: that a choice of pictures without any trains on
/// the digits (the worker does so, see `jobs::lab::own`), or how to use pictures that are there.
pub fn mix_note(mode: DataMode, count: usize) -> Option<Msg> {
    match (mode, count) {
        (DataMode::Digits, 0) => None,
        (DataMode::Digits, _) => Some(Msg::OwnModeHint),
        (_, 0) => Some(Msg::OwnModeNoImages),
        _ => None,
    }
}

/// The choice after the pictures are forgotten: the digits, whatever it was.
pub fn mode_after_clear(_: DataMode) -> DataMode {
    DataMode::Digits
}

/// Whether the model in the worker trains on another set of pictures than the page holds: it
/// was built for pictures (`model_mode`) and counted another number of them (`setup`), so a new
/// model is needed for the page's set to count.
pub fn model_stale(model_mode: DataMode, setup: Option<&LabSetup>, count: usize) -> bool {
    let Some(setup) = setup else {
        return false;
    };
    let used = setup.own_train as usize + setup.own_test as usize;
    model_mode != DataMode::Digits && used != count
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
        // A single picture is its own test: none held out.
        assert_eq!(
            s.status_text(|m| m.get(Lang::En)),
            "1 images ready; 0 held out to test."
        );
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

    #[test]
    fn should_say_how_many_are_held_out_as_the_worker_holds_them_out() {
        let mut s = OwnImagesState::default();
        assert_eq!(
            s.status_text(|m| m.get(Lang::En)),
            "No images yet: they will appear here as the model sees them."
        );
        // 37 pictures: a tenth, 3, held out (`jobs::lab::own`).
        s.digits = vec![0; 37 * PIXELS];
        assert_eq!(
            s.status_text(|m| m.get(Lang::En)),
            "37 images ready; 3 held out to test."
        );
        assert_eq!(
            s.status_text(|m| m.get(Lang::Zh)),
            "37 张图片已就绪；留出 3 张用于测试。"
        );
        assert_eq!(s.preview().len(), 32);
        assert_eq!(
            s.preview_label(|m| m.get(Lang::En)),
            "The first 32 of your 37 images, as the model sees them"
        );
        s.reading = Some((36, 200));
        assert_eq!(
            s.progress_text(|m| m.get(Lang::En)).as_deref(),
            Some("Reading 37 of 200…")
        );
    }

    #[test]
    fn should_name_the_first_refusals_and_count_the_rest() {
        let mut s = OwnImagesState::default();
        for i in 0..7 {
            s.prepared(&format!("f{i}.png"), Err(ImageProblem::Blank));
        }
        let lines = s.refusal_lines(|m| m.get(Lang::En));
        assert_eq!(lines.len(), REFUSALS_NAMED + 1);
        assert!(lines[0].starts_with("f0.png: the picture is one flat tone"));
        assert_eq!(lines[REFUSALS_NAMED], "…and 2 more.");
        assert_eq!(
            s.refusal_lines(|m| m.get(Lang::Zh))[REFUSALS_NAMED],
            "……另有 2 个。"
        );
    }

    #[test]
    fn should_open_the_choice_with_pictures_and_explain_a_choice_without_any() {
        assert!(option_open(DataMode::Digits, 0));
        assert!(!option_open(DataMode::Own, 0));
        assert!(!option_open(DataMode::Mixed, 0));
        assert!(option_open(DataMode::Own, 3));
        assert!(option_open(DataMode::Mixed, 3));
        // A link asked for pictures the page does not have: it says so.
        assert_eq!(mix_note(DataMode::Own, 0), Some(Msg::OwnModeNoImages));
        assert_eq!(mix_note(DataMode::Mixed, 0), Some(Msg::OwnModeNoImages));
        assert_eq!(mix_note(DataMode::Digits, 3), Some(Msg::OwnModeHint));
        assert_eq!(mix_note(DataMode::Own, 3), None);
        assert_eq!(mix_note(DataMode::Digits, 0), None);
        for mode in [DataMode::Digits, DataMode::Own, DataMode::Mixed] {
            assert_eq!(mode_after_clear(mode), DataMode::Digits);
        }
    }

    #[test]
    fn should_call_a_model_stale_when_it_trains_on_another_set_than_the_page_holds() {
        let setup = |own_train, own_test| LabSetup {
            latent_width: 2,
            params: 0,
            has_prior: false,
            shown: Vec::new(),
            gallery: Vec::new(),
            test_labels: Vec::new(),
            own_train,
            own_test,
            own_shown: Vec::new(),
        };
        // Built on 6 pictures (5 + 1 held out), the page still holds 6.
        assert!(!model_stale(DataMode::Own, Some(&setup(5, 1)), 6));
        // Two more were added; or all were forgotten.
        assert!(model_stale(DataMode::Own, Some(&setup(5, 1)), 8));
        assert!(model_stale(DataMode::Mixed, Some(&setup(5, 1)), 0));
        // A model of the digits alone does not care, nor one not built yet.
        assert!(!model_stale(DataMode::Digits, Some(&setup(0, 0)), 8));
        assert!(!model_stale(DataMode::Own, None, 8));
    }

    #[test]
    fn should_lay_the_own_pictures_over_their_reconstructions_in_full_rows() {
        // 3 pictures in rows of 8: 5 black fillers after each row's 3.
        let rows = own_rows(&vec![9; 3 * PIXELS], &vec![7; 3 * PIXELS], 8);
        assert_eq!(rows.len(), 16);
        assert_eq!(rows[2][0], 9);
        assert_eq!(rows[3], vec![0; PIXELS]);
        assert_eq!(rows[8][0], 7);
        // Reconstructions of another set (a summary of an older model): nothing.
        assert!(own_rows(&vec![9; 3 * PIXELS], &vec![7; 2 * PIXELS], 8).is_empty());
        assert!(own_rows(&[], &[], 8).is_empty());
    }
}
