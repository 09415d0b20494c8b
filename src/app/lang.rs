//! The language the page speaks: the visitor's choice if they made one, else the browser's.

use leptos::prelude::*;

use crate::i18n::{Lang, Msg};

const STORAGE_KEY: &str = "gradlab.lang";

/// The current language, shared through context.
#[derive(Clone, Copy)]
pub struct I18n {
    pub lang: RwSignal<Lang>,
}

impl I18n {
    /// Starts from the stored choice or the browser's languages, and keeps `<html lang>` in step.
    pub fn detect() -> I18n {
        let lang = RwSignal::new(stored().or_else(from_browser).unwrap_or_default());
        Effect::new(move || {
            let l = lang.get();
            if let Some(html) = document().document_element() {
                let _ = html.set_attribute("lang", l.tag());
            }
        });
        I18n { lang }
    }

    /// The visitor picked a language: use it and remember it across reloads.
    pub fn choose(self, l: Lang) {
        self.lang.set(l);
        if let Ok(Some(storage)) = window().local_storage() {
            // Private browsing may refuse storage; the choice then lasts for this visit only.
            let _ = storage.set_item(STORAGE_KEY, l.tag());
        }
    }

    /// The message in the current language; reactive when called inside a closure.
    pub fn t(self, msg: Msg) -> &'static str {
        msg.get(self.lang.get())
    }
}

pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}

fn stored() -> Option<Lang> {
    let storage = window().local_storage().ok()??;
    Lang::from_tag(&storage.get_item(STORAGE_KEY).ok()??)
}

fn from_browser() -> Option<Lang> {
    let nav = window().navigator();
    let listed = nav
        .languages()
        .iter()
        .filter_map(|v| v.as_string())
        .collect::<Vec<_>>();
    listed
        .iter()
        .chain(nav.language().iter())
        .find_map(|tag| Lang::from_tag(tag))
}
