//! The numbers beside the self-attention chapter's heatmaps: how spread out a head's weights
//! are (mean row entropy, in nats, against the most it could be) and how spread out a matrix's
//! entries are (their standard deviation).
//!
//! Entropy H(p) = −Σ p ln p of one query's weights is ln n when it attends to its n keys
//! equally and 0 when it attends to one (Shannon, 1948).

pub use crate::explain::mean_entropy;
use crate::explain::Matrix;

/// The mean row entropy of uniform weights over a `rows` × `cols` map: ln cols per row, or,
/// under a causal mask, ln(i + 1) for row i, which sees only keys 0..=i.
pub fn uniform_entropy(rows: usize, cols: usize, causal: bool) -> f32 {
    let total: f32 = (0..rows)
        .map(|r| if causal { (r + 1).min(cols) } else { cols } as f32)
        .map(|n| n.max(1.0).ln())
        .sum();
    total / rows.max(1) as f32
}

/// The population standard deviation of the matrix's entries; 0 for an empty one.
pub fn spread(m: &Matrix) -> f32 {
    let n = m.data.len().max(1) as f32;
    let mean = m.data.iter().sum::<f32>() / n;
    (m.data.iter().map(|v| (v - mean).powi(2)).sum::<f32>() / n).sqrt()
}

/// What the figures show after the input changed: its walkthrough (`fresh`); while the worker
/// has not answered for it yet (`waiting`), what they showed before, so typing does not flash
/// them empty; once it is refused, nothing, so the figures never show a sentence other than
/// the one the refusal is about.
pub fn shown_after<T>(before: Option<T>, fresh: Option<T>, waiting: bool) -> Option<T> {
    match fresh {
        Some(now) => Some(now),
        None if waiting => before,
        None => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refused_input_clears_the_figures_and_a_pending_one_keeps_them() {
        assert_eq!(shown_after(Some("old"), Some("new"), false), Some("new"));
        // 13 words, or nothing: refused, and the old sentence's figures go.
        assert_eq!(shown_after(Some("old"), None, false), None);
        // Waiting for the worker's answer: the old figures stay until it comes.
        assert_eq!(shown_after(Some("old"), None, true), Some("old"));
    }

    fn matrix(rows: usize, cols: usize, data: &[f32]) -> Matrix {
        Matrix {
            rows,
            cols,
            data: data.to_vec(),
        }
    }

    fn close(a: f32, b: f32) -> bool {
        (a - b).abs() < 1e-6
    }

    #[test]
    fn uniform_weights_reach_the_uniform_entropy() {
        // Two rows of four equal weights: ln 4 each.
        let w = matrix(2, 4, &[0.25; 8]);
        assert!(close(mean_entropy(&w), 4f32.ln()));
        assert!(close(uniform_entropy(2, 4, false), 4f32.ln()));
    }

    #[test]
    fn one_hot_rows_have_no_entropy() {
        let w = matrix(2, 2, &[1.0, 0.0, 0.0, 1.0]);
        assert_eq!(mean_entropy(&w), 0.0);
    }

    #[test]
    fn causal_uniform_entropy_averages_ln_of_the_visible_keys() {
        // Rows see 1, 2, 3 keys: (ln 1 + ln 2 + ln 3) / 3 = ln 6 / 3.
        assert!(close(uniform_entropy(3, 3, true), 6f32.ln() / 3.0));
        // A causal row never sees more keys than there are.
        assert!(close(uniform_entropy(4, 2, true), (2f32.ln() * 3.0) / 4.0));
    }

    #[test]
    fn a_causal_uniform_map_meets_its_bound() {
        // Row i spreads over keys 0..=i equally.
        let w = matrix(
            3,
            3,
            &[
                1.0,
                0.0,
                0.0,
                0.5,
                0.5,
                0.0,
                1.0 / 3.0,
                1.0 / 3.0,
                1.0 / 3.0,
            ],
        );
        assert!(close(mean_entropy(&w), uniform_entropy(3, 3, true)));
    }

    #[test]
    fn an_empty_map_has_zero_entropy_bound() {
        assert_eq!(uniform_entropy(0, 5, false), 0.0);
    }

    #[test]
    fn spread_is_the_population_standard_deviation() {
        // Mean 5, squared deviations 9 + 1 + 1 + 9 = 20 over 4: √5.
        assert!(close(
            spread(&matrix(2, 2, &[2.0, 4.0, 6.0, 8.0])),
            5f32.sqrt()
        ));
        assert_eq!(spread(&matrix(1, 3, &[7.0; 3])), 0.0);
        assert_eq!(spread(&matrix(0, 0, &[])), 0.0);
    }
}
