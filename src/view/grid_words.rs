//! A grid of digit images in words, for its accessible name: what the images are, how many,
//! and from which step's model ("Reconstructions: 8 test digits, each above the model's
//! rebuild of it at step 1,200"). The images themselves cannot be put in words; what they were
//! made from can.

use crate::i18n::Msg;
use crate::view::format::{fill, group_thousands};

/// What a grid holds.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum GridWords {
    /// Test digits over their reconstructions: `count` pairs.
    Recon,
    /// The visitor's pictures over their reconstructions.
    OwnRecon,
    /// Decodes of points spread over the latent map.
    Manifold,
    /// Decodes of codes drawn from the prior.
    Samples,
    /// Decodes along the line between two gallery digits.
    Interpolation { from: u8, to: u8 },
}

impl GridWords {
    /// The name of a grid titled `what` that holds `count` images (pairs, for reconstructions)
    /// from the model at `step`.
    pub fn name(
        self,
        tr: &dyn Fn(Msg) -> &'static str,
        what: &str,
        count: usize,
        step: u64,
    ) -> String {
        if count == 0 {
            return fill(tr(Msg::GridNothing), &[("what", what)]);
        }
        let msg = match self {
            GridWords::Recon => Msg::GridRecon,
            GridWords::OwnRecon => Msg::GridOwnRecon,
            GridWords::Manifold => Msg::GridManifold,
            GridWords::Samples => Msg::GridSamples,
            GridWords::Interpolation { .. } => Msg::GridInterpolation,
        };
        let (from, to) = match self {
            GridWords::Interpolation { from, to } => (from.to_string(), to.to_string()),
            _ => (String::new(), String::new()),
        };
        fill(
            tr(msg),
            &[
                ("what", what),
                ("count", &count.to_string()),
                ("step", &group_thousands(step)),
                ("from", &from),
                ("to", &to),
            ],
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    const ALL: [GridWords; 5] = [
        GridWords::Recon,
        GridWords::OwnRecon,
        GridWords::Manifold,
        GridWords::Samples,
        GridWords::Interpolation { from: 1, to: 7 },
    ];

    #[test]
    fn every_grid_names_its_count_and_step_in_either_language() {
        for lang in [Lang::En, Lang::Zh] {
            let tr = |m: Msg| m.get(lang);
            for words in ALL {
                let name = words.name(&tr, "Samples", 16, 1_200);
                assert!(name.starts_with("Samples"), "{name}");
                assert!(name.contains("16") && name.contains("1,200"), "{name}");
                assert!(!name.contains('{'), "a placeholder left: {name}");
            }
        }
        let en = |m: Msg| m.get(Lang::En);
        assert_eq!(
            GridWords::Interpolation { from: 1, to: 7 }.name(&en, "Interpolation", 10, 40),
            "Interpolation: 10 images decoded along the line from digit 1 to digit 7, at step 40"
        );
    }

    #[test]
    fn an_empty_grid_says_so() {
        let zh = |m: Msg| m.get(Lang::Zh);
        assert_eq!(GridWords::Samples.name(&zh, "样本", 0, 5), "样本：尚无内容");
    }
}
