//! Lines labelled where they end, as Distill's figures and Transformer Explainer do, instead of
//! in a legend the eye has to go back and forth to: each label sits in a margin right of the
//! plot, at the height of its line's last point, nudged apart from its neighbours.
//!
//! Where the labels would crowd the plot (a narrow chart with long names) the chart keeps its
//! legend; [`margin`] decides, from the labels alone, so the choice does not flip as points
//! arrive and the page does not jump.

use super::chart_style::{LINE_LABEL_GAP_PX, LINE_LABEL_MARK_PX};

/// Room before a label for its line's mark, and after it before the card's edge (CSS px).
const MARK_ROOM: f64 = LINE_LABEL_GAP_PX + LINE_LABEL_MARK_PX;
const END_PAD: f64 = 4.0;
/// A label margin may take at most this share of the chart's width.
const MAX_SHARE: f64 = 0.3;

/// About how wide `text` is in the page's sans-serif at `px` (measuring it in the page
/// would take an inline style, which the Content-Security-Policy forbids): a CJK character
/// is 1 em, a capital or wide letter about 0.7, a narrow one 0.3, others 0.56. It errs wide.
pub fn text_width(text: &str, px: f64) -> f64 {
    let ems: f64 =
        text.chars()
            .map(|c| match c {
                c if (c as u32) >= 0x2E80 => 1.0,
                'i' | 'l' | 'j' | 't' | 'f' | 'r' | '.' | ',' | ':' | ';' | '\'' | '|' | '!'
                | ' ' => 0.3,
                'm' | 'w' | 'M' | 'W' => 0.85,
                c if c.is_uppercase() => 0.7,
                _ => 0.56,
            })
            .sum();
    ems * px
}

/// The right margin (CSS px) that labels of these widths need, or `None` when the chart is
/// too narrow for them and keeps its legend.
pub fn margin(label_widths: &[f64], chart_w: f64) -> Option<f64> {
    let widest = label_widths.iter().copied().fold(0.0, f64::max);
    if label_widths.is_empty() || widest <= 0.0 {
        return None;
    }
    let room = MARK_ROOM + widest + END_PAD;
    (room <= MAX_SHARE * chart_w).then_some(room)
}

/// Where each label's centre goes: as near to `wanted` (its line's end, in pixels, down from
/// the top) as it can be while every two labels stay `gap` apart and all stay in `lo..=hi`.
/// The order of the labels is kept, so a label never crosses to the wrong side of a line.
pub fn spread(wanted: &[f64], gap: f64, lo: f64, hi: f64) -> Vec<f64> {
    let mut order: Vec<usize> = (0..wanted.len()).collect();
    order.sort_by(|&a, &b| wanted[a].total_cmp(&wanted[b]));
    // Down the column: each label at least `gap` below the one above it.
    let mut placed: Vec<f64> = Vec::with_capacity(order.len());
    for &i in &order {
        let floor = placed.last().map_or(lo, |&above| above + gap);
        placed.push(wanted[i].clamp(lo, hi).max(floor));
    }
    // Back up the column: whatever ran past the bottom moves up, pushing its neighbours.
    let mut ceiling = hi;
    for y in placed.iter_mut().rev() {
        *y = y.min(ceiling);
        ceiling = *y - gap;
    }
    // Too many labels for the height: the top ones stay in, the rest overlap at the bottom.
    let mut floor = lo;
    for y in &mut placed {
        *y = y.max(floor);
        floor = *y + gap;
    }
    let mut out = vec![0.0; wanted.len()];
    for (&i, y) in order.iter().zip(placed) {
        out[i] = y;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_that_do_not_touch_stay_at_their_lines() {
        assert_eq!(spread(&[40.0, 90.0], 14.0, 0.0, 200.0), vec![40.0, 90.0]);
    }

    #[test]
    fn labels_at_one_height_move_apart_and_keep_their_order() {
        // Train and test ending together: the one drawn lower stays lower.
        let ys = spread(&[101.0, 100.0], 14.0, 0.0, 200.0);
        assert!(ys[0] > ys[1], "{ys:?}");
        assert!((ys[0] - ys[1] - 14.0).abs() < 1e-9, "{ys:?}");
    }

    #[test]
    fn labels_at_the_bottom_edge_move_up_into_the_plot() {
        // Two losses that both fell to the floor of the axis.
        let ys = spread(&[199.0, 200.0], 14.0, 0.0, 200.0);
        assert_eq!(ys, vec![186.0, 200.0]);
        let ys = spread(&[-5.0, 3.0], 14.0, 0.0, 200.0);
        assert_eq!(ys, vec![0.0, 14.0]);
    }

    #[test]
    fn every_two_labels_stay_a_gap_apart_when_the_height_allows() {
        let wanted = [50.0, 52.0, 49.0, 51.0, 180.0];
        let ys = spread(&wanted, 12.0, 0.0, 100.0);
        let mut sorted = ys.clone();
        sorted.sort_by(f64::total_cmp);
        for pair in sorted.windows(2) {
            assert!(pair[1] - pair[0] >= 12.0 - 1e-9, "{ys:?}");
        }
        assert!(ys.iter().all(|&y| (0.0..=100.0).contains(&y)), "{ys:?}");
    }

    #[test]
    fn text_width_counts_chinese_characters_as_wider_than_latin_letters() {
        assert!((text_width("训练", 12.0) - 24.0).abs() < 1e-9);
        let train = text_width("train", 12.0);
        assert!((24.0..34.0).contains(&train), "{train}");
        assert!(text_width("Reconstruction · train", 12.0) > 100.0);
    }

    #[test]
    fn short_labels_on_a_wide_chart_go_beside_it_and_long_ones_on_a_narrow_chart_do_not() {
        // "train" and "test" on a 280 px chart: a margin of about a fifth.
        let m = margin(&[32.0, 26.0], 280.0).expect("room for two short labels");
        assert!((m - (MARK_ROOM + 32.0 + END_PAD)).abs() < 1e-9, "{m}");
        assert!(m < 0.25 * 280.0, "{m}");
        // "Reconstruction · train" would take half of it.
        assert_eq!(margin(&[140.0], 280.0), None);
        assert_eq!(margin(&[], 280.0), None);
    }
}
