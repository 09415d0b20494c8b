//! The Transformer chapter: an encoder-decoder that learns a toy translation.

use leptos::prelude::*;

use super::ChapterPage;
use crate::app::prose::Intro;
use crate::routes::Chapter;

#[component]
pub fn Transformer() -> impl IntoView {
    view! {
        <ChapterPage chapter=Chapter::Transformer>
            <Intro chapter=Chapter::Transformer />
        </ChapterPage>
    }
}
