//! This device's till id: random once, then remembered, so receipt numbers
//! of two tablets in one branch never collide.

use super::storage;

const KEY: &str = "kassa.till";

pub fn till_id() -> String {
    if let Some(id) = storage::get(KEY).filter(|id| !id.is_empty()) {
        return id;
    }
    let id = format!("T{:04X}", (js_sys::Math::random() * 65536.0) as u32);
    storage::set(KEY, &id);
    id
}

/// A random id for this tab, new on every page load.
pub fn tab_id() -> String {
    format!(
        "tab-{:08X}",
        (js_sys::Math::random() * 4_294_967_295.0) as u32
    )
}

/// This tab's id kept across its own reloads (in `sessionStorage`), for a
/// lease that a reload must not lock out for its lifetime: the reloaded
/// page takes up again what it held. (A tab duplicated by the browser
/// starts with a copy of it.)
pub fn lasting_tab_id() -> String {
    const TAB_KEY: &str = "kassa.tab";
    let session = web_sys::window().and_then(|w| w.session_storage().ok().flatten());
    if let Some(id) = session
        .as_ref()
        .and_then(|s| s.get_item(TAB_KEY).ok().flatten())
        .filter(|id| !id.is_empty())
    {
        return id;
    }
    let id = tab_id();
    if let Some(session) = session {
        let _ = session.set_item(TAB_KEY, &id);
    }
    id
}

/// 16 bytes from the browser's cryptographic generator (`Math.random`
/// only should `crypto` be missing), for identifiers that must not repeat.
pub fn random_bytes() -> [u8; 16] {
    let mut bytes = [0u8; 16];
    let drawn = web_sys::window()
        .and_then(|window| window.crypto().ok())
        .is_some_and(|crypto| crypto.get_random_values_with_u8_array(&mut bytes).is_ok());
    if !drawn {
        for byte in &mut bytes {
            *byte = (js_sys::Math::random() * 256.0) as u8;
        }
    }
    bytes
}
