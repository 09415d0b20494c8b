//! Fetching the lab's data files from the worker, relative to the worker script, so the site
//! works under any sub-path. The body is read as a stream, so the page can show how much of a
//! large file has arrived. Its size cap and stall timeout are decided by `data::download`; this
//! is the glue that races each wait against a timer.

use js_sys::{Array, Promise, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{ReadableStreamDefaultReader, Response, WorkerGlobalScope};

use crate::data::download::Download;

/// The whole body of `url`, or a message that says which file failed and how. `progress` is
/// called with (bytes received, bytes expected) as chunks arrive; expected is 0 when the server
/// does not say.
pub async fn fetch_bytes(url: &str, progress: impl Fn(u64, u64)) -> Result<Vec<u8>, String> {
    let scope: WorkerGlobalScope = js_sys::global().unchecked_into();
    let now = || scope.performance().map_or(0.0, |p| p.now());
    let failed = |e: JsValue| format!("could not fetch {url}: {e:?}");
    let mut download = Download::new(url, now());
    let resp = within(&scope, &download, scope.fetch_with_str(url))
        .await?
        .map_err(failed)?;
    let resp: Response = resp.unchecked_into();
    if !resp.ok() {
        return Err(format!(
            "could not fetch {url}: HTTP {} {}",
            resp.status(),
            resp.status_text()
        ));
    }
    let expected = resp
        .headers()
        .get("content-length")
        .ok()
        .flatten()
        .and_then(|v| v.parse::<u64>().ok())
        .unwrap_or(0);
    let reserve = download.announced(expected)?;
    let Some(body) = resp.body() else {
        // No stream (an empty body): nothing to report along the way.
        let buffer = within(&scope, &download, resp.array_buffer().map_err(failed)?)
            .await?
            .map_err(failed)?;
        let bytes = Uint8Array::new(&buffer).to_vec();
        download.arrived(bytes.len() as u64, now())?;
        return Ok(bytes);
    };
    let reader: ReadableStreamDefaultReader = body.get_reader().unchecked_into();
    let mut bytes = Vec::with_capacity(reserve);
    progress(0, expected);
    loop {
        let chunk = match within(&scope, &download, reader.read()).await {
            Ok(chunk) => chunk.map_err(failed)?,
            Err(stalled) => {
                let _ = reader.cancel();
                return Err(stalled);
            }
        };
        let done = Reflect::get(&chunk, &JsValue::from_str("done"))
            .map_err(failed)?
            .is_truthy();
        if done {
            break;
        }
        let value = Reflect::get(&chunk, &JsValue::from_str("value")).map_err(failed)?;
        let array: Uint8Array = value.unchecked_into();
        if let Err(e) = download.arrived(u64::from(array.length()), now()) {
            let _ = reader.cancel();
            return Err(e);
        }
        let start = bytes.len();
        bytes.resize(start + array.length() as usize, 0);
        array.copy_to(&mut bytes[start..]);
        progress(bytes.len() as u64, expected);
    }
    Ok(bytes)
}

/// `promise`'s outcome (`Ok(Err)` when it rejected), or the stall error if the download's
/// patience runs out first.
async fn within(
    scope: &WorkerGlobalScope,
    download: &Download,
    promise: Promise,
) -> Result<Result<JsValue, JsValue>, String> {
    let now = || scope.performance().map_or(0.0, |p| p.now());
    // The timer resolves with a value no fetch or read produces, to tell the two apart.
    let timeout = JsValue::from_str("gradlab: download stalled");
    loop {
        let ms = download.patience(now()).ceil() as i32;
        let timer = Promise::new(&mut |resolve, _| {
            let _ =
                scope.set_timeout_with_callback_and_timeout_and_arguments_1(&resolve, ms, &timeout);
        });
        match JsFuture::from(Promise::race(&Array::of2(&promise, &timer))).await {
            // A timer that fired a little early waits on.
            Ok(v) if v == timeout => download.stalled(now())?,
            other => return Ok(other),
        }
    }
}
