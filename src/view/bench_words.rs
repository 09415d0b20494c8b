//! A measurement in words, said when it ends: a sighted visitor sees the table fill in, a
//! screen reader hears the same figures once ("fastest 256×256×256, 41.2 GFLOP/s; slowest
//! 32×784×128, 12.5 GFLOP/s").

use crate::i18n::Msg;
use crate::view::format::{fill, group_thousands};

/// The fastest and the slowest of (label, GFLOP/s); `None` with nothing measured.
pub fn gemm_words(tr: &dyn Fn(Msg) -> &'static str, results: &[(&str, f64)]) -> Option<String> {
    let finite = || results.iter().filter(|(_, g)| g.is_finite());
    let fast = finite().max_by(|a, b| a.1.total_cmp(&b.1))?;
    let slow = finite().min_by(|a, b| a.1.total_cmp(&b.1))?;
    Some(fill(
        tr(Msg::PerfGemmWords),
        &[
            ("fast", fast.0),
            ("fast_gflops", &format!("{:.1}", fast.1)),
            ("slow", slow.0),
            ("slow_gflops", &format!("{:.1}", slow.1)),
        ],
    ))
}

/// Samples per second at each batch size, in the order measured; `None` with nothing measured.
pub fn train_words(tr: &dyn Fn(Msg) -> &'static str, results: &[(usize, f64)]) -> Option<String> {
    let each: Vec<String> = results
        .iter()
        .filter(|(_, rate)| rate.is_finite())
        .map(|(batch, rate)| {
            fill(
                tr(Msg::PerfTrainWords),
                &[
                    ("batch", &batch.to_string()),
                    ("rate", &group_thousands(rate.round() as u64)),
                ],
            )
        })
        .collect();
    (!each.is_empty()).then(|| each.join(tr(Msg::ChartSep)))
}

/// Whether a measurement that just ended brought new figures: the words now (`after`) against
/// the words when it started (`before`). A stopped re-run leaves the old figures, and the old
/// words with them; that is no result to announce.
pub fn fresh(before: &[String], after: &[String]) -> bool {
    !after.is_empty() && after != before
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn the_gemm_figure_is_said_by_its_fastest_and_slowest_shape() {
        let tr = |m: Msg| m.get(Lang::En);
        let said = gemm_words(&tr, &[("a", 12.54), ("b", 41.21), ("c", f64::NAN)]).unwrap();
        assert_eq!(said, "fastest b, 41.2 GFLOP/s; slowest a, 12.5 GFLOP/s");
        assert_eq!(gemm_words(&tr, &[]), None);
    }

    #[test]
    fn the_training_figure_is_said_batch_by_batch_in_either_language() {
        let en = train_words(&|m| m.get(Lang::En), &[(32, 23_989.4), (128, 29_114.0)]).unwrap();
        assert_eq!(
            en,
            "batch 32: 23,989 samples/s; batch 128: 29,114 samples/s"
        );
        let zh = train_words(&|m| m.get(Lang::Zh), &[(32, 23_989.4)]).unwrap();
        assert!(zh.contains("23,989") && !zh.contains(": "), "{zh}");
        assert_eq!(train_words(&|m| m.get(Lang::En), &[]), None);
    }

    #[test]
    fn only_new_figures_are_news() {
        let (a, b) = (vec!["a".to_string()], vec!["b".to_string()]);
        assert!(fresh(&[], &a));
        assert!(fresh(&a, &b));
        assert!(!fresh(&a, &a), "a stopped re-run");
        assert!(!fresh(&[], &[]), "stopped before any figure");
    }
}
