//! A power law L ≈ a·N^(−α) fitted by least squares on log L against log N, the straight line
//! of a scaling plot (Kaplan et al. 2020, "Scaling Laws for Neural Language Models", eq. 1.1,
//! without the irreducible term, which a handful of tiny models cannot pin down).

use serde::{Deserialize, Serialize};

use crate::error::Error;

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct PowerLaw {
    /// The loss the line predicts at N = 1.
    pub a: f64,
    /// The exponent: a 10× larger N divides the loss by 10^α.
    pub alpha: f64,
    /// Coefficient of determination of the line in log-log space.
    pub r2: f64,
}

impl PowerLaw {
    /// Fits `(n, loss)` pairs. Needs two or more points with distinct positive `n` and
    /// positive, finite losses.
    pub fn fit(points: &[(f64, f64)]) -> Result<PowerLaw, Error> {
        let bad = |detail: String| Error::InvalidConfig {
            field: "power law points",
            detail,
        };
        if points.len() < 2 {
            return Err(bad(format!("{} points; a line needs 2", points.len())));
        }
        if let Some(&(n, l)) = points
            .iter()
            .find(|&&(n, l)| !(n > 0.0 && l > 0.0 && n.is_finite() && l.is_finite()))
        {
            return Err(bad(format!("({n}, {l}) has no logarithm")));
        }
        let logs: Vec<(f64, f64)> = points.iter().map(|&(n, l)| (n.ln(), l.ln())).collect();
        let count = logs.len() as f64;
        let mean_x = logs.iter().map(|p| p.0).sum::<f64>() / count;
        let mean_y = logs.iter().map(|p| p.1).sum::<f64>() / count;
        let sxx: f64 = logs.iter().map(|p| (p.0 - mean_x).powi(2)).sum();
        let sxy: f64 = logs.iter().map(|p| (p.0 - mean_x) * (p.1 - mean_y)).sum();
        if sxx == 0.0 {
            return Err(bad("every point has the same N".into()));
        }
        // log L = log a + slope·log N, slope = −α.
        let slope = sxy / sxx;
        let intercept = mean_y - slope * mean_x;
        let ss_res: f64 = logs
            .iter()
            .map(|p| (p.1 - intercept - slope * p.0).powi(2))
            .sum();
        let ss_tot: f64 = logs.iter().map(|p| (p.1 - mean_y).powi(2)).sum();
        // Equal losses lie exactly on a flat line: a perfect fit, not 0/0.
        let r2 = if ss_tot == 0.0 {
            1.0
        } else {
            1.0 - ss_res / ss_tot
        };
        Ok(PowerLaw {
            a: intercept.exp(),
            alpha: -slope,
            r2,
        })
    }

    pub fn predict(&self, n: f64) -> f64 {
        self.a * n.powf(-self.alpha)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn should_recover_an_exact_power_law() {
        // L = 12·N^(−0.3) at N = 10³ … 10⁶: every point on the line.
        let points: Vec<(f64, f64)> = [1e3, 1e4, 3e4, 1e5, 1e6]
            .iter()
            .map(|&n: &f64| (n, 12.0 * n.powf(-0.3)))
            .collect();
        let fit = PowerLaw::fit(&points).unwrap();
        assert!((fit.a - 12.0).abs() < 1e-9, "{fit:?}");
        assert!((fit.alpha - 0.3).abs() < 1e-12, "{fit:?}");
        assert!((fit.r2 - 1.0).abs() < 1e-12, "{fit:?}");
        assert!((fit.predict(1e5) - points[3].1).abs() < 1e-12);
    }

    #[test]
    fn should_score_scatter_below_one() {
        // log-log points (0, 0), (1, 1), (2, 0) in base e: slope 0, mean 1/3,
        // SS_tot = 2/3 and SS_res = 2/3, so R² = 0.
        let e = std::f64::consts::E;
        let fit = PowerLaw::fit(&[(1.0, 1.0), (e, e), (e * e, 1.0)]).unwrap();
        assert!(fit.alpha.abs() < 1e-12 && fit.r2.abs() < 1e-12, "{fit:?}");
    }

    #[test]
    fn should_refuse_points_without_a_line() {
        assert!(PowerLaw::fit(&[(10.0, 1.0)]).is_err());
        assert!(PowerLaw::fit(&[(10.0, 1.0), (10.0, 2.0)]).is_err());
        assert!(PowerLaw::fit(&[(10.0, 1.0), (20.0, 0.0)]).is_err());
        assert!(PowerLaw::fit(&[(10.0, 1.0), (20.0, f64::NAN)]).is_err());
    }
}
