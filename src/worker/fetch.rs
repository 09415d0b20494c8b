//! Fetching the lab's data files from the worker, relative to the worker script, so the site
//! works under any sub-path.

use js_sys::Uint8Array;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Response, WorkerGlobalScope};

/// The whole body of `url`, or a message that says which file failed and how.
pub async fn fetch_bytes(url: &str) -> Result<Vec<u8>, String> {
    let scope: WorkerGlobalScope = js_sys::global().unchecked_into();
    let failed = |e: wasm_bindgen::JsValue| format!("could not fetch {url}: {e:?}");
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
    let body = JsFuture::from(resp.array_buffer().map_err(failed)?)
        .await
        .map_err(failed)?;
    Ok(Uint8Array::new(&body).to_vec())
}
