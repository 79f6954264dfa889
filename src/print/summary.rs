//! The named money rows a receipt carries besides its lines and VAT, for
//! the printed page and the ESC/POS stream alike: what came off the bill and
//! what each loyalty program paid on a sale, what went back per tender on a
//! refund. Each row says which program it is, so an in-app payment never
//! reads as cashback.

use crate::domain::bill_discount::DiscountSource;
use crate::domain::loyalty_tender::LoyaltyTenderKind;
use crate::domain::money::Money;
use crate::domain::refund::Refund;
use crate::domain::sale::Sale;
use crate::i18n::Text;

/// The label of a loyalty tender of `kind` on a sale's receipt.
pub fn tender_label(kind: LoyaltyTenderKind) -> Text {
    match kind {
        LoyaltyTenderKind::Cashback => Text::BonusApplied,
        LoyaltyTenderKind::Points => Text::PointsApplied,
        LoyaltyTenderKind::InApp => Text::AppsPosPaid,
    }
}

/// The bill discount taken off the lines, named by where it came from.
pub fn bill_discount(sale: &Sale) -> Option<(Text, Money)> {
    sale.bill_discount()
        .filter(|discount| !discount.amount.is_zero())
        .map(|discount| {
            let label = match discount.source {
                DiscountSource::Coupon { .. } => Text::CouponOpen,
                DiscountSource::Voucher { .. } => Text::AppsPosVoucher,
            };
            (label, discount.amount)
        })
}

/// What each loyalty program paid on the sale, in the order they were taken.
pub fn loyalty_tenders(sale: &Sale) -> Vec<(Text, Money)> {
    sale.loyalty_tenders()
        .iter()
        .filter(|tender| !tender.amount.is_zero())
        .map(|tender| (tender_label(tender.kind), tender.amount))
        .collect()
}

/// What the refund paid back, per tender that paid any.
pub fn paid_back(refund: &Refund) -> Vec<(Text, Money)> {
    let tenders = refund.tenders();
    [
        (Text::TenderCash, tenders.cash),
        (Text::TenderCard, tenders.card),
        (Text::RefundCashbackBack, tenders.cashback),
        (Text::RefundPointsValue, tenders.points),
        (Text::RefundInApp, tenders.in_app),
    ]
    .into_iter()
    .filter(|(_, amount)| !amount.is_zero())
    .collect()
}
