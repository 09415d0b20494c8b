//! Colours of the figures: ten classes that stay apart for colour-blind readers, and line
//! colours that sit with the site's accent, each checked for contrast against the page.
//!
//! Classes use Paul Tol's "muted" scheme (P. Tol, "Colour Schemes", SRON technical note
//! SRON/EPS/TN/09-002, issue 3.2, 2021): nine hues and a pale grey, made to stay apart under
//! colour-vision deficiencies. The check is ours: every two classes, as their dots are drawn
//! (at [`CLASS_FILL_ALPHA`] on the card), stay at least [`CLASS_MIN_DELTA_E`] apart for typical
//! vision and as simulated for protanopia, deuteranopia and tritanopia (`view::colour_vision`).
//! Tableau 10, used before, failed it: its red and green (digits 2 and 4) are 0.9 apart for a
//! deuteranope. Some classes are lighter than the 3:1 WCAG 2.1 asks of graphics (success
//! criterion 1.4.11), so a dot is filled with its class colour and edged with [`edge`], the same
//! hue darkened to 3:1. Series start with the site accent (`--accent` in www/style.css) and
//! continue with Okabe & Ito's "Color Universal Design" hues, the orange and the reddish purple
//! darkened to 3:1, so every line stands out from the page by itself. Training is always the
//! orange and the held-out set the accent ([`TRAIN`], [`HELD_OUT`]), in every chart.

/// Colour of digit class `i`, as RGB.
pub const CLASS_COLORS: [(u8, u8, u8); 10] = [
    (0x33, 0x22, 0x88), // indigo
    (0x88, 0xcc, 0xee), // cyan
    (0x44, 0xaa, 0x99), // teal
    (0x11, 0x77, 0x33), // green
    (0x99, 0x99, 0x33), // olive
    (0xdd, 0xcc, 0x77), // sand
    (0xcc, 0x66, 0x77), // rose
    (0x88, 0x22, 0x55), // wine
    (0xaa, 0x44, 0x99), // purple
    (0xdd, 0xdd, 0xdd), // pale grey
];

/// The opacity of a class's dots: enough overlap shows through to see where they crowd, and
/// enough colour stays for the classes to keep apart (see the test below).
pub const CLASS_FILL_ALPHA: f64 = 0.8;

/// The least CIE ΔE*ab between two classes' dots, for every kind of colour vision checked.
pub const CLASS_MIN_DELTA_E: f64 = 12.0;

/// The visitor's own pictures among the classes: near-black ink, darker than every class colour
/// (so it stays apart from them in lightness, for any colour vision), drawn as squares.
pub const OWN_COLOR: (u8, u8, u8) = (0x1d, 0x23, 0x29);

/// Line colours, the accent first.
pub const SERIES: [(u8, u8, u8); 6] = [
    (0x2f, 0x5b, 0xd3), // accent blue, #2f5bd3
    (0xc1, 0x85, 0x00), // orange, Okabe & Ito's #e69f00 darkened to 3:1
    (0x00, 0x9e, 0x73), // bluish green
    (0xc1, 0x72, 0x9e), // reddish purple, Okabe & Ito's #cc79a7 darkened to 3:1
    (0xd5, 0x5e, 0x00), // vermillion
    (0x6b, 0x76, 0x80), // slate grey
];

/// Training batches' curves, in every chart that has them.
pub const TRAIN: (u8, u8, u8) = SERIES[1];
/// The held-out set's curves, in every chart that has them.
pub const HELD_OUT: (u8, u8, u8) = SERIES[0];

/// The same colour as a CSS value, with opacity `alpha` in [0, 1].
pub fn css_rgba((r, g, b): (u8, u8, u8), alpha: f64) -> String {
    format!("rgba({r},{g},{b},{alpha})")
}

/// The page (`--bg`) and the cards (`--surface`) every figure is drawn on.
pub const PAGE: (u8, u8, u8) = (0xfb, 0xfa, 0xf7);
pub const CARD: (u8, u8, u8) = (0xff, 0xff, 0xff);

/// The contrast WCAG 2.1 asks of graphics and large text against what is next to them.
pub const GRAPHICS_CONTRAST: f64 = 3.0;

/// WCAG 2.1's relative luminance: sRGB decoded to linear light, weighted by the eye's response.
fn luminance((r, g, b): (u8, u8, u8)) -> f64 {
    let linear = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
}

/// The contrast ratio of two colours, from 1 (the same) to 21 (black on white).
pub fn contrast(a: (u8, u8, u8), b: (u8, u8, u8)) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// `color` itself if it stands [`GRAPHICS_CONTRAST`] against the page, else the same hue
/// darkened in steps of 1% until it does: the edge of a mark whose fill may be lighter.
pub fn edge(color: (u8, u8, u8)) -> (u8, u8, u8) {
    let (r, g, b) = color;
    (0..=100)
        .map(|step| {
            let k = f64::from(100 - step) / 100.0;
            let scale = |c: u8| (f64::from(c) * k) as u8;
            (scale(r), scale(g), scale(b))
        })
        .find(|&c| contrast(c, PAGE) >= GRAPHICS_CONTRAST)
        .unwrap_or((0, 0, 0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_follows_wcag() {
        assert!((contrast((0, 0, 0), (255, 255, 255)) - 21.0).abs() < 1e-9);
        assert_eq!(contrast(PAGE, PAGE), 1.0);
        // --muted on the page: the figure WCAG checkers give for #5b6670 on #fbfaf7.
        assert!((contrast((0x5b, 0x66, 0x70), PAGE) - 5.7).abs() < 0.1);
    }

    /// Every line and every mark's edge stands 3:1 against the page and the cards.
    #[test]
    fn every_series_and_every_class_edge_stands_out_from_the_page() {
        for c in SERIES
            .into_iter()
            .chain(CLASS_COLORS.into_iter().map(edge))
            .chain([OWN_COLOR])
        {
            for ground in [PAGE, CARD] {
                let ratio = contrast(c, ground);
                assert!(
                    ratio >= GRAPHICS_CONTRAST,
                    "{c:02x?} on {ground:02x?}: {ratio:.2}"
                );
            }
        }
    }

    /// Darkening keeps a colour that passes as it is, and keeps the hue of one that does not.
    #[test]
    fn an_edge_is_the_colour_itself_or_its_darker_shade() {
        let blue = CLASS_COLORS[0];
        assert_eq!(edge(blue), blue);
        let yellow = CLASS_COLORS[5];
        let dark = edge(yellow);
        assert!(dark.0 < yellow.0 && contrast(dark, PAGE) < GRAPHICS_CONTRAST + 0.2);
        let ratio = |c: (u8, u8, u8)| f64::from(c.0) / f64::from(c.2);
        assert!((ratio(dark) - ratio(yellow)).abs() < 0.1, "{dark:?}");
    }

    /// Every two classes' dots, as drawn on the card, stay apart for typical vision and for
    /// each dichromacy as simulated: no two digits share a colour for any reader.
    #[test]
    fn class_dots_stay_apart_for_every_colour_vision() {
        use crate::view::colour_vision::{delta_e, over, Vision};
        for vision in Vision::ALL {
            for (i, &a) in CLASS_COLORS.iter().enumerate() {
                for (j, &b) in CLASS_COLORS.iter().enumerate().skip(i + 1) {
                    let (a, b) = (
                        over(a, CLASS_FILL_ALPHA, CARD),
                        over(b, CLASS_FILL_ALPHA, CARD),
                    );
                    let d = delta_e(a, b, vision);
                    assert!(
                        d >= CLASS_MIN_DELTA_E,
                        "digits {i} and {j}: ΔE {d:.1} for {vision:?}"
                    );
                }
            }
        }
    }

    /// The ten edges stay as many colours: darkening must not merge two classes.
    #[test]
    fn class_edges_stay_distinct() {
        let edges: Vec<_> = CLASS_COLORS.into_iter().map(edge).collect();
        for (i, a) in edges.iter().enumerate() {
            for b in &edges[i + 1..] {
                let apart = (i32::from(a.0) - i32::from(b.0)).abs()
                    + (i32::from(a.1) - i32::from(b.1)).abs()
                    + (i32::from(a.2) - i32::from(b.2)).abs();
                assert!(apart >= 40, "{a:02x?} and {b:02x?}");
            }
        }
    }
}
