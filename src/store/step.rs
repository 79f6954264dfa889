//! The steps a finalized sale needs on the servers, each one request that
//! must happen exactly once in effect.
//!
//! A sale stores its whole plan when it is finalized: for AOS one
//! transaction; for Capillary `transaction/add`, then `points/redeem`, then
//! `coupon/redeem` (capillary-contract.md gives the order); for AppsPOS,
//! paid in the app before it was finalized, `payment_completed`. A refund
//! stores its plan the same way: AOS `transactions/refund`, Capillary a
//! `return` bill, AppsPOS `refund`. Steps of one lane go one after the
//! other; a step whose prerequisite was refused is never sent.
//!
//! A shift with a store server adds that server's lane: the sale's (or the
//! refund's) `POST /sales`, and on records of their own the printed-receipt
//! confirmation and each cash movement.

use serde::{Deserialize, Serialize};

/// One request of a sale's plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Step {
    /// AOS `POST /transactions`. The default: outbox records written before
    /// plans had steps were all of this kind.
    #[default]
    AosTransaction,
    /// Capillary `transaction/add`.
    CapillaryTransaction,
    /// Capillary `points/redeem`, after the bill exists.
    CapillaryPointsRedeem,
    /// Capillary `coupon/redeem`, after the bill exists.
    CapillaryCouponRedeem,
    /// AppsPOS `payment_completed`, once the app said paid: the payment
    /// itself happened before the sale was finalized, so nothing waits.
    AppsPosComplete,
    /// AppsPOS `refund` of a completed sale (a refund's own plan).
    AppsPosRefund,
    /// AOS `POST /transactions/refund` (a refund's own plan).
    AosRefund,
    /// Capillary `transaction/add` of type `return` (a refund's own plan).
    CapillaryReturn,
    /// srv4pos `POST /sales` of a sale.
    StoreSale,
    /// srv4pos `POST /sales` of a refund (`"refund": true`), after its
    /// sale's.
    StoreRefund,
    /// srv4pos `POST /sales/{id}/receipt`: the receipt was printed. Its
    /// body is the sale's identifier.
    StoreReceipt,
    /// srv4pos `POST /registrations/{name}/balance`: cash in or out.
    StoreBalance,
}

/// Steps of one lane are sent in plan order, one at a time; lanes of a
/// sale do not wait for each other: the loyalty server may be down while
/// the store server takes the sale, or the other way round.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Lane {
    Loyalty,
    StoreServer,
}

impl Step {
    pub fn lane(self) -> Lane {
        match self {
            Step::StoreSale | Step::StoreRefund | Step::StoreReceipt | Step::StoreBalance => {
                Lane::StoreServer
            }
            _ => Lane::Loyalty,
        }
    }

    /// The step that must have succeeded for this one to make sense: a
    /// redemption refers to the bill by its number.
    pub fn needs(self) -> Option<Step> {
        match self {
            Step::AosTransaction
            | Step::CapillaryTransaction
            | Step::AppsPosComplete
            | Step::AppsPosRefund
            | Step::AosRefund
            | Step::CapillaryReturn
            | Step::StoreSale
            | Step::StoreRefund
            | Step::StoreReceipt
            | Step::StoreBalance => None,
            Step::CapillaryPointsRedeem | Step::CapillaryCouponRedeem => {
                Some(Step::CapillaryTransaction)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redemptions_need_the_bill_and_records_without_a_step_are_aos() {
        assert_eq!(
            Step::CapillaryPointsRedeem.needs(),
            Some(Step::CapillaryTransaction)
        );
        assert_eq!(
            Step::CapillaryCouponRedeem.needs(),
            Some(Step::CapillaryTransaction)
        );
        assert_eq!(Step::CapillaryTransaction.needs(), None);
        assert_eq!(Step::AppsPosComplete.needs(), None);
        assert_eq!(Step::AppsPosRefund.needs(), None);
        assert_eq!(
            serde_json::to_string(&Step::AppsPosComplete).unwrap(),
            r#""appsPosComplete""#
        );
        assert_eq!(Step::default(), Step::AosTransaction);
        assert_eq!(
            serde_json::to_string(&Step::CapillaryPointsRedeem).unwrap(),
            r#""capillaryPointsRedeem""#
        );
    }

    #[test]
    fn store_server_steps_have_a_lane_of_their_own() {
        for step in [
            Step::StoreSale,
            Step::StoreRefund,
            Step::StoreReceipt,
            Step::StoreBalance,
        ] {
            assert_eq!(step.lane(), Lane::StoreServer);
            assert_eq!(step.needs(), None);
        }
        assert_eq!(Step::AosTransaction.lane(), Lane::Loyalty);
        assert_eq!(Step::CapillaryCouponRedeem.lane(), Lane::Loyalty);
    }
}
