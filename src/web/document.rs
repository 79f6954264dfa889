//! The page document.

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

/// True when no control has the focus (it sits on the page body).
pub fn nothing_focused() -> bool {
    document()
        .and_then(|document| document.active_element())
        .is_none_or(|element| element.tag_name().eq_ignore_ascii_case("body"))
}

/// True when the focus is in a place that takes typing (input, textarea,
/// select, contenteditable).
pub fn text_field_focused() -> bool {
    document()
        .and_then(|document| document.active_element())
        .is_some_and(|element| {
            matches!(
                element.tag_name().to_ascii_lowercase().as_str(),
                "input" | "textarea" | "select"
            ) || element
                .get_attribute("contenteditable")
                .is_some_and(|v| v != "false")
        })
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

/// True when the device asks for dark colours (`prefers-color-scheme`).
pub fn prefers_dark() -> bool {
    web_sys::window()
        .and_then(|window| window.match_media("(prefers-color-scheme: dark)").ok())
        .flatten()
        .is_some_and(|query| query.matches())
}
