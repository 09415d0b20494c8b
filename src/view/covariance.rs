//! The 1σ ellipse of a 2-D Gaussian, as the latent map draws a VAE code's spread: the
//! eigenvectors of its covariance scaled by the square roots of the eigenvalues.

/// The semi-axes of the 1σ ellipse of covariance [xx, xy, yy]: eigenvectors scaled by the
/// square roots of the eigenvalues, λ = (xx + yy)/2 ± √(((xx − yy)/2)² + xy²). `None` for a
/// covariance that is not finite or has no spread.
pub fn sigma_axes([xx, xy, yy]: [f32; 3]) -> Option<([f64; 2], [f64; 2])> {
    let (xx, xy, yy) = (f64::from(xx), f64::from(xy), f64::from(yy));
    let half = (xx + yy) / 2.0;
    let root = (((xx - yy) / 2.0).powi(2) + xy * xy).sqrt();
    let (l1, l2) = ((half + root).max(0.0), (half - root).max(0.0));
    if !(l1.is_finite() && l2.is_finite()) || l1 == 0.0 {
        return None;
    }
    // (λ1 − yy, xy) solves (Σ − λ1 I)v = 0; when xy = 0 the axes are the coordinate axes.
    let (vx, vy) = if xy.abs() > 1e-12 {
        (l1 - yy, xy)
    } else if xx >= yy {
        (1.0, 0.0)
    } else {
        (0.0, 1.0)
    };
    let norm = vx.hypot(vy);
    let (ux, uy) = (vx / norm, vy / norm);
    let (r1, r2) = (l1.sqrt(), l2.sqrt());
    Some(([ux * r1, uy * r1], [-uy * r2, ux * r2]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: [f64; 2], b: [f64; 2]) -> bool {
        (a[0] - b[0]).abs() < 1e-9 && (a[1] - b[1]).abs() < 1e-9
    }

    #[test]
    fn a_diagonal_covariance_has_axes_along_x_and_y() {
        // Variances 4 and 1: semi-axes 2 along x and 1 along y.
        let (a, b) = sigma_axes([4.0, 0.0, 1.0]).unwrap();
        assert!(close(a, [2.0, 0.0]) && close(b, [0.0, 1.0]), "{a:?} {b:?}");
        // Larger along y: the major axis is y.
        let (a, _) = sigma_axes([1.0, 0.0, 9.0]).unwrap();
        assert!(close(a, [0.0, 3.0]), "{a:?}");
    }

    #[test]
    fn a_correlated_covariance_tilts_45_degrees() {
        // [[2, 1], [1, 2]]: λ = 3 along (1, 1)/√2 and 1 along (−1, 1)/√2.
        let (a, b) = sigma_axes([2.0, 1.0, 2.0]).unwrap();
        let s = std::f64::consts::FRAC_1_SQRT_2;
        assert!(close(a, [3f64.sqrt() * s, 3f64.sqrt() * s]), "{a:?}");
        assert!(close(b, [-s, s]), "{b:?}");
    }

    #[test]
    fn no_spread_or_no_number_gives_no_ellipse() {
        assert_eq!(sigma_axes([0.0, 0.0, 0.0]), None);
        assert_eq!(sigma_axes([f32::NAN, 0.0, 1.0]), None);
        assert_eq!(sigma_axes([f32::INFINITY, 0.0, 1.0]), None);
    }
}
