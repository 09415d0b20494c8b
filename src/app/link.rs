//! Opening a link that carries a lab's settings (`#/autoencoder?widths=…&seed=3`): they go to
//! the lab's store before its chapter is drawn, so the chapter's first model is the link's. A
//! lab that already has a model starts a new one from them, as "Apply and reset" would.

use leptos::prelude::*;

use super::lab_store::{LabStatus, LabStore};
use super::lab_ui::reset;
use super::WorkerLink;
use crate::jobs::lab::config::LabConfig;
use crate::jobs::lab::fields::FieldErrors;
use crate::routes::Route;
use crate::view::share_link::{decode, Settings};

/// Applies the settings of `hash`'s query, if it has one for a lab's chapter.
pub fn open_link(worker: WorkerLink, hash: &str) {
    let (Route::Chapter(chapter), query) = Route::parse_with_query(hash) else {
        return;
    };
    if query.is_empty() {
        return;
    }
    let Some((settings, refused)) = decode(chapter, query) else {
        return;
    };
    match settings {
        Settings::Ae(c) => open_lab(worker.ae, LabConfig::Ae(c), refused),
        Settings::Vae(c) => open_lab(worker.vae, LabConfig::Vae(c), refused),
        Settings::Tf(preset) => {
            let tf = worker.tf;
            super::saved_runs::linked(super::saved_runs::Kept::Tf);
            if tf.status.get_untracked() == LabStatus::Empty {
                tf.preset.set(preset);
            } else {
                tf.reset(preset);
            }
            tf.link_refused.set(refused);
        }
    }
}

fn open_lab(lab: LabStore, config: LabConfig, refused: FieldErrors) {
    super::saved_runs::linked(lab.id);
    if lab.status.get_untracked() == LabStatus::Empty {
        lab.config.set(config);
    } else {
        reset(lab, config);
    }
    lab.link_refused.set(refused);
}
