//! What is written to storage, as plain serializable records. Amounts are
//! decimal strings, so nothing on the way to and from storage is a float.

use serde::{Deserialize, Serialize};

use crate::domain::number_input::parse_money;
use crate::domain::provider::Provider;
use crate::domain::report::{CashMovement, CashMovementKind};
use crate::domain::shift::{
    AppsPosAccess, CapillaryAccess, LoyaltyAccess, ServerAccess, ShiftOpening, StoreServerAccess,
};
use crate::store::outbox::EntryState;
use crate::store::step::Step;

/// The open shift, so a reload resumes it (and its queued sales) without a
/// new login. It holds the branch token: storage is the browser's own, per
/// origin; the token still never reaches a URL, a log or a message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ShiftRecord {
    /// The loyalty program; AOS for records of earlier versions.
    #[serde(default = "aos_code")]
    pub provider: String,
    pub base_url: String,
    pub branch_token: String,
    /// Capillary: the till's Authorization header value.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub authorization: String,
    /// AppsPOS: the branch's API key, signing secret and code.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub api_key: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub secret: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub branch_code: String,
    /// The srv4pos store server; absent in records of earlier versions and
    /// of shifts without one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub store_server: Option<StoreServerRecord>,
    pub cashier: String,
    pub opening_cash: String,
    pub demo: bool,
    pub shift_tag: String,
}

/// The shift's store server as stored (its API key too, like the branch
/// token: storage is the browser's own, per origin).
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StoreServerRecord {
    pub url: String,
    pub register: String,
    pub api_key: String,
}

/// Redacted: the API key must never reach a log through `{:?}`.
impl std::fmt::Debug for StoreServerRecord {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StoreServerRecord")
            .field("url", &self.url)
            .field("register", &self.register)
            .field("api_key", &"<redacted>")
            .finish()
    }
}

/// A sale (or a refund) whose outcome on its servers is not known yet,
/// with its plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PendingSale {
    pub receipt_number: String,
    /// A refund's original receipt: its steps wait for the sale's own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original: Option<String>,
    /// The one AOS transaction body of an AOS sale (the record as it was
    /// before plans had steps); empty when `steps` holds the plan.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub body: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub steps: Vec<PlannedStep>,
}

/// One step of a stored plan: its exact body, and its definite outcome once
/// a server gave one (so a reload never sends it again).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PlannedStep {
    pub step: Step,
    pub body: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<EntryState>,
}

impl PendingSale {
    /// A sale of one AOS transaction.
    pub fn aos(receipt_number: &str, body: String) -> PendingSale {
        PendingSale {
            receipt_number: receipt_number.to_owned(),
            original: None,
            body,
            steps: Vec::new(),
        }
    }

    /// A sale with a plan of several steps, in order.
    pub fn planned(receipt_number: &str, steps: Vec<(Step, String)>) -> PendingSale {
        PendingSale {
            receipt_number: receipt_number.to_owned(),
            original: None,
            body: String::new(),
            steps: steps
                .into_iter()
                .map(|(step, body)| PlannedStep {
                    step,
                    body,
                    outcome: None,
                })
                .collect(),
        }
    }

    /// A refund's plan: its steps go once the original sale's are settled.
    pub fn refund(receipt_number: &str, original: &str, steps: Vec<(Step, String)>) -> PendingSale {
        PendingSale {
            original: Some(original.to_owned()),
            ..PendingSale::planned(receipt_number, steps)
        }
    }

    /// The plan, whichever way the record was written.
    pub fn plan(&self) -> Vec<PlannedStep> {
        if self.steps.is_empty() {
            vec![PlannedStep {
                step: Step::AosTransaction,
                body: self.body.clone(),
                outcome: None,
            }]
        } else {
            self.steps.clone()
        }
    }

    /// Records a step's definite outcome. The one-step record of an AOS sale
    /// becomes a plan, so the outcome has a place.
    pub fn settle_step(&mut self, step: Step, outcome: EntryState) {
        if self.steps.is_empty() {
            self.steps = self.plan();
            self.body.clear();
        }
        if let Some(planned) = self.steps.iter_mut().find(|p| p.step == step) {
            planned.outcome.get_or_insert(outcome);
        }
    }

    /// Every step has its definite outcome.
    pub fn is_settled(&self) -> bool {
        !self.steps.is_empty() && self.steps.iter().all(|p| p.outcome.is_some())
    }
}

/// Cash put into or taken out of the drawer during a shift.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CashMovementRecord {
    pub cash_in: bool,
    pub amount: String,
    pub reason: String,
}

impl CashMovementRecord {
    pub fn new(movement: &CashMovement) -> CashMovementRecord {
        CashMovementRecord {
            cash_in: movement.kind() == CashMovementKind::In,
            amount: movement.amount().to_string(),
            reason: movement.reason().to_owned(),
        }
    }

    /// The movement again, validated; `None` for a damaged record.
    pub fn movement(&self) -> Option<CashMovement> {
        let kind = if self.cash_in {
            CashMovementKind::In
        } else {
            CashMovementKind::Out
        };
        CashMovement::new(kind, parse_money(&self.amount).ok()?, &self.reason).ok()
    }
}

fn aos_code() -> String {
    Provider::Aos.code().to_owned()
}

impl ShiftRecord {
    pub fn new(opening: &ShiftOpening, demo: bool, shift_tag: &str) -> ShiftRecord {
        let mut record = ShiftRecord {
            provider: opening.access.provider().code().to_owned(),
            base_url: String::new(),
            branch_token: String::new(),
            authorization: String::new(),
            api_key: String::new(),
            secret: String::new(),
            branch_code: String::new(),
            store_server: opening
                .store_server
                .as_ref()
                .map(|access| StoreServerRecord {
                    url: access.url.clone(),
                    register: access.register.clone(),
                    api_key: access.api_key.clone(),
                }),
            cashier: opening.cashier.clone(),
            opening_cash: opening.opening_cash.to_string(),
            demo,
            shift_tag: shift_tag.to_owned(),
        };
        match &opening.access {
            LoyaltyAccess::Aos(access) => {
                record.base_url.clone_from(&access.base_url);
                record.branch_token.clone_from(&access.branch_token);
            }
            LoyaltyAccess::Capillary(access) => {
                record.base_url.clone_from(&access.base_url);
                record.authorization.clone_from(&access.authorization);
            }
            LoyaltyAccess::AppsPos(access) => {
                record.base_url.clone_from(&access.base_url);
                record.api_key.clone_from(&access.api_key);
                record.secret.clone_from(&access.secret);
                record.branch_code.clone_from(&access.branch_code);
            }
            LoyaltyAccess::None => {}
        }
        record
    }

    /// The shift as it was opened; `None` for a record that no longer reads
    /// (then the cashier simply logs in again).
    pub fn opening(&self) -> Option<ShiftOpening> {
        let access = match Provider::from_code(&self.provider)? {
            Provider::Aos => LoyaltyAccess::Aos(ServerAccess {
                base_url: self.base_url.clone(),
                branch_token: self.branch_token.clone(),
            }),
            Provider::Capillary => LoyaltyAccess::Capillary(CapillaryAccess {
                base_url: self.base_url.clone(),
                authorization: self.authorization.clone(),
            }),
            Provider::AppsPos => LoyaltyAccess::AppsPos(AppsPosAccess {
                base_url: self.base_url.clone(),
                api_key: self.api_key.clone(),
                secret: self.secret.clone(),
                branch_code: self.branch_code.clone(),
            }),
            Provider::None => LoyaltyAccess::None,
        };
        Some(ShiftOpening {
            access,
            store_server: self.store_server.as_ref().map(|stored| StoreServerAccess {
                url: stored.url.clone(),
                register: stored.register.clone(),
                api_key: stored.api_key.clone(),
            }),
            cashier: self.cashier.clone(),
            opening_cash: parse_money(&self.opening_cash).ok()?,
        })
    }
}

/// `{till}-{shift}-{sequence}`: unique per branch as long as till ids are,
/// and the sequence never repeats on a device.
pub fn receipt_number(till: &str, shift_tag: &str, sequence: u32) -> String {
    format!("{till}-{shift_tag}-{sequence:06}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::money::Money;

    #[test]
    fn a_shift_survives_the_round_trip_through_json() {
        let opening = ShiftOpening {
            access: LoyaltyAccess::Aos(ServerAccess {
                base_url: "https://dev-api.aos-shop.uz".into(),
                branch_token: "secret".into(),
            }),
            store_server: None,
            cashier: "Aziza".into(),
            opening_cash: Money::round("150000.2".parse().unwrap()),
        };
        let record = ShiftRecord::new(&opening, false, "2611231125");
        let json = serde_json::to_string(&record).unwrap();
        assert!(json.contains(r#""openingCash":"150000.20""#));
        let back: ShiftRecord = serde_json::from_str(&json).unwrap();
        assert_eq!(back.opening(), Some(opening));
    }

    #[test]
    fn a_capillary_shift_keeps_only_its_header_and_old_records_are_aos() {
        let opening = ShiftOpening {
            access: LoyaltyAccess::Capillary(CapillaryAccess {
                base_url: "https://eu.api.capillarytech.com".into(),
                authorization: "Basic dGlsbDpoYXNo".into(),
            }),
            store_server: None,
            cashier: "Aziza".into(),
            opening_cash: Money::ZERO,
        };
        let json = serde_json::to_string(&ShiftRecord::new(&opening, false, "S")).unwrap();
        assert!(json.contains(r#""provider":"capillary""#), "{json}");
        let back: ShiftRecord = serde_json::from_str(&json).unwrap();
        assert_eq!(back.opening(), Some(opening));

        let old = r#"{"baseUrl":"https://a.uz","branchToken":"t","cashier":"A","openingCash":"0.00","demo":false,"shiftTag":"S"}"#;
        let old: ShiftRecord = serde_json::from_str(old).unwrap();
        assert_eq!(old.opening().unwrap().access.provider(), Provider::Aos);
    }

    #[test]
    fn an_appspos_shift_survives_the_round_trip() {
        let opening = ShiftOpening {
            access: LoyaltyAccess::AppsPos(AppsPosAccess {
                base_url: "https://beta.appspos.com/api".into(),
                api_key: "key".into(),
                secret: "s3cret".into(),
                branch_code: "B1".into(),
            }),
            store_server: None,
            cashier: "Aziza".into(),
            opening_cash: Money::ZERO,
        };
        let json = serde_json::to_string(&ShiftRecord::new(&opening, false, "S")).unwrap();
        assert!(json.contains(r#""provider":"appspos""#), "{json}");
        let back: ShiftRecord = serde_json::from_str(&json).unwrap();
        assert_eq!(back.opening(), Some(opening));
    }

    #[test]
    fn a_store_server_survives_the_round_trip_and_old_records_have_none() {
        let opening = ShiftOpening {
            access: LoyaltyAccess::None,
            store_server: Some(StoreServerAccess {
                url: "https://s.srv4pos.com/v45/UZ1".into(),
                register: "Till 1".into(),
                api_key: "k3y".into(),
            }),
            cashier: "Aziza".into(),
            opening_cash: Money::ZERO,
        };
        let json = serde_json::to_string(&ShiftRecord::new(&opening, false, "S")).unwrap();
        assert!(
            json.contains(r#""storeServer":{"url":"https://s.srv4pos.com/v45/UZ1","register":"Till 1","apiKey":"k3y"}"#),
            "{json}"
        );
        let back: ShiftRecord = serde_json::from_str(&json).unwrap();
        assert!(!format!("{back:?}").contains("k3y"));
        assert_eq!(back.opening(), Some(opening));

        let old = r#"{"provider":"none","baseUrl":"","branchToken":"","cashier":"A","openingCash":"0.00","demo":false,"shiftTag":"S"}"#;
        let old: ShiftRecord = serde_json::from_str(old).unwrap();
        assert_eq!(old.opening().unwrap().store_server, None);
        assert!(!serde_json::to_string(&old).unwrap().contains("storeServer"));
    }

    #[test]
    fn a_cash_movement_survives_the_round_trip() {
        let movement =
            CashMovement::new(CashMovementKind::Out, Money::sum(50_000), "to the safe").unwrap();
        let json = serde_json::to_string(&CashMovementRecord::new(&movement)).unwrap();
        assert!(json.contains(r#""amount":"50000.00""#));
        let back: CashMovementRecord = serde_json::from_str(&json).unwrap();
        assert_eq!(back.movement(), Some(movement));
    }

    #[test]
    fn receipt_numbers_sort_within_a_shift() {
        assert_eq!(
            receipt_number("T1A2B", "2611231125", 7),
            "T1A2B-2611231125-000007"
        );
        assert!(receipt_number("T", "S", 9) < receipt_number("T", "S", 10));
    }
}
