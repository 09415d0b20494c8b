//! How a colour looks to a reader with a colour-vision deficiency, and how far apart two colours
//! look: the check behind the class palette (`view::palette`).
//!
//! Simulation: Machado, Oliveira & Fernandes (2009), "A Physiologically-based Model for
//! Simulation of Color Vision Deficiency", IEEE TVCG 15(6), doi:10.1109/TVCG.2009.113, their
//! matrices for full dichromacy (severity 1), applied to linear sRGB. Distance: CIE 1976 ΔE*ab
//! in CIELAB under D65, where about 2.3 is just noticeable side by side and 10 or more reads as
//! two different colours even for small, separated marks.

/// A way of seeing colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Vision {
    Typical,
    /// No long-wavelength ("red") cones; about 1% of men.
    Protanopia,
    /// No medium-wavelength ("green") cones; about 1% of men, and the far end of the commonest
    /// deficiency, deuteranomaly.
    Deuteranopia,
    /// No short-wavelength ("blue") cones; rare.
    Tritanopia,
}

impl Vision {
    pub const ALL: [Vision; 4] = [
        Vision::Typical,
        Vision::Protanopia,
        Vision::Deuteranopia,
        Vision::Tritanopia,
    ];

    /// Machado et al.'s matrix, on linear RGB.
    fn matrix(self) -> [[f64; 3]; 3] {
        match self {
            Vision::Typical => [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]],
            Vision::Protanopia => [
                [0.152286, 1.052583, -0.204868],
                [0.114503, 0.786281, 0.099216],
                [-0.003882, -0.048116, 1.051998],
            ],
            Vision::Deuteranopia => [
                [0.367322, 0.860646, -0.227968],
                [0.280085, 0.672501, 0.047413],
                [-0.011820, 0.042940, 0.968881],
            ],
            Vision::Tritanopia => [
                [1.255528, -0.076749, -0.178779],
                [-0.078411, 0.930809, 0.147602],
                [0.004733, 0.691367, 0.303900],
            ],
        }
    }
}

/// An sRGB colour as channels in [0, 1] of linear light.
pub fn to_linear(rgb: [f64; 3]) -> [f64; 3] {
    rgb.map(|c| {
        let c = c / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    })
}

/// Linear light back to sRGB in [0, 255], clipped to the gamut.
fn to_srgb(linear: [f64; 3]) -> [f64; 3] {
    linear.map(|c| {
        let c = c.clamp(0.0, 1.0);
        255.0
            * if c <= 0.003_130_8 {
                12.92 * c
            } else {
                1.055 * c.powf(1.0 / 2.4) - 0.055
            }
    })
}

/// `rgb` (sRGB, 0–255) as seen with `vision`.
pub fn simulate(rgb: [f64; 3], vision: Vision) -> [f64; 3] {
    let l = to_linear(rgb);
    let m = vision.matrix();
    to_srgb(m.map(|row| row[0] * l[0] + row[1] * l[1] + row[2] * l[2]))
}

/// CIELAB (D65 white) of an sRGB colour.
pub fn lab(rgb: [f64; 3]) -> [f64; 3] {
    let [r, g, b] = to_linear(rgb);
    let x = 0.4124 * r + 0.3576 * g + 0.1805 * b;
    let y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    let z = 0.0193 * r + 0.1192 * g + 0.9505 * b;
    let f = |t: f64| {
        if t > 216.0 / 24389.0 {
            t.cbrt()
        } else {
            (24389.0 / 27.0 * t + 16.0) / 116.0
        }
    };
    let (fx, fy, fz) = (f(x / 0.95047), f(y), f(z / 1.08883));
    [116.0 * fy - 16.0, 500.0 * (fx - fy), 200.0 * (fy - fz)]
}

/// CIE 1976 ΔE*ab between two sRGB colours as seen with `vision`.
pub fn delta_e(a: [f64; 3], b: [f64; 3], vision: Vision) -> f64 {
    let (la, lb) = (lab(simulate(a, vision)), lab(simulate(b, vision)));
    la.iter()
        .zip(&lb)
        .map(|(p, q)| (p - q).powi(2))
        .sum::<f64>()
        .sqrt()
}

/// `color` at opacity `alpha` over `ground`, as a dot is drawn on the card.
pub fn over(color: (u8, u8, u8), alpha: f64, ground: (u8, u8, u8)) -> [f64; 3] {
    let mix = |c: u8, g: u8| alpha * f64::from(c) + (1.0 - alpha) * f64::from(g);
    [
        mix(color.0, ground.0),
        mix(color.1, ground.1),
        mix(color.2, ground.2),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn white_is_l_100_and_black_is_l_0() {
        let white = lab([255.0; 3]);
        assert!((white[0] - 100.0).abs() < 0.01 && white[1].abs() < 0.1 && white[2].abs() < 0.1);
        assert!(lab([0.0; 3])[0].abs() < 1e-9);
    }

    #[test]
    fn greys_look_the_same_to_everyone() {
        for v in Vision::ALL {
            let grey = simulate([128.0; 3], v);
            assert!(
                grey.iter().all(|c| (c - 128.0).abs() < 1.5),
                "{v:?}: {grey:?}"
            );
        }
    }

    /// The textbook confusion, in the red and green that were digits 2 and 4 before the palette
    /// was checked: far apart for typical vision, one colour for a deuteranope, much closer for
    /// a protanope, and still apart for a tritanope.
    #[test]
    fn red_and_green_merge_for_the_red_green_deficiencies() {
        let (red, green) = ([225.0, 87.0, 89.0], [89.0, 161.0, 79.0]);
        let typical = delta_e(red, green, Vision::Typical);
        assert!(typical > 40.0);
        assert!(delta_e(red, green, Vision::Deuteranopia) < 2.3);
        assert!(delta_e(red, green, Vision::Protanopia) < typical / 2.0);
        assert!(delta_e(red, green, Vision::Tritanopia) > 40.0);
    }
}
