//! How numbers read on the page: losses to four significant digits, counts with thousands
//! separators, fractions as percentages, accepted ranges, matrix entries with a true minus;
//! and how text is joined around them in either language.

use crate::i18n::is_han;

/// Four significant digits: losses here range from hundreds (VAE nats) to thousandths (MSE).
/// "–" for a loss that is not finite; a zero as "0" rather than "0.000000"; thousands grouped
/// and a true minus, as the page's other numbers ("1,234", "−0.5000").
pub fn format_loss(v: f32) -> String {
    if !v.is_finite() {
        return "–".into();
    }
    let magnitude = v.abs().max(1e-12).log10().floor() as i32;
    let decimals = (3 - magnitude).clamp(0, 6) as usize;
    let s = fixed(v, decimals);
    let (minus, digits) = match s.strip_prefix('-') {
        Some(rest) => ("−", rest),
        None => ("", s.as_str()),
    };
    let (whole, fraction) = digits.split_at(digits.find('.').unwrap_or(digits.len()));
    if digits.chars().all(|c| c == '0' || c == '.') {
        "0".into()
    } else {
        format!("{minus}{}{fraction}", grouped(whole))
    }
}

/// `v` with `decimals` decimals, where a value that rounds to zero reads "0.000" whatever its
/// sign: Rust prints −0.0 (and −1e-7) as "-0.000", which a reader takes for a negative number.
pub fn fixed(v: f32, decimals: usize) -> String {
    let s = format!("{v:.decimals$}");
    match s.strip_prefix('-') {
        Some(rest) if rest.chars().all(|c| c == '0' || c == '.') => rest.to_string(),
        _ => s,
    }
}

/// "1,234,567".
pub fn group_thousands(n: u64) -> String {
    grouped(&n.to_string())
}

/// A run of ASCII digits with a comma before each group of three from the right.
fn grouped(digits: &str) -> String {
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A fraction as a percentage with one decimal; "–" when there is none yet.
pub fn percent(v: Option<f32>) -> String {
    v.map_or("–".into(), |a| format!("{:.1}%", 100.0 * a))
}

/// An accepted range, "min – max"; values below 0.001 in exponent form ("1e-5 – 1").
pub fn range_text(min: f64, max: f64) -> String {
    let show = |v: f64| {
        if v != 0.0 && v.abs() < 1e-3 {
            format!("{v:e}")
        } else {
            format!("{v}")
        }
    };
    format!("{} – {}", show(min), show(max))
}

/// A refusal for a setting over budget: `template` (in the page's language) with `{bytes}`,
/// `{seconds}`, `{max_bytes}` and `{max_seconds}` filled in as `models::budget` writes them.
pub fn over_budget_text(
    template: &str,
    bytes: u64,
    seconds: f64,
    max_bytes: u64,
    max_seconds: f64,
) -> String {
    use crate::models::budget::{seconds_text, size_text};
    template
        .replace("{max_bytes}", &size_text(max_bytes))
        .replace("{max_seconds}", &seconds_text(max_seconds))
        .replace("{bytes}", &size_text(bytes))
        .replace("{seconds}", &seconds_text(seconds))
}

/// A matrix entry with two decimals and a true minus sign, which lines up with the digits in
/// tabular figures; a masked entry (−∞) as "−∞".
pub fn matrix_entry(v: f32) -> String {
    if v == f32::NEG_INFINITY {
        "−∞".into()
    } else {
        fixed(v, 2).replace('-', "−")
    }
}

/// `template` with each `{key}` replaced by its value, in one pass: a value that itself holds
/// `{key}` (a tensor name from a hostile file) stays as it is. Unknown keys are kept.
///
/// Where a value meets Chinese text, Chinese characters and Latin letters or digits are kept a
/// space apart, as the catalog writes them ("宽度 32"): a template cannot know whether its
/// `{label}` ends in "训练集" or in "宽度 32", so "{label}在" would read "宽度 32在". Only the
/// joins get a space; the values themselves are left as they are.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        push_spaced(&mut out, &rest[..open]);
        let after = &rest[open + 1..];
        let value = after
            .find('}')
            .and_then(|close| Some((values.iter().find(|(k, _)| *k == &after[..close])?, close)));
        match value {
            Some(((_, v), close)) => {
                push_spaced(&mut out, v);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    push_spaced(&mut out, rest);
    out
}

/// Appends `piece`, with a space first where the two would run Chinese into Latin or digits.
fn push_spaced(out: &mut String, piece: &str) {
    if let (Some(a), Some(b)) = (out.chars().next_back(), piece.chars().next()) {
        let touching =
            (is_han(a) && b.is_ascii_alphanumeric()) || (a.is_ascii_alphanumeric() && is_han(b));
        if touching {
            out.push(' ');
        }
    }
    out.push_str(piece);
}

/// A catalog lead-in that ends in its own colon ("Allowed:", "允许的范围：") followed by what
/// it introduces: a space after English punctuation, none after Chinese full-width punctuation,
/// whose glyph already holds the gap ("允许的范围：1 – 10", not "允许的范围： 1 – 10").
pub fn lead_in(lead: &str, rest: &str) -> String {
    let full_width = |c: char| matches!(c, '\u{3000}'..='\u{303F}' | '\u{FF00}'..='\u{FFEF}');
    if lead.ends_with(full_width) {
        format!("{lead}{rest}")
    } else {
        format!("{lead} {rest}")
    }
}

/// Sentences in a row, each spaced from the one before as `lead_in` spaces them: "Done. Next."
/// but "完成。下一步。". Empty parts are left out.
pub fn sentences(parts: &[&str]) -> String {
    parts
        .iter()
        .filter(|p| !p.trim().is_empty())
        .fold(String::new(), |out, p| {
            if out.is_empty() {
                p.to_string()
            } else {
                lead_in(&out, p)
            }
        })
}

/// Bytes as megabytes with one decimal (10⁶ bytes, as download sizes are given).
pub fn megabytes(bytes: u64) -> String {
    format!("{:.1}", bytes as f64 / 1e6)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_replaces_each_key_once_and_leaves_values_and_strangers_alone() {
        let values = [("name", "w{max}"), ("max", "3")];
        assert_eq!(fill("{name} over {max}", &values), "w{max} over 3");
        assert_eq!(fill("{other} {name", &values), "{other} {name");
        assert_eq!(fill("{}{max}{", &values), "{}3{");
        assert_eq!(fill("中文{max}个", &values), "中文 3 个");
    }

    #[test]
    fn fill_keeps_chinese_and_latin_a_space_apart_only_at_the_joins() {
        let chart = "{label}在{x} {at} 时为 {value}";
        let at = |label| fill(chart, &[("label", label), ("x", "批量大小"), ("at", "128")]);
        assert_eq!(at("宽度 32"), "宽度 32 在批量大小 128 时为 {value}");
        assert_eq!(at("训练集"), "训练集在批量大小 128 时为 {value}");
        assert_eq!(at("gradlab"), "gradlab 在批量大小 128 时为 {value}");
        // A value's own text, and punctuation at a join, are left alone.
        assert_eq!(
            fill("{a}：{b}", &[("a", "x"), ("b", "我love你")]),
            "x：我love你"
        );
        assert_eq!(
            fill("{y}随{x}变化", &[("y", "损失"), ("x", "K")]),
            "损失随 K 变化"
        );
        assert_eq!(fill("{n} items", &[("n", "3")]), "3 items");
    }

    #[test]
    fn sentences_are_spaced_in_english_and_run_on_in_chinese() {
        assert_eq!(sentences(&["Done.", "", "Next."]), "Done. Next.");
        assert_eq!(sentences(&["完成。", "下一步。"]), "完成。下一步。");
        assert_eq!(sentences(&[]), "");
    }

    #[test]
    fn a_lead_in_is_spaced_in_english_and_not_after_a_chinese_colon() {
        assert_eq!(lead_in("Allowed:", "1 – 10"), "Allowed: 1 – 10");
        assert_eq!(lead_in("允许的范围：", "1 – 10"), "允许的范围：1 – 10");
        assert_eq!(lead_in("（另有）", "3"), "（另有）3");
    }

    #[test]
    fn an_over_budget_refusal_shows_the_estimates_and_the_limits() {
        let t = "needs {bytes} and {seconds}; allows {max_bytes} and {max_seconds}";
        assert_eq!(
            over_budget_text(t, 3 << 29, 2.04, 1 << 30, 0.206),
            "needs 1.5 GiB and 2 s; allows 1 GiB and 0.21 s"
        );
    }

    #[test]
    fn losses_keep_four_significant_digits() {
        assert_eq!(format_loss(123.456), "123.5");
        assert_eq!(format_loss(1.23456), "1.235");
        assert_eq!(format_loss(0.0123456), "0.01235");
        assert_eq!(format_loss(0.5), "0.5000");
    }

    #[test]
    fn large_and_tiny_losses_are_clamped_to_zero_and_six_decimals() {
        assert_eq!(format_loss(98765.4), "98,765");
        assert_eq!(format_loss(1.5e-6), "0.000002");
        assert_eq!(format_loss(0.0), "0");
        assert_eq!(format_loss(1e-9), "0");
    }

    #[test]
    fn a_loss_reads_like_the_pages_other_numbers() {
        assert_eq!(format_loss(35_862.0), "35,862");
        assert_eq!(format_loss(1.87e7), "18,700,000");
        assert_eq!(format_loss(-14.6), "−14.60");
        assert_eq!(format_loss(-1234.4), "−1,234");
    }

    #[test]
    fn a_loss_that_is_not_finite_is_a_dash() {
        assert_eq!(format_loss(f32::NAN), "–");
        assert_eq!(format_loss(f32::INFINITY), "–");
    }

    #[test]
    fn thousands_are_grouped_by_commas() {
        assert_eq!(group_thousands(0), "0");
        assert_eq!(group_thousands(999), "999");
        assert_eq!(group_thousands(1000), "1,000");
        assert_eq!(group_thousands(1234567), "1,234,567");
        assert_eq!(group_thousands(100000), "100,000");
    }

    #[test]
    fn percentages_have_one_decimal() {
        assert_eq!(percent(Some(0.8765)), "87.7%");
        assert_eq!(percent(Some(1.0)), "100.0%");
        assert_eq!(percent(None), "–");
    }

    #[test]
    fn small_range_ends_use_exponents() {
        assert_eq!(range_text(1e-5, 1.0), "1e-5 – 1");
        assert_eq!(range_text(0.0, 0.999), "0 – 0.999");
        assert_eq!(range_text(1.0, 4096.0), "1 – 4096");
    }

    #[test]
    fn matrix_entries_use_a_true_minus() {
        assert_eq!(matrix_entry(-0.126), "−0.13");
        assert_eq!(matrix_entry(2.0), "2.00");
        assert_eq!(matrix_entry(f32::NEG_INFINITY), "−∞");
    }

    #[test]
    fn negative_zero_reads_as_zero() {
        assert_eq!(fixed(-0.0, 3), "0.000");
        assert_eq!(fixed(-1e-7, 3), "0.000");
        assert_eq!(fixed(-0.0004, 3), "0.000");
        assert_eq!(fixed(-0.0005, 3), "-0.001");
        assert_eq!(fixed(2.5, 1), "2.5");
        assert_eq!(matrix_entry(-0.001), "0.00");
        assert_eq!(format_loss(-0.0), "0");
    }

    #[test]
    fn megabytes_have_one_decimal() {
        assert_eq!(megabytes(11_490_000), "11.5");
        assert_eq!(megabytes(0), "0.0");
    }
}
