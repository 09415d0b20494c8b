use super::*;

fn chars(s: &str) -> Vec<String> {
    s.chars().map(String::from).collect()
}

fn heat(rows: &str, cols: &str) -> Heat {
    let (rows, cols) = (chars(rows), chars(cols));
    let values = (0..rows.len() * cols.len())
        .map(|i| i as f32 / 10.0)
        .collect();
    Heat {
        rows,
        cols,
        values,
        signed: false,
    }
}

#[test]
fn character_labels_get_square_cells_that_fill_the_width() {
    // 4 columns in 22 + 4 × 20 = 102 pixels.
    let at = heat("ab", "abcd").layout(102.0);
    assert_eq!(
        (at.left, at.top, at.cell, at.row_h),
        (LABEL, LABEL, 20.0, 20.0)
    );
    assert!(!at.words && !at.upright);
}

#[test]
fn cells_stay_between_4_and_28_pixels() {
    assert_eq!(heat("a", "ab").layout(1000.0).cell, 28.0);
    assert_eq!(heat("a", "abcdefghij").layout(30.0).cell, 4.0);
}

#[test]
fn word_labels_widen_the_margin_and_heighten_narrow_rows() {
    let h = Heat {
        rows: vec!["the".into(), "cat".into()],
        cols: vec!["1".into(), "2".into()],
        values: vec![0.0; 4],
        signed: false,
    };
    let at = h.layout(40.0);
    // "the": 3 × 0.62 em × 12 px + 8 = 30.32 px.
    assert!((at.left - 30.32).abs() < 1e-9, "{}", at.left);
    assert!(at.words && !at.upright);
    // Cells of (40 − 30.32)/2 = 4.84 px; rows need the font's 15 px.
    assert_eq!(at.row_h, WORD_FONT + 3.0);
}

#[test]
fn long_column_words_stand_upright_with_room_on_top() {
    let h = Heat {
        rows: vec!["a".into()],
        cols: vec!["word".into(), "longer".into()],
        values: vec![0.0; 2],
        signed: false,
    };
    let at = h.layout(300.0);
    assert!(at.upright);
    assert!((at.top - label_width("longer")).abs() < 1e-9);
}

#[test]
fn a_cjk_character_is_a_full_em() {
    assert_eq!(label_width("猫"), WORD_FONT + 8.0);
    assert!((label_width("ab") - (1.24 * WORD_FONT + 8.0)).abs() < 1e-9);
}

#[test]
fn the_pointer_finds_its_cell_and_nothing_outside() {
    let h = heat("ab", "abcd");
    let at = h.layout(102.0);
    // (22 + 2.5 × 20, 22 + 1.5 × 20): column 2, row 1.
    assert_eq!(h.cell_at(&at, (72.0, 52.0)), Some((1, 2)));
    assert_eq!(h.cell_at(&at, (10.0, 30.0)), None);
    // Past the last column: not the next row's first cell.
    assert_eq!(h.cell_at(&at, (22.0 + 4.5 * 20.0, 30.0)), None);
    assert_eq!(h.cell_at(&at, (30.0, 22.0 + 2.5 * 20.0)), None);
}

#[test]
fn the_readout_names_row_column_and_value() {
    let mut h = heat("xy", "pq");
    assert_eq!(h.readout(1, 0).as_deref(), Some("y → p: 0.200"));
    h.values[3] = f32::NEG_INFINITY;
    assert_eq!(h.readout(1, 1).as_deref(), Some("y → q: −∞"));
    assert_eq!(h.readout(2, 0), None);
}

#[test]
fn the_signed_scale_is_the_largest_finite_magnitude() {
    let mut h = heat("ab", "ab");
    assert_eq!(h.full_scale(), 1.0);
    h.signed = true;
    h.values = vec![0.5, -3.0, f32::NEG_INFINITY, 2.0];
    assert_eq!(h.full_scale(), 3.0);
    h.values = vec![0.0; 4];
    assert_eq!(h.full_scale(), 1e-12);
}

#[test]
fn tints_run_from_white_to_the_full_colour() {
    assert_eq!(tint((47.0, 91.0, 211.0), 0.0), "rgb(255,255,255)");
    assert_eq!(tint((47.0, 91.0, 211.0), 1.0), "rgb(47,91,211)");
    // √0.25 = 0.5: halfway, 255 − 208/2 = 151 for red.
    assert_eq!(tint((47.0, 91.0, 211.0), 0.25), "rgb(151,173,233)");
    assert_eq!(tint((47.0, 91.0, 211.0), 7.0), "rgb(47,91,211)");
}

#[test]
fn the_hash_ignores_noise_below_a_thousandth() {
    let mut h = heat("ab", "ab");
    let before = h.hash();
    h.values[0] += 1e-5;
    assert_eq!(h.hash(), before);
    h.values[0] += 0.01;
    assert_ne!(h.hash(), before);
}

#[test]
fn published_text_has_rows_by_semicolon_and_columns_by_comma() {
    let h = heat("ab", "xyz");
    assert_eq!(
        h.values_text(),
        "0.000000,0.100000,0.200000;0.300000,0.400000,0.500000"
    );
    assert_eq!(h.row_sums_text(), "0.300000;1.200000");
    assert!(h.nonblank());
    let blank = Heat {
        values: vec![0.0, f32::NAN, 0.0, 0.0, 0.0, 0.0],
        ..heat("ab", "xyz")
    };
    assert!(!blank.nonblank());
}

#[test]
fn the_height_covers_the_labels_and_every_row() {
    let h = heat("abcd", "xyz");
    let at = h.layout(300.0);
    assert_eq!(h.css_height(300.0), at.top + 4.0 * at.row_h + 2.0);
}

#[test]
fn a_map_is_described_by_its_size_and_its_largest_cell_in_either_language() {
    use crate::i18n::Lang;
    let mut h = heat("ab", "xyz");
    // A masked cell (−∞) is not the largest; a negative one counts by its magnitude.
    h.values = vec![0.1, f32::NEG_INFINITY, 0.2, -0.9, 0.3, 0.0];
    h.signed = true;
    assert_eq!(h.largest(), Some((1, 0)));
    assert_eq!(
        h.describe(&|m| m.get(Lang::En)),
        "2 rows by 3 columns; the largest cell is b → x: −0.900"
    );
    // A true minus, and the Chinese sentence's own colon.
    assert_eq!(
        h.describe(&|m| m.get(Lang::Zh)),
        "2 行 × 3 列；最大的格子是 b → x：−0.900"
    );
    assert_eq!(h.readout(1, 0).as_deref(), Some("b → x: −0.900"));
    assert_eq!(Heat::default().largest(), None);
}

#[test]
fn the_keyboard_cursor_moves_by_arrows_and_stops_at_the_edges() {
    let h = heat("abc", "wxyz");
    assert_eq!(h.step((0, 0), "ArrowRight"), Some((0, 1)));
    assert_eq!(h.step((0, 0), "ArrowDown"), Some((1, 0)));
    assert_eq!(h.step((0, 0), "ArrowUp"), Some((0, 0)));
    assert_eq!(h.step((0, 0), "ArrowLeft"), Some((0, 0)));
    assert_eq!(h.step((2, 3), "ArrowDown"), Some((2, 3)));
    assert_eq!(h.step((2, 3), "ArrowRight"), Some((2, 3)));
    assert_eq!(h.step((1, 2), "Home"), Some((1, 0)));
    assert_eq!(h.step((1, 0), "End"), Some((1, 3)));
    // A cursor left past the edge by a map that shrank comes back inside.
    assert_eq!(h.step((9, 9), "ArrowUp"), Some((1, 3)));
    // Other keys are the page's: Tab must still move on.
    assert_eq!(h.step((0, 0), "Tab"), None);
    assert_eq!(heat("", "").step((0, 0), "ArrowDown"), None);
}

#[test]
fn the_table_has_a_row_per_query_labelled_as_drawn_with_the_readouts_numbers() {
    let mut h = heat("a ", "xy");
    h.values[1] = f32::NEG_INFINITY;
    let t = h.table();
    assert_eq!(
        t,
        vec![
            ("a".to_string(), vec!["0.000".to_string(), "−∞".to_string()]),
            (
                "␣".to_string(),
                vec!["0.200".to_string(), "0.300".to_string()]
            ),
        ]
    );
    assert_eq!(h.readout(0, 1).as_deref(), Some("a → y: −∞"));
    assert_eq!(h.readout(1, 1).as_deref(), Some("  → y: 0.300"));
}

#[test]
fn the_colour_scale_runs_through_the_tints_the_cells_are_painted_with() {
    let blue = (47.0, 91.0, 211.0);
    let orange = (214.0, 96.0, 24.0);
    let weights = scale_gradient(blue, orange, false);
    assert!(weights.starts_with("linear-gradient(to right, rgb(255,255,255) 0.0%"));
    assert!(weights.ends_with(&format!("{} 100.0%)", tint(blue, 1.0))));
    // A quarter of the way is the tint of 0.25, not a linear blend.
    assert!(weights.contains(&format!("{} 25.0%", tint(blue, 0.25))));
    let signed = scale_gradient(blue, orange, true);
    assert!(signed.starts_with(&format!(
        "linear-gradient(to right, {} 0.0%",
        tint(orange, 1.0)
    )));
    assert!(signed.contains("rgb(255,255,255) 50.0%"));
    assert_eq!(
        signed.matches("50.0%").count(),
        1,
        "white once, in the middle"
    );
    assert!(signed.ends_with(&format!("{} 100.0%)", tint(blue, 1.0))));
}
