//! The store server's report of a day beside Kassa's own of the shift:
//! which figures differ. They agree for a store whose one till closes its
//! day with its shift; another till's sales, or a sale still queued, show
//! as a difference — which is the point of showing them.

use rust_decimal::Decimal;

use super::days::ServerReport;
use crate::domain::money::Money;
use crate::domain::report::ShiftReport;

/// A figure both reports carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Figure {
    Sales,
    Total,
    Refunds,
    RefundTotal,
    CashIn,
    CashOut,
}

/// A figure that differs: Kassa's and the server's, as plain decimals.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Difference {
    pub figure: Figure,
    pub kassa: String,
    pub server: String,
}

pub fn differences(kassa: &ShiftReport, server: &ServerReport) -> Vec<Difference> {
    let count = |n: u64| Decimal::from(n);
    let usize_count = |n: usize| Decimal::from(n as u64);
    let money = |m: Money| m.amount();
    let pairs = [
        (
            Figure::Sales,
            usize_count(kassa.sales_count),
            count(server.sales),
            0,
        ),
        (
            Figure::Total,
            money(kassa.total_before_bonus),
            money(server.total),
            2,
        ),
        (
            Figure::Refunds,
            usize_count(kassa.refunds.count),
            count(server.refunds),
            0,
        ),
        (
            Figure::RefundTotal,
            money(kassa.refunds.total),
            money(server.refund_total),
            2,
        ),
        (
            Figure::CashIn,
            money(kassa.cash_in),
            money(server.cash_in),
            2,
        ),
        (
            Figure::CashOut,
            money(kassa.cash_out),
            money(server.cash_out),
            2,
        ),
    ];
    pairs
        .into_iter()
        .filter(|(_, kassa, server, _)| kassa != server)
        .map(|(figure, kassa, server, places)| Difference {
            figure,
            kassa: format!("{:.*}", places, kassa),
            server: format!("{:.*}", places, server),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn server(body: &str) -> ServerReport {
        ServerReport::read(body).unwrap()
    }

    #[test]
    fn equal_figures_agree_and_others_are_named() {
        let kassa = ShiftReport::new(Money::ZERO, &[], &[], &[]).unwrap();
        let same = server(r#"{"dayId": "d", "number": 1, "type": "X", "total": 0}"#);
        assert_eq!(differences(&kassa, &same), []);
        let other = server(
            r#"{"dayId": "d", "number": 1, "type": "Z", "sales": 1, "total": 150050, "cashOut": 100}"#,
        );
        assert_eq!(
            differences(&kassa, &other),
            [
                Difference {
                    figure: Figure::Sales,
                    kassa: "0".into(),
                    server: "1".into()
                },
                Difference {
                    figure: Figure::Total,
                    kassa: "0.00".into(),
                    server: "1500.50".into()
                },
                Difference {
                    figure: Figure::CashOut,
                    kassa: "0.00".into(),
                    server: "1.00".into()
                },
            ]
        );
    }
}
