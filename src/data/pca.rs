//! A 2-D view of latent codes: the two directions along which they vary most (principal
//! component analysis), so a code of any width can be drawn as a map.
//!
//! The covariance is small (latent × latent), so its top two eigenvectors come from power
//! iteration with deflation, warm-started from the previous view: refitting a few times a
//! second while a model trains then takes a handful of iterations, and each axis keeps its
//! sign, so the map does not mirror itself between two updates.

use serde::{Deserialize, Serialize};

use crate::error::Error;

const MAX_ITERATIONS: usize = 200;
/// Converged when an axis moves less than this (1 − |cos|) between two iterations.
const TOLERANCE: f64 = 1e-10;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Pca {
    pub dim: usize,
    pub mean: Vec<f32>,
    /// Unit vectors of length `dim`.
    pub axes: [Vec<f32>; 2],
    /// The codes' variance along each axis.
    pub variance: [f32; 2],
    /// The codes' total variance (the trace of their covariance).
    pub total_variance: f32,
}

fn unit(dim: usize, i: usize) -> Vec<f32> {
    (0..dim).map(|j| if j == i { 1.0 } else { 0.0 }).collect()
}

impl Pca {
    /// The view of codes of width ≤ 2 as they are: axis 0 is code 0, axis 1 is code 1 (or
    /// nothing, for one number).
    pub fn identity(dim: usize) -> Pca {
        Pca {
            dim,
            mean: vec![0.0; dim],
            axes: [unit(dim, 0), unit(dim, 1)],
            variance: [0.0; 2],
            total_variance: 0.0,
        }
    }

    /// The principal axes of `rows`, (n, dim) row-major. Codes of width ≤ 2 get the identity
    /// view (with their variances filled in). `previous`, if of the same width, warm-starts
    /// the iteration and fixes the signs.
    pub fn fit(rows: &[f32], dim: usize, previous: Option<&Pca>) -> Result<Pca, Error> {
        if dim == 0 || rows.is_empty() || !rows.len().is_multiple_of(dim) {
            return Err(Error::ShapeMismatch {
                op: "Pca::fit",
                lhs: vec![rows.len()],
                rhs: vec![dim],
            });
        }
        let n = rows.len() / dim;
        let mut mean = vec![0.0f64; dim];
        for row in rows.chunks_exact(dim) {
            for (m, &v) in mean.iter_mut().zip(row) {
                *m += f64::from(v);
            }
        }
        mean.iter_mut().for_each(|m| *m /= n as f64);
        // (dim, dim), accumulated in f64: a thousand codes of similar size lose digits in f32.
        let mut cov = vec![0.0f64; dim * dim];
        for row in rows.chunks_exact(dim) {
            for i in 0..dim {
                let di = f64::from(row[i]) - mean[i];
                for j in i..dim {
                    cov[i * dim + j] += di * (f64::from(row[j]) - mean[j]);
                }
            }
        }
        for i in 0..dim {
            for j in i..dim {
                let c = cov[i * dim + j] / n as f64;
                cov[i * dim + j] = c;
                cov[j * dim + i] = c;
            }
        }
        let total = (0..dim).map(|i| cov[i * dim + i]).sum::<f64>();
        if dim <= 2 {
            let mut view = Pca::identity(dim);
            view.variance = [cov[0] as f32, if dim == 2 { cov[3] as f32 } else { 0.0 }];
            view.total_variance = total as f32;
            return Ok(view);
        }
        let previous = previous.filter(|p| p.dim == dim);
        let start = |k: usize| -> Vec<f64> {
            previous.map_or_else(
                // Not an axis: a start orthogonal to the answer would never leave zero.
                || {
                    (0..dim)
                        .map(|j| 1.0 + (j * (k + 1)) as f64 * 0.37)
                        .collect()
                },
                |p| p.axes[k].iter().map(|&v| f64::from(v)).collect(),
            )
        };
        let a0 = power_iteration(&cov, dim, start(0), None);
        let a1 = power_iteration(&cov, dim, start(1), Some(&a0));
        let mut axes = [a0, a1];
        if let Some(p) = previous {
            for (axis, old) in axes.iter_mut().zip(&p.axes) {
                let dot: f64 = axis.iter().zip(old).map(|(a, &b)| a * f64::from(b)).sum();
                if dot < 0.0 {
                    axis.iter_mut().for_each(|v| *v = -*v);
                }
            }
        }
        let variance = [rayleigh(&cov, dim, &axes[0]), rayleigh(&cov, dim, &axes[1])];
        Ok(Pca {
            dim,
            mean: mean.iter().map(|&m| m as f32).collect(),
            axes: axes.map(|a| a.iter().map(|&v| v as f32).collect()),
            variance: variance.map(|v| v.max(0.0) as f32),
            total_variance: total as f32,
        })
    }

    /// (code − mean)·axes
    pub fn project(&self, code: &[f32]) -> [f32; 2] {
        let along = |axis: &[f32]| {
            code.iter()
                .zip(&self.mean)
                .zip(axis)
                .map(|((c, m), a)| (c - m) * a)
                .sum()
        };
        [along(&self.axes[0]), along(&self.axes[1])]
    }

    /// mean + p₀·axis₀ + p₁·axis₁
    pub fn unproject(&self, p: [f32; 2]) -> Vec<f32> {
        let mut out = vec![0.0; self.dim];
        self.unproject_into(p, &mut out);
        out
    }

    pub fn unproject_into(&self, p: [f32; 2], out: &mut [f32]) {
        for (j, o) in out.iter_mut().enumerate().take(self.dim) {
            *o = self.mean[j] + p[0] * self.axes[0][j] + p[1] * self.axes[1][j];
        }
    }

    /// The covariance [xx, xy, yy] in this view of a Gaussian with diagonal variance `var`:
    /// P·diag(var)·Pᵀ for the 2 × dim projection P.
    pub fn project_diag_cov(&self, var: &[f32]) -> [f32; 3] {
        let [a, b] = &self.axes;
        let mut out = [0.0f32; 3];
        for j in 0..self.dim.min(var.len()) {
            out[0] += a[j] * a[j] * var[j];
            out[1] += a[j] * b[j] * var[j];
            out[2] += b[j] * b[j] * var[j];
        }
        out
    }

    /// The share of the codes' variance the two axes show: 1 for codes of width ≤ 2.
    pub fn explained(&self) -> f32 {
        if self.dim <= 2 || self.total_variance <= 0.0 {
            1.0
        } else {
            ((self.variance[0] + self.variance[1]) / self.total_variance).clamp(0.0, 1.0)
        }
    }
}

/// The dominant eigenvector of the symmetric `cov` (orthogonal to `against`, if given).
fn power_iteration(cov: &[f64], dim: usize, mut v: Vec<f64>, against: Option<&[f64]>) -> Vec<f64> {
    let orthogonalise = |v: &mut Vec<f64>| {
        if let Some(a) = against {
            let d: f64 = v.iter().zip(a).map(|(x, y)| x * y).sum();
            v.iter_mut().zip(a).for_each(|(x, y)| *x -= d * y);
        }
    };
    let normalise = |v: &mut Vec<f64>| -> bool {
        let norm = v.iter().map(|x| x * x).sum::<f64>().sqrt();
        if norm > 1e-300 {
            v.iter_mut().for_each(|x| *x /= norm);
            true
        } else {
            false
        }
    };
    orthogonalise(&mut v);
    if !normalise(&mut v) {
        // The start lay on `against` (or was zero): any other direction will do.
        v = (0..dim)
            .map(|j| if j % 2 == 0 { 1.0 } else { -0.5 })
            .collect();
        orthogonalise(&mut v);
        if !normalise(&mut v) {
            v = unit(dim, dim - 1).iter().map(|&x| f64::from(x)).collect();
        }
    }
    let mut next = vec![0.0; dim];
    for _ in 0..MAX_ITERATIONS {
        for (i, n) in next.iter_mut().enumerate() {
            *n = (0..dim).map(|j| cov[i * dim + j] * v[j]).sum();
        }
        orthogonalise(&mut next);
        if !normalise(&mut next) {
            // No variance left in this direction: keep the (unit) start.
            return v;
        }
        let cos: f64 = next.iter().zip(&v).map(|(a, b)| a * b).sum();
        std::mem::swap(&mut v, &mut next);
        if 1.0 - cos.abs() < TOLERANCE {
            break;
        }
    }
    v
}

/// vᵀ·cov·v for a unit v: the variance along v.
fn rayleigh(cov: &[f64], dim: usize, v: &[f64]) -> f64 {
    (0..dim)
        .map(|i| v[i] * (0..dim).map(|j| cov[i * dim + j] * v[j]).sum::<f64>())
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::Rng;

    /// Codes in 5-D: large spread along `a`, smaller along `b`, a little noise.
    fn codes(a: &[f32], b: &[f32], n: usize) -> Vec<f32> {
        let mut rng = Rng::seed(3);
        let mut out = Vec::new();
        for _ in 0..n {
            let (s, t) = (rng.normal() * 3.0, rng.normal());
            for j in 0..5 {
                out.push(1.0 + s * a[j] + t * b[j] + 0.01 * rng.normal());
            }
        }
        out
    }

    fn normalised(v: [f32; 5]) -> Vec<f32> {
        let n = v.iter().map(|x| x * x).sum::<f32>().sqrt();
        v.iter().map(|x| x / n).collect()
    }

    fn dot(a: &[f32], b: &[f32]) -> f32 {
        a.iter().zip(b).map(|(x, y)| x * y).sum()
    }

    #[test]
    fn finds_the_directions_of_largest_spread() {
        let a = normalised([1.0, 2.0, 0.0, -1.0, 0.5]);
        let b = normalised([2.0, -1.0, 0.5, 0.0, 0.0]);
        // Make b orthogonal to a.
        let d = dot(&a, &b);
        let b = normalised(std::array::from_fn(|j| b[j] - d * a[j]));
        let rows = codes(&a, &b, 4000);
        let pca = Pca::fit(&rows, 5, None).unwrap();
        assert!(dot(&pca.axes[0], &a).abs() > 0.999, "{:?}", pca.axes[0]);
        assert!(dot(&pca.axes[1], &b).abs() > 0.999, "{:?}", pca.axes[1]);
        assert!((pca.variance[0] - 9.0).abs() < 0.6, "{:?}", pca.variance);
        assert!((pca.variance[1] - 1.0).abs() < 0.1, "{:?}", pca.variance);
        assert!(dot(&pca.axes[0], &pca.axes[1]).abs() < 1e-5);
        assert!((dot(&pca.axes[0], &pca.axes[0]) - 1.0).abs() < 1e-5);
        assert!(pca.explained() > 0.99);
        // A point in the span of the axes comes back from its projection.
        let p: Vec<f32> = (0..5)
            .map(|j| pca.mean[j] + 2.0 * pca.axes[0][j] - pca.axes[1][j])
            .collect();
        let xy = pca.project(&p);
        assert!(
            (xy[0] - 2.0).abs() < 1e-5 && (xy[1] + 1.0).abs() < 1e-5,
            "{xy:?}"
        );
        let back = pca.unproject(xy);
        assert!(back.iter().zip(&p).all(|(x, y)| (x - y).abs() < 1e-5));
    }

    #[test]
    fn keeps_the_signs_of_the_previous_view() {
        let a = normalised([1.0, 0.0, 0.0, 0.0, 1.0]);
        let b = normalised([0.0, 1.0, 0.0, 0.0, 0.0]);
        let rows = codes(&a, &b, 500);
        let first = Pca::fit(&rows, 5, None).unwrap();
        let mut flipped = first.clone();
        flipped.axes[0].iter_mut().for_each(|v| *v = -*v);
        let again = Pca::fit(&rows, 5, Some(&flipped)).unwrap();
        assert!(dot(&again.axes[0], &flipped.axes[0]) > 0.999);
        assert!(dot(&again.axes[1], &first.axes[1]) > 0.999);
    }

    #[test]
    fn narrow_codes_are_shown_as_they_are() {
        let rows = [1.0, 2.0, 3.0, 6.0];
        let pca = Pca::fit(&rows, 2, None).unwrap();
        assert_eq!(pca.project(&[1.0, 2.0]), [1.0, 2.0]);
        assert_eq!(pca.variance, [1.0, 4.0]);
        assert_eq!(pca.explained(), 1.0);
        let one = Pca::fit(&[1.0, 3.0], 1, None).unwrap();
        assert_eq!(one.project(&[3.0]), [3.0, 0.0]);
        assert_eq!(one.unproject([2.0, 5.0]), vec![2.0]);
    }

    #[test]
    fn constant_codes_give_finite_orthonormal_axes() {
        let rows = vec![0.5; 40];
        let pca = Pca::fit(&rows, 4, None).unwrap();
        for axis in &pca.axes {
            assert!(axis.iter().all(|v| v.is_finite()));
            assert!((dot(axis, axis) - 1.0).abs() < 1e-5);
        }
        assert!(dot(&pca.axes[0], &pca.axes[1]).abs() < 1e-5);
        assert_eq!(pca.variance, [0.0, 0.0]);
        assert_eq!(pca.explained(), 1.0);
    }

    #[test]
    fn projects_a_diagonal_covariance() {
        let mut pca = Pca::identity(3);
        pca.axes = [vec![0.6, 0.8, 0.0], vec![-0.8, 0.6, 0.0]];
        let c = pca.project_diag_cov(&[1.0, 4.0, 9.0]);
        // [0.36 + 2.56, −0.48 + 1.92, 0.64 + 1.44]
        let want = [2.92, 1.44, 2.08];
        assert!(
            c.iter().zip(want).all(|(x, y)| (x - y).abs() < 1e-5),
            "{c:?}"
        );
    }

    #[test]
    fn refuses_rows_of_the_wrong_length() {
        assert!(Pca::fit(&[1.0, 2.0, 3.0], 2, None).is_err());
        assert!(Pca::fit(&[], 2, None).is_err());
    }
}
