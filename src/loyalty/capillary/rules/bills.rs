//! `transaction/add`: sales, sales without a member, and returns.

use rust_decimal::Decimal;
use serde_json::{json, Value};

use super::answer::{answer, item_status, status_only};
use super::BillRecord;
use super::CapillaryServer;
use crate::domain::mobile::MobileNumber;
use crate::domain::money::Money;
use crate::loyalty::capillary::wire::{self, code, Root, TransactionBody, TransactionKind};

impl CapillaryServer {
    pub(super) fn transaction_add(&mut self, body: &str) -> Value {
        let refused = |code: i64, message: &str| {
            answer(
                500,
                "transactions",
                "transaction",
                json!([{ "item_status": item_status(code, message) }]),
            )
        };
        let Some(wire_bill) = serde_json::from_str::<Root<wire::TransactionRoot>>(body)
            .ok()
            .and_then(|root| root.root.transaction.into_iter().next())
        else {
            return status_only(400, "malformed transaction body");
        };
        let bill = match wire_bill.to_bill() {
            Ok(bill) => bill,
            Err(reason) => return refused(620, reason),
        };
        if let Err(reason) = bill.check() {
            return refused(620, reason);
        }
        let key = bill_key(&wire_bill);
        if let Some((first, reply)) = self.seen_bills.get(&key) {
            if *first != bill {
                return answer(
                    409,
                    "transactions",
                    "transaction",
                    json!([{
                        "number": bill.number,
                        "item_status": item_status(
                            code::BILL_NUMBER_EXISTS,
                            "bill number already used for a different bill",
                        ),
                    }]),
                );
            }
            let mut replay = reply.clone();
            if let Some(item) = replay.pointer_mut("/transactions/transaction/0") {
                item["item_status"] =
                    item_status(code::BILL_NUMBER_EXISTS, "Bill number already exists");
            }
            return replay;
        }
        let paid_in_points = bill.points_paid();
        let (mobile, earned, deducted) = match &bill.kind {
            TransactionKind::NotInterested => (None, 0, 0),
            TransactionKind::Regular { mobile } => {
                let Some(rate) = self.rate_of(mobile) else {
                    return refused(code::CUSTOMER_NOT_FOUND, "Customer not found");
                };
                let earned = thousands(bill.amount.saturating_sub(paid_in_points)) * rate;
                (Some(mobile.as_str().to_owned()), earned, 0)
            }
            TransactionKind::Return { mobile, .. } => {
                let Some(rate) = self.rate_of(mobile) else {
                    return refused(code::CUSTOMER_NOT_FOUND, "Customer not found");
                };
                let Some(left) = self.earned_left_on(&bill.number, mobile) else {
                    return refused(612, "The original bill was not found");
                };
                let deducted =
                    (thousands(bill.amount.saturating_sub(paid_in_points)) * rate).min(left);
                (Some(mobile.as_str().to_owned()), 0, deducted)
            }
        };
        let balance = mobile.as_deref().and_then(|m| {
            let account = self.customers.iter_mut().find(|a| a.mobile == m)?;
            account.points = account
                .points
                .saturating_add(earned)
                .saturating_sub(deducted);
            account.lifetime_points = account.lifetime_points.saturating_add(earned);
            Some(account.points)
        });
        self.issued += 1;
        let id = format!("{}", 77000 + self.issued);
        let mut record = json!({
            "id": id,
            "number": bill.number,
            "item_status": item_status(code::TRANSACTION_OK, "Transaction added successfully"),
        });
        if let (Some(mobile), Some(balance)) = (&mobile, balance) {
            record["customer"] = json!({ "mobile": mobile, "loyalty_points": balance });
        }
        match bill.kind {
            TransactionKind::Regular { .. } => {
                record["side_effects"] =
                    json!({ "effect": [{ "type": "points", "awarded_points": earned }] });
            }
            TransactionKind::Return { .. } => record["points_deducted"] = json!(deducted),
            TransactionKind::NotInterested => {}
        }
        self.bills.push(BillRecord {
            id,
            kind: wire_bill.kind.clone(),
            number: bill.number.clone(),
            mobile,
            amount: bill.amount.to_string(),
            points_earned: earned,
            points_deducted: deducted,
        });
        let reply = answer(200, "transactions", "transaction", json!([record]));
        self.seen_bills.insert(key, (bill, reply.clone()));
        reply
    }

    pub(super) fn rate_of(&self, mobile: &MobileNumber) -> Option<i64> {
        let account = self.account(mobile.as_str())?;
        Some(
            self.tiers
                .iter()
                .find(|t| t.name == account.tier)
                .map_or(1, |t| t.points_per_1000),
        )
    }

    /// Points earned on the regular bill `number` of `mobile` and not yet
    /// taken back by a return.
    pub(super) fn earned_left_on(&self, number: &str, mobile: &MobileNumber) -> Option<i64> {
        let mine =
            |b: &&BillRecord| b.number == number && b.mobile.as_deref() == Some(mobile.as_str());
        let earned = self
            .bills
            .iter()
            .filter(mine)
            .find(|b| b.kind == "regular")?
            .points_earned;
        let taken: i64 = self
            .bills
            .iter()
            .filter(mine)
            .map(|b| b.points_deducted)
            .sum();
        Some(earned.saturating_sub(taken).max(0))
    }

    pub(super) fn has_bill(&self, number: &str, mobile: &str) -> bool {
        self.bills.iter().any(|b| {
            b.kind == "regular" && b.number == number && b.mobile.as_deref() == Some(mobile)
        })
    }
}

fn thousands(amount: Money) -> i64 {
    i64::try_from((amount.amount() / Decimal::ONE_THOUSAND).trunc()).unwrap_or(0)
}

fn bill_key(bill: &TransactionBody) -> String {
    match bill.kind.as_str() {
        "return" => format!("return {} {}", bill.number, bill.billing_time),
        _ => format!("sale {}", bill.number),
    }
}
