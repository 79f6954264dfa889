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
