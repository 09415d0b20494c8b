//! The file picked in an `<input type=file>`, taken out of the input so that picking the same
//! file again fires `change` again.

use wasm_bindgen::JsCast;

/// The first file of the input that fired `ev`, if any; the input is emptied.
pub fn picked_file(ev: &leptos::ev::Event) -> Option<web_sys::File> {
    let input = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())?;
    let file = input.files().and_then(|list| list.get(0));
    input.set_value("");
    file
}
