//! How long the journal keeps a till's sales and refunds: at least
//! [`KEEP_DAYS`] days, so a receipt from three months ago can still be
//! found and refunded; older records may go, except those whose steps are
//! still in the outbox (their outcome is not known yet).

use crate::domain::sale::LocalDateTime;

/// Sales and refunds are kept at least this many days.
pub const KEEP_DAYS: i64 = 90;

/// Whether a record finalized at `at` may be removed on `today`: it is
/// more than [`KEEP_DAYS`] whole days old.
pub fn may_remove(at: LocalDateTime, today: LocalDateTime) -> bool {
    day_number(today) - day_number(at) > KEEP_DAYS
}

/// Days since 1970-01-01 of a civil date (H. Hinnant's `days_from_civil`),
/// for any month and day a record may hold.
fn day_number(at: LocalDateTime) -> i64 {
    let (month, day) = (i64::from(at.month), i64::from(at.day));
    let year = i64::from(at.year) - i64::from(month <= 2);
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let day_of_year = (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    fn on(year: u16, month: u8, day: u8) -> LocalDateTime {
        LocalDateTime {
            year,
            month,
            day,
            hour: 23,
            minute: 59,
            second: 59,
        }
    }

    #[test]
    fn days_are_counted_across_months_leap_years_and_years() {
        assert_eq!(day_number(on(1970, 1, 1)), 0);
        assert_eq!(day_number(on(2000, 3, 1)) - day_number(on(2000, 2, 28)), 2);
        assert_eq!(day_number(on(2026, 3, 1)) - day_number(on(2026, 2, 28)), 1);
        assert_eq!(day_number(on(2027, 1, 1)) - day_number(on(2026, 12, 31)), 1);
    }

    #[test]
    fn ninety_days_are_kept() {
        let sold = on(2026, 12, 1);
        // 2026-12-01 + 90 days = 2027-03-01.
        assert!(!may_remove(sold, on(2026, 12, 1)));
        assert!(!may_remove(sold, on(2027, 3, 1)));
        assert!(may_remove(sold, on(2027, 3, 2)));
        // A clock set back never removes anything.
        assert!(!may_remove(sold, on(2025, 1, 1)));
    }
}
