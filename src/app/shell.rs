//! The frame around every chapter: header with navigation and language switch, the error
//! banner, and the footer.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::worker_client::WorkerState;
use super::{use_i18n, use_worker};
use crate::i18n::{Lang, Msg};
use crate::protocol::{Command, SelfTest};
use crate::routes::{Chapter, Route};
use crate::view::core_error::core_error_text;
use crate::view::format::megabytes;

pub fn nav_label(c: Chapter) -> Msg {
    match c {
        Chapter::Overview => Msg::NavOverview,
        Chapter::History => Msg::NavHistory,
        Chapter::Autoencoder => Msg::NavAutoencoder,
        Chapter::Vae => Msg::NavVae,
        Chapter::Attention => Msg::NavAttention,
        Chapter::Transformer => Msg::NavTransformer,
        Chapter::Finetune => Msg::NavFinetune,
        Chapter::Performance => Msg::NavPerformance,
        Chapter::Applications => Msg::NavApplications,
        Chapter::References => Msg::NavReferences,
    }
}

#[component]
pub fn Header(route: RwSignal<Route>) -> impl IntoView {
    let i18n = use_i18n();
    // On a phone the chapters are a menu (`nav-menu`) that names the current one; wider
    // screens show every link, on two lines if need be (the CSS decides which).
    let open = RwSignal::new(false);
    Effect::new(move |_| {
        route.track();
        open.set(false);
    });
    let links = Chapter::ALL
        .into_iter()
        .map(|c| {
            let current = move || route.get() == Route::Chapter(c);
            view! {
                <a
                    href=c.href()
                    data-testid=format!("nav-{}", c.slug())
                    class:active=current
                    aria-current=move || current().then_some("page")
                    on:click=move |_| open.set(false)
                >
                    {move || i18n.t(nav_label(c))}
                </a>
            }
        })
        .collect_view();
    let here = move || match route.get() {
        Route::Chapter(c) => i18n.t(nav_label(c)),
        _ => i18n.t(Msg::ChaptersLabel),
    };
    let toggle = NodeRef::<leptos::html::Button>::new();
    // Escape closes the open menu and gives focus back to its button.
    let on_key = move |ev: web_sys::KeyboardEvent| {
        if ev.key() == "Escape" && open.get_untracked() {
            open.set(false);
            if let Some(b) = toggle.get_untracked() {
                let _ = b.focus();
            }
        }
    };
    view! {
        // The fragment holds the route, so the skip link moves focus itself instead of
        // navigating to `#content`.
        <a
            class="skip"
            href="#content"
            on:click=|ev| {
                ev.prevent_default();
                if let Some(main) = document().get_element_by_id("content") {
                    let _ = main.unchecked_into::<web_sys::HtmlElement>().focus();
                }
            }
        >
            {move || i18n.t(Msg::SkipToContent)}
        </a>
        <header class="site-header">
            <div class="brand-row">
                <a class="brand" href=Chapter::Overview.href()>
                    <span class="logo" aria-hidden="true">"∇"</span>
                    <span class="name">{move || i18n.t(Msg::AppName)}</span>
                    <span class="tagline">{move || i18n.t(Msg::Tagline)}</span>
                </a>
                <WorkerStatus />
                <LangSwitch />
            </div>
            <nav class="chapters" class:open=move || open.get() aria-label=move || i18n.t(Msg::ChaptersLabel) on:keydown=on_key>
                <button
                    type="button"
                    class="chapters-toggle"
                    node_ref=toggle
                    data-testid="nav-menu"
                    aria-expanded=move || open.get().to_string()
                    aria-controls="chapter-links"
                    on:click=move |_| open.update(|o| *o = !*o)
                >
                    <span class="menu-icon" aria-hidden="true">"☰"</span>
                    <span class="visually-hidden">{move || i18n.t(Msg::ChaptersLabel)} {move || i18n.t(Msg::NameSep)}</span>
                    {here}
                </button>
                <div class="chapter-links" id="chapter-links">{links}</div>
            </nav>
        </header>
    }
}

/// One button that offers the other language, written in that language.
#[component]
fn LangSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let other = move || match i18n.lang.get() {
        Lang::En => Lang::Zh,
        Lang::Zh => Lang::En,
    };
    view! {
        <button
            type="button"
            class="lang-switch"
            data-testid="lang-switch"
            title=move || i18n.t(Msg::SwitchLanguage)
            aria-label=move || format!("{}{}{}", i18n.t(Msg::SwitchLanguage), i18n.t(Msg::NameSep), other().native_name())
            on:click=move |_| i18n.choose(other())
        >
            {move || other().native_name()}
        </button>
    }
}

/// The status, and for the curious the worker's memory, which the liveness ping reports.
fn worker_title(status: &str, memory: Option<u64>) -> String {
    match memory {
        Some(bytes) => format!("{status} · wasm {} MB", megabytes(bytes)),
        None => status.to_string(),
    }
}

#[component]
fn WorkerStatus() -> impl IntoView {
    let i18n = use_i18n();
    let link = use_worker();
    let state = move || link.state.get();
    let (class, msg) = (
        move || match state() {
            WorkerState::Ready => "worker-dot ready",
            WorkerState::Busy => "worker-dot busy",
            WorkerState::Starting => "worker-dot starting",
            WorkerState::Down | WorkerState::Outdated => "worker-dot down",
        },
        move || match state() {
            WorkerState::Ready => Msg::WorkerReady,
            WorkerState::Busy => Msg::WorkerBusy,
            WorkerState::Starting => Msg::WorkerStarting,
            WorkerState::Down => Msg::WorkerDown,
            WorkerState::Outdated => Msg::WorkerOutdated,
        },
    );
    view! {
        <span
            class="worker-status"
            data-testid="worker-status"
            data-memory-bytes=move || link.memory.get().map(|m| m.to_string())
            title=move || worker_title(i18n.t(msg()), link.memory.get())
        >
            <span class=class aria-hidden="true"></span>
            <span class="worker-label">{move || i18n.t(msg())}</span>
        </span>
    }
}

#[component]
pub fn ErrorBanner() -> impl IntoView {
    let i18n = use_i18n();
    let link = use_worker();
    move || {
        link.problem.get().map(|p| {
            // A core error is worded again when the visitor switches language.
            let cause = p.cause.clone();
            let detail = p.detail.clone();
            let worded = move || match &cause {
                Some(e) => core_error_text(|m| i18n.t(m), e),
                None => detail.clone(),
            };
            let shown = p.detail_is_the_message().then_some(worded);
            let has_detail = !p.detail.is_empty() && shown.is_none();
            // A page older than its worker cannot go on: offer the reload it asks for.
            let reload = (p.msg == Msg::ErrorNewVersion).then(|| {
                view! {
                    <button type="button" data-testid="reload" on:click=move |_| {
                        let _ = window().location().reload();
                    }>{move || i18n.t(Msg::Reload)}</button>
                }
            });
            view! {
                <div class="banner" role="alert" data-testid="error-banner">
                    <strong>{move || i18n.t(Msg::ErrorTitle)}</strong>
                    <p>{move || i18n.t(p.msg)}</p>
                    {shown.map(|d| view! { <p class="banner-detail">{d}</p> })}
                    {has_detail
                        .then(|| {
                            view! {
                                <details>
                                    <summary>{move || i18n.t(Msg::Details)}</summary>
                                    <pre>{p.detail.clone()}</pre>
                                </details>
                            }
                        })}
                    {reload}
                    <button type="button" on:click=move |_| link.problem.set(None)>
                        {move || i18n.t(Msg::Dismiss)}
                    </button>
                </div>
            }
        })
    }
}

#[component]
pub fn Footer() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <footer class="site-footer">
            <p>{move || i18n.t(Msg::FooterText)}</p>
            <SelfTests />
        </footer>
    }
}

/// Buttons that crash the worker or the page, or check reproducibility, shown only with
/// `?selftest` in the address: the browser tests use them to prove that a crash is shown and
/// recovered from, and that the worker computes what native code computes.
#[component]
fn SelfTests() -> impl IntoView {
    let i18n = use_i18n();
    let link = use_worker();
    let search = window().location().search().unwrap_or_default();
    let enabled = search
        .trim_start_matches('?')
        .split('&')
        .any(|kv| kv.starts_with("selftest"));
    let losses = move || {
        link.selftest_losses.get().map(|l| {
            l.iter()
                .map(|x| format!("{x:e}"))
                .collect::<Vec<_>>()
                .join(",")
        })
    };
    let worker_tests = [
        ("selftest-panic", SelfTest::Panic, Msg::SelfTestPanic),
        (
            "selftest-determinism",
            SelfTest::Determinism,
            Msg::SelfTestDeterminism,
        ),
        ("selftest-hang", SelfTest::Hang, Msg::SelfTestHang),
        (
            "selftest-oom",
            SelfTest::OutOfMemory,
            Msg::SelfTestOutOfMemory,
        ),
    ];
    enabled.then(|| {
        view! {
            <p class="selftests">
                {worker_tests
                    .into_iter()
                    .map(|(testid, test, label)| {
                        view! {
                            <button
                                type="button"
                                data-testid=testid
                                on:click=move |_| link.send(Command::SelfTest(test))
                            >
                                {move || i18n.t(label)}
                            </button>
                        }
                    })
                    .collect_view()}
                <button
                    type="button"
                    data-testid="selftest-app-panic"
                    on:click=|_| panic!("self-test: a deliberate panic on the page")
                >
                    {move || i18n.t(Msg::SelfTestAppPanic)}
                </button>
                <output data-testid="selftest-losses" data-losses=losses></output>
            </p>
        }
    })
}
