//! Every transpose, odd sizes that cut tiles, several cache blocks, and the models' own shapes.

use super::*;

#[test]
fn should_match_reference_for_all_transposes_and_odd_sizes() {
    let sizes = [1, 3, 7, 17, 33];
    for (t, &(ta, tb)) in TRANS.iter().enumerate() {
        for &m in &sizes {
            for &n in &sizes {
                for &k in &sizes {
                    check(
                        Case::plain(ta, tb, m, n, k),
                        (t * 1000 + m * 100 + n * 10 + k) as u64,
                    );
                }
            }
        }
    }
}

#[test]
fn should_match_reference_across_cache_blocks() {
    // 65 and 130 cut register tiles; 130 rows exceed one A block, k = 600 spans three k blocks
    // (beta and bias on the first, ReLU on the last), and n = 1100 spans two B panels.
    let shapes = [
        (65, 65, 65),
        (130, 130, 130),
        (130, 33, 600),
        (7, 1100, 17),
        (100, 17, 300),
    ];
    for &(ta, tb) in &TRANS {
        for &(m, n, k) in &shapes {
            check(Case::plain(ta, tb, m, n, k), (m * n + k) as u64);
            check(
                Case {
                    beta: 1.0,
                    ..Case::plain(ta, tb, m, n, k)
                },
                7,
            );
            let layer = Case {
                bias: true,
                act: Some(Activation::Relu),
                ..Case::plain(ta, tb, m, n, k)
            };
            check(layer, 11);
        }
    }
}

#[test]
fn should_match_reference_on_autoencoder_shapes() {
    // A Linear layer in→out at batch 32: forward x·W, dW = xᵀ·dY, dx = dY·Wᵀ (W stored in×out).
    for &(inp, out) in &[(784, 128), (64, 32), (16, 8), (8, 4), (4, 8), (128, 784)] {
        let batch = 32;
        let forward = Case {
            bias: true,
            act: Some(Activation::Relu),
            ..Case::plain(Trans::N, Trans::N, batch, out, inp)
        };
        check(forward, 23);
        check(Case::plain(Trans::T, Trans::N, inp, out, batch), 29);
        check(Case::plain(Trans::N, Trans::T, batch, inp, out), 31);
    }
}

#[test]
fn should_handle_degenerate_sizes() {
    for &(ta, tb) in &TRANS {
        for &(m, n, k) in &[(0, 5, 3), (5, 0, 3), (0, 0, 0), (4, 6, 0), (1, 1, 0)] {
            check(Case::plain(ta, tb, m, n, k), 37);
            check(
                Case {
                    beta: 0.5,
                    pad: 2,
                    ..Case::plain(ta, tb, m, n, k)
                },
                41,
            );
            let layer = Case {
                bias: true,
                act: Some(Activation::Relu),
                ..Case::plain(ta, tb, m, n, k)
            };
            check(layer, 43);
        }
    }
    // Empty matrices need no storage at all.
    let mut c = [];
    sgemm(Trans::N, Trans::N, 0, 0, 7, &[], 0, &[], 0, 0.0, &mut c, 0);
}
