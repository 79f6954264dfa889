//! Asks the browser not to evict Kassa's storage under pressure: the outbox
//! holds sales that must not be lost.

pub fn ask_to_persist() {
    if let Some(window) = web_sys::window() {
        let _ = window.navigator().storage().persist();
    }
}
