//! Days and reports on srv4pos: closing the day (Z), the list of days and
//! a day's X or Z report, read tolerantly (numbers or numeric strings).

use std::collections::BTreeMap;

use serde_json::Value;

use super::address::escape_segment;
use super::articles::money_of_minor;
use crate::domain::money::Money;

/// `POST /days/current` closes the current day.
pub const CLOSE_DAY_PATH: &str = "/days/current";
/// `GET /days`.
pub const DAYS_PATH: &str = "/days";

/// `GET /days/{dayId}/report`.
pub fn report_path(day_id: &str) -> String {
    format!("/days/{}/report", escape_segment(day_id))
}

fn text_of(value: &Value) -> Option<String> {
    match value {
        Value::String(text) => Some(text.clone()),
        Value::Number(number) => Some(number.to_string()),
        _ => None,
    }
}

fn count_of(value: &Value) -> Option<u64> {
    value
        .as_u64()
        .or_else(|| value.as_str().and_then(|text| text.trim().parse().ok()))
}

/// Minor units (a number or a numeric string), as money; a negative figure
/// or a fraction of a tiyin is not one.
fn money_of(value: &Value) -> Option<Money> {
    let minor = value
        .as_i64()
        .or_else(|| value.as_str().and_then(|text| text.trim().parse().ok()))?;
    money_of_minor(minor)
}

/// The answer to closing the day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClosedDay {
    pub day_id: String,
    pub number: u64,
}

impl ClosedDay {
    pub fn read(body: &str) -> Option<ClosedDay> {
        let value: Value = serde_json::from_str(body).ok()?;
        Some(ClosedDay {
            day_id: text_of(&value["dayId"])?,
            number: count_of(&value["number"])?,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Day {
    pub day_id: String,
    pub number: u64,
    pub opened: String,
    /// `None` while the day is open.
    pub closed: Option<String>,
}

/// `GET /days`: the days that can be read; unreadable entries are left out.
pub fn read_days(body: &str) -> Option<Vec<Day>> {
    let items: Vec<Value> = serde_json::from_str(body).ok()?;
    Some(
        items
            .iter()
            .filter_map(|item| {
                Some(Day {
                    day_id: text_of(&item["dayId"])?,
                    number: count_of(&item["number"])?,
                    opened: text_of(&item["opened"]).unwrap_or_default(),
                    closed: text_of(&item["closed"]),
                })
            })
            .collect(),
    )
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportKind {
    X,
    Z,
}

/// Sales at one VAT rate: their total and the VAT it contains.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VatFigures {
    pub amount: Money,
    pub vat: Money,
}

/// The server's X or Z report of a day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerReport {
    pub day_id: String,
    pub number: u64,
    pub kind: ReportKind,
    pub sales: u64,
    pub refunds: u64,
    pub total: Money,
    pub refund_total: Money,
    /// By payment type as the server names it (`CASH`, `CARD`, `LOYALTY`).
    pub by_payment: BTreeMap<String, Money>,
    pub by_vat: BTreeMap<u8, VatFigures>,
    pub cash_in: Money,
    pub cash_out: Money,
}

impl ServerReport {
    /// The report, or `None` if a figure it must have is missing or not an
    /// amount: a report is compared with Kassa's, so a guessed figure
    /// would be worse than none.
    pub fn read(body: &str) -> Option<ServerReport> {
        let value: Value = serde_json::from_str(body).ok()?;
        let by_payment = match &value["byPayment"] {
            Value::Object(fields) => fields
                .iter()
                .map(|(kind, amount)| Some((kind.to_uppercase(), money_of(amount)?)))
                .collect::<Option<_>>()?,
            _ => BTreeMap::new(),
        };
        let by_vat = match &value["byVat"] {
            Value::Object(fields) => fields
                .iter()
                .map(|(rate, figures)| {
                    Some((
                        rate.trim().parse().ok()?,
                        VatFigures {
                            amount: money_of(&figures["amount"])?,
                            vat: money_of(&figures["vat"])?,
                        },
                    ))
                })
                .collect::<Option<_>>()?,
            _ => BTreeMap::new(),
        };
        let optional_money = |name: &str| match &value[name] {
            Value::Null => Some(Money::ZERO),
            figure => money_of(figure),
        };
        Some(ServerReport {
            day_id: text_of(&value["dayId"])?,
            number: count_of(&value["number"])?,
            kind: match value["type"].as_str()?.trim() {
                "X" | "x" => ReportKind::X,
                "Z" | "z" => ReportKind::Z,
                _ => return None,
            },
            sales: count_of(&value["sales"]).unwrap_or(0),
            refunds: count_of(&value["refunds"]).unwrap_or(0),
            total: money_of(&value["total"])?,
            refund_total: optional_money("refundTotal")?,
            by_payment,
            by_vat,
            cash_in: optional_money("cashIn")?,
            cash_out: optional_money("cashOut")?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_closed_day_and_the_days_are_read() {
        assert_eq!(
            ClosedDay::read(r#"{"dayId": "d17", "number": "17"}"#),
            Some(ClosedDay {
                day_id: "d17".into(),
                number: 17
            })
        );
        assert!(ClosedDay::read(r#"{"number": 17}"#).is_none());
        let days = read_days(
            r#"[{"dayId": "d16", "number": 16, "opened": "2026-11-30T08:00:00", "closed": "2026-11-30T22:00:00"},
                {"dayId": "d17", "number": 17, "opened": "2026-12-01T08:00:00", "closed": null},
                {"number": 1}]"#,
        )
        .unwrap();
        assert_eq!(days.len(), 2);
        assert_eq!(days[1].closed, None);
    }

    #[test]
    fn a_report_is_read_in_money() {
        let report = ServerReport::read(
            r#"{"dayId": "d17", "number": 17, "type": "Z", "sales": 42, "refunds": 1,
                "total": 12345678, "refundTotal": "11200",
                "byPayment": {"CASH": 10000000, "card": 2345678},
                "byVat": {"12": {"amount": 12345678, "vat": 1322751}, "0": {"amount": 0, "vat": 0}},
                "cashIn": 500000}"#,
        )
        .unwrap();
        assert_eq!(report.kind, ReportKind::Z);
        assert_eq!(report.total.to_string(), "123456.78");
        assert_eq!(report.refund_total.to_string(), "112.00");
        assert_eq!(report.by_payment["CARD"].to_string(), "23456.78");
        assert_eq!(report.by_vat[&12].vat.to_string(), "13227.51");
        assert_eq!(report.cash_out, Money::ZERO);
    }

    #[test]
    fn a_report_with_a_broken_figure_is_not_read() {
        assert!(
            ServerReport::read(r#"{"dayId": "d", "number": 1, "type": "X", "total": 1.5}"#)
                .is_none()
        );
        assert!(
            ServerReport::read(r#"{"dayId": "d", "number": 1, "type": "Y", "total": 1}"#).is_none()
        );
        assert!(ServerReport::read(
            r#"{"dayId": "d", "number": 1, "type": "X", "total": 1, "byPayment": {"CASH": "lots"}}"#
        )
        .is_none());
    }
}
