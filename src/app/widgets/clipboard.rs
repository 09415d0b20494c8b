//! Copying a text for the visitor, and what became of it: the browser may refuse the clipboard
//! (no permission, no secure context), and then the page shows the text to copy by hand.

use leptos::prelude::*;
use wasm_bindgen_futures::{spawn_local, JsFuture};

#[derive(Clone, Copy, PartialEq)]
pub enum Copied {
    Not,
    Yes,
    Refused,
}

/// Puts `text` on the clipboard and sets `copied` to the answer.
pub fn copy_text(text: String, copied: RwSignal<Copied>) {
    let clipboard = window().navigator().clipboard();
    spawn_local(async move {
        let ok = JsFuture::from(clipboard.write_text(&text)).await.is_ok();
        copied.set(if ok { Copied::Yes } else { Copied::Refused });
    });
}
