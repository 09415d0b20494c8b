//! Colours of the figures: ten classes that stay apart for colour-blind readers, and line
//! colours that sit with the site's accent.
//!
//! Classes use Tableau 10 (Maureen Stone, 2016), chosen to stay distinguishable under the common
//! colour-vision deficiencies. Series start with the site accent (`--accent` in www/style.css)
//! and continue with Okabe & Ito's "Color Universal Design" hues, so any two differ in hue and in
//! lightness.

/// Colour of digit class `i`, as RGB.
pub const CLASS_COLORS: [(u8, u8, u8); 10] = [
    (0x4e, 0x79, 0xa7), // blue
    (0xf2, 0x8e, 0x2b), // orange
    (0xe1, 0x57, 0x59), // red
    (0x76, 0xb7, 0xb2), // teal
    (0x59, 0xa1, 0x4f), // green
    (0xed, 0xc9, 0x48), // yellow
    (0xb0, 0x7a, 0xa1), // purple
    (0xff, 0x9d, 0xa7), // pink
    (0x9c, 0x75, 0x5f), // brown
    (0xba, 0xb0, 0xac), // grey
];

/// The visitor's own pictures among the classes: near-black ink, darker than every class colour
/// (so it stays apart from them in lightness, for any colour vision), drawn as squares.
pub const OWN_COLOR: (u8, u8, u8) = (0x1d, 0x23, 0x29);

/// Line colours, the accent first.
pub const SERIES: [(u8, u8, u8); 6] = [
    (0x2f, 0x5b, 0xd3), // accent blue, #2f5bd3
    (0xe6, 0x9f, 0x00), // orange
    (0x00, 0x9e, 0x73), // bluish green
    (0xcc, 0x79, 0xa7), // reddish purple
    (0xd5, 0x5e, 0x00), // vermillion
    (0x6b, 0x76, 0x80), // slate grey
];

/// The same colour as a CSS value, with opacity `alpha` in [0, 1].
pub fn css_rgba((r, g, b): (u8, u8, u8), alpha: f64) -> String {
    format!("rgba({r},{g},{b},{alpha})")
}
