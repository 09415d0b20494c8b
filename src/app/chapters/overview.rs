//! The overview: what the lab is, and a map of the chapters.

use leptos::prelude::*;

use super::ChapterPage;
use crate::app::prose::Intro;
use crate::app::shell::nav_label;
use crate::app::use_i18n;
use crate::i18n::Msg;
use crate::routes::Chapter;

fn summary(c: Chapter) -> Msg {
    match c {
        Chapter::Overview => Msg::Tagline,
        Chapter::History => Msg::CardHistory,
        Chapter::Autoencoder => Msg::CardAutoencoder,
        Chapter::Vae => Msg::CardVae,
        Chapter::Attention => Msg::CardAttention,
        Chapter::Transformer => Msg::CardTransformer,
        Chapter::Finetune => Msg::CardFinetune,
        Chapter::Performance => Msg::CardPerformance,
        Chapter::Applications => Msg::CardApplications,
        Chapter::References => Msg::CardReferences,
    }
}

#[component]
pub fn Overview() -> impl IntoView {
    let i18n = use_i18n();
    let cards = Chapter::ALL[1..]
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            view! {
                <a class="card" href=c.href()>
                    <span class="card-num">{format!("{:02}", i + 1)}</span>
                    <span class="card-title">{move || i18n.t(nav_label(c))}</span>
                    <span class="card-text">{move || i18n.t(summary(c))}</span>
                </a>
            }
        })
        .collect_view();
    view! {
        <ChapterPage chapter=Chapter::Overview>
            <Intro chapter=Chapter::Overview />
            <div class="cards">{cards}</div>
            <KeyboardHelp />
        </ChapterPage>
    }
}

/// The keyboard shortcuts, one line per place that has its own.
#[component]
fn KeyboardHelp() -> impl IntoView {
    let i18n = use_i18n();
    const LINES: [Msg; 11] = [
        Msg::KbdTab,
        Msg::KbdSkip,
        Msg::KbdMenu,
        Msg::KbdMap,
        Msg::KbdGrid,
        Msg::KbdDraw,
        Msg::KbdTimeline,
        Msg::KbdSteps,
        Msg::KbdHeat,
        Msg::KbdGuide,
        Msg::KbdTable,
    ];
    let lines = LINES
        .iter()
        .map(|&m| view! { <li>{move || i18n.t(m)}</li> })
        .collect_view();
    view! {
        <details class="keyboard-help" data-testid="keyboard-help">
            <summary>{move || i18n.t(Msg::KbdTitle)}</summary>
            <ul>{lines}</ul>
        </details>
    }
}
