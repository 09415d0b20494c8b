//! The performance chapter: how fast this browser computes, measured in the worker.

mod bench_panel;
mod committed;
mod gemm_panel;
mod train_panel;

use leptos::prelude::*;

use super::ChapterPage;
use crate::app::prose::Intro;
use crate::routes::Chapter;

#[component]
pub fn Performance() -> impl IntoView {
    view! {
        <ChapterPage chapter=Chapter::Performance>
            <Intro chapter=Chapter::Performance />
            <gemm_panel::GemmPanel />
            <train_panel::TrainPanel />
            <bench_panel::BenchPanel />
        </ChapterPage>
    }
}
