//! What the three questions' answers read from the visitor's own runs: the speed sweep's
//! ratios, where pretraining stops helping, and how peaked a trained model's attention is.
//! Plain functions of results, so the page only formats them.

use crate::experiments::FinetuneResult;
use crate::jobs::speed_sweep::SpeedResult;
use crate::models::AttentionMaps;

use super::guide_experiments::lead;

/// Within one width, the smallest and the largest batch compared.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BatchRatio {
    pub width: usize,
    pub small: usize,
    pub large: usize,
    /// Samples per second of the large batch over the small.
    pub throughput: f64,
    /// Time to the target of the large batch over the small, when both reached it.
    pub time: Option<f64>,
    /// The batch that ran out of time before the target (the large one if both did).
    pub missed: Option<usize>,
}

/// The ratio for each width whose smallest and largest batch have both finished.
pub fn batch_ratios(results: &[SpeedResult]) -> Vec<BatchRatio> {
    let mut widths: Vec<usize> = results.iter().map(|r| r.width).collect();
    widths.dedup();
    widths
        .into_iter()
        .filter_map(|width| {
            let mine = || results.iter().filter(move |r| r.width == width);
            let small = mine().min_by_key(|r| r.batch)?;
            let large = mine().max_by_key(|r| r.batch)?;
            (large.batch > small.batch).then(|| BatchRatio {
                width,
                small: small.batch,
                large: large.batch,
                throughput: large.samples_per_sec / small.samples_per_sec.max(1e-9),
                time: large
                    .to_target_millis()
                    .zip(small.to_target_millis())
                    .map(|(l, s)| l / s.max(1e-9)),
                missed: [large, small]
                    .into_iter()
                    .find(|r| !r.reached)
                    .map(|r| r.batch),
            })
        })
        .collect()
}

/// The run that reached the target soonest.
pub fn fastest(results: &[SpeedResult]) -> Option<&SpeedResult> {
    results
        .iter()
        .filter_map(|r| r.to_target_millis().map(|t| (t, r)))
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, r)| r)
}

/// Fine-tuning's lead over scratch at each K that has both, in accuracy points, and the K from
/// which it is gone for good (every larger K run too), if it is.
#[derive(Clone, Debug, PartialEq)]
pub struct DataAnswer {
    pub leads: Vec<(usize, f32)>,
    pub stops_at: Option<usize>,
}

pub fn data_answer(rows: &[FinetuneResult]) -> Option<DataAnswer> {
    let mut leads: Vec<(usize, f32)> = rows.iter().filter_map(|r| Some((r.k, lead(r)?))).collect();
    leads.sort_by_key(|&(k, _)| k);
    if leads.len() < 2 {
        return None;
    }
    let tail = leads
        .iter()
        .rposition(|&(_, l)| l > 0.0)
        .map_or(0, |i| i + 1);
    let stops_at = leads.get(tail).map(|&(k, _)| k);
    Some(DataAnswer { leads, stops_at })
}

/// How peaked cross-attention is: the mean over output positions of the largest weight a
/// row gives any one source position (last layer, heads averaged), and what an even spread
/// would give. Near 1 for a model that copies from one place; 1 / n for one that looks
/// everywhere.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Peak {
    pub mean_max: f32,
    pub even: f32,
}

pub fn peak(maps: &AttentionMaps) -> Option<Peak> {
    let c = &maps.cross;
    let (n, rows) = (c.keys, c.queries);
    if n == 0 || rows == 0 || c.layers == 0 || c.heads == 0 {
        return None;
    }
    let layer = c.layers - 1;
    let heads: Vec<&[f32]> = (0..c.heads)
        .map(|h| c.map(layer, h))
        .collect::<Option<_>>()?;
    let total: f32 = (0..rows)
        .map(|t| {
            (0..n)
                .map(|j| heads.iter().map(|m| m[t * n + j]).sum::<f32>() / c.heads as f32)
                .fold(0.0, f32::max)
        })
        .sum();
    Some(Peak {
        mean_max: total / rows as f32,
        even: 1.0 / n as f32,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::AttentionStack;
    use crate::view::test_support::finetune_row;

    fn speed(width: usize, batch: usize, sps: f64, to: Option<f64>) -> SpeedResult {
        SpeedResult {
            width,
            batch,
            params: 0,
            steps: 10,
            millis: to.unwrap_or(3_000.0),
            samples_per_sec: sps,
            reached: to.is_some(),
            held_out: 0.03,
        }
    }

    #[test]
    fn ratios_compare_the_extreme_batches_of_each_width() {
        let results = [
            speed(32, 8, 1000.0, Some(900.0)),
            speed(32, 32, 3000.0, Some(600.0)),
            speed(32, 512, 6000.0, None),
            speed(128, 8, 500.0, Some(200.0)),
            speed(128, 512, 4000.0, Some(1800.0)),
            speed(512, 8, 100.0, Some(400.0)),
        ];
        let r = batch_ratios(&results);
        assert_eq!(r.len(), 2, "width 512 has one batch so far: {r:?}");
        assert_eq!((r[0].width, r[0].small, r[0].large), (32, 8, 512));
        assert!((r[0].throughput - 6.0).abs() < 1e-9);
        assert_eq!((r[0].time, r[0].missed), (None, Some(512)));
        assert_eq!(r[1].missed, None);
        assert!((r[1].throughput - 8.0).abs() < 1e-9);
        assert!((r[1].time.unwrap() - 9.0).abs() < 1e-9);
        assert_eq!(
            fastest(&results).map(|r| (r.width, r.batch)),
            Some((128, 8))
        );
        assert_eq!(fastest(&results[2..3]), None);
    }

    fn row(k: usize, scratch: f32, tuned: f32) -> FinetuneResult {
        finetune_row(k, 0.5, tuned, scratch)
    }

    #[test]
    fn pretraining_stops_helping_where_the_lead_is_gone_for_good() {
        let rows = [
            row(500, 0.80, 0.79),
            row(10, 0.30, 0.40),
            row(100, 0.60, 0.62),
            row(50, 0.50, 0.49),
            row(1000, 0.85, 0.80),
        ];
        let a = data_answer(&rows).unwrap();
        assert_eq!(
            a.leads.iter().map(|l| l.0).collect::<Vec<_>>(),
            [10, 50, 100, 500, 1000]
        );
        // K = 50 dips, but K = 100 helps again: it stops at 500.
        assert_eq!(a.stops_at, Some(500));
        let helps = [row(10, 0.3, 0.4), row(100, 0.6, 0.7)];
        assert_eq!(data_answer(&helps).unwrap().stops_at, None);
        let never = [row(10, 0.4, 0.3), row(100, 0.7, 0.6)];
        assert_eq!(data_answer(&never).unwrap().stops_at, Some(10));
        assert_eq!(data_answer(&rows[..1]), None);
    }

    #[test]
    fn a_copying_map_peaks_at_one_and_an_even_one_at_one_over_n() {
        let n = 4;
        let eye: Vec<f32> = (0..n * n)
            .map(|i| if i % (n + 1) == 0 { 1.0 } else { 0.0 })
            .collect();
        let flat = vec![1.0 / n as f32; n * n];
        let stack = |heads: Vec<Vec<f32>>| AttentionStack {
            layers: 1,
            heads: heads.len(),
            queries: n,
            keys: n,
            weights: heads.concat(),
        };
        let maps = |cross| AttentionMaps {
            cross,
            ..AttentionMaps::default()
        };
        let p = peak(&maps(stack(vec![eye.clone()]))).unwrap();
        assert!((p.mean_max - 1.0).abs() < 1e-6 && (p.even - 0.25).abs() < 1e-6);
        let p = peak(&maps(stack(vec![flat.clone()]))).unwrap();
        assert!((p.mean_max - 0.25).abs() < 1e-6);
        // Two heads averaged: half copying, half even.
        let p = peak(&maps(stack(vec![eye, flat]))).unwrap();
        assert!((p.mean_max - 0.625).abs() < 1e-6);
        assert_eq!(peak(&AttentionMaps::default()), None);
    }
}
