//! Dates as a cashier reads them on screen and on the printed receipt. The
//! wire keeps its own format (`LocalDateTime::date`, `time`).

use super::sale::LocalDateTime;

/// How a language writes a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateStyle {
    /// `23.11.2026` (Russian, Uzbek).
    DayMonthYearDots,
    /// `2026-11-23`: the English interface is read by people used to either
    /// day-first or month-first dates, and ISO order is the one neither
    /// misreads.
    YearMonthDayDashes,
}

/// Date and time to the minute, e.g. `23.11.2026 14:05`.
pub fn format_date_time(at: LocalDateTime, style: DateStyle) -> String {
    let date = match style {
        DateStyle::DayMonthYearDots => format!("{:02}.{:02}.{:04}", at.day, at.month, at.year),
        DateStyle::YearMonthDayDashes => at.date(),
    };
    format!("{date} {:02}:{:02}", at.hour, at.minute)
}

#[cfg(test)]
mod tests {
    use super::*;

    const AT: LocalDateTime = LocalDateTime {
        year: 2026,
        month: 3,
        day: 7,
        hour: 9,
        minute: 5,
        second: 59,
    };

    #[test]
    fn writes_each_style() {
        assert_eq!(
            format_date_time(AT, DateStyle::DayMonthYearDots),
            "07.03.2026 09:05"
        );
        assert_eq!(
            format_date_time(AT, DateStyle::YearMonthDayDashes),
            "2026-03-07 09:05"
        );
    }
}
