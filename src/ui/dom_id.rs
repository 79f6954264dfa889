//! Element ids for ARIA references (`aria-labelledby`, `aria-describedby`),
//! unique on the page however many copies of a component are shown.

use std::sync::atomic::{AtomicU32, Ordering};

static NEXT: AtomicU32 = AtomicU32::new(0);

/// A fresh id starting with `prefix`.
pub fn unique(prefix: &str) -> String {
    format!("{prefix}-{}", NEXT.fetch_add(1, Ordering::Relaxed))
}
