//! The AOS server's rules, as fixed by the contract: one implementation,
//! used by the in-browser demo backend and by the test sandbox server, so
//! both behave alike and neither drifts from the contract.

use std::collections::HashMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::wire::{RefundBody, Reply, TransactionBody, TransactionItem, TransactionPayment};
use crate::domain::money::{Money, MONEY_LIMIT};
use crate::loyalty::json_number;

/// A customer as the server stores them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CustomerAccount {
    pub client: String,
    pub name: String,
    #[serde(default)]
    pub phone: String,
    #[serde(with = "json_number")]
    pub balance: Decimal,
    #[serde(with = "json_number")]
    pub percent: Decimal,
    #[serde(default = "static_card")]
    pub card_type: String,
}

fn static_card() -> String {
    "static".to_owned()
}

/// The seed: which branch tokens exist and who the customers are.
#[derive(Debug, Clone, Deserialize)]
pub struct Seed {
    pub branches: Vec<String>,
    pub customers: Vec<CustomerAccount>,
}

/// An accepted receipt, as the ledger keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AcceptedReceipt {
    pub branch_index: usize,
    pub r_number: String,
    pub client: String,
    #[serde(with = "json_number")]
    pub r_total: Decimal,
    #[serde(with = "json_number")]
    pub bonus_used: Decimal,
    #[serde(with = "json_number")]
    pub bonus_added: Decimal,
}

/// An accepted refund, as the ledger keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AcceptedRefund {
    pub branch_index: usize,
    pub r_number: String,
    #[serde(rename = "originalRNumber")]
    pub original_r_number: String,
    pub client: String,
    #[serde(with = "json_number")]
    pub r_total: Decimal,
    #[serde(with = "json_number")]
    pub bonus_returned: Decimal,
    #[serde(with = "json_number")]
    pub bonus_taken_back: Decimal,
}

/// Balances and accepted receipts; the state of one AOS server.
#[derive(Debug, Clone)]
pub struct Ledger {
    branches: Vec<String>,
    customers: Vec<CustomerAccount>,
    receipts: Vec<AcceptedReceipt>,
    refunds: Vec<AcceptedRefund>,
    /// (branch, rNumber) → the body first accepted and the answer given.
    seen: HashMap<(usize, String), (TransactionBody, Reply)>,
    /// The same for refunds, keyed by the refund's own number.
    seen_refunds: HashMap<(usize, String), (RefundBody, Reply)>,
}

impl Ledger {
    pub fn new(seed: Seed) -> Ledger {
        Ledger {
            branches: seed.branches,
            customers: seed.customers,
            receipts: Vec::new(),
            refunds: Vec::new(),
            seen: HashMap::new(),
            seen_refunds: HashMap::new(),
        }
    }

    pub fn customers(&self) -> &[CustomerAccount] {
        &self.customers
    }

    pub fn receipts(&self) -> &[AcceptedReceipt] {
        &self.receipts
    }

    pub fn refunds(&self) -> &[AcceptedRefund] {
        &self.refunds
    }

    /// `GET /store/customers/profile?filial=…&client=…`
    pub fn profile(&self, filial: &str, client: &str) -> Reply {
        if self.branch(filial).is_none() {
            return message(401, "unknown branch token");
        }
        match self.customer(client) {
            Some(at) => Reply {
                status: 200,
                body: serde_json::to_string(&self.customers[at]).unwrap_or_default(),
            },
            None => message(404, "customer not found"),
        }
    }

    /// `POST /transactions`
    pub fn post_transaction(&mut self, body: &str) -> Reply {
        let Ok(body) = serde_json::from_str::<TransactionBody>(body) else {
            return message(400, "malformed transaction body");
        };
        let Some(branch) = self.branch(&body.filial) else {
            return message(401, "unknown branch token");
        };
        let key = (branch, body.r_number.clone());
        if let Some((first, reply)) = self.seen.get(&key) {
            return if *first == body {
                reply.clone()
            } else {
                message(409, "receipt number already used for a different receipt")
            };
        }
        let Some(at) = self.customer(&body.client) else {
            return message(404, "customer not found");
        };
        if let Err(reason) = check(&body, self.customers[at].balance) {
            return message(422, reason);
        }
        let account = &mut self.customers[at];
        let added =
            Money::round((body.r_total - body.bonus) * account.percent / Decimal::ONE_HUNDRED)
                .amount();
        account.balance = account.balance - body.bonus + added;
        let reply = Reply {
            status: 200,
            body: serde_json::to_string(&Accepted {
                success: true,
                r_number: &body.r_number,
                bonus_used: body.bonus,
                bonus_added: added,
                balance: account.balance,
            })
            .unwrap_or_default(),
        };
        self.receipts.push(AcceptedReceipt {
            branch_index: branch,
            r_number: body.r_number.clone(),
            client: account.client.clone(),
            r_total: body.r_total,
            bonus_used: body.bonus,
            bonus_added: added,
        });
        self.seen.insert(key, (body, reply.clone()));
        reply
    }

    /// `POST /transactions/refund` (aos-contract.md §3): the refund of part
    /// of an accepted receipt. The client sends the cashback given back (its
    /// share, rounded down); more than the receipt spent is a 422. The
    /// cashback the receipt earned is taken back in the refunded share,
    /// rounded up, never below a zero balance **(ours)**. Shares are of
    /// everything refunded so far, so the last refund of a receipt reverses
    /// it exactly.
    pub fn post_refund(&mut self, body: &str) -> Reply {
        let Ok(body) = serde_json::from_str::<RefundBody>(body) else {
            return message(400, "malformed refund body");
        };
        let Some(branch) = self.branch(&body.filial) else {
            return message(401, "unknown branch token");
        };
        let key = (branch, body.r_number.clone());
        if let Some((first, reply)) = self.seen_refunds.get(&key) {
            return if *first == body {
                reply.clone()
            } else {
                message(409, "refund number already used for a different refund")
            };
        }
        if self.seen.contains_key(&key) {
            return message(409, "refund number already used by a receipt");
        }
        let Some(original) = self
            .receipts
            .iter()
            .find(|r| r.branch_index == branch && r.r_number == body.original_r_number)
            .cloned()
        else {
            return message(422, "the original receipt was not found");
        };
        if !original.client.eq_ignore_ascii_case(body.client.trim()) {
            return message(422, "the refund is for another customer than the receipt");
        }
        if let Err(reason) = check_amounts(
            [body.r_total, body.bonus_returned],
            &body.items,
            &body.payments,
        ) {
            return message(422, reason);
        }
        if let Err(reason) = check_totals(
            &body.items,
            &body.payments,
            body.r_total,
            body.bonus_returned,
        ) {
            return message(422, reason);
        }
        let earlier = self
            .refunds
            .iter()
            .filter(|r| r.branch_index == branch && r.r_number != body.r_number)
            .filter(|r| r.original_r_number == original.r_number);
        let (refunded, returned, taken) = earlier.fold(
            (Decimal::ZERO, Decimal::ZERO, Decimal::ZERO),
            |(total, returned, taken), r| {
                (
                    total + r.r_total,
                    returned + r.bonus_returned,
                    taken + r.bonus_taken_back,
                )
            },
        );
        let refunded_after = refunded + body.r_total;
        if refunded_after > original.r_total {
            return message(422, "the refund exceeds what is left of the receipt");
        }
        let share = |value: Decimal, strategy| {
            if original.r_total.is_zero() {
                return Decimal::ZERO;
            }
            (value * refunded_after / original.r_total).round_dp_with_strategy(2, strategy)
        };
        if returned + body.bonus_returned > original.bonus_used {
            return message(
                422,
                "bonusReturned exceeds what is left of the cashback spent",
            );
        }
        let Some(at) = self.customer(&original.client) else {
            return message(404, "customer not found");
        };
        let account = &mut self.customers[at];
        let due = share(
            original.bonus_added,
            rust_decimal::RoundingStrategy::AwayFromZero,
        ) - taken;
        let taken_back = due
            .min(original.bonus_added - taken)
            .min(account.balance + body.bonus_returned)
            .max(Decimal::ZERO);
        account.balance = account.balance + body.bonus_returned - taken_back;
        let reply = Reply {
            status: 200,
            body: serde_json::to_string(&RefundAnswer {
                success: true,
                r_number: &body.r_number,
                bonus_returned: body.bonus_returned,
                bonus_taken_back: taken_back,
                balance: account.balance,
            })
            .unwrap_or_default(),
        };
        self.refunds.push(AcceptedRefund {
            branch_index: branch,
            r_number: body.r_number.clone(),
            original_r_number: original.r_number,
            client: account.client.clone(),
            r_total: body.r_total,
            bonus_returned: body.bonus_returned,
            bonus_taken_back: taken_back,
        });
        self.seen_refunds.insert(key, (body, reply.clone()));
        reply
    }

    fn branch(&self, filial: &str) -> Option<usize> {
        self.branches.iter().position(|token| token == filial)
    }

    fn customer(&self, client: &str) -> Option<usize> {
        let client = client.trim();
        self.customers
            .iter()
            .position(|account| !client.is_empty() && account.client.eq_ignore_ascii_case(client))
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Accepted<'a> {
    success: bool,
    r_number: &'a str,
    #[serde(with = "json_number")]
    bonus_used: Decimal,
    #[serde(with = "json_number")]
    bonus_added: Decimal,
    #[serde(with = "json_number")]
    balance: Decimal,
}

/// The contract's 422 rules. The body comes from the network: arithmetic on
/// it is checked, so an absurd number is a 422, never an overflow panic.
fn check(body: &TransactionBody, balance: Decimal) -> Result<(), &'static str> {
    check_amounts([body.r_total, body.bonus], &body.items, &body.payments)?;
    if body.bonus > balance {
        return Err("bonus exceeds the customer's balance");
    }
    if body.bonus > body.r_total {
        return Err("bonus exceeds the receipt total");
    }
    check_totals(&body.items, &body.payments, body.r_total, body.bonus)
}

/// No amount of a body is negative or beyond the money limit.
fn check_amounts(
    totals: [Decimal; 2],
    items: &[TransactionItem],
    payments: &[TransactionPayment],
) -> Result<(), &'static str> {
    let amounts = totals
        .into_iter()
        .chain(
            items
                .iter()
                .flat_map(|i| [i.price, i.amount, i.discount, i.vat, i.other]),
        )
        .chain(payments.iter().map(|p| p.total));
    for amount in amounts {
        if amount.is_sign_negative() && !amount.is_zero() {
            return Err("negative amounts are not allowed");
        }
        if amount > MONEY_LIMIT {
            return Err("amount too large");
        }
    }
    Ok(())
}

/// `rTotal` is the items' total and the payments add up to it less `bonus`.
fn check_totals(
    items: &[TransactionItem],
    payments: &[TransactionPayment],
    r_total: Decimal,
    bonus: Decimal,
) -> Result<(), &'static str> {
    if bonus > r_total {
        return Err("bonus exceeds the receipt total");
    }
    let items_total = items.iter().try_fold(Decimal::ZERO, |sum, i| {
        let line = Money::round(i.price.checked_mul(i.amount)?)
            .amount()
            .checked_sub(i.discount)?;
        sum.checked_add(line)
    });
    if items_total != Some(r_total) {
        return Err("rTotal does not match the items");
    }
    let paid = payments
        .iter()
        .try_fold(Decimal::ZERO, |sum, p| sum.checked_add(p.total));
    if paid != Some(r_total - bonus) {
        return Err("payments do not add up to rTotal - bonus");
    }
    Ok(())
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RefundAnswer<'a> {
    success: bool,
    r_number: &'a str,
    #[serde(with = "json_number")]
    bonus_returned: Decimal,
    #[serde(with = "json_number")]
    bonus_taken_back: Decimal,
    #[serde(with = "json_number")]
    balance: Decimal,
}

fn message(status: u16, text: &str) -> Reply {
    Reply {
        status,
        body: serde_json::json!({ "message": text }).to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MALIKA: &str = "c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6f";

    fn sale(number: &str, total: &str, bonus: &str) -> String {
        let paid = total.parse::<Decimal>().unwrap() - bonus.parse::<Decimal>().unwrap();
        format!(
            r#"{{"rTime":"10:00:00","rDate":"2026-12-01","filial":"demo-branch","client":"{MALIKA}","cEmployee":"A","rNumber":"{number}","rTotal":{total},"bonus":{bonus},"items":[{{"discount":0,"price":{total},"barcode":"","amount":1,"vatPercent":12,"vat":0,"name":"Tea","classCode":"","other":0,"commissionTIN":""}}],"payments":[{{"item":"Cash","total":{paid}}}],"cardType":"gold","percent":7}}"#
        )
    }

    fn refund(number: &str, original: &str, total: &str, returned: &str) -> String {
        let paid = total.parse::<Decimal>().unwrap() - returned.parse::<Decimal>().unwrap();
        format!(
            r#"{{"filial":"demo-branch","rNumber":"{number}","originalRNumber":"{original}","rDate":"2026-12-02","rTime":"10:00:00","cEmployee":"A","client":"{MALIKA}","rTotal":{total},"bonusReturned":{returned},"items":[{{"discount":0,"price":{total},"barcode":"","amount":1,"vatPercent":12,"vat":0,"name":"Tea","classCode":"","other":0,"commissionTIN":""}}],"payments":[{{"item":"Cash","total":{paid}}}]}}"#
        )
    }

    fn balance(ledger: &Ledger) -> Decimal {
        ledger
            .customers()
            .iter()
            .find(|c| c.client == MALIKA)
            .unwrap()
            .balance
    }

    #[test]
    fn a_refund_never_takes_the_balance_below_zero_nor_gives_back_twice() {
        let seed: Seed = serde_json::from_str(include_str!("../demo/seed.json")).unwrap();
        let mut ledger = Ledger::new(seed);
        // 10 000 earns 7 % = 700; then the 700 is spent on a 700 receipt.
        assert_eq!(
            ledger.post_transaction(&sale("R1", "10000", "0")).status,
            200
        );
        assert_eq!(
            ledger.post_transaction(&sale("R2", "700", "700")).status,
            200
        );
        assert_eq!(balance(&ledger), Decimal::ZERO);
        // R1 back: its 700 would be taken back, but nothing is left of it.
        let reply = ledger.post_refund(&refund("R3", "R1", "10000", "0"));
        assert_eq!(reply.status, 200, "{}", reply.body);
        assert!(
            reply.body.contains(r#""bonusTakenBack":0"#),
            "{}",
            reply.body
        );
        assert_eq!(balance(&ledger), Decimal::ZERO);
        // R2 back: its 700 cashback comes back once, not twice.
        let half = ledger.post_refund(&refund("R4", "R2", "350", "350"));
        assert_eq!(half.status, 200, "{}", half.body);
        let too_much = ledger.post_refund(&refund("R5", "R2", "350", "351"));
        assert_eq!(too_much.status, 422, "{}", too_much.body);
        let rest = ledger.post_refund(&refund("R5", "R2", "350", "350"));
        assert_eq!(rest.status, 200, "{}", rest.body);
        assert_eq!(balance(&ledger), Decimal::from(700));
        assert_eq!(ledger.refunds().len(), 3);
        // A refund number is not a receipt number of a sale.
        assert_eq!(
            ledger.post_refund(&refund("R1", "R2", "1", "0")).status,
            409
        );
    }

    #[test]
    fn absurd_numbers_are_refused_without_panicking() {
        let seed: Seed = serde_json::from_str(include_str!("../demo/seed.json")).unwrap();
        let mut ledger = Ledger::new(seed);
        let max = "79228162514264337593543950335";
        let body = format!(
            r#"{{"rTime":"","rDate":"","filial":"demo-branch","client":"6f1c7f0e-2a55-4d8e-9f55-1d3c2b0a9e11","cEmployee":"","rNumber":"X","rTotal":{max},"bonus":0,"items":[{{"discount":0,"price":{max},"barcode":"","amount":{max},"vatPercent":12,"vat":0,"name":"","classCode":"","other":0,"commissionTIN":""}}],"payments":[],"cardType":"static","percent":5}}"#
        );
        assert_eq!(ledger.post_transaction(&body).status, 422);
        assert!(ledger.receipts().is_empty());
    }
}
