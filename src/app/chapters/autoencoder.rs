//! The autoencoder chapter: compress a digit into a few numbers and rebuild it.

use leptos::prelude::*;

use super::ChapterPage;
use crate::app::prose::Intro;
use crate::routes::Chapter;

#[component]
pub fn Autoencoder() -> impl IntoView {
    view! {
        <ChapterPage chapter=Chapter::Autoencoder>
            <Intro chapter=Chapter::Autoencoder />
        </ChapterPage>
    }
}
