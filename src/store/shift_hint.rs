//! Whether a shift may be open, kept beside the database in `localStorage`,
//! which answers at once where IndexedDB takes a cold tablet 50–120 ms to
//! open: the front door shows the login without waiting unless the hint
//! says a shift is open. Only ever a hint; the record in the database
//! decides, and reading it puts the hint right. It errs towards "open"
//! (written before the record, cleared after it), which only costs the
//! wait. No hint at all is a first visit, with nothing stored yet.

use crate::web::storage;

const KEY: &str = "kassa.shift-open";

pub fn may_be_open() -> bool {
    storage::get(KEY).as_deref() == Some("1")
}

pub fn write(open: bool) {
    storage::set(KEY, if open { "1" } else { "0" });
}
