//! The weights reader (`gradlab::export::safetensors_file::read`: the safetensors format around
//! the `safetensors` crate, checked against the model): any bytes, and real files damaged or cut
//! short, are refused with a reason and never a panic, without allocating much more than the
//! file holds; a written file reads back bit for bit; and each kind of hostile file is refused
//! for what it is: a huge header length, a file cut short, overlapping offsets, a wrong dtype or
//! shape, a missing or extra tensor, a NaN or infinite weight.

use gradlab::error::Error;
use gradlab::experiments::NamedTensor;
use gradlab::export::safetensors_file::{read, write, Expected, MAX_HEADER_BYTES};
use gradlab::export::WeightsProblem;
use proptest::collection::vec;
use proptest::prelude::*;

use crate::alloc::{largest_allocation, within_bound};
use crate::mutate::{mutate, mutations};
use crate::{config, CASES};

type Read = Result<Vec<NamedTensor>, Error>;

/// Any f32 but NaN and ±∞, subnormals and −0 included.
fn finite() -> impl Strategy<Value = f32> {
    any::<u32>().prop_map(|bits| {
        let v = f32::from_bits(bits);
        if v.is_finite() {
            v
        } else {
            f32::from_bits(bits & 0x807f_ffff)
        }
    })
}

/// One to five tensors of rank 0 to 3 (dimensions 0 to 4) under distinct names.
fn tensors() -> impl Strategy<Value = Vec<NamedTensor>> {
    ("[a-z_]{1,12}", vec(vec(0..5usize, 0..4), 1..6))
        .prop_flat_map(|(prefix, shapes)| {
            let data: Vec<_> = shapes
                .iter()
                .map(|s| vec(finite(), s.iter().product::<usize>()))
                .collect();
            (Just(prefix), Just(shapes), data)
        })
        .prop_map(|(prefix, shapes, data)| {
            shapes
                .into_iter()
                .zip(data)
                .enumerate()
                .map(|(i, (shape, data))| NamedTensor {
                    name: format!("{prefix}.{i}.weight"),
                    shape,
                    data,
                })
                .collect()
        })
}

fn expected(tensors: &[NamedTensor]) -> Vec<Expected> {
    tensors
        .iter()
        .map(|t| (t.name.clone(), t.shape.clone()))
        .collect()
}

fn file(tensors: &[NamedTensor]) -> Result<Vec<u8>, TestCaseError> {
    write(tensors, &[("producer", "fuzz")]).map_err(|e| TestCaseError::fail(e.to_string()))
}

/// A file by hand: the header's length, the header, `data` zero bytes.
fn raw(header: &str, data: usize) -> Vec<u8> {
    let mut out = (header.len() as u64).to_le_bytes().to_vec();
    out.extend_from_slice(header.as_bytes());
    out.resize(out.len() + data, 0);
    out
}

/// One entry of a header.
fn entry(name: &str, dtype: &str, shape: &[usize], start: usize, end: usize) -> String {
    format!(r#""{name}":{{"dtype":"{dtype}","shape":{shape:?},"data_offsets":[{start},{end}]}}"#)
}

/// The most a read may ask for at once for `len` input bytes. The crate parses its header
/// through serde's `flatten`, which first buffers every JSON value as a generic one: 32 bytes
/// for the 2 bytes of a `1,` in a shape, so 16 bytes per header byte (16 MiB for the longest
/// header, measured), twice that as a vector doubles, and 64 KiB of room.
fn allocation_bound(len: usize) -> usize {
    32 * len + (64 << 10)
}

/// Reads, checking that no single allocation exceeded the bound for the file's size.
fn read_bounded(bytes: &[u8], expected: &[Expected]) -> Result<Read, TestCaseError> {
    within_bound(bytes.len(), allocation_bound(bytes.len()), || {
        read(bytes, expected)
    })
}

/// The reason a file was refused.
fn problem(result: Read) -> Result<WeightsProblem, TestCaseError> {
    match result {
        Err(Error::Weights(p)) => {
            prop_assert!(!p.to_string().is_empty());
            Ok(p)
        }
        other => Err(TestCaseError::fail(format!(
            "expected a refusal, got {other:?}"
        ))),
    }
}

/// What a file that was accepted must be: the expected tensors, each of its shape and finite.
fn whole(tensors: &[NamedTensor], expected: &[Expected]) -> Result<(), TestCaseError> {
    prop_assert_eq!(tensors.len(), expected.len());
    for (t, (name, shape)) in tensors.iter().zip(expected) {
        prop_assert_eq!(&t.name, name);
        prop_assert_eq!(&t.shape, shape);
        prop_assert_eq!(t.data.len(), shape.iter().product::<usize>());
        prop_assert!(t.data.iter().all(|v| v.is_finite()));
    }
    Ok(())
}

/// What a small model expects: two tensors.
fn model() -> Vec<Expected> {
    vec![("w".into(), vec![2, 3]), ("b".into(), vec![2])]
}

/// Any bytes; bytes after a small header length; printable text after any length; and headers
/// of random entries (names the model has and others, any dtype name, small shapes and offsets)
/// over random data, which reach the crate's checks and this reader's.
fn hostile_bytes() -> impl Strategy<Value = Vec<u8>> {
    let dtype = prop::sample::select(vec![
        "F32", "F16", "BF16", "F64", "I8", "U8", "BOOL", "F4", "F6_E2M3", "C64", "F128", "",
    ]);
    let name = prop::sample::select(vec!["w", "b", "x", "__metadata__", "w ", ""]);
    let one = (name, dtype, vec(0..4usize, 0..3), 0..40usize, 0..40usize)
        .prop_map(|(n, d, s, a, b)| entry(n, d, &s, a, b));
    let headers = (vec(one, 0..4), 0..64usize)
        .prop_map(|(entries, data)| raw(&format!("{{{}}}", entries.join(",")), data));
    prop_oneof![
        vec(any::<u8>(), 0..300),
        (0..300u64, vec(any::<u8>(), 0..300))
            .prop_map(|(n, rest)| { [n.to_le_bytes().as_slice(), &rest].concat() }),
        (any::<u64>(), "[ -~]{0,200}")
            .prop_map(|(n, text)| { [n.to_le_bytes().as_slice(), text.as_bytes()].concat() }),
        headers,
    ]
}

proptest! {
    #![proptest_config(config(CASES))]

    #[test]
    fn a_written_file_reads_back_bit_for_bit(tensors in tensors()) {
        let back = read_bounded(&file(&tensors)?, &expected(&tensors))?
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        let bits = |ts: &[NamedTensor]| -> Vec<(String, Vec<usize>, Vec<u32>)> {
            ts.iter()
                .map(|t| (t.name.clone(), t.shape.clone(), t.data.iter().map(|v| v.to_bits()).collect()))
                .collect()
        };
        prop_assert_eq!(bits(&back), bits(&tensors));
    }

    #[test]
    fn any_bytes_are_refused_or_whole(bytes in hostile_bytes()) {
        match read_bounded(&bytes, &model())? {
            Ok(tensors) => whole(&tensors, &model())?,
            Err(e) => {
                problem(Err(e))?;
            }
        }
    }

    /// Damage is refused, or what still reads is the expected tensors, all finite: a flipped bit
    /// in a weight is a different weight, not a broken file.
    #[test]
    fn a_damaged_file_is_refused_or_whole(tensors in tensors(), edits in mutations()) {
        let want = expected(&tensors);
        let damaged = mutate(file(&tensors)?, &edits);
        match read_bounded(&damaged, &want)? {
            Ok(back) => whole(&back, &want)?,
            Err(e) => {
                problem(Err(e))?;
            }
        }
    }

    /// Cut inside the length field or the header: truncated, saying how much was needed; cut
    /// inside the data: its tensors do not end where the file does.
    #[test]
    fn every_cut_of_a_file_is_refused_for_where_it_ends(tensors in tensors(), cut in any::<usize>()) {
        let bytes = file(&tensors)?;
        let cut = cut % bytes.len();
        let header = u64::from_le_bytes(bytes[..8].try_into().unwrap()) as usize;
        let p = problem(read_bounded(&bytes[..cut], &expected(&tensors))?)?;
        if cut < 8 {
            prop_assert_eq!(p, WeightsProblem::Truncated { bytes: cut as u64, needed: 8 });
        } else if cut < 8 + header {
            prop_assert_eq!(p, WeightsProblem::Truncated { bytes: cut as u64, needed: 8 + header as u64 });
        } else {
            let text = p.to_string();
            prop_assert!(text.ends_with("its tensors do not end where the file does (cut short, or bytes added)"), "{}", text);
        }
    }

    #[test]
    fn a_header_length_past_the_cap_is_refused_before_parsing(
        length in (MAX_HEADER_BYTES as u64 + 1)..=u64::MAX,
        rest in vec(any::<u8>(), 0..64),
    ) {
        let bytes = [length.to_le_bytes().as_slice(), &rest].concat();
        let model = model();
        let (result, largest) = largest_allocation(|| read(&bytes, &model));
        prop_assert_eq!(
            problem(result)?,
            WeightsProblem::HeaderTooLarge { bytes: length, max: MAX_HEADER_BYTES as u64 }
        );
        prop_assert_eq!(largest, 0, "nothing is allocated before the length is refused");
    }

    /// Two tensors whose byte ranges overlap, in either order and by any amount.
    #[test]
    fn overlapping_offsets_are_refused(n in 1..8usize, m in 1..8usize, shift in 0..32usize, swap in any::<bool>()) {
        let a_end = 4 * n;
        let b_start = shift % a_end;
        let b_end = b_start + 4 * m;
        let (first, second) = if swap { ("b", "a") } else { ("a", "b") };
        let header = format!(
            "{{{},{}}}",
            entry(first, "F32", &[n], 0, a_end),
            entry(second, "F32", &[m], b_start, b_end)
        );
        let want = vec![(first.to_string(), vec![n]), (second.to_string(), vec![m])];
        let text = problem(read_bounded(&raw(&header, a_end.max(b_end)), &want)?)?.to_string();
        prop_assert!(text.contains("overlap another tensor's or leave a gap"), "{}", text);
    }

    #[test]
    fn a_wrong_dtype_is_named(
        dtype in prop::sample::select(vec![
            ("F16", 2), ("BF16", 2), ("F64", 8), ("I8", 1), ("U8", 1), ("BOOL", 1), ("I16", 2),
            ("I32", 4), ("U32", 4), ("I64", 8), ("U64", 8), ("C64", 8), ("F8_E4M3", 1),
        ]),
        n in 1..16usize,
    ) {
        let (name, size) = dtype;
        let header = format!("{{{}}}", entry("w", name, &[n], 0, n * size));
        let p = problem(read_bounded(&raw(&header, n * size), &[("w".into(), vec![n])])?)?;
        prop_assert_eq!(p, WeightsProblem::Dtype { name: "w".into(), dtype: name.into() });
    }

    #[test]
    fn a_wrong_shape_is_named(tensors in tensors(), which in any::<usize>(), extra in 1..4usize) {
        let mut want = expected(&tensors);
        let which = which % want.len();
        want[which].1.push(extra);
        let p = problem(read_bounded(&file(&tensors)?, &want)?)?;
        prop_assert_eq!(p, WeightsProblem::Shape {
            name: want[which].0.clone(),
            expected: want[which].1.clone(),
            found: tensors[which].shape.clone(),
        });
    }

    /// A tensor the model has and the file lacks, or the reverse, named with how many more.
    #[test]
    fn a_missing_or_unexpected_tensor_is_named(tensors in tensors(), which in any::<usize>(), in_file in any::<bool>()) {
        let which = which % tensors.len();
        let mut fewer = tensors.clone();
        let gone = fewer.remove(which);
        let p = if in_file {
            problem(read_bounded(&file(&fewer)?, &expected(&tensors))?)?
        } else {
            problem(read_bounded(&file(&tensors)?, &expected(&fewer))?)?
        };
        let name = gone.name;
        let want = if in_file {
            WeightsProblem::Missing { name, more: 0 }
        } else {
            WeightsProblem::Unexpected { name, more: 0 }
        };
        prop_assert_eq!(p, want);
    }

    #[test]
    fn a_non_finite_weight_is_found_where_it_is(
        mut tensors in tensors(),
        which in any::<usize>(),
        at in any::<usize>(),
        bad in prop::sample::select(vec![f32::NAN, -f32::NAN, f32::INFINITY, f32::NEG_INFINITY, f32::from_bits(0x7fc0_1234)]),
    ) {
        let mut holding: Vec<usize> = (0..tensors.len()).filter(|&i| !tensors[i].data.is_empty()).collect();
        if holding.is_empty() {
            tensors.push(NamedTensor { name: "held.weight".into(), shape: vec![1], data: vec![0.0] });
            holding.push(tensors.len() - 1);
        }
        let which = holding[which % holding.len()];
        let index = at % tensors[which].data.len();
        tensors[which].data[index] = bad;
        let p = problem(read_bounded(&file(&tensors)?, &expected(&tensors))?)?;
        prop_assert_eq!(p, WeightsProblem::NonFinite {
            name: tensors[which].name.clone(),
            index,
            value: bad.to_string(),
        });
    }
}

/// The worst header there can be for the allocation bound: 1 MiB of one shape `[1,1,1,…]`, the
/// densest JSON for the most values. It is a valid file (a 1×1×…×1 tensor) of the wrong shape,
/// and the message shows only the start of that shape.
#[test]
fn the_longest_header_allocates_within_the_bound_and_its_shape_is_cut_in_the_message() {
    let (open, close) = (
        r#"{"w":{"dtype":"F32","shape":["#,
        r#"],"data_offsets":[0,4]}}"#,
    );
    let ones = (MAX_HEADER_BYTES - open.len() - close.len()).div_ceil(2);
    let header = format!("{open}{}{close}", vec!["1"; ones].join(","));
    assert!(header.len() <= MAX_HEADER_BYTES);
    let bytes = raw(&header, 4);
    let want = [("w".to_string(), vec![1])];
    let (result, largest) = largest_allocation(|| read(&bytes, &want));
    let text = match result {
        Err(Error::Weights(p @ WeightsProblem::Shape { .. })) => p.to_string(),
        other => panic!("{other:?}"),
    };
    assert_eq!(
        text,
        format!("w: expected [1], file has [1, 1, 1, 1, 1, 1, 1, 1, …] ({ones} dimensions)")
    );
    assert!(
        largest <= allocation_bound(bytes.len()),
        "{largest} bytes for {}",
        bytes.len()
    );
}
