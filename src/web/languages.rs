//! The languages the browser says its user reads, best first.

/// `navigator.languages` (e.g. `["ru-RU", "en"]`); empty when unavailable.
pub fn preferred() -> Vec<String> {
    web_sys::window()
        .map(|window| window.navigator().languages())
        .map(|tags| tags.iter().filter_map(|tag| tag.as_string()).collect())
        .unwrap_or_default()
}
