//! A lab's live numbers for a screen reader: a hidden polite status line that follows `text`
//! at the pace `view::announce` sets (a running lab every few seconds, a pause at once).

use std::time::Duration;

use leptos::prelude::*;

use crate::view::announce::{Pace, Pacer};

#[component]
pub fn Announce(
    /// The sentence as it is now.
    #[prop(into)]
    text: Signal<String>,
    /// Whether a change is spoken at once (the run is not training).
    #[prop(into)]
    urgent: Signal<bool>,
    testid: String,
) -> impl IntoView {
    let spoken = RwSignal::new(String::new());
    let pacer = StoredValue::new(Pacer::default());
    // `try_`: a due announcement may come after the chapter was left.
    let say = move || {
        if let Some(now) = text.try_get_untracked() {
            if spoken.try_get_untracked().is_some_and(|s| s != now) {
                spoken.try_set(now);
            }
        }
    };
    Effect::new(move |_| {
        text.track();
        let now = js_sys::Date::now();
        let pace = pacer.try_update_value(|p| p.offer(now, urgent.get_untracked()));
        match pace {
            Some(Pace::Now) => say(),
            Some(Pace::After(ms)) => set_timeout(
                move || {
                    pacer.try_update_value(|p| p.spoke(js_sys::Date::now()));
                    say();
                },
                Duration::from_millis(ms.max(0.0) as u64),
            ),
            Some(Pace::Waiting) | None => {}
        }
    });
    view! {
        <p class="visually-hidden" role="status" aria-live="polite" data-testid=testid>
            {move || spoken.get()}
        </p>
    }
}
