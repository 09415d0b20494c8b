//! The reference fixtures of `tests/pytorch/`, read once, as plain numbers and tensors.

use std::path::PathBuf;
use std::sync::OnceLock;

use serde_json::Value;

pub(crate) fn load(name: &str) -> Value {
    let path: PathBuf = [env!("CARGO_MANIFEST_DIR"), "tests", "pytorch", name]
        .iter()
        .collect();
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let v: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(v["schema_version"], 1, "{name}: unknown schema version");
    v
}

pub(crate) fn ops() -> &'static Value {
    static OPS: OnceLock<Value> = OnceLock::new();
    OPS.get_or_init(|| load("ops.json"))
}

pub(crate) fn optim() -> &'static Value {
    static OPTIM: OnceLock<Value> = OnceLock::new();
    OPTIM.get_or_init(|| load("optim.json"))
}

pub(crate) fn seed_ae() -> &'static Value {
    static AE: OnceLock<Value> = OnceLock::new();
    AE.get_or_init(|| load("seed_ae.json"))
}

/// A number, or one of the strings "inf", "-inf", "nan" that stand for the non-finite ones.
pub(crate) fn number(v: &Value) -> f64 {
    match v {
        Value::Number(n) => n.as_f64().expect("number"),
        Value::String(s) => match s.as_str() {
            "inf" => f64::INFINITY,
            "-inf" => f64::NEG_INFINITY,
            "nan" => f64::NAN,
            other => panic!("not a number: {other}"),
        },
        other => panic!("not a number: {other}"),
    }
}

pub(crate) fn numbers(v: &Value) -> Vec<f64> {
    v.as_array().expect("array").iter().map(number).collect()
}

pub(crate) fn usizes(v: &Value) -> Vec<usize> {
    v.as_array()
        .expect("array")
        .iter()
        .map(|x| x.as_u64().expect("non-negative integer") as usize)
        .collect()
}

/// A fixture tensor: shape and row-major data (f64 holds every f32 exactly).
#[derive(Clone, Debug)]
pub(crate) struct T {
    pub(crate) shape: Vec<usize>,
    pub(crate) data: Vec<f64>,
}

impl T {
    pub(crate) fn from(v: &Value) -> T {
        let t = T {
            shape: usizes(&v["shape"]),
            data: numbers(&v["data"]),
        };
        assert_eq!(
            t.shape.iter().product::<usize>(),
            t.data.len(),
            "tensor size"
        );
        t
    }

    pub(crate) fn f32(&self) -> Vec<f32> {
        self.data.iter().map(|&x| x as f32).collect()
    }
}

pub(crate) fn tensors(v: &Value) -> Vec<Option<T>> {
    v.as_array()
        .expect("array")
        .iter()
        .map(|x| (!x.is_null()).then(|| T::from(x)))
        .collect()
}

pub(crate) fn fx_tensors(v: &Value) -> Vec<T> {
    v.as_array().unwrap().iter().map(T::from).collect()
}
