//! `customer/get`, `customer/add` (enrolment), `customer/update`.

use serde_json::{json, Value};

use super::answer::{answer, customer_refusal, item_status, status_only};
use super::seed::Account;
use super::CapillaryServer;
use crate::domain::mobile::{CardNumber, MobileNumber};
use crate::loyalty::capillary::wire::{code, CapillaryRequest, CustomerBody, CustomerRoot, Root};

impl CapillaryServer {
    pub(super) fn customer_get(&self, request: &CapillaryRequest) -> Value {
        let by_mobile = request
            .param("mobile")
            .and_then(|m| MobileNumber::parse(m).ok());
        let by_card = request
            .param("card_number")
            .and_then(|c| CardNumber::parse(c).ok());
        let account = match (&by_mobile, &by_card) {
            (Some(mobile), _) => self.account(mobile.as_str()),
            (None, Some(card)) => self
                .customers
                .iter()
                .find(|a| !a.card_number.is_empty() && a.card_number == card.as_str()),
            (None, None) => return status_only(400, "a mobile or card_number is needed"),
        };
        match account {
            Some(account) => {
                let mut record = self.customer_record(account);
                record["item_status"] = item_status(code::CUSTOMER_OK, "Customer fetched");
                answer(200, "customers", "customer", json!([record]))
            }
            None => answer(
                500,
                "customers",
                "customer",
                json!([{
                    "mobile": by_mobile.map(|m| m.as_str().to_owned()).unwrap_or_default(),
                    "item_status": item_status(code::CUSTOMER_NOT_FOUND, "Customer not found"),
                }]),
            ),
        }
    }

    pub(super) fn customer_record(&self, account: &Account) -> Value {
        json!({
            "user_id": account.user_id,
            "mobile": account.mobile,
            "firstname": account.firstname,
            "lastname": account.lastname,
            "email": account.email,
            "card_number": account.card_number,
            "loyalty_points": account.points,
            "lifetime_points": account.lifetime_points,
            "current_slab": account.tier,
        })
    }

    pub(super) fn customer_add(&mut self, body: &str) -> Value {
        let customer = match customer_body(body) {
            Ok(customer) => customer,
            Err(refusal) => return refusal,
        };
        let Ok(mobile) = MobileNumber::parse(&customer.mobile) else {
            return customer_refusal(1004, "Invalid mobile number");
        };
        if self.account(mobile.as_str()).is_some() {
            return answer(
                500,
                "customers",
                "customer",
                json!([{
                    "mobile": mobile.as_str(),
                    "item_status": item_status(code::CUSTOMER_EXISTS, "Customer already exists"),
                }]),
            );
        }
        self.issued += 1;
        let account = Account {
            user_id: format!("U{}", 5000 + self.issued),
            mobile: mobile.as_str().to_owned(),
            card_number: String::new(),
            firstname: customer.firstname.trim().to_owned(),
            lastname: customer.lastname.trim().to_owned(),
            email: customer.email.unwrap_or_default().trim().to_owned(),
            points: 0,
            lifetime_points: 0,
            tier: self
                .tiers
                .first()
                .map(|t| t.name.clone())
                .unwrap_or_default(),
        };
        let mut record = self.customer_record(&account);
        record["item_status"] = item_status(code::CUSTOMER_OK, "Customer added");
        self.customers.push(account);
        answer(200, "customers", "customer", json!([record]))
    }

    pub(super) fn customer_update(&mut self, body: &str) -> Value {
        let customer = match customer_body(body) {
            Ok(customer) => customer,
            Err(refusal) => return refusal,
        };
        let mobile = MobileNumber::parse(&customer.mobile).ok();
        let Some(account) =
            mobile.and_then(|m| self.customers.iter_mut().find(|a| a.mobile == m.as_str()))
        else {
            return customer_refusal(code::CUSTOMER_NOT_FOUND, "Customer not found");
        };
        account.firstname = customer.firstname.trim().to_owned();
        account.lastname = customer.lastname.trim().to_owned();
        if let Some(email) = customer.email {
            account.email = email.trim().to_owned();
        }
        let account = account.clone();
        let mut record = self.customer_record(&account);
        record["item_status"] = item_status(code::CUSTOMER_OK, "Customer updated");
        answer(200, "customers", "customer", json!([record]))
    }
}

fn customer_body(body: &str) -> Result<CustomerBody, Value> {
    serde_json::from_str::<Root<CustomerRoot>>(body)
        .ok()
        .and_then(|root| root.root.customer.into_iter().next())
        .ok_or_else(|| status_only(400, "malformed customer body"))
}
