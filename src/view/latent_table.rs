//! The latent map as a table (its "Show as table"): a thousand dots are no table to read, so a
//! row per digit says where that digit's codes sit and how tightly: how many, their centre, and
//! their spread (the root-mean-square distance to the centre). Two digits with close centres and
//! wide spreads are the ones the map mixes up.

/// One digit's codes on the map.
#[derive(Clone, Debug, PartialEq)]
pub struct ClassRow {
    pub digit: u8,
    pub count: usize,
    pub centre: [f32; 2],
    pub spread: f32,
}

/// A row per digit that has codes, in digit order. `xy` and `labels` pair up; a code that is
/// not finite (a diverged model) is left out rather than making its digit's row NaN.
pub fn class_rows(xy: &[[f32; 2]], labels: &[u8]) -> Vec<ClassRow> {
    let mut rows = Vec::new();
    for digit in 0..=9u8 {
        let codes: Vec<[f32; 2]> = xy
            .iter()
            .zip(labels)
            .filter(|(p, &l)| l == digit && p.iter().all(|v| v.is_finite()))
            .map(|(p, _)| *p)
            .collect();
        if codes.is_empty() {
            continue;
        }
        let n = codes.len() as f32;
        let mean = |i: usize| codes.iter().map(|p| p[i]).sum::<f32>() / n;
        let centre = [mean(0), mean(1)];
        let square = |p: &[f32; 2]| (p[0] - centre[0]).powi(2) + (p[1] - centre[1]).powi(2);
        let spread = (codes.iter().map(square).sum::<f32>() / n).sqrt();
        rows.push(ClassRow {
            digit,
            count: codes.len(),
            centre,
            spread,
        });
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_digit_gets_its_count_centre_and_spread() {
        let xy = [[0.0, 0.0], [2.0, 0.0], [10.0, 10.0], [f32::NAN, 1.0]];
        let labels = [3, 3, 7, 7];
        let rows = class_rows(&xy, &labels);
        assert_eq!(
            rows,
            vec![
                ClassRow {
                    digit: 3,
                    count: 2,
                    centre: [1.0, 0.0],
                    spread: 1.0
                },
                ClassRow {
                    digit: 7,
                    count: 1,
                    centre: [10.0, 10.0],
                    spread: 0.0
                },
            ]
        );
    }

    #[test]
    fn no_codes_no_rows() {
        assert!(class_rows(&[], &[]).is_empty());
    }
}
