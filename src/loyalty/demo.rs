//! The in-browser demo backend: the AOS server's rules running inside the
//! app, answered through the same wire mapping as the real client, so the
//! rest of Kassa cannot tell the two apart.

use std::cell::RefCell;

use super::aos::rules::{Ledger, Seed};
use super::aos::wire::{self, TransactionAccepted};
use super::error::LoyaltyError;
use crate::domain::customer::{Customer, CustomerCode};

/// The branch token of the demo shift.
pub const DEMO_BRANCH_TOKEN: &str = "demo-branch";

pub struct DemoBackend {
    ledger: RefCell<Ledger>,
}

impl Default for DemoBackend {
    fn default() -> Self {
        let seed: Seed = serde_json::from_str(include_str!("demo_seed.json")).unwrap_or(Seed {
            branches: vec![DEMO_BRANCH_TOKEN.into()],
            customers: Vec::new(),
        });
        DemoBackend {
            ledger: RefCell::new(Ledger::new(seed)),
        }
    }
}

impl DemoBackend {
    /// Customer codes to try in the demo, with names.
    pub fn sample_customers(&self) -> Vec<(String, String)> {
        let ledger = self.ledger.borrow();
        ledger
            .customers()
            .iter()
            .map(|c| (c.client.clone(), c.name.clone()))
            .collect()
    }

    pub fn customer(&self, filial: &str, code: &CustomerCode) -> Result<Customer, LoyaltyError> {
        let reply = self.ledger.borrow().profile(filial, code.as_str());
        wire::read_profile(code, &reply)
    }

    pub fn submit(&self, body_json: &str) -> Result<TransactionAccepted, LoyaltyError> {
        let reply = self.ledger.borrow_mut().post_transaction(body_json);
        wire::read_transaction(&reply)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::money::Money;

    const DILNOZA: &str = "6f1c7f0e-2a55-4d8e-9f55-1d3c2b0a9e11";

    fn code(text: &str) -> CustomerCode {
        CustomerCode::parse(text).unwrap()
    }

    fn body(r_number: &str, bonus: &str, cash: &str) -> String {
        format!(
            r#"{{"rTime":"10:00:00","rDate":"2026-11-23","filial":"demo-branch","client":"{DILNOZA}","cEmployee":"Aziza","rNumber":"{r_number}","rTotal":115005,"bonus":{bonus},"items":[{{"discount":0,"price":115005,"barcode":"","amount":1,"vatPercent":12,"vat":12321.96,"name":"TV","classCode":"","other":0,"commissionTIN":""}}],"payments":[{{"item":"Наличные","total":{cash}}}],"cardType":"static","percent":5}}"#
        )
    }

    #[test]
    fn finds_seeded_customers_and_refuses_others() {
        let demo = DemoBackend::default();
        let customer = demo.customer(DEMO_BRANCH_TOKEN, &code(DILNOZA)).unwrap();
        assert_eq!(customer.balance.to_string(), "125000.50");
        assert_eq!(
            demo.customer(
                DEMO_BRANCH_TOKEN,
                &code("00000000-0000-4000-8000-000000000000")
            ),
            Err(LoyaltyError::CustomerNotFound)
        );
        assert_eq!(
            demo.customer("wrong", &code(DILNOZA)),
            Err(LoyaltyError::TokenRejected)
        );
    }

    #[test]
    fn a_transaction_moves_the_balance_once() {
        let demo = DemoBackend::default();
        // balance 125 000.50 − 10 000 + round((115 005 − 10 000) × 5 %) = 115 000.50 + 5 250.25
        let accepted = demo.submit(&body("T1-1", "10000", "105005")).unwrap();
        assert_eq!(
            accepted.bonus_added,
            Some(Money::round("5250.25".parse().unwrap()))
        );
        assert_eq!(accepted.balance.unwrap().to_string(), "120250.75");
        let replay = demo.submit(&body("T1-1", "10000", "105005")).unwrap();
        assert_eq!(replay, accepted);
        let balance = demo
            .customer(DEMO_BRANCH_TOKEN, &code(DILNOZA))
            .unwrap()
            .balance;
        assert_eq!(balance.to_string(), "120250.75");
    }

    #[test]
    fn the_contract_rejections() {
        let demo = DemoBackend::default();
        assert!(matches!(
            demo.submit(&body("T1-2", "200000", "0")),
            Err(LoyaltyError::Rejected(reason)) if reason.contains("balance")
        ));
        assert!(matches!(
            demo.submit(&body("T1-3", "0", "5")),
            Err(LoyaltyError::Rejected(_))
        ));
        demo.submit(&body("T1-4", "0", "115005")).unwrap();
        assert!(matches!(
            demo.submit(&body("T1-4", "5", "115000")),
            Err(LoyaltyError::Conflict(_))
        ));
        assert!(matches!(
            demo.submit("garbage"),
            Err(LoyaltyError::Rejected(_))
        ));
    }
}
