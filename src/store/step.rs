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
}

/// Steps of one lane are sent in plan order, one at a time; lanes of a
/// sale do not wait for each other (a store server lane joins later).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lane {
    Loyalty,
}

impl Step {
    pub fn lane(self) -> Lane {
        Lane::Loyalty
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
            | Step::CapillaryReturn => None,
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
}
