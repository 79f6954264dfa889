//! What a sale was paid with, and what a refund pays back, per tender.
//!
//! The default payback follows the sale's tenders in proportion: each
//! loyalty tender gets back its share of everything refunded so far,
//! rounded down, minus what earlier refunds gave it (cash stays cash, card
//! stays card, cashback goes back to the AOS balance, an in-app payment
//! back to the app). Capillary does not return redeemed points: their
//! share is counted, so the refund adds up, but nothing goes back for it.
//! The card gets its share the same way and cash the rest; should the cash
//! left not hold it, the card and then the loyalty tenders take the
//! difference up to what they have left. The cashier may put another
//! amount on the card, never more than the card has left to take back.

use super::share::{self, tiyin};
use super::RefundError;
use crate::domain::loyalty_tender::{self, LoyaltyTenderKind};
use crate::domain::money::Money;
use crate::domain::payment::Tender;
use crate::domain::sale::Sale;

/// Amounts per tender: what a sale was paid with, or what a refund pays
/// back. They add up to [`Tenders::total`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Tenders {
    pub cash: Money,
    pub card: Money,
    /// AOS cashback.
    pub cashback: Money,
    /// The value of Capillary points.
    pub points: Money,
    /// The points behind `points`.
    pub points_count: u64,
    /// The AppsPOS in-app payment.
    pub in_app: Money,
}

impl Tenders {
    /// What `sale` was paid with.
    pub fn of_sale(sale: &Sale) -> Tenders {
        let paid = |tender| {
            sale.settlement()
                .payments
                .iter()
                .filter(|p| p.tender == tender)
                .map(|p| p.amount)
                .sum()
        };
        let loyalty = sale.loyalty_tenders();
        Tenders {
            cash: paid(Tender::Cash),
            card: paid(Tender::Card),
            cashback: loyalty_tender::total_of(loyalty, LoyaltyTenderKind::Cashback),
            points: loyalty_tender::total_of(loyalty, LoyaltyTenderKind::Points),
            points_count: loyalty
                .iter()
                .filter(|t| t.kind == LoyaltyTenderKind::Points)
                .map(|t| t.points)
                .sum(),
            in_app: loyalty_tender::total_of(loyalty, LoyaltyTenderKind::InApp),
        }
    }

    pub fn total(&self) -> Money {
        self.cash + self.card + self.loyalty()
    }

    /// Σ loyalty tenders: cashback, points and in-app.
    pub fn loyalty(&self) -> Money {
        self.cashback + self.points + self.in_app
    }

    /// Cash and card.
    pub fn money(&self) -> Money {
        self.cash + self.card
    }

    pub fn plus(&self, other: &Tenders) -> Tenders {
        Tenders {
            cash: self.cash + other.cash,
            card: self.card + other.card,
            cashback: self.cashback + other.cashback,
            points: self.points + other.points,
            points_count: self.points_count.saturating_add(other.points_count),
            in_app: self.in_app + other.in_app,
        }
    }
}

/// The payback of a refund worth `amount`, of a sale worth `sale_total`
/// paid with `sale`, after earlier refunds paid back `before`;
/// `refunded_after` is Σ refunded including this one. `card` is the
/// cashier's card amount, if they changed the split.
pub(super) fn split(
    sale: &Tenders,
    before: &Tenders,
    sale_total: Money,
    refunded_after: Money,
    amount: Money,
    card: Option<Money>,
) -> Result<Tenders, RefundError> {
    let left = |of: Money, done: Money| (tiyin(of) - tiyin(done)).max(0);
    // A tender's share of everything refunded so far, minus what it got.
    let due = |of: Money, done: Money| {
        (share::down(tiyin(of), refunded_after, sale_total) - tiyin(done)).max(0)
    };
    let total = tiyin(amount);
    let loyalty = [
        (sale.cashback, before.cashback),
        (sale.points, before.points),
        (sale.in_app, before.in_app),
    ];
    let loyalty_left = loyalty.map(|(of, done)| left(of, done));
    let mut given = [0i128; 3];
    let mut rest = total;
    for (index, (of, done)) in loyalty.into_iter().enumerate() {
        given[index] = due(of, done).min(loyalty_left[index]).min(rest);
        rest -= given[index];
    }
    let card_left = left(sale.card, before.card);
    let card = match card {
        Some(chosen) => {
            let most = rest.min(card_left);
            if tiyin(chosen) > most {
                return Err(RefundError::CardAboveLeft {
                    most: share::money(most),
                });
            }
            tiyin(chosen)
        }
        None => {
            let mut card = due(sale.card, before.card).min(card_left).min(rest);
            // Cash is the rest; what it cannot hold goes to the card, then
            // to the loyalty tenders, each up to what it has left.
            let mut over = (rest - card - left(sale.cash, before.cash)).max(0);
            let more = over.min(card_left - card);
            card += more;
            over -= more;
            for (index, given) in given.iter_mut().enumerate() {
                let more = over.min(loyalty_left[index] - *given);
                *given += more;
                over -= more;
            }
            card
        }
    };
    let [cashback, points, in_app] = given;
    let cash = total - cashback - points - in_app - card;
    let count_left = sale.points_count.saturating_sub(before.points_count);
    let count_due = share::down(i128::from(sale.points_count), refunded_after, sale_total)
        - i128::from(before.points_count);
    let points_count = u64::try_from(count_due.max(0)).unwrap_or(0).min(count_left);
    Ok(Tenders {
        cash: share::money(cash),
        card: share::money(card),
        cashback: share::money(cashback),
        points: share::money(points),
        points_count,
        in_app: share::money(in_app),
    })
}
