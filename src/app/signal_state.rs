//! Moving a store's plain state (`view::*_state`) in and out of its signals without copying
//! it: the reducers work on plain data, and only the fields they changed notify.

use leptos::prelude::*;

/// The signal's value, moved out without notifying; the signal holds the default until `put`.
pub fn take<T: Default + Send + Sync + 'static>(signal: RwSignal<T>) -> T {
    signal
        .try_update_untracked(std::mem::take)
        .unwrap_or_default()
}

/// Moves `value` back into the signal, notifying its readers only if it `changed`.
pub fn put<T: Send + Sync + 'static>(signal: RwSignal<T>, value: T, changed: bool) {
    signal.maybe_update(|slot| {
        *slot = value;
        changed
    });
}
