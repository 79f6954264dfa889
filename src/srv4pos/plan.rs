//! What a till's outbox sends the store server, as stored steps of the
//! store-server lane: a sale's and a refund's `POST /sales`, the printed
//! receipt's confirmation and each cash movement, their exact bodies kept
//! so every retry is identical; and what each answer means for the step.

use super::address::StoreServer;
use super::error::StoreServerError;
use super::sales::{receipt_path, BalanceBody, SaleAccepted, SaleBody, SALES_PATH};
use crate::domain::line::Line;
use crate::domain::refund::Refund;
use crate::domain::report::CashMovement;
use crate::domain::sale::Sale;
use crate::loyalty::error::LoyaltyError;
use crate::store::outbox::AcceptedFigures;
use crate::store::records::PendingSale;
use crate::store::step::Step;

/// A sale's identifier on the store server, from 16 random bytes (a UUID
/// version 4): minted once at finalize and stored with the sale.
pub fn identifier(random: [u8; 16]) -> String {
    uuid::Builder::from_random_bytes(random)
        .into_uuid()
        .hyphenated()
        .to_string()
}

/// The sale's step, to go after (or beside) its loyalty steps;
/// `product_of` names the catalog product a line sold (`None`: typed by hand).
pub fn sale_step(
    sale: &Sale,
    identifier: &str,
    server: &StoreServer,
    product_of: impl Fn(&Line) -> Option<String>,
) -> (Step, String) {
    let body = SaleBody::of_sale(sale, identifier, server.register(), product_of);
    (Step::StoreSale, body.to_json())
}

/// A refund's step; `original` is the refunded sale's identifier.
pub fn refund_step(
    refund: &Refund,
    identifier: &str,
    original: &str,
    server: &StoreServer,
    product_of: impl Fn(&Line) -> Option<String>,
) -> (Step, String) {
    let body = SaleBody::of_refund(refund, identifier, original, server.register(), product_of);
    (Step::StoreRefund, body.to_json())
}

/// A sale's (or a refund of `original`'s) plan: its loyalty steps, if any,
/// then the store server's step, on a lane of its own.
pub fn joined(
    loyalty: Option<PendingSale>,
    receipt_number: &str,
    original: Option<&str>,
    store: (Step, String),
) -> PendingSale {
    let mut steps: Vec<(Step, String)> = loyalty
        .map(|pending| {
            pending
                .plan()
                .into_iter()
                .map(|planned| (planned.step, planned.body))
                .collect()
        })
        .unwrap_or_default();
    steps.push(store);
    match original {
        Some(original) => PendingSale::refund(receipt_number, original, steps),
        None => PendingSale::planned(receipt_number, steps),
    }
}

/// The outbox record of a printed receipt's confirmation: its own record
/// (the sale may have left the outbox already), after the sale's steps.
pub fn receipt_confirmation(receipt_number: &str, identifier: &str) -> PendingSale {
    PendingSale::refund(
        &format!("{receipt_number}/printed"),
        receipt_number,
        vec![(Step::StoreReceipt, identifier.to_owned())],
    )
}

/// The outbox record of a cash movement, named by its identifier.
pub fn balance_record(movement: &CashMovement, identifier: &str) -> PendingSale {
    let body = BalanceBody::of_movement(movement, identifier);
    PendingSale::planned(
        &format!("cash-{identifier}"),
        vec![(Step::StoreBalance, body.to_json())],
    )
}

/// The path a store-lane step posts to, and the body it sends.
pub fn request_of(step: Step, stored: &str, server: &StoreServer) -> Option<(String, String)> {
    match step {
        Step::StoreSale | Step::StoreRefund => Some((SALES_PATH.to_owned(), stored.to_owned())),
        Step::StoreReceipt => Some((receipt_path(stored), String::new())),
        Step::StoreBalance => Some((server.register_path("/balance"), stored.to_owned())),
        _ => None,
    }
}

/// What a store-server answer (`None`: no answer at all) means for the
/// step: `Ok` for done, else the server's class. A second receipt
/// confirmation is done.
pub fn outcome_of(step: Step, answer: Option<(u16, &str)>) -> Result<(), StoreServerError> {
    let Some((status, body)) = answer else {
        return Err(StoreServerError::Unreachable);
    };
    match (step, status) {
        (Step::StoreSale | Step::StoreRefund, 200 | 201) => SaleAccepted::read(body)
            .map(drop)
            .ok_or(StoreServerError::UnexpectedAnswer),
        (_, 200..=299) => Ok(()),
        _ => match StoreServerError::of_answer(status, body) {
            StoreServerError::ReceiptPrintedAlready if step == Step::StoreReceipt => Ok(()),
            error => Err(error),
        },
    }
}

/// The outbox's class of a store-server outcome: a rejected key, an
/// unapproved register and a retired API version pause the lane until
/// the cashier logs in again (nothing is lost); a closed day, like an
/// unknown outcome, keeps the step queued to try again later.
pub fn answer_class(
    outcome: &Result<(), StoreServerError>,
) -> Result<AcceptedFigures, LoyaltyError> {
    match outcome {
        Ok(()) => Ok(AcceptedFigures::default()),
        Err(error) => Err(match error {
            StoreServerError::KeyRejected
            | StoreServerError::NotApproved
            | StoreServerError::ApiGone => LoyaltyError::TokenRejected,
            StoreServerError::Unreachable | StoreServerError::DayClosed => {
                LoyaltyError::Unreachable
            }
            StoreServerError::UnexpectedAnswer => LoyaltyError::UnexpectedAnswer,
            StoreServerError::Conflict(message) => LoyaltyError::Conflict(message.clone()),
            other => LoyaltyError::Rejected(other.to_string()),
        }),
    }
}

/// A problem the cashier must see while the step waits (the others are an
/// ordinary queue, or a refusal shown with the sale).
pub fn is_standing_problem(error: &StoreServerError) -> bool {
    matches!(
        error,
        StoreServerError::KeyRejected
            | StoreServerError::NotApproved
            | StoreServerError::ApiGone
            | StoreServerError::DayClosed
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn server() -> StoreServer {
        StoreServer::new("https://s.srv4pos.com/v45/UZ1", "Till 1", "key").unwrap()
    }

    #[test]
    fn an_identifier_is_a_version_4_uuid() {
        let id = identifier([0xAB; 16]);
        assert_eq!(id, "abababab-abab-4bab-abab-abababababab");
        assert_ne!(identifier([0; 16]), identifier([1; 16]));
    }

    #[test]
    fn each_step_posts_to_its_path() {
        let server = server();
        assert_eq!(
            request_of(Step::StoreSale, "{}", &server),
            Some(("/sales".into(), "{}".into()))
        );
        assert_eq!(
            request_of(Step::StoreReceipt, "u-1", &server),
            Some(("/sales/u-1/receipt".into(), String::new()))
        );
        assert_eq!(
            request_of(Step::StoreBalance, "{}", &server).unwrap().0,
            "/registrations/Till%201/balance"
        );
        assert_eq!(request_of(Step::AosTransaction, "{}", &server), None);
        let confirmation = receipt_confirmation("T1-S-000001", "u-1");
        assert_eq!(confirmation.receipt_number, "T1-S-000001/printed");
        assert_eq!(confirmation.original.as_deref(), Some("T1-S-000001"));
    }

    #[test]
    fn the_store_step_joins_the_loyalty_plan() {
        let aos = PendingSale::aos("R1", "aos".into());
        let joined = joined(Some(aos), "R1", None, (Step::StoreSale, "s".into()));
        let steps: Vec<Step> = joined.plan().iter().map(|p| p.step).collect();
        assert_eq!(steps, [Step::AosTransaction, Step::StoreSale]);
        let alone = super::joined(None, "R2", Some("R1"), (Step::StoreRefund, "r".into()));
        assert_eq!(alone.original.as_deref(), Some("R1"));
        assert_eq!(alone.plan().len(), 1);
    }

    #[test]
    fn answers_mean_what_the_contract_says() {
        let accepted = r#"{"identifier": "u", "dayId": "d", "version": 2}"#;
        assert_eq!(outcome_of(Step::StoreSale, Some((201, accepted))), Ok(()));
        assert_eq!(outcome_of(Step::StoreSale, Some((200, accepted))), Ok(()));
        assert_eq!(
            outcome_of(Step::StoreSale, Some((201, "<html>"))),
            Err(StoreServerError::UnexpectedAnswer)
        );
        assert_eq!(outcome_of(Step::StoreBalance, Some((204, ""))), Ok(()));
        let printed = r#"{"error": "X", "details": {"type": "RECEIPT_IS_PRINTED_ALREADY"}}"#;
        assert_eq!(outcome_of(Step::StoreReceipt, Some((422, printed))), Ok(()));
        assert_eq!(
            outcome_of(Step::StoreSale, None),
            Err(StoreServerError::Unreachable)
        );
        let closed = r#"{"error": "X", "details": {"type": "DAY_IS_CLOSED"}}"#;
        let day_closed = outcome_of(Step::StoreSale, Some((422, closed)));
        assert_eq!(day_closed, Err(StoreServerError::DayClosed));
        assert_eq!(answer_class(&day_closed), Err(LoyaltyError::Unreachable));
        for status in [401, 403, 410] {
            let outcome = outcome_of(Step::StoreSale, Some((status, "")));
            assert_eq!(answer_class(&outcome), Err(LoyaltyError::TokenRejected));
            assert!(is_standing_problem(&outcome.unwrap_err()));
        }
        assert_eq!(
            answer_class(&outcome_of(Step::StoreSale, Some((503, "")))),
            Err(LoyaltyError::Unreachable)
        );
        assert!(matches!(
            answer_class(&outcome_of(Step::StoreSale, Some((400, "{}")))),
            Err(LoyaltyError::Rejected(_))
        ));
        assert!(matches!(
            answer_class(&outcome_of(Step::StoreSale, Some((409, "{}")))),
            Err(LoyaltyError::Conflict(_))
        ));
    }
}
