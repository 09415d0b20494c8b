//! The chapter's guided prediction: what dividing by √dₖ does to the visitor's own sentence.
//! The seeded layer is computed here, at once; the controls are then set to the setting the
//! question ends on, so the heatmaps below show it.

use leptos::prelude::*;

use super::{Settings, Source};
use crate::app::widgets::{guide_progress, Guide};
use crate::view::guide::Halt;
use crate::view::guide_attention::{Sentence, ATTENTION_QUESTIONS};

#[component]
pub(super) fn AttentionGuide(s: Settings, text: Signal<String>) -> impl IntoView {
    let progress = guide_progress("try-attention", ATTENTION_QUESTIONS.len());
    let on_run = Callback::new(move |q: usize| {
        if progress.try_update(|p| p.start(q, 1)) != Some(true) {
            return;
        }
        let question = &ATTENTION_QUESTIONS[q];
        let sentence = s
            .seed
            .with_untracked(|seed| seed.trim().parse::<u32>())
            .map(|seed| Sentence {
                text: text.get_untracked(),
                heads: s.heads.get_untracked(),
                seed: u64::from(seed),
                causal: s.causal.get_untracked(),
                head: s.head.get_untracked(),
            });
        let verdict = sentence
            .map_err(|e| e.to_string())
            .and_then(|sentence| (question.judge)(&sentence));
        match verdict {
            Ok(v) => {
                let (d_head, scaled) = question.shows;
                s.source.set(Source::Seeded);
                s.d_head.set(d_head);
                s.scaled.set(scaled);
                progress.update(|p| p.answer(q, v));
            }
            Err(why) => progress.update(|p| p.stop(q, Halt::Cannot(why))),
        }
    });
    view! {
        <Guide
            testid="try-attention"
            questions=ATTENTION_QUESTIONS.iter().map(|q| q.question).collect()
            progress=progress
            on_run=on_run
        />
    }
}
