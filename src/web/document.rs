//! The page document.

/// Sets `<html lang>` so screen readers and hyphenation follow the UI language.
pub fn set_lang(code: &str) {
    if let Some(root) = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.document_element())
    {
        let _ = root.set_attribute("lang", code);
    }
}
