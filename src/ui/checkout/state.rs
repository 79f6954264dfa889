//! The state of the receipt on screen, shared by the checkout components.

use leptos::prelude::*;

use super::shelf::Shelf;
use crate::domain::bill_discount::{BillDiscount, DiscountSource, DiscountValue};
use crate::domain::cart::{Cart, LineId};
use crate::domain::catalog::ProductId;
use crate::domain::customer::{Customer, CustomerId};
use crate::domain::loyalty_tender::{self, LoyaltyTender, LoyaltyTenderKind};
use crate::domain::mobile::MobileNumber;
use crate::domain::money::Money;
use crate::domain::provider::{Provider, Redemption};
use crate::domain::receipt::lines_total;
use crate::domain::receipt::Totals;
use crate::domain::sale::Sale;
use crate::i18n::Text;
use crate::loyalty::appspos::payment::Action;
use crate::loyalty::error::LoyaltyError;
use crate::store::in_app::InAppSale;
use crate::store::outbox::SaleSettlement;
use crate::store::step::Step;

/// Which dialog is over the checkout screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Dialog {
    None,
    /// The item form: a new manual item, or editing a line.
    Item(Option<LineId>),
    Scan,
    Bonus,
    Points,
    Coupon,
    /// The member on the receipt, to correct their name or email.
    EditMember,
    Payment,
    Result,
    /// The shift report: X, or Z when closing the shift.
    Report {
        closing: bool,
    },
    /// Taking back part or all of a past receipt.
    Refund,
    /// How much of a weighed product (from a tap, or its own barcode
    /// scanned), sold under `barcode`.
    Quantity {
        product: ProductId,
        barcode: String,
    },
}

/// How a finalized sale ended, as shown to the cashier.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaleStatus {
    Sent,
    /// No loyalty customer: kept locally, nothing to post.
    Recorded,
    Queued,
    Rejected,
}

impl SaleStatus {
    /// The stable code of `sale-status`.
    pub fn code(self) -> &'static str {
        match self {
            SaleStatus::Sent => "sent",
            SaleStatus::Recorded => "recorded",
            SaleStatus::Queued => "queued",
            SaleStatus::Rejected => "rejected",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SaleOutcome {
    pub sale: Sale,
    pub status: SaleStatus,
    pub explanation: Option<Text>,
    /// The server's own words, for a rejection.
    pub server_message: String,
    pub bonus_earned: Option<Money>,
    pub new_balance: Option<Money>,
    pub points_earned: Option<i64>,
    pub new_points_balance: Option<i64>,
    /// What later steps could not take (refused points or coupon): the
    /// customer owes it.
    pub owed: Money,
    /// The sale's identifier on the store server, if the shift has one.
    pub store_sale_id: Option<String>,
}

impl SaleOutcome {
    /// A finalized sale before any answer from the server.
    pub fn finalized(sale: Sale) -> SaleOutcome {
        SaleOutcome {
            sale,
            status: SaleStatus::Recorded,
            explanation: Some(Text::StatusRecorded),
            server_message: String::new(),
            bonus_earned: None,
            new_balance: None,
            points_earned: None,
            new_points_balance: None,
            owed: Money::ZERO,
            store_sale_id: None,
        }
    }

    pub fn receipt_number(&self) -> &str {
        &self.sale.number().0
    }

    /// What the server's answer means for the sale.
    pub fn answered(self, settlement: &SaleSettlement) -> SaleOutcome {
        let answer = &settlement.answer;
        let (status, explanation) = match answer {
            Ok(_) => (SaleStatus::Sent, Text::StatusSent),
            Err(LoyaltyError::Rejected(_)) => (SaleStatus::Rejected, Text::StatusRejected),
            Err(LoyaltyError::Conflict(_)) => (SaleStatus::Rejected, Text::ErrConflict),
            Err(LoyaltyError::TokenRejected) => (SaleStatus::Queued, Text::ErrTokenRejected),
            Err(
                LoyaltyError::Unreachable
                | LoyaltyError::UnexpectedAnswer
                | LoyaltyError::CustomerNotFound,
            ) => (SaleStatus::Queued, Text::StatusQueued),
        };
        let server_message = match answer {
            Err(LoyaltyError::Rejected(message) | LoyaltyError::Conflict(message)) => {
                message.clone()
            }
            _ => String::new(),
        };
        let accepted = answer.as_ref().ok();
        let owed = settlement
            .refused
            .iter()
            .map(|step| self.value_of(*step))
            .sum::<Money>();
        SaleOutcome {
            status,
            explanation: Some(if owed.is_zero() {
                explanation
            } else {
                Text::StatusPartlyRefused
            }),
            server_message,
            bonus_earned: accepted.and_then(|a| a.bonus_added),
            new_balance: accepted.and_then(|a| a.balance),
            points_earned: accepted.and_then(|a| a.points_earned),
            new_points_balance: accepted.and_then(|a| a.points_balance),
            owed,
            ..self
        }
    }

    /// What a redemption step takes off the bill: the points' value or the
    /// coupon's discount.
    fn value_of(&self, step: Step) -> Money {
        match step {
            Step::CapillaryPointsRedeem => {
                loyalty_tender::total_of(self.sale.loyalty_tenders(), LoyaltyTenderKind::Points)
            }
            Step::CapillaryCouponRedeem => self.sale.totals().discount_total,
            Step::AosTransaction
            | Step::CapillaryTransaction
            | Step::AppsPosComplete
            | Step::AppsPosRefund
            | Step::AosRefund
            | Step::CapillaryReturn
            | Step::StoreSale
            | Step::StoreRefund
            | Step::StoreReceipt
            | Step::StoreBalance => Money::ZERO,
        }
    }
}

/// Points confirmed by the customer's one-time code, as a tender.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PointsRedemption {
    pub points: u64,
    pub value: Money,
    pub otp: String,
}

/// A coupon the server said is redeemable, as a bill discount.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CouponRedemption {
    pub code: String,
    pub value: DiscountValue,
}

impl CouponRedemption {
    /// The discount on these lines (capped at their total).
    pub fn off(&self, lines: &[crate::domain::line::Line]) -> Money {
        self.value.on(lines_total(lines)).unwrap_or(Money::ZERO)
    }
}

/// The checkout on screen, if any, for app-wide parts outside the checkout
/// screen (the update banner) that must not disturb a sale under way.
#[derive(Clone, Copy)]
pub struct ShownCheckout(pub RwSignal<Option<Checkout>>);

#[derive(Clone, Copy)]
pub struct Checkout {
    /// The shift's loyalty program: the checkout offers what it can do.
    pub provider: Provider,
    pub cart: RwSignal<Cart>,
    pub customer: RwSignal<Option<Customer>>,
    /// The cashback the cashier chose to spend (capped by the totals).
    pub bonus: RwSignal<Money>,
    /// Points the customer confirmed with their one-time code.
    pub points: RwSignal<Option<PointsRedemption>>,
    /// The coupon on the receipt (one at most).
    pub coupon: RwSignal<Option<CouponRedemption>>,
    /// The AppsPOS payment under way (stored after every change).
    pub in_app: RwSignal<Option<InAppSale>>,
    pub totals: Memo<Totals>,
    pub dialog: RwSignal<Dialog>,
    pub outcome: RwSignal<Option<SaleOutcome>>,
    pub shelf: Shelf,
}

impl Checkout {
    pub fn provide(provider: Provider) -> Checkout {
        let cart = RwSignal::new(Cart::default());
        let bonus = RwSignal::new(Money::ZERO);
        let points = RwSignal::new(None::<PointsRedemption>);
        let coupon = RwSignal::new(None::<CouponRedemption>);
        let in_app = RwSignal::new(None::<InAppSale>);
        let totals = Memo::new(move |_| {
            cart.with(|cart| {
                let lines = cart.lines();
                let coupon = coupon.with(|c| c.as_ref().map_or(Money::ZERO, |c| c.off(lines)));
                let (voucher, paid_in_app) = in_app.with(|sale| match sale {
                    Some(sale) if sale.voucher_applies() => (
                        sale.voucher.min(lines_total(lines)),
                        sale.paid().map_or(Money::ZERO, |paid| paid.paid_amount),
                    ),
                    _ => (Money::ZERO, Money::ZERO),
                });
                let points = points.with(|p| p.as_ref().map_or(Money::ZERO, |p| p.value));
                Totals::of_receipt(lines, coupon + voucher, bonus.get() + points + paid_in_app)
            })
        });
        let checkout = Checkout {
            provider,
            cart,
            customer: RwSignal::new(None),
            bonus,
            points,
            coupon,
            in_app,
            totals,
            dialog: RwSignal::new(Dialog::None),
            outcome: RwSignal::new(None),
            shelf: Shelf::default(),
        };
        provide_context(checkout);
        if let Some(shown) = use_context::<ShownCheckout>() {
            shown.0.set(Some(checkout));
            on_cleanup(move || shown.0.set(None));
        }
        checkout
    }

    pub fn get() -> Checkout {
        expect_context::<Checkout>()
    }

    /// True while a sale is under way (lines on the receipt or the payment
    /// dialog open): reloading now would throw the cashier out of it.
    pub fn mid_sale(self) -> bool {
        let has_lines = self.cart.try_with(|cart| !cart.is_empty()).unwrap_or(false);
        let paying = self.dialog.try_get() == Some(Dialog::Payment);
        has_lines || paying
    }

    /// The program knows customers at all (a shift without one does not).
    pub fn has_customers(self) -> bool {
        !self.provider.capabilities().identification.is_empty()
    }

    /// A customer can be looked up while the receipt has none.
    pub fn can_find_customer(self) -> bool {
        self.has_customers() && self.customer.with(Option::is_none)
    }

    /// Cashback is spent on a receipt with lines and a customer.
    pub fn can_spend_cashback(self) -> bool {
        self.offers(Redemption::CashbackSpend)
            && self.can_pay()
            && self.customer.with(Option::is_some)
    }

    /// A receipt is paid once it has lines.
    pub fn can_pay(self) -> bool {
        self.cart.with(|cart| !cart.is_empty())
    }

    pub fn close_dialog(self) {
        self.dialog.set(Dialog::None);
    }

    /// Whether the program offers this redemption at all.
    pub fn offers(self, redemption: Redemption) -> bool {
        self.provider.offers(redemption)
    }

    /// Points and coupons are redeemed for a member, on a receipt with lines.
    pub fn can_redeem(self) -> bool {
        self.can_pay() && self.customer.with(Option::is_some)
    }

    /// The mobile number of the member on the receipt, which Capillary's
    /// points and coupons are checked for.
    pub fn member_mobile(self) -> Option<MobileNumber> {
        self.customer
            .with_untracked(|c| match c.as_ref().map(|c| &c.id) {
                Some(CustomerId::Mobile(mobile)) => Some(mobile.clone()),
                _ => None,
            })
    }

    /// The coupon or the AppsPOS voucher as the bill discount of the sale
    /// being finalized, worth what the totals took off.
    pub fn bill_discount(self) -> Option<BillDiscount> {
        let amount = self.totals.get_untracked().discount_total;
        if amount.is_zero() {
            return None;
        }
        let coupon = self.coupon.with_untracked(|c| {
            c.as_ref().map(|c| DiscountSource::Coupon {
                code: c.code.clone(),
            })
        });
        let voucher = || {
            self.in_app.with_untracked(|sale| {
                sale.as_ref().map(|sale| DiscountSource::Voucher {
                    id: sale.payment.qr.as_str().to_owned(),
                    name: String::new(),
                })
            })
        };
        coupon
            .or_else(voucher)
            .map(|source| BillDiscount { source, amount })
    }

    /// An AppsPOS payment is under way and neither paid nor ended: the
    /// receipt is the app's until it is.
    pub fn in_app_unsettled(self) -> bool {
        self.in_app.with_untracked(|sale| {
            sale.as_ref()
                .is_some_and(|sale| sale.paid().is_none() && sale.payment.next() != Action::Done)
        })
    }

    /// The loyalty tenders of the sale being finalized.
    pub fn loyalty_tenders(self) -> Vec<LoyaltyTender> {
        // One program per shift: cashback and points never meet on a receipt.
        let mut tenders = if self.offers(Redemption::CashbackSpend) {
            loyalty_tender::cashback_spend(self.totals.get_untracked().bonus)
        } else {
            Vec::new()
        };
        if let Some(points) = self.points.get_untracked() {
            tenders.push(LoyaltyTender::points(points.points, points.value));
        }
        let paid_in_app = self
            .in_app
            .with_untracked(|sale| sale.as_ref().and_then(|s| s.paid().map(|p| p.paid_amount)));
        if let Some(amount) = paid_in_app {
            tenders.push(LoyaltyTender::in_app(amount));
        }
        tenders
    }

    /// Removes the customer and what only they could redeem.
    pub fn clear_customer(self) {
        self.customer.set(None);
        self.bonus.set(Money::ZERO);
        self.points.set(None);
        self.coupon.set(None);
    }

    /// Ready for the next customer.
    pub fn start_new_sale(self) {
        self.cart.update(Cart::clear);
        self.in_app.set(None);
        self.clear_customer();
        self.outcome.set(None);
        self.close_dialog();
    }
}
