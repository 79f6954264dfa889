//! The loyalty programs Kassa speaks, and what each can do at the till. The
//! checkout shows exactly what the shift's provider declares here: how the
//! customer is identified, what their balance is, which redemptions exist,
//! whether a new member can be enrolled, and what may happen offline.

/// The loyalty program of a shift.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Provider {
    /// AOS cashback.
    Aos,
    /// Capillary points with one-time codes, coupons and enrolment.
    Capillary,
    /// AppsPOS vouchers and payment in the customer's app.
    AppsPos,
    /// No loyalty program: sales are only recorded (and sent to the store
    /// server, if any).
    None,
}

/// How the cashier tells the till who the customer is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Identification {
    /// A customer QR code shown by the loyalty app.
    CustomerQr,
    /// The customer's mobile number, typed.
    MobileNumber,
    /// A loyalty card number, scanned or typed.
    CardNumber,
    /// A transaction code the app shows for this one purchase.
    TransactionQr,
}

/// What the customer holds with the program.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BalanceKind {
    Money,
    Points,
    /// The program shows no balance at the till.
    Hidden,
}

/// A way the customer's value lowers what they pay.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Redemption {
    /// Spend cashback as a tender.
    CashbackSpend,
    /// Redeem points as a tender, confirmed by a one-time code.
    PointsWithCode,
    /// A coupon code as a bill discount.
    Coupon,
    /// A voucher chosen in the app, as a bill discount.
    Voucher,
    /// The customer pays in the app.
    InAppPayment,
}

/// What a sale may do without the loyalty server. Earning never needs the
/// server at the moment of sale (the outbox posts it later); spending does,
/// since the balance on screen may be stale and a queued spend could
/// overdraw it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OfflinePolicy {
    pub earning_may_queue: bool,
    pub spending_needs_confirmation: bool,
}

/// Everything the checkout needs to know about a provider.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Capabilities {
    pub identification: &'static [Identification],
    pub balance: BalanceKind,
    pub redemptions: &'static [Redemption],
    pub enrolment: bool,
    pub offline: OfflinePolicy,
}

const QUEUE_EARNING: OfflinePolicy = OfflinePolicy {
    earning_may_queue: true,
    spending_needs_confirmation: true,
};

impl Provider {
    pub const ALL: [Provider; 4] = [
        Provider::Aos,
        Provider::Capillary,
        Provider::AppsPos,
        Provider::None,
    ];

    /// The stable code of `login-provider` and of the stored shift.
    pub fn code(self) -> &'static str {
        match self {
            Provider::Aos => "aos",
            Provider::Capillary => "capillary",
            Provider::AppsPos => "appspos",
            Provider::None => "none",
        }
    }

    pub fn from_code(code: &str) -> Option<Provider> {
        Provider::ALL.into_iter().find(|p| p.code() == code)
    }

    pub fn capabilities(self) -> Capabilities {
        match self {
            Provider::Aos => Capabilities {
                identification: &[Identification::CustomerQr],
                balance: BalanceKind::Money,
                redemptions: &[Redemption::CashbackSpend],
                enrolment: false,
                offline: QUEUE_EARNING,
            },
            Provider::Capillary => Capabilities {
                identification: &[Identification::MobileNumber, Identification::CardNumber],
                balance: BalanceKind::Points,
                redemptions: &[Redemption::PointsWithCode, Redemption::Coupon],
                enrolment: true,
                offline: QUEUE_EARNING,
            },
            // The whole AppsPOS flow is an online conversation with the
            // customer's app: nothing of it can be queued.
            Provider::AppsPos => Capabilities {
                identification: &[Identification::TransactionQr],
                balance: BalanceKind::Hidden,
                redemptions: &[Redemption::Voucher, Redemption::InAppPayment],
                enrolment: false,
                offline: OfflinePolicy {
                    earning_may_queue: false,
                    spending_needs_confirmation: true,
                },
            },
            Provider::None => Capabilities {
                identification: &[],
                balance: BalanceKind::Hidden,
                redemptions: &[],
                enrolment: false,
                offline: QUEUE_EARNING,
            },
        }
    }

    pub fn offers(self, redemption: Redemption) -> bool {
        self.capabilities().redemptions.contains(&redemption)
    }

    pub fn identifies_by(self, identification: Identification) -> bool {
        self.capabilities().identification.contains(&identification)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_unknown_codes_are_refused() {
        for provider in Provider::ALL {
            assert_eq!(Provider::from_code(provider.code()), Some(provider));
        }
        assert_eq!(Provider::from_code("AOS"), None);
        assert_eq!(Provider::from_code(""), None);
    }

    #[test]
    fn each_provider_offers_only_its_own_redemptions() {
        assert!(Provider::Aos.offers(Redemption::CashbackSpend));
        assert!(!Provider::Aos.offers(Redemption::Coupon));
        assert!(Provider::Capillary.offers(Redemption::PointsWithCode));
        assert!(Provider::Capillary.offers(Redemption::Coupon));
        assert!(!Provider::Capillary.offers(Redemption::CashbackSpend));
        assert!(Provider::AppsPos.offers(Redemption::InAppPayment));
        assert!(Provider::None.capabilities().redemptions.is_empty());
    }

    #[test]
    fn identification_and_enrolment_follow_the_program() {
        assert!(Provider::Aos.identifies_by(Identification::CustomerQr));
        assert!(!Provider::Aos.identifies_by(Identification::MobileNumber));
        assert!(Provider::Capillary.identifies_by(Identification::MobileNumber));
        assert!(Provider::Capillary.identifies_by(Identification::CardNumber));
        assert!(Provider::Capillary.capabilities().enrolment);
        assert!(!Provider::Aos.capabilities().enrolment);
        assert_eq!(
            Provider::Capillary.capabilities().balance,
            BalanceKind::Points
        );
    }

    #[test]
    fn spending_always_needs_the_server_and_appspos_cannot_queue() {
        for provider in Provider::ALL {
            assert!(provider.capabilities().offline.spending_needs_confirmation);
        }
        assert!(!Provider::AppsPos.capabilities().offline.earning_may_queue);
        assert!(Provider::Capillary.capabilities().offline.earning_may_queue);
    }
}
