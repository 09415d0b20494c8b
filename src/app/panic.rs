//! A panic on the page's thread leaves the wasm instance unusable, so its message is written
//! straight into the DOM, without Leptos, and offers a reload instead of a dead page.

use wasm_bindgen::prelude::Closure;
use wasm_bindgen::JsCast;

use crate::i18n::{Lang, Msg};

pub fn install_hook() {
    std::panic::set_hook(Box::new(|info| {
        let detail = info.to_string();
        web_sys::console::error_1(&format!("gradlab panicked: {detail}").into());
        show_fatal_banner(&detail);
    }));
}

fn show_fatal_banner(detail: &str) -> Option<()> {
    let doc = web_sys::window()?.document()?;
    let lang = doc
        .document_element()
        .and_then(|html| html.get_attribute("lang"))
        .and_then(|tag| Lang::from_tag(&tag))
        .unwrap_or_default();
    let el = |tag: &str, text: &str| -> Option<web_sys::Element> {
        let e = doc.create_element(tag).ok()?;
        e.set_text_content(Some(text));
        Some(e)
    };

    let banner = doc.create_element("div").ok()?;
    banner.set_class_name("banner banner-fatal");
    banner.set_attribute("role", "alert").ok()?;
    banner.set_attribute("data-testid", "error-banner").ok()?;
    banner.set_attribute("tabindex", "-1").ok()?;
    let details = el("details", "")?;
    for (parent, child) in [
        (&banner, el("strong", Msg::ErrorTitle.get(lang))?),
        (&banner, el("p", Msg::ErrorAppPanic.get(lang))?),
        (&details, el("summary", Msg::Details.get(lang))?),
        (&details, el("pre", detail)?),
    ] {
        parent.append_child(&child).ok()?;
    }
    banner.append_child(&details).ok()?;
    let reload = el("button", Msg::Reload.get(lang))?;
    // Not an inline `onclick` (the Content-Security-Policy blocks those): a closure that touches
    // nothing of the app's state, only the location, so it works after the panic.
    let on_click = Closure::<dyn FnMut()>::new(|| {
        if let Some(w) = web_sys::window() {
            let _ = w.location().reload();
        }
    });
    reload
        .add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref())
        .ok()?;
    // The banner lives until the reload: so does its handler.
    on_click.forget();
    reload.set_attribute("type", "button").ok()?;
    banner.append_child(&reload).ok()?;

    let body = doc.body()?;
    body.insert_before(&banner, body.first_child().as_ref())
        .ok()?;
    banner.dyn_ref::<web_sys::HtmlElement>()?.focus().ok()
}
