use super::*;

fn span(lo: f64, hi: f64) -> Span {
    Span { lo, hi }
}

#[test]
fn linear_ticks_are_multiples_of_a_nice_step_within_the_span() {
    // 0..10 in at most 6 ticks: raw step 10/6 ≈ 1.67 → 2.
    assert_eq!(
        linear(span(0.0, 10.0), 6),
        (vec![0.0, 2.0, 4.0, 6.0, 8.0, 10.0], 2.0)
    );
    // 0..1 in at most 5: a step of 0.2 gives six ticks, one too many; 0.5 gives three.
    assert_eq!(linear(span(0.0, 1.0), 5), (vec![0.0, 0.5, 1.0], 0.5));
}

#[test]
fn linear_ticks_have_no_float_drift() {
    let (ticks, step) = linear(span(0.0, 0.7), 8);
    assert_eq!(step, 0.1);
    // n × 0.1, not 0.1 + 0.1 + 0.1 (= 0.30000000000000004).
    assert_eq!(ticks[3], 3.0 * 0.1);
    assert_eq!(ticks.len(), 8);
}

#[test]
fn linear_ticks_keep_an_end_that_sits_on_a_step() {
    let (ticks, _) = linear(span(-3.0, 3.0), 7);
    assert_eq!(ticks.first(), Some(&-3.0));
    assert_eq!(ticks.last(), Some(&3.0));
}

#[test]
fn linear_ticks_on_a_short_axis_are_at_least_two() {
    // 0.3..0.55 with max 2: a step of 0.2 would leave only 0.4; one finer step gives two.
    let (ticks, step) = linear(span(0.3, 0.55), 2);
    assert!(ticks.len() >= 2, "{ticks:?} step {step}");
    assert!(ticks.iter().all(|t| (0.3..=0.55).contains(t)));
}

#[test]
fn linear_never_asks_for_fewer_than_two() {
    let (ticks, _) = linear(span(0.0, 100.0), 0);
    assert_eq!(ticks, vec![0.0, 100.0]);
}

#[test]
fn log_ticks_over_decades_are_powers_of_ten() {
    assert_eq!(log(span(1e-3, 10.0), 5), vec![1e-3, 1e-2, 0.1, 1.0, 10.0]);
}

#[test]
fn log_ticks_are_major_only_when_three_powers_of_ten_fit() {
    // Room for 7, but 1-2-5 (7 ticks) or 1-9 (19) would label minor ticks.
    let ticks = log(span(0.1, 10.0), 7);
    assert_eq!(ticks, vec![0.1, 1.0, 10.0]);
}

#[test]
fn log_ticks_over_less_than_two_decades_add_2_and_5() {
    // A loss from 0.3 down to 0.02 crosses one power of ten: 1-2-5 gives four ticks.
    let ticks = log(span(0.02, 0.3), 8);
    assert_eq!(ticks, vec![0.02, 0.05, 0.1, 0.2]);
}

#[test]
fn log_ticks_within_one_decade_use_every_mantissa() {
    let ticks = log(span(2.0, 9.0), 10);
    assert_eq!(ticks, vec![2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0]);
}

#[test]
fn a_log_span_narrower_than_two_ticks_falls_back_to_linear() {
    // 0.31..0.38 holds none of 1-9 × 10ᵏ: linear ticks instead.
    let ticks = log(span(0.31, 0.38), 6);
    assert!(ticks.len() >= 2);
    assert!(ticks.iter().all(|t| (0.31..=0.38).contains(t)), "{ticks:?}");
}

#[test]
fn log_ticks_over_many_decades_skip_some() {
    // 1e-10..1e10: 21 decades in at most 5 ticks → every 5th power.
    let ticks = log(span(1e-10, 1e10), 5);
    assert_eq!(ticks, vec![1e-10, 1e-5, 1.0, 1e5, 1e10]);
}

#[test]
fn linear_labels_have_the_decimals_of_the_step() {
    assert_eq!(label_linear(0.5, 0.5), "0.5");
    assert_eq!(label_linear(0.25, 0.05), "0.25");
    assert_eq!(label_linear(3.0, 1.0), "3");
    assert_eq!(label_linear(0.30000000000000004, 0.1), "0.3");
}

#[test]
fn linear_labels_shorten_thousands_and_millions() {
    assert_eq!(label_linear(2000.0, 1000.0), "2k");
    assert_eq!(label_linear(2500.0, 500.0), "2500");
    assert_eq!(label_linear(3e6, 1e6), "3M");
    assert_eq!(label_linear(12_500.0, 2_500.0), "12.5k");
}

#[test]
fn a_zero_label_is_never_negative_or_suffixed() {
    assert_eq!(label_linear(-1e-17, 0.1), "0.0");
    assert_eq!(label_linear(0.0, 1000.0), "0");
}

#[test]
fn tiny_steps_switch_to_exponents() {
    assert_eq!(label_linear(2.5e-5, 1e-5), "2.5e-5");
    assert_eq!(label_linear(3e-5, 1e-5), "3e-5");
}

#[test]
fn compact_labels_keep_three_significant_digits() {
    assert_eq!(label_compact(0.0), "0");
    assert_eq!(label_compact(0.5), "0.5");
    assert_eq!(label_compact(0.123456), "0.123");
    assert_eq!(label_compact(12.345), "12.3");
    assert_eq!(label_compact(200.0), "200");
    assert_eq!(label_compact(25_000.0), "25k");
    assert_eq!(label_compact(1_250_000.0), "1.25M");
    // A compute axis from 10⁸ to 10¹¹ FLOPs reads 100M, 1G, 10G, 100G, not 100000M.
    assert_eq!(label_compact(1e9), "1G");
    assert_eq!(label_compact(1e11), "100G");
    assert_eq!(label_compact(1.87e7), "18.7M");
    assert_eq!(label_compact(2.5e12), "2.5T");
    assert_eq!(label_compact(0.0002), "2e-4");
}

#[test]
fn the_extent_of_values_ignores_none_and_widens_a_single_value() {
    assert_eq!(
        Span::of([3.0, 1.0, 2.0].into_iter(), false),
        Some(span(1.0, 3.0))
    );
    assert_eq!(Span::of(std::iter::empty(), false), None);
    assert_eq!(Span::of([f64::NAN].into_iter(), false), None);
    // One value 10: ± max(1, 0.5) on linear, ÷2 ×2 on log.
    assert_eq!(Span::of([10.0].into_iter(), false), Some(span(9.0, 11.0)));
    assert_eq!(Span::of([0.0].into_iter(), false), Some(span(-0.5, 0.5)));
    assert_eq!(Span::of([10.0].into_iter(), true), Some(span(5.0, 20.0)));
}

#[test]
fn padding_a_non_negative_span_stops_at_zero() {
    assert_eq!(span(0.1, 1.1).padded(0.25, false), span(0.0, 1.35));
    assert_eq!(span(-1.0, 1.0).padded(0.25, false), span(-1.5, 1.5));
}

#[test]
fn log_padding_is_in_decades_and_at_least_two_percent() {
    // 1..100 padded by 0.1 of its two decades: ×/÷ 100^0.1 = 10^0.2.
    let p = span(1.0, 100.0).padded(0.1, true);
    assert!((p.lo - 10f64.powf(-0.2)).abs() < 1e-12);
    assert!((p.hi - 100.0 * 10f64.powf(0.2)).abs() < 1e-9);
    let narrow = span(1.0, 1.01).padded(0.1, true);
    assert!((narrow.lo - 1.0 / 1.02).abs() < 1e-12);
}

#[test]
fn clamp_and_width() {
    let s = span(-2.0, 6.0);
    assert_eq!(s.width(), 8.0);
    assert_eq!(s.clamp(9.0), 6.0);
    assert_eq!(s.clamp(-5.0), -2.0);
    assert_eq!(s.clamp(1.0), 1.0);
}
