//! The variational-autoencoder chapter: codes as distributions, and sampling new digits.

use leptos::prelude::*;

use super::ChapterPage;
use crate::app::prose::Intro;
use crate::routes::Chapter;

#[component]
pub fn Vae() -> impl IntoView {
    view! {
        <ChapterPage chapter=Chapter::Vae>
            <Intro chapter=Chapter::Vae />
        </ChapterPage>
    }
}
