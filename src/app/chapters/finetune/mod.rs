//! The pretraining, fine-tuning and scale chapter: two experiments the visitor runs in the
//! worker and checks, counted in steps so a seed gives the same curves on every machine.

mod budget;
mod finetune_figures;
mod finetune_lab;
mod guide;
mod scale_figures;
mod scale_lab;
mod seq_lab;

use leptos::prelude::*;

use super::ChapterPage;
use crate::app::prose::Intro;
use crate::routes::Chapter;

#[component]
pub fn Finetune() -> impl IntoView {
    view! {
        <ChapterPage chapter=Chapter::Finetune>
            <Intro chapter=Chapter::Finetune />
            <finetune_lab::FinetuneLab />
            <seq_lab::SeqLab />
            <scale_lab::ScaleLab />
        </ChapterPage>
    }
}
