//! The page document.

use wasm_bindgen::prelude::*;

fn document() -> Option<web_sys::Document> {
    web_sys::window().and_then(|window| window.document())
}

/// Sets an attribute of `<html>`, which the stylesheet and assistive
/// technology read for the whole page.
fn set_root_attribute(name: &str, value: &str) {
    if let Some(root) = document().and_then(|document| document.document_element()) {
        let _ = root.set_attribute(name, value);
    }
}

/// Sets `<html lang>` so screen readers and hyphenation follow the UI language.
pub fn set_lang(code: &str) {
    set_root_attribute("lang", code);
}

/// Opens the browser's print dialog (the print stylesheet lays out the receipt).
pub fn print() {
    if let Some(window) = web_sys::window() {
        let _ = window.print();
    }
}

/// True while the page is not on screen (another tab or app, screen off).
pub fn hidden() -> bool {
    document().is_some_and(|document| document.hidden())
}

/// Sets `<html data-theme>`, which the stylesheet reads over the device's
/// light/dark setting.
pub fn set_theme(code: &str) {
    set_root_attribute("data-theme", code);
}

/// Whether the device asks for dark colours (`prefers-color-scheme`): the
/// answer now, and `on_change` called with each new answer for as long as
/// the page lives (the cashier or the tablet's night mode may switch it).
pub fn watch_prefers_dark(on_change: impl Fn(bool) + 'static) -> bool {
    let Some(query) = web_sys::window()
        .and_then(|window| window.match_media("(prefers-color-scheme: dark)").ok())
        .flatten()
    else {
        return false;
    };
    let watched = query.clone();
    let listener = Closure::<dyn Fn()>::new(move || on_change(watched.matches()));
    query.set_onchange(Some(listener.as_ref().unchecked_ref()));
    listener.forget();
    query.matches()
}
