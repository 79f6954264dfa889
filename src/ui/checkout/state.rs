//! The state of the receipt on screen, shared by the checkout components.

use leptos::prelude::*;

use crate::domain::cart::{Cart, LineId};
use crate::domain::catalog::Catalog;
use crate::domain::customer::Customer;
use crate::domain::money::Money;
use crate::domain::provider::{Provider, Redemption};
use crate::domain::receipt::Totals;
use crate::domain::sale::Sale;
use crate::i18n::Text;
use crate::loyalty::error::LoyaltyError;
use crate::store::outbox::AcceptedFigures;

/// Which dialog is over the checkout screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialog {
    None,
    /// The item form: a new manual item, or editing a line.
    Item(Option<LineId>),
    Scan,
    Bonus,
    Payment,
    Result,
    /// The shift report: X, or Z when closing the shift.
    Report {
        closing: bool,
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
        }
    }

    pub fn receipt_number(&self) -> &str {
        &self.sale.number().0
    }

    /// What the server's answer means for the sale.
    pub fn answered(self, answer: &Result<AcceptedFigures, LoyaltyError>) -> SaleOutcome {
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
        SaleOutcome {
            status,
            explanation: Some(explanation),
            server_message,
            bonus_earned: accepted.and_then(|a| a.bonus_added),
            new_balance: accepted.and_then(|a| a.balance),
            ..self
        }
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
    pub totals: Memo<Totals>,
    pub dialog: RwSignal<Dialog>,
    pub outcome: RwSignal<Option<SaleOutcome>>,
    pub catalog: RwSignal<Option<Catalog>>,
}

impl Checkout {
    pub fn provide(provider: Provider) -> Checkout {
        let cart = RwSignal::new(Cart::default());
        let bonus = RwSignal::new(Money::ZERO);
        let totals = Memo::new(move |_| cart.with(|cart| Totals::of(cart.lines(), bonus.get())));
        let checkout = Checkout {
            provider,
            cart,
            customer: RwSignal::new(None),
            bonus,
            totals,
            dialog: RwSignal::new(Dialog::None),
            outcome: RwSignal::new(None),
            catalog: RwSignal::new(None),
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

    /// Whether the program pays with cashback at all.
    pub fn offers_cashback(self) -> bool {
        self.provider.offers(Redemption::CashbackSpend)
    }

    /// Cashback is spent on a receipt with lines and a customer.
    pub fn can_spend_cashback(self) -> bool {
        self.offers_cashback() && self.can_pay() && self.customer.with(Option::is_some)
    }

    /// A receipt is paid once it has lines.
    pub fn can_pay(self) -> bool {
        self.cart.with(|cart| !cart.is_empty())
    }

    pub fn close_dialog(self) {
        self.dialog.set(Dialog::None);
    }

    /// Removes the customer and the cashback that only they could spend.
    pub fn clear_customer(self) {
        self.customer.set(None);
        self.bonus.set(Money::ZERO);
    }

    /// Ready for the next customer.
    pub fn start_new_sale(self) {
        self.cart.update(Cart::clear);
        self.clear_customer();
        self.outcome.set(None);
        self.close_dialog();
    }
}
