//! The self-attention chapter: softmax(QKᵀ/√dₖ)V, step by step.

use leptos::prelude::*;

use super::ChapterPage;
use crate::app::prose::Intro;
use crate::routes::Chapter;

#[component]
pub fn Attention() -> impl IntoView {
    view! {
        <ChapterPage chapter=Chapter::Attention>
            <Intro chapter=Chapter::Attention />
        </ChapterPage>
    }
}
