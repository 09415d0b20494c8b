//! Shapes as small copyable dimension lists, and NumPy broadcasting
//! (<https://numpy.org/doc/stable/user/basics.broadcasting.html>) walked without allocating.

use std::fmt;
use std::ops::Deref;

use crate::error::Error;

/// The highest rank a tensor may have: attention needs four axes, (B, heads, Tq, Tk).
pub const MAX_RANK: usize = 6;

/// A shape held inline, so recording an op never allocates for its shape.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Dims {
    rank: usize,
    dims: [usize; MAX_RANK],
}

impl Dims {
    pub fn new(op: &'static str, shape: &[usize]) -> Result<Dims, Error> {
        if shape.len() > MAX_RANK {
            // Against a shape of the highest rank the tape takes.
            return Err(Error::ShapeMismatch {
                op,
                lhs: shape.to_vec(),
                rhs: vec![0; MAX_RANK],
            });
        }
        let mut dims = [0; MAX_RANK];
        dims[..shape.len()].copy_from_slice(shape);
        Ok(Dims {
            rank: shape.len(),
            dims,
        })
    }

    pub fn scalar() -> Dims {
        Dims {
            rank: 0,
            dims: [0; MAX_RANK],
        }
    }

    /// One axis of length zero: the shape of nothing.
    pub fn empty() -> Dims {
        Dims {
            rank: 1,
            dims: [0; MAX_RANK],
        }
    }

    pub fn numel(&self) -> usize {
        self.iter().product()
    }

    /// The length of the last axis, 1 for a scalar: the row length of row-wise ops.
    pub fn last(&self) -> usize {
        self.as_slice().last().copied().unwrap_or(1)
    }

    pub fn as_slice(&self) -> &[usize] {
        &self.dims[..self.rank]
    }

    /// This shape with axis `axis` replaced by `len`.
    pub(crate) fn with(&self, axis: usize, len: usize) -> Dims {
        let mut d = *self;
        d.dims[axis] = len;
        d
    }

    /// This shape without axis `axis`.
    pub(crate) fn without(&self, axis: usize) -> Dims {
        let mut d = Dims::scalar();
        for (i, &n) in self.iter().enumerate().filter(|&(i, _)| i != axis) {
            d.dims[i - usize::from(i > axis)] = n;
        }
        d.rank = self.rank - 1;
        d
    }

    /// `prefix` followed by `suffix`; the caller has checked the total rank.
    pub(crate) fn concat(
        op: &'static str,
        prefix: &[usize],
        suffix: &[usize],
    ) -> Result<Dims, Error> {
        let mut d = Dims::new(op, prefix)?;
        if prefix.len() + suffix.len() > MAX_RANK {
            return Err(Error::ShapeMismatch {
                op,
                lhs: prefix.to_vec(),
                rhs: suffix.to_vec(),
            });
        }
        d.dims[prefix.len()..prefix.len() + suffix.len()].copy_from_slice(suffix);
        d.rank += suffix.len();
        Ok(d)
    }

    /// The shape as (outer, len, inner) around `axis`: how reductions, slices and concatenation
    /// see a row-major buffer.
    pub(crate) fn split_at_axis(&self, axis: usize) -> (usize, usize, usize) {
        let outer = self[..axis].iter().product();
        let inner = self[axis + 1..].iter().product();
        (outer, self[axis], inner)
    }

    /// Row-major strides.
    pub(crate) fn strides(&self) -> [usize; MAX_RANK] {
        let mut s = [0; MAX_RANK];
        let mut acc = 1;
        for i in (0..self.rank).rev() {
            s[i] = acc;
            acc *= self.dims[i];
        }
        s
    }

    pub(crate) fn to_vec(self) -> Vec<usize> {
        self.as_slice().to_vec()
    }
}

impl Deref for Dims {
    type Target = [usize];
    fn deref(&self) -> &[usize] {
        self.as_slice()
    }
}

impl fmt::Debug for Dims {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.as_slice().fmt(f)
    }
}

/// The shape both operands broadcast to: align trailing axes; each pair must be equal or one.
pub fn broadcast_shape(op: &'static str, a: &Dims, b: &Dims) -> Result<Dims, Error> {
    let rank = a.len().max(b.len());
    let mismatch = || Error::ShapeMismatch {
        op,
        lhs: a.to_vec(),
        rhs: b.to_vec(),
    };
    let mut out = [0; MAX_RANK];
    for (i, o) in out[..rank].iter_mut().enumerate() {
        // Axis i of the result lines up with axis i - (rank - len) of each operand.
        let da = (i + a.len()).checked_sub(rank).map_or(1, |j| a[j]);
        let db = (i + b.len()).checked_sub(rank).map_or(1, |j| b[j]);
        *o = match (da, db) {
            _ if da == db => da,
            (1, _) => db,
            (_, 1) => da,
            _ => return Err(mismatch()),
        };
    }
    Dims::new(op, &out[..rank])
}

/// Strides of `operand` indexed by the axes of `out`, which it broadcasts to: zero along the
/// axes it repeats, so one offset formula serves every element.
pub(crate) fn broadcast_strides(operand: &Dims, out: &Dims) -> [usize; MAX_RANK] {
    let own = operand.strides();
    let shift = out.len() - operand.len();
    let mut s = [0; MAX_RANK];
    for i in 0..operand.len() {
        if operand[i] != 1 {
            s[i + shift] = own[i];
        }
    }
    s
}

/// Calls `f(o, ia, ib)` for every element of `out` in row-major order, where `o` is its offset
/// and `ia`, `ib` the offsets given by strides `sa`, `sb` (from [`broadcast_strides`], or a
/// permutation of strides): what [`Runs`] walks, an element at a time. The ops use `Runs`, so
/// that their inner loops run on slices; this is the reference the tests hold it to.
#[cfg(test)]
pub(crate) fn for_each_offset(
    out: &Dims,
    sa: &[usize; MAX_RANK],
    sb: &[usize; MAX_RANK],
    mut f: impl FnMut(usize, usize, usize),
) {
    let runs = Runs::new(out, sa, sb);
    let (len, step_a, step_b) = (runs.len, runs.step_a, runs.step_b);
    runs.for_each(|o, ia, ib| {
        for j in 0..len {
            f(o + j, ia + j * step_a, ib + j * step_b);
        }
    });
}

/// The walk of [`for_each_offset`] cut into runs: `len` consecutive outputs whose operand
/// offsets advance by `step_a` and `step_b`. Axes of length one are dropped and neighbours that
/// are contiguous in both operands are merged, so a same-shape op is one run, a bias add one run
/// per row and a head permute one run per head row: long inner loops over slices, which the
/// compiler vectorises, where an element at a time with its index checks does not.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Runs {
    pub len: usize,
    pub step_a: usize,
    pub step_b: usize,
    /// The axes around the runs, outermost first: lengths and the operands' strides.
    rank: usize,
    outer: [usize; MAX_RANK],
    sa: [usize; MAX_RANK],
    sb: [usize; MAX_RANK],
    empty: bool,
}

impl Runs {
    pub(crate) fn new(out: &Dims, sa: &[usize; MAX_RANK], sb: &[usize; MAX_RANK]) -> Runs {
        // (length, stride in a, stride in b) of the axes kept, outermost first.
        let mut axes = [(1, 0, 0); MAX_RANK];
        let mut kept = 0usize;
        for d in 0..out.len() {
            let n = out[d];
            if n == 1 {
                continue;
            }
            match kept.checked_sub(1).map(|k| &mut axes[k]) {
                // Stepping the axis before once is stepping through all of this one.
                Some(prev) if prev.1 == sa[d] * n && prev.2 == sb[d] * n => {
                    *prev = (prev.0 * n, sa[d], sb[d]);
                }
                _ => {
                    axes[kept] = (n, sa[d], sb[d]);
                    kept += 1;
                }
            }
        }
        // A scalar, or a shape of ones, is one run of one element.
        let (len, step_a, step_b) = kept.checked_sub(1).map_or((1, 0, 0), |k| axes[k]);
        let rank = kept.saturating_sub(1);
        let mut runs = Runs {
            len,
            step_a,
            step_b,
            rank,
            outer: [0; MAX_RANK],
            sa: [0; MAX_RANK],
            sb: [0; MAX_RANK],
            empty: out.numel() == 0,
        };
        for (k, &(n, a, b)) in axes[..rank].iter().enumerate() {
            (runs.outer[k], runs.sa[k], runs.sb[k]) = (n, a, b);
        }
        runs
    }

    /// Calls `f(o, ia, ib)` at the start of every run, in row-major order: an odometer over
    /// the outer axes.
    pub(crate) fn for_each(&self, mut f: impl FnMut(usize, usize, usize)) {
        if self.empty {
            return;
        }
        let mut index = [0usize; MAX_RANK];
        let (mut o, mut ia, mut ib) = (0, 0, 0);
        loop {
            f(o, ia, ib);
            o += self.len;
            // Carry into the outer axes, right to left.
            let mut axis = self.rank;
            loop {
                if axis == 0 {
                    return;
                }
                axis -= 1;
                index[axis] += 1;
                ia += self.sa[axis];
                ib += self.sb[axis];
                if index[axis] < self.outer[axis] {
                    break;
                }
                ia -= self.sa[axis] * self.outer[axis];
                ib -= self.sb[axis] * self.outer[axis];
                index[axis] = 0;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dims(s: &[usize]) -> Dims {
        Dims::new("test", s).unwrap()
    }

    #[test]
    fn broadcast_follows_numpy_rules() {
        let out = broadcast_shape("add", &dims(&[4, 1, 3]), &dims(&[5, 1])).unwrap();
        assert_eq!(out.as_slice(), &[4, 5, 3]);
        assert!(broadcast_shape("add", &dims(&[2, 3]), &dims(&[4])).is_err());
        let scalar = broadcast_shape("add", &dims(&[]), &dims(&[2])).unwrap();
        assert_eq!(scalar.as_slice(), &[2]);
    }

    #[test]
    fn offsets_repeat_along_broadcast_axes() {
        // a: (2, 1) broadcast against out (2, 3): a's offset follows the row only.
        let out = dims(&[2, 3]);
        let sa = broadcast_strides(&dims(&[2, 1]), &out);
        let sb = broadcast_strides(&dims(&[3]), &out);
        let mut seen = Vec::new();
        for_each_offset(&out, &sa, &sb, |o, ia, ib| seen.push((o, ia, ib)));
        assert_eq!(
            seen,
            [
                (0, 0, 0),
                (1, 0, 1),
                (2, 0, 2),
                (3, 1, 0),
                (4, 1, 1),
                (5, 1, 2)
            ]
        );
    }

    /// Every element once, in row-major order, with the offsets of the plain odometer.
    fn naive(out: &Dims, sa: &[usize; MAX_RANK], sb: &[usize; MAX_RANK]) -> Vec<[usize; 3]> {
        let mut seen = Vec::new();
        let mut index = vec![0; out.len()];
        for o in 0..out.numel() {
            let (ia, ib) = (0..out.len()).fold((0, 0), |(a, b), d| {
                (a + index[d] * sa[d], b + index[d] * sb[d])
            });
            seen.push([o, ia, ib]);
            for d in (0..out.len()).rev() {
                index[d] += 1;
                if index[d] < out[d] {
                    break;
                }
                index[d] = 0;
            }
        }
        seen
    }

    #[test]
    fn runs_merge_contiguous_axes_and_visit_what_the_odometer_does() {
        // (out, a, b): same shapes, bias rows, a column, shapes with ones, a head permute, a
        // scalar, and nothing at all.
        let cases: [(&[usize], &[usize], &[usize]); 7] = [
            (&[2, 3, 4], &[2, 3, 4], &[2, 3, 4]),
            (&[2, 3, 4], &[2, 3, 4], &[4]),
            (&[2, 3, 4], &[2, 3, 1], &[1, 3, 4]),
            (&[1, 3, 1, 4], &[1, 3, 1, 4], &[1, 1, 1, 1]),
            (&[5], &[1], &[5]),
            (&[], &[], &[]),
            (&[2, 0, 3], &[2, 0, 3], &[3]),
        ];
        for (out, a, b) in cases {
            let out = dims(out);
            let (sa, sb) = (
                broadcast_strides(&dims(a), &out),
                broadcast_strides(&dims(b), &out),
            );
            let mut seen = Vec::new();
            for_each_offset(&out, &sa, &sb, |o, ia, ib| seen.push([o, ia, ib]));
            assert_eq!(seen, naive(&out, &sa, &sb), "{out:?} {a:?} {b:?}");
        }
        // A permute (B, T, h, d) → (B, h, T, d) reads runs of d.
        let x = dims(&[2, 5, 4, 3]);
        let own = x.strides();
        let out = dims(&[2, 4, 5, 3]);
        let sa = [own[0], own[2], own[1], own[3], 0, 0];
        let runs = Runs::new(&out, &sa, &[0; MAX_RANK]);
        assert_eq!((runs.len, runs.step_a, runs.step_b), (3, 1, 0));
        let mut seen = Vec::new();
        for_each_offset(&out, &sa, &[0; MAX_RANK], |o, ia, ib| {
            seen.push([o, ia, ib])
        });
        assert_eq!(seen, naive(&out, &sa, &[0; MAX_RANK]));
        // Same shapes are one run; a bias add is one run per row.
        let same = dims(&[2, 3, 4]);
        let s = same.strides();
        assert_eq!(Runs::new(&same, &s, &s).len, 24);
        let bias = broadcast_strides(&dims(&[4]), &same);
        let runs = Runs::new(&same, &s, &bias);
        assert_eq!((runs.len, runs.step_a, runs.step_b), (4, 1, 1));
    }

    #[test]
    fn without_and_split_at_axis_agree_with_the_shape() {
        let d = dims(&[2, 3, 4]);
        assert_eq!(d.without(1).as_slice(), &[2, 4]);
        assert_eq!(d.split_at_axis(1), (2, 3, 4));
        assert_eq!(d.strides()[..3], [12, 4, 1]);
    }
}
