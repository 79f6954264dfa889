//! What the customer-facing display shows: the receipt as it grows, the
//! amount due, then thanks with the cashback earned. Sent from the checkout
//! to the display window as JSON; it carries nothing but these figures (no
//! token, no customer code, nothing the cashier's controls hold), and every
//! message is the whole picture, so a display that opens late or a checkout
//! that reloads needs no history.

use std::str::FromStr;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::line::Line;
use super::money::Money;
use super::receipt::Totals;

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CustomerView {
    /// The language the cashier works in (`en`, `ru`, `uz`).
    pub lang: String,
    pub lines: Vec<ViewLine>,
    pub total: String,
    pub bonus: String,
    pub due: String,
    /// The loyalty customer's name.
    pub customer: Option<String>,
    /// Set once the sale is complete.
    pub thanks: Option<Thanks>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ViewLine {
    pub name: String,
    pub quantity: String,
    pub total: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Thanks {
    pub change: String,
    /// Cashback earned, once the loyalty server said so.
    pub earned: Option<String>,
}

impl CustomerView {
    pub fn new(
        lang: &str,
        lines: &[Line],
        totals: &Totals,
        customer: Option<&str>,
    ) -> CustomerView {
        CustomerView {
            lang: lang.to_owned(),
            lines: lines
                .iter()
                .map(|line| ViewLine {
                    name: line.name().to_owned(),
                    quantity: line.quantity().to_string(),
                    total: line.total().to_string(),
                })
                .collect(),
            total: totals.total_before_bonus.to_string(),
            bonus: totals.bonus.to_string(),
            due: totals.total_due.to_string(),
            customer: customer.map(str::to_owned),
            thanks: None,
        }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// `None` for anything that is not a view (another app's message).
    pub fn from_json(json: &str) -> Option<CustomerView> {
        serde_json::from_str(json).ok()
    }
}

/// A money figure of the view, `None` if it is not one.
pub fn money(text: &str) -> Option<Money> {
    Money::new(Decimal::from_str(text).ok()?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::line::LineDraft;
    use crate::domain::quantity::Quantity;

    #[test]
    fn the_view_round_trips_with_exact_figures() {
        let line = Line::new(LineDraft::product(
            "Olma",
            Money::sum(18990),
            Quantity::new(Decimal::new(750, 3)).unwrap(),
            12,
        ))
        .unwrap();
        let totals = Totals::of(std::slice::from_ref(&line), Money::sum(1000));
        let mut view = CustomerView::new("uz", &[line], &totals, Some("Jasur"));
        view.thanks = Some(Thanks {
            change: "0.00".into(),
            earned: Some("421.28".into()),
        });
        assert_eq!(view.lines[0].total, "14242.50");
        assert_eq!(view.due, "13242.50");
        let back = CustomerView::from_json(&view.to_json()).unwrap();
        assert_eq!(back, view);
        assert_eq!(
            money(&back.due),
            Some(Money::round(Decimal::new(1324250, 2)))
        );
        assert_eq!(CustomerView::from_json("hello"), None);
        assert_eq!(money("x"), None);
    }
}
