//! Fetching the lab's data files from the worker, relative to the worker script, so the site
//! works under any sub-path. The body is read as a stream, so the page can show how much of a
//! large file has arrived.

use js_sys::{Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{ReadableStreamDefaultReader, Response, WorkerGlobalScope};

/// The whole body of `url`, or a message that says which file failed and how. `progress` is
/// called with (bytes received, bytes expected) as chunks arrive; expected is 0 when the server
/// does not say.
pub async fn fetch_bytes(url: &str, progress: impl Fn(u64, u64)) -> Result<Vec<u8>, String> {
    let scope: WorkerGlobalScope = js_sys::global().unchecked_into();
    let failed = |e: JsValue| format!("could not fetch {url}: {e:?}");
    let resp: Response = JsFuture::from(scope.fetch_with_str(url))
        .await
        .map_err(failed)?
        .unchecked_into();
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
    let Some(body) = resp.body() else {
        // No stream (an empty body): nothing to report along the way.
        let buffer = JsFuture::from(resp.array_buffer().map_err(failed)?)
            .await
            .map_err(failed)?;
        return Ok(Uint8Array::new(&buffer).to_vec());
    };
    let reader: ReadableStreamDefaultReader = body.get_reader().unchecked_into();
    let mut bytes = Vec::with_capacity(expected as usize);
    progress(0, expected);
    loop {
        let chunk = JsFuture::from(reader.read()).await.map_err(failed)?;
        let done = Reflect::get(&chunk, &JsValue::from_str("done"))
            .map_err(failed)?
            .is_truthy();
        if done {
            break;
        }
        let value = Reflect::get(&chunk, &JsValue::from_str("value")).map_err(failed)?;
        let array: Uint8Array = value.unchecked_into();
        let start = bytes.len();
        bytes.resize(start + array.length() as usize, 0);
        array.copy_to(&mut bytes[start..]);
        progress(bytes.len() as u64, expected);
    }
    Ok(bytes)
}
