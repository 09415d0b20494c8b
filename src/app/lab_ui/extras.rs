//! What a visitor keeps of an MNIST lab's run, under its figures: the link that reproduces it,
//! their own images, the weights files and the run saved in this browser. The same panel in the
//! autoencoder and VAE chapters.

use leptos::prelude::*;

use super::form::MODEL_FIELDS;
use super::own_images::{link_note, OwnImagesPanel};
use super::saved::SavedRow;
use super::share::ShareLink;
use super::weights::LabWeightsFiles;
use crate::app::lab_store::LabStore;
use crate::app::saved_runs::Slot;
use crate::jobs::lab::config::DataMode;
use crate::view::share_link::Settings;

/// `mode` is the form's choice of data (applied with the other settings).
#[component]
pub fn LabExtras(lab: LabStore, prefix: &'static str, mode: RwSignal<DataMode>) -> impl IntoView {
    view! {
        <div class="panel lab-extras">
            <ShareLink
                prefix=prefix
                settings=Signal::derive(move || Settings::from(lab.config.get()))
                refused=lab.link_refused
                shown_at_fields=MODEL_FIELDS
                note=Signal::derive(move || link_note(lab))
            />
            <OwnImagesPanel lab=lab prefix=prefix mode=mode />
            <LabWeightsFiles lab=lab prefix=prefix />
            <SavedRow store=Slot::Lab(lab) prefix=prefix />
        </div>
    }
}
