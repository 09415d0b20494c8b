//! What the three experiment panels share: their budget fields parsed as whole numbers, the
//! time left of a run (the worker's estimate), and how they send to the worker.

use leptos::prelude::*;

use crate::app::worker_client::worker_link;
use crate::app::I18n;
use crate::jobs::experiment::RunClock;
use crate::jobs::lab::fields::{parse_whole, FieldErrors};
use crate::protocol::Command;
use crate::view::time_left::format_time_left;

pub fn send(cmd: Command) {
    if let Some(link) = worker_link() {
        link.send(cmd);
    }
}

/// "1 min 05 s left", from the worker's estimate.
fn time_left(i18n: I18n, left_ms: Option<f64>) -> String {
    left_ms.map_or(String::new(), |ms| {
        format_time_left(i18n.lang.get(), ms / 1e3)
    })
}

/// The whole numbers typed in `fields`, or each refused field with its reason.
pub fn whole_numbers<const N: usize>(
    fields: [(&'static str, RwSignal<String>); N],
) -> (Option<[usize; N]>, FieldErrors) {
    let mut errors = FieldErrors::new();
    let mut values = [0; N];
    for (slot, (field, text)) in values.iter_mut().zip(fields) {
        match text.with_untracked(|t| parse_whole(t)) {
            Ok(v) => *slot = v as usize,
            Err(e) => errors.push((field, e)),
        }
    }
    (errors.is_empty().then_some(values), errors)
}

/// The time left of a run, while it runs, as the worker estimates it.
pub fn eta_of(
    i18n: I18n,
    running: RwSignal<bool>,
    clock: Signal<Option<RunClock>>,
) -> Signal<String> {
    Signal::derive(move || {
        if !running.get() {
            return String::new();
        }
        time_left(i18n, clock.get().and_then(|c| c.time_left_ms))
    })
}
