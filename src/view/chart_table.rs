//! A line chart as a table, one key press away (the chart's "Show as table"): a row per x,
//! a column per labelled series, so a screen reader or a keyboard user reads the same numbers
//! a sighted visitor reads off the lines. Long histories are thinned to `max_rows` evenly
//! spaced rows, the first and the last always kept.

use crate::view::chart_words::x_text;
use crate::view::format::format_loss;

/// The table: the x values as they read, and each row's cells in series order ("–" where a
/// series has no finite point at that x).
#[derive(Clone, Debug, PartialEq)]
pub struct ChartTable {
    pub rows: Vec<(String, Vec<String>)>,
    /// Rows before thinning: when more than shown, the page says so.
    pub total: usize,
}

/// `series` are (label, points); unlabelled series (guides, fits) are left out, as in the
/// legend.
pub fn chart_table(series: &[(&str, &[(f64, f64)])], max_rows: usize) -> ChartTable {
    let labelled: Vec<&[(f64, f64)]> = series
        .iter()
        .filter(|(label, _)| !label.is_empty())
        .map(|(_, points)| *points)
        .collect();
    let mut xs: Vec<f64> = labelled
        .iter()
        .flat_map(|p| {
            p.iter()
                .filter(|(x, y)| x.is_finite() && y.is_finite())
                .map(|(x, _)| *x)
        })
        .collect();
    xs.sort_by(f64::total_cmp);
    xs.dedup();
    let total = xs.len();
    let shown: Vec<f64> = if total <= max_rows || max_rows < 2 {
        xs
    } else {
        // Evenly spaced indices from the first to the last.
        (0..max_rows)
            .map(|i| xs[i * (total - 1) / (max_rows - 1)])
            .collect()
    };
    let rows = shown
        .into_iter()
        .map(|x| {
            let cells = labelled
                .iter()
                .map(|points| {
                    points
                        .iter()
                        .rev()
                        .find(|(px, py)| *px == x && py.is_finite())
                        .map_or("–".to_string(), |(_, y)| format_loss(*y as f32))
                })
                .collect();
            (x_text(x), cells)
        })
        .collect();
    ChartTable { rows, total }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_join_the_series_on_x_and_leave_gaps_marked() {
        let train = [(0.0, 0.2), (100.0, 0.05), (200.0, 0.041)];
        let test = [(0.0, 0.21), (200.0, 0.043), (300.0, f64::NAN)];
        let series: [(&str, &[(f64, f64)]); 3] = [("train", &train), ("test", &test), ("", &train)];
        let t = chart_table(&series, 50);
        assert_eq!(t.total, 3, "the NaN at 300 makes no row");
        assert_eq!(
            t.rows,
            vec![
                (
                    "0".to_string(),
                    vec!["0.2000".to_string(), "0.2100".to_string()]
                ),
                (
                    "100".to_string(),
                    vec!["0.05000".to_string(), "–".to_string()]
                ),
                (
                    "200".to_string(),
                    vec!["0.04100".to_string(), "0.04300".to_string()]
                ),
            ]
        );
    }

    #[test]
    fn a_long_history_is_thinned_evenly_keeping_both_ends() {
        let points: Vec<(f64, f64)> = (0..1000)
            .map(|i| (f64::from(i), 1.0 / f64::from(i + 1)))
            .collect();
        let t = chart_table(&[("loss", &points)], 11);
        assert_eq!(t.total, 1000);
        assert_eq!(t.rows.len(), 11);
        assert_eq!(t.rows[0].0, "0");
        assert_eq!(t.rows[10].0, "999");
        assert_eq!(t.rows[5].0, "499");
    }

    #[test]
    fn an_empty_chart_has_no_rows() {
        let t = chart_table(&[("loss", &[])], 10);
        assert_eq!((t.rows.len(), t.total), (0, 0));
    }
}
