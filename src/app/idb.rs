//! The browser's IndexedDB as three small futures: one database `gradlab`, one object store
//! `runs` of byte arrays keyed by lab id. A write is done when its transaction completes (a
//! full quota aborts the transaction, not the request). Private windows may have no IndexedDB,
//! or refuse to open it: that is `StoreError::Blocked`, and the page goes on without storage.

use js_sys::{Promise, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{EventTarget, IdbDatabase, IdbTransactionMode};

const DB: &str = "gradlab";
const STORE: &str = "runs";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StoreError {
    /// No IndexedDB, or it would not open.
    Blocked,
    /// `QuotaExceededError`: the origin's storage is full.
    Full,
    /// Any other failure of a read or write.
    Failed,
}

/// Resolves when `target` fires `ok`, rejects on `fail` (an `error` or `abort`), each once.
fn settle(target: &EventTarget, ok: &str, fail: &[&str]) -> JsFuture {
    let promise = Promise::new(&mut |resolve, reject| {
        let on_ok = Closure::once_into_js(move || {
            let _ = resolve.call0(&JsValue::NULL);
        });
        let on_fail = Closure::once_into_js(move || {
            let _ = reject.call0(&JsValue::NULL);
        });
        let _ = target.add_event_listener_with_callback(ok, on_ok.unchecked_ref());
        for name in fail {
            let _ = target.add_event_listener_with_callback(name, on_fail.unchecked_ref());
        }
    });
    JsFuture::from(promise)
}

/// The database; `None` when `create` is false and there is none yet, so that a visit that
/// only looks stores nothing (the version change that would create it is aborted).
async fn open(create: bool) -> Result<Option<IdbDatabase>, StoreError> {
    let factory = web_sys::window()
        .and_then(|w| w.indexed_db().ok().flatten())
        .ok_or(StoreError::Blocked)?;
    let request = factory
        .open_with_u32(DB, 1)
        .map_err(|_| StoreError::Blocked)?;
    let upgrade = request.clone();
    let absent = std::rc::Rc::new(std::cell::Cell::new(false));
    let seen = absent.clone();
    let on_upgrade = Closure::once_into_js(move || {
        if !create {
            seen.set(true);
            if let Some(tx) = upgrade.transaction() {
                let _ = tx.abort();
            }
            return;
        }
        if let Ok(db) = upgrade.result() {
            // Version 1 is the only one: an upgrade means the database is new.
            let db: IdbDatabase = db.unchecked_into();
            let _ = db.create_object_store(STORE);
        }
    });
    request.set_onupgradeneeded(Some(on_upgrade.unchecked_ref()));
    let opened = settle(&request, "success", &["error", "blocked"]).await;
    if absent.get() {
        return Ok(None);
    }
    opened.map_err(|_| StoreError::Blocked)?;
    request
        .result()
        .map(|db| Some(db.unchecked_into()))
        .map_err(|_| StoreError::Blocked)
}

/// The bytes kept under `key`, if any.
pub async fn get(key: &str) -> Result<Option<Vec<u8>>, StoreError> {
    let Some(db) = open(false).await? else {
        return Ok(None);
    };
    let tx = db
        .transaction_with_str(STORE)
        .map_err(|_| StoreError::Failed)?;
    let store = tx.object_store(STORE).map_err(|_| StoreError::Failed)?;
    let request = store
        .get(&JsValue::from_str(key))
        .map_err(|_| StoreError::Failed)?;
    settle(&request, "success", &["error"])
        .await
        .map_err(|_| StoreError::Failed)?;
    let value = request.result().map_err(|_| StoreError::Failed)?;
    db.close();
    Ok(value
        .dyn_into::<Uint8Array>()
        .ok()
        .map(|bytes| bytes.to_vec()))
}

/// Keeps `bytes` under `key` (replacing what was there), or deletes it for `None`.
pub async fn put(key: &str, bytes: Option<&[u8]>) -> Result<(), StoreError> {
    let Some(db) = open(bytes.is_some()).await? else {
        return Ok(());
    };
    let tx = db
        .transaction_with_str_and_mode(STORE, IdbTransactionMode::Readwrite)
        .map_err(|_| StoreError::Failed)?;
    let store = tx.object_store(STORE).map_err(|_| StoreError::Failed)?;
    let key = JsValue::from_str(key);
    let written = match bytes {
        Some(b) => store.put_with_key(&Uint8Array::from(b), &key),
        None => store.delete(&key),
    };
    written.map_err(|_| StoreError::Failed)?;
    let done = settle(&tx, "complete", &["error", "abort"]).await;
    db.close();
    match done {
        Ok(_) => Ok(()),
        Err(_) => {
            let full = tx.error().is_some_and(|e| e.name() == "QuotaExceededError");
            Err(if full {
                StoreError::Full
            } else {
                StoreError::Failed
            })
        }
    }
}
