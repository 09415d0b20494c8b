//! What the three experiment panels share: their budget fields parsed as whole numbers, the
//! time left of a run, and how they send to the worker.

use leptos::prelude::*;

use crate::app::worker_client::worker_link;
use crate::app::I18n;
use crate::experiments::StepCount;
use crate::i18n::Msg;
use crate::jobs::lab::fields::{parse_whole, FieldErrors};
use crate::protocol::Command;

pub fn now_ms() -> f64 {
    window().performance().map_or(0.0, |p| p.now())
}

pub fn send(cmd: Command) {
    if let Some(link) = worker_link() {
        link.send(cmd);
    }
}

/// "1 min 05 s left", from the steps done since `started` at this pace.
fn time_left(i18n: I18n, steps: StepCount, started: f64) -> String {
    let elapsed = now_ms() - started;
    if steps.done == 0 || elapsed <= 0.0 {
        return String::new();
    }
    let left = elapsed / steps.done as f64 * steps.remaining() as f64 / 1e3;
    let text = if left >= 60.0 {
        format!(
            "{} min {:02} s",
            (left / 60.0).floor(),
            (left % 60.0).floor()
        )
    } else {
        format!("{left:.0} s")
    };
    format!("{text} {}", i18n.t(Msg::FtLeft))
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

/// The time left of a run, while it runs.
pub fn eta_of(
    i18n: I18n,
    running: RwSignal<bool>,
    progress: Signal<Option<StepCount>>,
    started: RwSignal<f64>,
) -> Signal<String> {
    Signal::derive(move || {
        if !running.get() {
            return String::new();
        }
        progress
            .get()
            .map_or(String::new(), |s| time_left(i18n, s, started.get()))
    })
}

pub fn percent(v: Option<f32>) -> String {
    v.map_or("–".into(), |a| format!("{:.1}%", 100.0 * a))
}
