//! Weights as a `.safetensors` file (Hugging Face's format, which `safetensors.torch.load_file`
//! reads): an 8-byte little-endian header length, a JSON table of name → dtype, shape and byte
//! offsets, then the tensors' bytes, little-endian. Written and parsed by the `safetensors` crate.
//!
//! Reading trusts nothing in the file. Before the crate parses anything, the file's size is held
//! to what the expected tensors take plus a header of at most [`MAX_HEADER_BYTES`], and the
//! header's claimed length to that cap and to the file, so a hostile length cannot make anything
//! large be allocated. The crate then refuses offsets that overlap, leave gaps or disagree with
//! a shape; this module checks names, shapes and dtype against the model, and every value for
//! NaN or infinity.

use std::collections::BTreeSet;

use safetensors::{Dtype, SafeTensorError, SafeTensors, View};

use super::WeightsProblem;
use crate::error::Error;
use crate::experiments::NamedTensor;

/// The largest header read: a table of names and shapes. The lab's models have at most a few
/// hundred tensors at about 100 bytes each; PyTorch adds `{"format": "pt"}`.
pub const MAX_HEADER_BYTES: usize = 1 << 20;
/// The largest file read, whatever the model: a page can refuse a bigger file before reading it.
/// The largest autoencoder the lab's budget allows has about 15 million weights (60 MB).
pub const MAX_FILE_BYTES: usize = 256 << 20;
/// The header's length field.
const LEN_BYTES: usize = 8;
/// Bytes per F32 value.
const F32_BYTES: usize = 4;
/// Names longer than this are cut in messages: a hostile header could hold megabytes of one.
const SHOWN_NAME_CHARS: usize = 80;

/// A tensor the model expects: its name in the file and its shape.
pub type Expected = (String, Vec<usize>);

/// A tensor to write, borrowed.
struct F32View<'a>(&'a NamedTensor);

impl View for F32View<'_> {
    fn dtype(&self) -> Dtype {
        Dtype::F32
    }

    fn shape(&self) -> &[usize] {
        &self.0.shape
    }

    fn data(&self) -> std::borrow::Cow<'_, [u8]> {
        self.0.data.iter().flat_map(|v| v.to_le_bytes()).collect()
    }

    fn data_len(&self) -> usize {
        self.0.data.len() * F32_BYTES
    }
}

/// The file of `tensors` (F32), with `metadata` as its `__metadata__` after `format: pt` (the
/// entry `safetensors.torch.save_file` writes; a `format` in `metadata` replaces it). The crate
/// orders the tensors by name.
pub fn write(tensors: &[NamedTensor], metadata: &[(&str, &str)]) -> Result<Vec<u8>, Error> {
    let mut names = BTreeSet::new();
    for t in tensors {
        if t.shape.iter().product::<usize>() != t.data.len() {
            return Err(Error::ShapeMismatch {
                op: "safetensors::write",
                lhs: t.shape.clone(),
                rhs: vec![t.data.len()],
            });
        }
        if !names.insert(t.name.as_str()) {
            return Err(Error::InvalidConfig {
                field: "tensor names",
                detail: format!("{} appears twice", t.name),
            });
        }
    }
    let views = tensors.iter().map(|t| (t.name.as_str(), F32View(t)));
    // The map's type is the crate's own (std's or hashbrown's, by its features): `collect`
    // builds whichever it is.
    let info = std::iter::once(("format", "pt"))
        .chain(metadata.iter().copied())
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    safetensors::serialize(views, Some(info)).map_err(|e| Error::InvalidConfig {
        field: "safetensors",
        detail: e.to_string(),
    })
}

/// The size a file of exactly these tensors may reach: their bytes, the length field and the
/// largest header read, and never more than [`MAX_FILE_BYTES`].
pub fn max_file_bytes(expected: &[Expected]) -> usize {
    let data = expected.iter().fold(0usize, |sum, (_, shape)| {
        let n = shape.iter().fold(1usize, |n, &d| n.saturating_mul(d));
        sum.saturating_add(n.saturating_mul(F32_BYTES))
    });
    data.saturating_add(LEN_BYTES + MAX_HEADER_BYTES)
        .min(MAX_FILE_BYTES)
}

/// The tensors of a file, in the order of `expected`, if the file holds exactly those (no
/// more, no fewer), each F32 of the expected shape with only finite values. Otherwise the first
/// problem found, as `Error::Weights`.
pub fn read(bytes: &[u8], expected: &[Expected]) -> Result<Vec<NamedTensor>, Error> {
    read_checked(bytes, expected).map_err(Error::Weights)
}

fn read_checked(bytes: &[u8], expected: &[Expected]) -> Result<Vec<NamedTensor>, WeightsProblem> {
    check_sizes(bytes, max_file_bytes(expected))?;
    let file = SafeTensors::deserialize(bytes).map_err(malformed)?;
    check_tensors(&file, expected)?;
    expected
        .iter()
        .map(|(name, shape)| {
            let view = file.tensor(name).map_err(malformed)?;
            Ok(NamedTensor {
                name: name.clone(),
                shape: shape.clone(),
                data: floats(name, view.data())?,
            })
        })
        .collect()
}

/// The value of `key` in a file's `__metadata__`, if the file has a readable header that holds
/// it: the header's length is checked first, as for [`read`]. A file it cannot read gives `None`
/// here and its reason from [`read`].
pub fn metadata_entry(bytes: &[u8], key: &str) -> Option<String> {
    check_sizes(bytes, usize::MAX).ok()?;
    let (_, metadata) = SafeTensors::read_metadata(bytes).ok()?;
    metadata.metadata().as_ref()?.get(key).cloned()
}

/// The file's size against `max`, then the header's claimed length against the cap and the
/// file: all before anything is parsed.
fn check_sizes(bytes: &[u8], max: usize) -> Result<(), WeightsProblem> {
    let len = bytes.len();
    if len > max {
        return Err(WeightsProblem::FileTooLarge {
            bytes: len as u64,
            max: max as u64,
        });
    }
    let Some(field) = bytes.first_chunk::<LEN_BYTES>() else {
        return Err(WeightsProblem::Truncated {
            bytes: len as u64,
            needed: LEN_BYTES as u64,
        });
    };
    let header = u64::from_le_bytes(*field);
    if header > MAX_HEADER_BYTES as u64 {
        return Err(WeightsProblem::HeaderTooLarge {
            bytes: header,
            max: MAX_HEADER_BYTES as u64,
        });
    }
    let needed = header + LEN_BYTES as u64;
    if needed > len as u64 {
        return Err(WeightsProblem::Truncated {
            bytes: len as u64,
            needed,
        });
    }
    Ok(())
}

/// Every expected tensor present, F32 and of its shape, and no other: the first problem in the
/// model's order (a missing tensor counting the others missing), else the first unexpected
/// tensor by name.
fn check_tensors(file: &SafeTensors, expected: &[Expected]) -> Result<(), WeightsProblem> {
    let present: BTreeSet<&str> = file.names().into_iter().collect();
    let missing = expected
        .iter()
        .filter(|(n, _)| !present.contains(n.as_str()))
        .count();
    for (name, shape) in expected {
        let Ok(view) = file.tensor(name) else {
            return Err(WeightsProblem::Missing {
                name: shown(name),
                more: missing - 1,
            });
        };
        if view.dtype() != Dtype::F32 {
            return Err(WeightsProblem::Dtype {
                name: shown(name),
                dtype: view.dtype().to_string(),
            });
        }
        if view.shape() != shape.as_slice() {
            return Err(WeightsProblem::Shape {
                name: shown(name),
                expected: shape.clone(),
                found: view.shape().to_vec(),
            });
        }
    }
    let wanted: BTreeSet<&str> = expected.iter().map(|(n, _)| n.as_str()).collect();
    let unexpected: Vec<&&str> = present.iter().filter(|n| !wanted.contains(*n)).collect();
    match unexpected.first() {
        None => Ok(()),
        Some(first) => Err(WeightsProblem::Unexpected {
            name: shown(first),
            more: unexpected.len() - 1,
        }),
    }
}

/// Little-endian F32 values, each finite. The crate has checked the length against the shape.
fn floats(name: &str, bytes: &[u8]) -> Result<Vec<f32>, WeightsProblem> {
    let values: Vec<f32> = bytes
        .chunks_exact(F32_BYTES)
        .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
        .collect();
    match values.iter().position(|v| !v.is_finite()) {
        None => Ok(values),
        Some(index) => Err(WeightsProblem::NonFinite {
            name: shown(name),
            index,
            value: values[index].to_string(),
        }),
    }
}

/// The crate's refusal in words a visitor can act on.
fn malformed(e: SafeTensorError) -> WeightsProblem {
    let detail = match e {
        SafeTensorError::InvalidHeader(_) => "its header is not UTF-8 text".to_string(),
        SafeTensorError::InvalidHeaderDeserialization(e) | SafeTensorError::JsonError(e) => {
            format!("its header is not a table of tensors ({e})")
        }
        SafeTensorError::InvalidOffset(name) => format!(
            "the bytes of {} overlap another tensor's or leave a gap",
            shown(&name)
        ),
        SafeTensorError::TensorInvalidInfo => {
            "a tensor's byte range does not match its shape and dtype".to_string()
        }
        SafeTensorError::MetadataIncompleteBuffer => {
            "its tensors do not end where the file does (cut short, or bytes added)".to_string()
        }
        SafeTensorError::ValidationOverflow => "a tensor's shape is too large to exist".to_string(),
        other => other.to_string(),
    };
    WeightsProblem::Malformed { detail }
}

/// A name from the file as a message may show it: control characters replaced, and cut short.
fn shown(name: &str) -> String {
    let mut out: String = name
        .chars()
        .take(SHOWN_NAME_CHARS)
        .map(|c| if c.is_control() { '?' } else { c })
        .collect();
    if name.chars().nth(SHOWN_NAME_CHARS).is_some() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tensor(name: &str, shape: &[usize], data: &[f32]) -> NamedTensor {
        NamedTensor {
            name: name.into(),
            shape: shape.to_vec(),
            data: data.to_vec(),
        }
    }

    fn pair() -> Vec<NamedTensor> {
        vec![
            tensor(
                "layer.weight",
                &[2, 3],
                &[1.0, -2.5, 3.25, 0.0, -0.0, 1e-30],
            ),
            tensor("layer.bias", &[2], &[f32::MIN_POSITIVE, f32::MAX]),
        ]
    }

    fn expected(tensors: &[NamedTensor]) -> Vec<Expected> {
        tensors
            .iter()
            .map(|t| (t.name.clone(), t.shape.clone()))
            .collect()
    }

    fn problem(r: Result<Vec<NamedTensor>, Error>) -> WeightsProblem {
        match r {
            Err(Error::Weights(p)) => p,
            other => panic!("expected a refusal, got {other:?}"),
        }
    }

    /// A file by hand: length, header text, data.
    fn raw(header: &str, data: &[u8]) -> Vec<u8> {
        let mut out = (header.len() as u64).to_le_bytes().to_vec();
        out.extend_from_slice(header.as_bytes());
        out.extend_from_slice(data);
        out
    }

    #[test]
    fn should_read_back_what_it_wrote_bit_for_bit_in_the_expected_order() {
        let tensors = pair();
        let bytes = write(&tensors, &[("producer", "gradlab")]).unwrap();
        // The header is padded to 8 bytes, so the data is aligned for readers that map it.
        let header = u64::from_le_bytes(bytes[..8].try_into().unwrap()) as usize;
        assert_eq!(header % 8, 0);
        let text = std::str::from_utf8(&bytes[8..8 + header]).unwrap();
        assert!(text.contains(r#""format":"pt""#), "{text}");
        assert!(text.contains(r#""producer":"gradlab""#), "{text}");
        assert_eq!(bytes.len(), 8 + header + 8 * 4);
        let back = read(&bytes, &expected(&tensors)).unwrap();
        assert_eq!(back.len(), 2);
        for (a, b) in tensors.iter().zip(&back) {
            assert_eq!((&a.name, &a.shape), (&b.name, &b.shape));
            let bits = |t: &NamedTensor| t.data.iter().map(|v| v.to_bits()).collect::<Vec<_>>();
            assert_eq!(bits(a), bits(b));
        }
    }

    #[test]
    fn should_read_a_file_as_pytorch_writes_it() {
        // safetensors.torch.save_file({"w": torch.tensor([[1.0, 2.0]])}), header unpadded.
        let data: Vec<u8> = [1.0f32, 2.0].iter().flat_map(|v| v.to_le_bytes()).collect();
        let header = r#"{"__metadata__":{"format":"pt"},"w":{"dtype":"F32","shape":[1,2],"data_offsets":[0,8]}}"#;
        let back = read(&raw(header, &data), &[("w".into(), vec![1, 2])]).unwrap();
        assert_eq!(back, vec![tensor("w", &[1, 2], &[1.0, 2.0])]);
    }

    #[test]
    fn should_name_the_missing_unexpected_misshapen_or_mistyped_tensor() {
        let tensors = pair();
        let bytes = write(&tensors, &[]).unwrap();
        let mut want = expected(&tensors);
        want.push(("extra.bias".into(), vec![1]));
        want.push(("extra.weight".into(), vec![1]));
        assert_eq!(
            problem(read(&bytes, &want)),
            WeightsProblem::Missing {
                name: "extra.bias".into(),
                more: 1
            }
        );
        assert_eq!(
            problem(read(&bytes, &expected(&tensors[..1]))),
            WeightsProblem::Unexpected {
                name: "layer.bias".into(),
                more: 0
            }
        );
        let mut want = expected(&tensors);
        want[0].1 = vec![3, 2];
        assert_eq!(
            problem(read(&bytes, &want)).to_string(),
            "layer.weight: expected [3, 2], file has [2, 3]"
        );
        let half = raw(
            r#"{"w":{"dtype":"F16","shape":[2],"data_offsets":[0,4]}}"#,
            &[0; 4],
        );
        assert_eq!(
            problem(read(&half, &[("w".into(), vec![2])])).to_string(),
            "w: dtype F16, only F32 is read"
        );
    }

    #[test]
    fn should_refuse_nan_and_infinite_weights_by_position() {
        for (bad, text) in [(f32::NAN, "NaN"), (f32::NEG_INFINITY, "-inf")] {
            let mut tensors = pair();
            tensors[1].data[1] = bad;
            let bytes = write(&tensors, &[]).unwrap();
            assert_eq!(
                problem(read(&bytes, &expected(&tensors))),
                WeightsProblem::NonFinite {
                    name: "layer.bias".into(),
                    index: 1,
                    value: text.into()
                }
            );
        }
    }

    #[test]
    fn should_refuse_hostile_lengths_before_parsing() {
        let want = [("w".to_string(), vec![2])];
        // 8 + 1 MiB header + 8 data bytes is the most a file of one 2-vector may be.
        let max = 8 + MAX_HEADER_BYTES + 8;
        assert_eq!(max_file_bytes(&want), max);
        assert_eq!(
            problem(read(&vec![0; max + 1], &want)),
            WeightsProblem::FileTooLarge {
                bytes: max as u64 + 1,
                max: max as u64
            }
        );
        let mut huge = u64::MAX.to_le_bytes().to_vec();
        huge.extend_from_slice(b"{}");
        assert_eq!(
            problem(read(&huge, &want)),
            WeightsProblem::HeaderTooLarge {
                bytes: u64::MAX,
                max: MAX_HEADER_BYTES as u64
            }
        );
        assert_eq!(
            problem(read(&[1, 0, 0], &want)),
            WeightsProblem::Truncated {
                bytes: 3,
                needed: 8
            }
        );
        let mut cut = 100u64.to_le_bytes().to_vec();
        cut.extend_from_slice(b"{\"w\":");
        assert_eq!(
            problem(read(&cut, &want)),
            WeightsProblem::Truncated {
                bytes: 13,
                needed: 108
            }
        );
        // A model so large that its own size would overflow is capped, not wrapped.
        assert_eq!(
            max_file_bytes(&[("w".into(), vec![usize::MAX, 2])]),
            MAX_FILE_BYTES
        );
    }

    #[test]
    fn should_refuse_overlapping_gapped_and_overrunning_offsets() {
        let want = [("a".to_string(), vec![1]), ("b".to_string(), vec![1])];
        let malformed = |header: &str, data_len: usize| match problem(read(
            &raw(header, &vec![0; data_len]),
            &want,
        )) {
            WeightsProblem::Malformed { detail } => detail,
            other => panic!("{other:?}"),
        };
        let overlap = r#"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"b":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#;
        assert!(malformed(overlap, 4).contains("overlap"));
        let gap = r#"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"b":{"dtype":"F32","shape":[1],"data_offsets":[8,12]}}"#;
        assert!(malformed(gap, 12).contains("overlap another tensor's or leave a gap"));
        let wrong_size = r#"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"b":{"dtype":"F32","shape":[1],"data_offsets":[4,12]}}"#;
        assert!(malformed(wrong_size, 12).contains("does not match its shape"));
        let fine = r#"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"b":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}"#;
        assert!(malformed(fine, 9).contains("do not end where the file does"));
        assert!(malformed(fine, 7).contains("do not end where the file does"));
        assert!(malformed("not json", 0).starts_with("its header is not a table of tensors"));
        assert_eq!(read(&raw(fine, &[0; 8]), &want).map(|t| t.len()), Ok(2));
    }

    #[test]
    fn should_cut_and_clean_hostile_names_in_messages() {
        let long = "x".repeat(1000);
        assert_eq!(shown(&long).chars().count(), SHOWN_NAME_CHARS + 1);
        assert_eq!(shown("a\nb"), "a?b");
        assert_eq!(shown("decoder.0.weight"), "decoder.0.weight");
    }

    #[test]
    fn should_refuse_to_write_a_tensor_whose_data_does_not_fit_its_shape() {
        assert!(matches!(
            write(&[tensor("w", &[2, 2], &[1.0])], &[]),
            Err(Error::ShapeMismatch { .. })
        ));
        assert!(matches!(
            write(&[tensor("w", &[1], &[1.0]), tensor("w", &[1], &[2.0])], &[]),
            Err(Error::InvalidConfig { .. })
        ));
    }
}
