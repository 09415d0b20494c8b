//! How we got here: the booms and winters of AI as bands on a time axis, its events as markers
//! the visitor chooses (by pointer, or by arrow keys once one has focus), and the chosen
//! event's card: its date, people, organisation, why it mattered, its sources and the chapter
//! where its idea can be tried.

use leptos::ev::KeyboardEvent;
use leptos::prelude::*;

use super::references::source_items;
use super::ChapterPage;
use crate::app::prose::Intro;
use crate::app::shell::nav_label;
use crate::app::use_i18n;
use crate::app::use_worker;
use crate::i18n::history::{Event, Season, ERAS, EVENTS};
use crate::i18n::Msg;
use crate::jobs::lab::config::LabConfig;
use crate::jobs::lab::LabId;
use crate::routes::Chapter;
use crate::view::format::fill;
use crate::view::model_sizes::{all, count_words, times_in_gpt3, LogAxis, Origin};
use crate::view::timeline::{markers, Axis, Move};

/// The year the page is read in: the axis runs to its end.
fn this_year() -> u16 {
    let year = js_sys::Date::new_0().get_full_year();
    u16::try_from(year).unwrap_or(2026)
}

fn percent(p: f32) -> String {
    format!("{p:.2}%")
}

#[component]
pub fn History() -> impl IntoView {
    view! {
        <ChapterPage chapter=Chapter::History>
            <Intro chapter=Chapter::History />
            <Timeline />
            <ModelSizes />
        </ChapterPage>
    }
}

#[component]
fn Timeline() -> impl IntoView {
    let i18n = use_i18n();
    let axis = Axis::until(this_year());
    let chosen = RwSignal::new(0usize);
    let track = NodeRef::<leptos::html::Div>::new();

    let bands = ERAS
        .iter()
        .map(|era| {
            let (left, width) = axis.band(era);
            let class = match era.season {
                Season::Boom => "era era-boom",
                Season::Winter => "era era-winter",
            };
            let season = move || {
                i18n.t(match era.season {
                    Season::Boom => Msg::HistoryBoom,
                    Season::Winter => Msg::HistoryWinter,
                })
            };
            let lang = i18n.lang;
            view! {
                <div
                    class=class
                    data-season=season
                    style:left=percent(left)
                    style:width=percent(width)
                    title=move || era.note(lang.get())
                >
                    <span class="era-name">{move || era.name(lang.get())}</span>
                </div>
            }
        })
        .collect_view();

    let ticks = axis
        .decades()
        .into_iter()
        .map(|year| {
            view! {
                <span class="tick" style:left=percent(axis.percent(f32::from(year)))>
                    {year}
                </span>
            }
        })
        .collect_view();

    // Moving focus with the choice keeps the roving tab stop and the screen reader together.
    let focus_chosen = move || {
        if let Some(track) = track.get_untracked() {
            let selector = format!("[data-event=\"{}\"]", EVENTS[chosen.get_untracked()].id);
            if let Ok(Some(el)) = track.query_selector(&selector) {
                if let Ok(el) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el) {
                    let _ = el.focus();
                }
            }
        }
    };
    let on_key = move |ev: KeyboardEvent| {
        if let Some(step) = Move::from_key(&ev.key()) {
            ev.prevent_default();
            chosen.update(|i| *i = step.apply(*i, EVENTS.len()));
            focus_chosen();
        }
    };

    let marks = markers(EVENTS, &axis)
        .into_iter()
        .enumerate()
        .map(|(i, m)| {
            let lang = i18n.lang;
            let is_chosen = move || chosen.get() == i;
            let label = move || {
                format!(
                    "{}{}{}",
                    m.event.when(lang.get()),
                    i18n.t(Msg::NameSep),
                    m.event.title(lang.get())
                )
            };
            view! {
                <button
                    type="button"
                    class=format!("event-mark row-{}", m.row)
                    class:chosen=is_chosen
                    data-event=m.event.id
                    style:left=percent(m.left)
                    aria-pressed=move || if is_chosen() { "true" } else { "false" }
                    aria-label=label
                    tabindex=move || if is_chosen() { "0" } else { "-1" }
                    on:click=move |_| chosen.set(i)
                >
                    <span class="event-year" aria-hidden="true">{m.event.year}</span>
                </button>
            }
        })
        .collect_view();

    view! {
        <section class="history">
            <div
                class="timeline-scroll"
                role="group"
                aria-label=move || i18n.t(Msg::HistoryTimelineLabel)
            >
                <div
                    class="timeline-track"
                    node_ref=track
                    data-testid="history-timeline"
                    data-events=EVENTS.len()
                    data-chosen=move || EVENTS[chosen.get()].id
                    on:keydown=on_key
                >
                    <div class="timeline-bands">{bands}</div>
                    <div class="timeline-axis">{ticks}</div>
                    <div class="timeline-marks">{marks}</div>
                </div>
            </div>
            <p class="history-note">
                <span class="swatch era-boom"></span>
                {move || i18n.t(Msg::HistoryBoom)}
                <span class="swatch era-winter"></span>
                {move || i18n.t(Msg::HistoryWinter)}
                " · "
                {move || i18n.t(Msg::HistoryBandsNote)}
            </p>
            {move || view! { <EventCard event=&EVENTS[chosen.get()] index=chosen.get() /> }}
        </section>
    }
}

/// The chosen event in full.
#[component]
fn EventCard(event: &'static Event, index: usize) -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.lang;
    let sources = source_items(event.refs);
    let position = move || {
        fill(
            i18n.t(Msg::HistoryEventOf),
            &[
                ("n", &(index + 1).to_string()),
                ("total", &EVENTS.len().to_string()),
            ],
        )
    };
    view! {
        <article class="event-card" data-testid="history-event" data-event=event.id aria-live="polite">
            <p class="eyebrow">{move || event.when(lang.get())} " · " {position}</p>
            <h2>{move || event.title(lang.get())}</h2>
            <dl class="event-facts">
                <dt>{move || i18n.t(Msg::HistoryPeople)}</dt>
                <dd>{event.people}</dd>
                <dt>{move || i18n.t(Msg::HistoryOrganisation)}</dt>
                <dd>{move || event.organisation(lang.get())}</dd>
                <dt>{move || i18n.t(Msg::HistoryWhy)}</dt>
                <dd>{move || event.why(lang.get())}</dd>
                <dt>{move || i18n.t(Msg::HistorySources)}</dt>
                <dd>
                    <ul class="event-sources">{sources}</ul>
                </dd>
            </dl>
            <a class="event-try" href=event.chapter.href() data-testid="history-try">
                <span class="pager-dir">{move || i18n.t(Msg::HistoryTryIt)}</span>
                " "
                <span>{move || i18n.t(nav_label(event.chapter))}</span>
                {move || i18n.t(Msg::NameSep)}
                <span>{move || event.try_it(lang.get())}</span>
            </a>
        </article>
    }
}

/// The lab's models beside published ones, by parameter count, with the visitor's own
/// autoencoder as it is configured now.
#[component]
fn ModelSizes() -> impl IntoView {
    let i18n = use_i18n();
    let ae = use_worker().lab(LabId::Ae);
    let yours = move || match ae.config.get() {
        LabConfig::Ae(c) => Some(c.model().dense_shape().params),
        LabConfig::Vae(_) => None,
    };
    let rows = move || {
        let lang = i18n.lang.get();
        let chinese = lang == crate::i18n::Lang::Zh;
        let rows = all(yours());
        let axis = LogAxis::around(&rows);
        rows.into_iter()
            .map(|r| {
                let (class, origin) = match r.origin {
                    Origin::Lab => ("size-row lab", Msg::SizesLab),
                    Origin::Published => ("size-row published", Msg::SizesPublished),
                    Origin::Yours => ("size-row yours", Msg::SizesYours),
                };
                let name = if chinese { r.name.1 } else { r.name.0 };
                view! {
                    <li class=class data-params=r.params data-origin=format!("{:?}", r.origin).to_lowercase()>
                        <span class="size-name">{name}</span>
                        <span class="size-track">
                            <span class="size-bar" style:width=format!("{:.2}%", axis.percent(r.params))></span>
                        </span>
                        <span class="size-count">
                            {count_words(r.params, chinese)}
                            <span class="size-origin">{i18n.t(origin)}</span>
                        </span>
                    </li>
                }
            })
            .collect_view()
    };
    let answer = move || {
        yours().and_then(times_in_gpt3).map(|times| {
            fill(
                i18n.t(Msg::SizesAnswer),
                &[("n", &crate::view::format::group_thousands(times as u64))],
            )
        })
    };
    view! {
        <section class="model-sizes">
            <h2>{move || i18n.t(Msg::SizesTitle)}</h2>
            <p>{move || i18n.t(Msg::SizesQuestion)}</p>
            <ol class="size-rows" data-testid="scale-of-models" aria-label=move || i18n.t(Msg::SizesLabel)>
                {rows}
            </ol>
            <details class="size-answer">
                <summary>{move || i18n.t(Msg::HistoryCheck)}</summary>
                <p data-testid="scale-of-models-answer">{answer}</p>
            </details>
            <p>{move || i18n.t(Msg::SizesTokens)}</p>
        </section>
    }
}
