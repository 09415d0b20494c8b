//! The public API: beta, the fused epilogue, leading dimensions, exact values and misuse.

use super::*;

#[test]
fn should_accumulate_and_scale_with_beta() {
    for &(ta, tb) in &TRANS {
        for beta in [1.0, 0.5, -2.0] {
            for &(m, n, k) in &[(1, 1, 1), (7, 17, 3), (33, 65, 17), (17, 7, 300)] {
                check(
                    Case {
                        beta,
                        ..Case::plain(ta, tb, m, n, k)
                    },
                    3,
                );
            }
        }
    }
}

#[test]
fn should_fuse_bias_and_relu_into_the_store() {
    for &(ta, tb) in &TRANS {
        for bias in [false, true] {
            for act in [Activation::Identity, Activation::Relu] {
                for &(m, n, k) in &[(1, 1, 1), (3, 7, 17), (33, 17, 7), (65, 33, 130)] {
                    check(
                        Case {
                            bias,
                            act: Some(act),
                            ..Case::plain(ta, tb, m, n, k)
                        },
                        5,
                    );
                }
            }
        }
    }
}

#[test]
fn should_respect_leading_dimensions_wider_than_the_matrix() {
    for &(ta, tb) in &TRANS {
        for &(m, n, k) in &[(1, 1, 1), (7, 3, 17), (17, 33, 7), (33, 17, 65)] {
            check(
                Case {
                    pad: 5,
                    ..Case::plain(ta, tb, m, n, k)
                },
                13,
            );
            check(
                Case {
                    pad: 3,
                    beta: 1.0,
                    ..Case::plain(ta, tb, m, n, k)
                },
                17,
            );
            let layer = Case {
                pad: 4,
                bias: true,
                act: Some(Activation::Relu),
                ..Case::plain(ta, tb, m, n, k)
            };
            check(layer, 19);
        }
    }
}

#[test]
fn should_give_exact_values_on_a_small_layer() {
    // x = [[1, 2], [3, 4]], W = [[1, -1], [0, 1]], bias = [0.5, -10]:
    // x·W = [[1, 1], [3, 1]]; + bias = [[1.5, -9], [3.5, -9]]; ReLU → [[1.5, 0], [3.5, 0]].
    let (x, w, bias) = ([1.0, 2.0, 3.0, 4.0], [1.0, -1.0, 0.0, 1.0], [0.5, -10.0]);
    let mut y = [f32::NAN; 4];
    let (n, relu) = (Trans::N, Activation::Relu);
    sgemm_bias_act(n, n, 2, 2, 2, &x, 2, &w, 2, Some(&bias), relu, &mut y, 2);
    assert_eq!(y, [1.5, 0.0, 3.5, 0.0]);
}

#[test]
#[should_panic(expected = "needs 12 floats")]
fn should_panic_on_a_short_operand() {
    let mut c = [0.0; 4];
    sgemm(
        Trans::N,
        Trans::N,
        2,
        2,
        6,
        &[0.0; 11],
        6,
        &[0.0; 12],
        2,
        0.0,
        &mut c,
        2,
    );
}

#[test]
#[should_panic(expected = "row stride")]
fn should_panic_on_a_stride_narrower_than_the_matrix() {
    let mut c = [0.0; 4];
    sgemm(
        Trans::N,
        Trans::T,
        2,
        2,
        3,
        &[0.0; 6],
        3,
        &[0.0; 6],
        2,
        0.0,
        &mut c,
        2,
    );
}

#[test]
#[should_panic(expected = "bias has 3 entries")]
fn should_panic_on_a_bias_of_the_wrong_length() {
    let mut c = [0.0; 4];
    let id = Activation::Identity;
    sgemm_bias_act(
        Trans::N,
        Trans::N,
        2,
        2,
        2,
        &[0.0; 4],
        2,
        &[0.0; 4],
        2,
        Some(&[0.0; 3]),
        id,
        &mut c,
        2,
    );
}
