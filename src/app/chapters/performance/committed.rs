//! The committed `make bench` results, read from the JSON built into the page.

use wasm_bindgen::JsValue;

/// The latest committed `make bench` run, built into the page so it shows offline.
const BENCH_JSON: &str = include_str!("../../../../assets/bench/results.json");
pub const BENCH_BATCHES: [usize; 3] = [32, 128, 256];
pub const SYSTEMS: [(&str, &str); 3] = [
    ("gradlab", "gradlab"),
    ("tfjsWasm", "TF.js wasm"),
    ("tfjsCpu", "TF.js cpu"),
];

/// A value down a path of keys in parsed JSON, if it is there and is a number.
fn json_number(root: &JsValue, path: &[&str]) -> Option<f64> {
    json_at(root, path)?.as_f64()
}

fn json_at(root: &JsValue, path: &[&str]) -> Option<JsValue> {
    path.iter().try_fold(root.clone(), |v, key| {
        js_sys::Reflect::get(&v, &JsValue::from_str(key))
            .ok()
            .filter(|v| !v.is_undefined() && !v.is_null())
    })
}

/// What the panel shows of the committed run.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Committed {
    pub date: String,
    pub machine: String,
    /// samples/s median, per batch of `BENCH_BATCHES`, per system of `SYSTEMS`.
    pub train: Vec<Vec<f64>>,
    /// Batch-256 training as a share of the plain SIMD128 ceiling.
    pub ceiling_share: Option<f64>,
}

pub fn committed() -> Committed {
    let Ok(root) = js_sys::JSON::parse(BENCH_JSON) else {
        return Committed::default();
    };
    let text = |path: &[&str]| json_at(&root, path).and_then(|v| v.as_string());
    let train = BENCH_BATCHES
        .iter()
        .map(|b| {
            SYSTEMS
                .iter()
                .map(|(key, _)| {
                    json_number(&root, &["train", &b.to_string(), key, "median"])
                        .unwrap_or(f64::NAN)
                })
                .collect()
        })
        .collect::<Vec<Vec<f64>>>();
    let flops = json_number(&root, &["flopsPerSample"]);
    let ceiling = json_number(&root, &["compute", "ceilingPlain", "median"]);
    let ceiling_share = match (train.last().and_then(|r| r.first()), flops, ceiling) {
        (Some(s), Some(f), Some(c)) if c > 0.0 => Some(s * f / 1e9 / c),
        _ => None,
    };
    let machine = format!(
        "{} × {}, Chromium {}",
        json_number(&root, &["machine", "cpuCount"]).unwrap_or(0.0),
        text(&["machine", "cpuModel"]).unwrap_or_default(),
        text(&["browser", "version"]).unwrap_or_default(),
    );
    Committed {
        date: text(&["date"])
            .map(|d| d.chars().take(10).collect())
            .unwrap_or_default(),
        machine,
        train,
        ceiling_share,
    }
}
