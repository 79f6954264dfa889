//! Local wall-clock time.

use crate::domain::sale::LocalDateTime;

pub fn now() -> LocalDateTime {
    let date = js_sys::Date::new_0();
    // Date fields are small integers by construction; `as` cannot lose them.
    LocalDateTime {
        year: date.get_full_year() as u16,
        month: (date.get_month() + 1) as u8,
        day: date.get_date() as u8,
        hour: date.get_hours() as u8,
        minute: date.get_minutes() as u8,
        second: date.get_seconds() as u8,
    }
}

/// `YYMMDDHHMM`: a short, sortable tag for the shift opened now.
pub fn now_tag() -> String {
    let t = now();
    format!(
        "{:02}{:02}{:02}{:02}{:02}",
        t.year % 100,
        t.month,
        t.day,
        t.hour,
        t.minute
    )
}

/// Milliseconds since the epoch, for scheduling retries.
pub fn now_ms() -> u64 {
    // A time in ms fits a u64 exactly; this is a clock, not money.
    js_sys::Date::now() as u64
}

/// A random 0..=1000 for retry jitter, so tills that lost the network
/// together do not all come back in the same second.
pub fn jitter_permille() -> u16 {
    (js_sys::Math::random() * 1000.0) as u16
}

/// Resolves after `ms` milliseconds (a browser timer; no thread is held).
pub async fn sleep(ms: u32) {
    let (done, wait) = futures_channel::oneshot::channel::<()>();
    leptos::prelude::set_timeout(
        move || {
            let _ = done.send(());
        },
        std::time::Duration::from_millis(u64::from(ms)),
    );
    let _ = wait.await;
}
