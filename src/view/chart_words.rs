//! A line chart in words, for its accessible name: what is plotted against what, and where
//! each series stands now ("loss against step: train 0.04100 at step 1,200; test 0.04300 at
//! step 1,150"). A screen reader hears what a sighted visitor reads off the chart's right edge.

use crate::i18n::Msg;
use crate::view::format::{fill, format_loss, group_thousands};

/// `series` are (label, points in drawing order); unlabelled series (guides) are left out.
pub fn chart_words(
    tr: &dyn Fn(Msg) -> &'static str,
    y: &str,
    x: &str,
    series: &[(&str, &[(f64, f64)])],
) -> String {
    let each: Vec<String> = series
        .iter()
        .filter(|(label, _)| !label.is_empty())
        .map(|&(label, points)| {
            let last = points
                .iter()
                .rev()
                .find(|(px, py)| px.is_finite() && py.is_finite());
            match last {
                Some(&(px, py)) => fill(
                    tr(Msg::ChartLast),
                    &[
                        ("label", label),
                        ("value", &format_loss(py as f32)),
                        ("x", x),
                        ("at", &x_text(px)),
                    ],
                ),
                None => fill(tr(Msg::ChartNoPoints), &[("label", label)]),
            }
        })
        .collect();
    fill(
        tr(Msg::ChartWords),
        &[
            ("y", y),
            ("x", x),
            // A chart waiting for its first series ends in words, not a bare colon.
            (
                "series",
                &if each.is_empty() {
                    tr(Msg::ChartNothing).to_string()
                } else {
                    each.join(tr(Msg::ChartSep))
                },
            ),
        ],
    )
}

/// A grouped bar chart in words: "samples/s: batch 32: gradlab 23,989, TF.js 2,015; batch
/// 128: …". `values[g][b]` is bar `b` of group `g`; a missing (NaN) bar is left out, and a
/// chart with no bars yet says so.
pub fn bar_words(
    tr: &dyn Fn(Msg) -> &'static str,
    y: &str,
    groups: &[String],
    bars: &[String],
    values: &[Vec<f64>],
) -> String {
    let each: Vec<String> = groups
        .iter()
        .zip(values)
        .filter_map(|(group, row)| {
            let said: Vec<String> = bars
                .iter()
                .zip(row)
                .filter(|(_, v)| v.is_finite())
                .map(|(bar, &v)| format!("{bar} {}", bar_value(v)))
                .collect();
            (!said.is_empty())
                .then(|| format!("{group}{}{}", tr(Msg::NameSep), said.join(tr(Msg::ListSep))))
        })
        .collect();
    let said = if each.is_empty() {
        tr(Msg::ChartNothing).to_string()
    } else {
        each.join(tr(Msg::ChartSep))
    };
    format!("{y}{}{said}", tr(Msg::NameSep))
}

/// A bar's height as it is read: whole numbers grouped ("23,989"), small ones to 3 digits.
fn bar_value(v: f64) -> String {
    if v.abs() >= 100.0 {
        group_thousands(v.round() as u64)
    } else {
        format!("{v:.3}")
    }
}

/// Steps as counts ("1,200"); any other x (a compute budget, a fraction) to four digits.
pub fn x_text(x: f64) -> String {
    if x.fract() == 0.0 && (0.0..1e15).contains(&x) {
        group_thousands(x as u64)
    } else {
        format_loss(x as f32)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn each_series_is_read_at_its_last_finite_point_in_either_language() {
        let train = [(0.0, 0.2), (1200.0, 0.041)];
        let test = [(0.0, 0.21), (1150.0, 0.043), (1200.0, f64::NAN)];
        let series: [(&str, &[(f64, f64)]); 5] = [
            ("train", &train),
            ("test", &test),
            ("", &train),
            ("β", &[]),
            ("训练集", &[]),
        ];
        assert_eq!(
            chart_words(&|m| m.get(Lang::En), "loss", "step", &series),
            "loss against step: train 0.04100 at step 1,200; test 0.04300 at step 1,150; \
             β has no points yet; 训练集 has no points yet"
        );
        assert_eq!(
            chart_words(&|m| m.get(Lang::Zh), "损失", "步数", &series),
            "损失随步数变化：train 在步数 1,200 时为 0.04100；test 在步数 1,150 时为 0.04300；\
             β尚无数据点；训练集尚无数据点"
        );
    }

    #[test]
    fn a_label_ending_in_a_number_is_spaced_from_the_chinese_after_it() {
        let at = [(128.0, 23_989.0)];
        let series: [(&str, &[(f64, f64)]); 2] = [("宽度 32", &at), ("宽度 64", &[])];
        assert_eq!(
            chart_words(&|m| m.get(Lang::Zh), "样本/秒", "批量大小", &series),
            "样本/秒随批量大小变化：宽度 32 在批量大小 128 时为 23,989；宽度 64 尚无数据点"
        );
    }

    #[test]
    fn bars_are_read_group_by_group_leaving_gaps_out() {
        let groups = ["batch 32".to_string(), "batch 128".to_string()];
        let bars = ["gradlab".to_string(), "TF.js".to_string()];
        let values = [vec![23_989.4, 2_015.0], vec![29_114.0, f64::NAN]];
        assert_eq!(
            bar_words(&|m| m.get(Lang::En), "samples/s", &groups, &bars, &values),
            "samples/s: batch 32: gradlab 23,989, TF.js 2,015; batch 128: gradlab 29,114"
        );
        let groups = ["批大小 32".to_string()];
        assert_eq!(
            bar_words(&|m| m.get(Lang::Zh), "样本/秒", &groups, &bars, &values),
            "样本/秒：批大小 32：gradlab 23,989、TF.js 2,015"
        );
        assert_eq!(
            bar_words(&|m| m.get(Lang::Zh), "样本/秒", &groups, &bars, &[]),
            "样本/秒：尚无数据"
        );
    }

    #[test]
    fn a_chart_with_no_series_yet_says_so() {
        assert_eq!(
            chart_words(&|m| m.get(Lang::En), "accuracy (%)", "K", &[]),
            "accuracy (%) against K: nothing plotted yet"
        );
        assert_eq!(
            chart_words(&|m| m.get(Lang::Zh), "准确率（%）", "K", &[]),
            "准确率（%）随 K 变化：尚无数据"
        );
    }

    #[test]
    fn an_x_that_is_not_a_count_keeps_four_digits() {
        let series: [(&str, &[(f64, f64)]); 1] = [("accuracy", &[(0.25, 0.5)])];
        assert_eq!(
            chart_words(&|m| m.get(Lang::En), "%", "K", &series),
            "% against K: accuracy 0.5000 at K 0.2500"
        );
    }
}
