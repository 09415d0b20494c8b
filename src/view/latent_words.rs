//! The latent map in words, for its accessible name and the probe's readout: how many test
//! digits it holds and on which axes, and where the probe is, with the digit whose centre lies
//! nearest ("Latent space (1,000 test digits, PC1 × PC2); probe at (0.12, −0.40), nearest the
//! centre of the 7s"). The title may hold a colon of its own (the VAE's), so the counts go in
//! brackets. A sighted visitor reads off the colours which digit a point lies among;
//! the nearest centre (`view::latent_table`) says the same in words.

use crate::i18n::Msg;
use crate::view::format::{fill, group_thousands, matrix_entry};
use crate::view::latent_table::ClassRow;

/// The digit whose codes' centre lies nearest `p`; `None` on an empty map.
pub fn nearest_digit(rows: &[ClassRow], p: [f32; 2]) -> Option<u8> {
    let distance = |r: &ClassRow| (r.centre[0] - p[0]).powi(2) + (r.centre[1] - p[1]).powi(2);
    rows.iter()
        .filter(|r| distance(r).is_finite())
        .min_by(|a, b| distance(a).total_cmp(&distance(b)))
        .map(|r| r.digit)
}

/// "(0.12, −0.40), nearest the centre of the 7s": where the probe is, for the map's name and
/// the readout spoken when it moves.
pub fn probe_words(tr: &dyn Fn(Msg) -> &'static str, rows: &[ClassRow], p: [f32; 2]) -> String {
    let at = format!("({}, {})", matrix_entry(p[0]), matrix_entry(p[1]));
    match nearest_digit(rows, p) {
        Some(d) => fill(
            tr(Msg::LatentProbeNear),
            &[("at", &at), ("digit", &d.to_string())],
        ),
        None => at,
    }
}

/// The map's name: titled `title`, with axes `x` × `y`, the digits of `rows` and the probe.
pub fn map_name(
    tr: &dyn Fn(Msg) -> &'static str,
    title: &str,
    axes: (&str, &str),
    rows: &[ClassRow],
    probe: Option<[f32; 2]>,
) -> String {
    let count: usize = rows.iter().map(|r| r.count).sum();
    if count == 0 {
        return fill(tr(Msg::LatentMapEmpty), &[("title", title)]);
    }
    let probe = probe
        .filter(|p| p.iter().all(|v| v.is_finite()))
        .map(|p| {
            fill(
                tr(Msg::LatentMapProbe),
                &[("probe", &probe_words(tr, rows, p))],
            )
        })
        .unwrap_or_default();
    fill(
        tr(Msg::LatentMapName),
        &[
            ("title", title),
            ("count", &group_thousands(count as u64)),
            ("x", axes.0),
            ("y", axes.1),
            ("probe", &probe),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use crate::view::latent_table::class_rows;

    fn rows() -> Vec<ClassRow> {
        // 600 threes around (−1, 0), 400 sevens around (2, 1).
        let mut xy = vec![[-1.0, 0.0]; 600];
        xy.extend(vec![[2.0, 1.0]; 400]);
        let mut labels = vec![3u8; 600];
        labels.extend(vec![7u8; 400]);
        class_rows(&xy, &labels)
    }

    #[test]
    fn the_probe_is_placed_among_the_digit_whose_centre_is_nearest() {
        assert_eq!(nearest_digit(&rows(), [1.5, 0.5]), Some(7));
        assert_eq!(nearest_digit(&rows(), [-3.0, 2.0]), Some(3));
        assert_eq!(nearest_digit(&[], [0.0, 0.0]), None);
    }

    #[test]
    fn the_name_counts_the_digits_and_says_where_the_probe_is() {
        let tr = |m: Msg| m.get(Lang::En);
        let name = map_name(
            &tr,
            "Latent space",
            ("PC1", "PC2"),
            &rows(),
            Some([1.5, -0.4]),
        );
        assert_eq!(
            name,
            "Latent space (1,000 test digits, PC1 × PC2); probe at (1.50, −0.40), \
             nearest the centre of the 7s"
        );
        let bare = map_name(&tr, "Latent space", ("z1", "z2"), &rows(), None);
        assert_eq!(bare, "Latent space (1,000 test digits, z1 × z2)");
    }

    #[test]
    fn an_untrained_map_says_how_to_fill_it_in_either_language() {
        for lang in [Lang::En, Lang::Zh] {
            let tr = |m: Msg| m.get(lang);
            let name = map_name(&tr, "T", ("x", "y"), &[], Some([0.0, 0.0]));
            assert!(name.starts_with('T'), "{name}");
            assert!(!name.contains('{'), "{name}");
        }
    }

    #[test]
    fn the_chinese_name_keeps_chinese_punctuation() {
        let tr = |m: Msg| m.get(Lang::Zh);
        let name = map_name(&tr, "潜在空间", ("PC1", "PC2"), &rows(), Some([1.5, 0.5]));
        assert!(!name.contains(": ") && !name.contains("; "), "{name}");
        assert!(name.contains("1,000") && name.contains('7'), "{name}");
    }
}
