//! The pretraining, fine-tuning and scale chapter.

use leptos::prelude::*;

use super::ChapterPage;
use crate::app::prose::Intro;
use crate::routes::Chapter;

#[component]
pub fn Finetune() -> impl IntoView {
    view! {
        <ChapterPage chapter=Chapter::Finetune>
            <Intro chapter=Chapter::Finetune />
        </ChapterPage>
    }
}
