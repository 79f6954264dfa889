//! The journal: every finalized sale, as a serializable record, so reports
//! and reprints work after a reload. Amounts are decimal strings; reading a
//! record back re-validates it through the domain, so a damaged record is
//! skipped rather than trusted.

use std::str::FromStr;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::domain::bill_discount::{BillDiscount, DiscountSource};
use crate::domain::customer::{Customer, CustomerCode, CustomerId};
use crate::domain::line::{ClassCode, CommissionTin, Line, LineDraft};
use crate::domain::loyalty_tender::{self, cashback_spend, LoyaltyTender, LoyaltyTenderKind};
use crate::domain::mobile::{CardNumber, MobileNumber};
use crate::domain::money::Money;
use crate::domain::payment::{Payment, Settlement, Tender};
use crate::domain::quantity::Quantity;
use crate::domain::sale::{LocalDateTime, ReceiptNumber, Sale, SaleDraft};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SaleRecord {
    pub receipt_number: String,
    pub shift_tag: String,
    /// `[year, month, day, hour, minute, second]`.
    pub finalized_at: [u16; 6],
    pub cashier: String,
    pub customer: Option<CustomerRecord>,
    /// The lines as rung up; the bill discount is spread over them again
    /// when the record is read, by the same rule.
    pub lines: Vec<LineRecord>,
    /// Cashback spent (the one loyalty tender before providers; kept so
    /// that records of earlier versions read as they were).
    pub bonus: String,
    /// The other loyalty tenders (points, in-app payment).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub loyalty_tenders: Vec<LoyaltyTenderRecord>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bill_discount: Option<BillDiscountRecord>,
    pub payments: Vec<(TenderRecord, String)>,
    pub cash_given: String,
    pub change: String,
    /// Taken after the sale for a redemption the loyalty server refused.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub owed_payments: Vec<(TenderRecord, String)>,
    /// Cashback the server credited, once it said so.
    pub earned: Option<String>,
    /// Points the server awarded (Capillary), once it said so: a refund
    /// takes back its share of them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub earned_points: Option<u64>,
    /// The sale's identifier on the store server (srv4pos), minted at
    /// finalize: a refund names it as its original.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub store_sale_id: Option<String>,
    /// The `refund_id` AppsPOS gave when the app paid part of the sale: its
    /// refund sends it back.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_app_refund_id: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum TenderRecord {
    Cash,
    Card,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LoyaltyTenderRecord {
    pub kind: LoyaltyTenderRecordKind,
    pub amount: String,
    #[serde(default)]
    pub points: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum LoyaltyTenderRecordKind {
    Points,
    InApp,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "source", rename_all = "camelCase")]
pub enum BillDiscountRecord {
    Coupon {
        code: String,
        amount: String,
    },
    Voucher {
        id: String,
        name: String,
        amount: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CustomerRecord {
    pub code: String,
    /// How `code` identifies the customer; AOS for records of earlier versions.
    #[serde(default, skip_serializing_if = "CustomerIdKind::is_aos")]
    pub id_kind: CustomerIdKind,
    pub name: String,
    pub balance: String,
    pub percent: String,
    pub card_type: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub points: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tier: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum CustomerIdKind {
    #[default]
    Aos,
    Mobile,
    Card,
}

impl CustomerIdKind {
    fn is_aos(&self) -> bool {
        *self == CustomerIdKind::Aos
    }
}

impl CustomerRecord {
    pub(super) fn new(customer: &Customer) -> CustomerRecord {
        CustomerRecord {
            code: customer.id.as_str().to_owned(),
            id_kind: match customer.id {
                CustomerId::AosCode(_) => CustomerIdKind::Aos,
                CustomerId::Mobile(_) => CustomerIdKind::Mobile,
                CustomerId::Card(_) => CustomerIdKind::Card,
            },
            name: customer.name.clone(),
            balance: customer.balance.to_string(),
            percent: customer.percent.to_string(),
            card_type: customer.card_type.clone(),
            points: customer.points,
            tier: customer.tier.clone(),
        }
    }

    pub(super) fn customer(&self) -> Option<Customer> {
        let id = match self.id_kind {
            CustomerIdKind::Aos => CustomerId::AosCode(CustomerCode::parse(&self.code).ok()?),
            CustomerIdKind::Mobile => CustomerId::Mobile(MobileNumber::parse(&self.code).ok()?),
            CustomerIdKind::Card => CustomerId::Card(CardNumber::parse(&self.code).ok()?),
        };
        Some(Customer {
            id,
            name: self.name.clone(),
            phone: None,
            balance: money(&self.balance)?,
            percent: Decimal::from_str(&self.percent).ok()?,
            card_type: self.card_type.clone(),
            points: self.points,
            tier: self.tier.clone(),
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LineRecord {
    pub name: String,
    pub barcode: String,
    pub unit_price: String,
    pub quantity: String,
    pub discount: String,
    pub vat_percent: u8,
    pub class_code: String,
    pub commission_tin: String,
}

impl LineRecord {
    pub fn of(line: &Line) -> LineRecord {
        LineRecord {
            name: line.name().to_owned(),
            barcode: line.barcode().to_owned(),
            unit_price: line.unit_price().to_string(),
            quantity: line.quantity().to_string(),
            discount: line.discount().to_string(),
            vat_percent: line.vat_percent(),
            class_code: line.class_code().as_str().to_owned(),
            commission_tin: line.commission_tin().as_str().to_owned(),
        }
    }

    /// The line again, validated; `None` for a damaged record.
    pub fn line(&self) -> Option<Line> {
        Line::new(LineDraft {
            name: self.name.clone(),
            barcode: self.barcode.clone(),
            unit_price: money(&self.unit_price)?,
            quantity: Quantity::new(Decimal::from_str(&self.quantity).ok()?).ok()?,
            discount: money(&self.discount)?,
            vat_percent: self.vat_percent,
            class_code: ClassCode::parse(&self.class_code).ok()?,
            commission_tin: CommissionTin::parse(&self.commission_tin).ok()?,
        })
        .ok()
    }
}

/// `[year, month, day, hour, minute, second]`, as records keep a moment.
pub(super) fn moment_of(at: LocalDateTime) -> [u16; 6] {
    [
        at.year,
        at.month.into(),
        at.day.into(),
        at.hour.into(),
        at.minute.into(),
        at.second.into(),
    ]
}

/// The moment a record keeps; `None` for a damaged one.
pub(super) fn moment(at: [u16; 6]) -> Option<LocalDateTime> {
    let [year, month, day, hour, minute, second] = at;
    Some(LocalDateTime {
        year,
        month: u8::try_from(month).ok()?,
        day: u8::try_from(day).ok()?,
        hour: u8::try_from(hour).ok()?,
        minute: u8::try_from(minute).ok()?,
        second: u8::try_from(second).ok()?,
    })
}

impl SaleRecord {
    pub fn new(sale: &Sale, shift_tag: &str) -> SaleRecord {
        let at = sale.finalized_at();
        let settlement = sale.settlement();
        SaleRecord {
            receipt_number: sale.number().0.clone(),
            shift_tag: shift_tag.to_owned(),
            finalized_at: moment_of(at),
            cashier: sale.cashier().to_owned(),
            customer: sale.customer().map(CustomerRecord::new),
            lines: sale.rung_up_lines().iter().map(LineRecord::of).collect(),
            bonus: loyalty_tender::total_of(sale.loyalty_tenders(), LoyaltyTenderKind::Cashback)
                .to_string(),
            loyalty_tenders: sale
                .loyalty_tenders()
                .iter()
                .filter_map(LoyaltyTenderRecord::new)
                .collect(),
            bill_discount: sale.bill_discount().map(BillDiscountRecord::new),
            payments: settlement
                .payments
                .iter()
                .map(|p| {
                    let tender = match p.tender {
                        Tender::Cash => TenderRecord::Cash,
                        Tender::Card => TenderRecord::Card,
                    };
                    (tender, p.amount.to_string())
                })
                .collect(),
            cash_given: settlement.cash_given.to_string(),
            change: settlement.change.to_string(),
            owed_payments: Vec::new(),
            earned: None,
            earned_points: None,
            store_sale_id: None,
            in_app_refund_id: None,
        }
    }

    /// The sale again, validated by the same rules as when it was made.
    pub fn sale(&self) -> Option<Sale> {
        let finalized_at = moment(self.finalized_at)?;
        let customer = match &self.customer {
            Some(record) => Some(record.customer()?),
            None => None,
        };
        let lines = self
            .lines
            .iter()
            .map(LineRecord::line)
            .collect::<Option<Vec<Line>>>()?;
        let payments = self
            .payments
            .iter()
            .map(|(tender, amount)| {
                let tender = match tender {
                    TenderRecord::Cash => Tender::Cash,
                    TenderRecord::Card => Tender::Card,
                };
                Some(Payment {
                    tender,
                    amount: money(amount)?,
                })
            })
            .collect::<Option<Vec<Payment>>>()?;
        let draft = SaleDraft {
            cashier: self.cashier.clone(),
            customer,
            lines,
            bill_discount: match &self.bill_discount {
                Some(record) => Some(record.discount()?),
                None => None,
            },
            loyalty_tenders: cashback_spend(money(&self.bonus)?)
                .into_iter()
                .map(Some)
                .chain(self.loyalty_tenders.iter().map(LoyaltyTenderRecord::tender))
                .collect::<Option<Vec<_>>>()?,
            settlement: Settlement {
                payments,
                cash_given: money(&self.cash_given)?,
                change: money(&self.change)?,
            },
        };
        Sale::finalize(
            draft,
            ReceiptNumber(self.receipt_number.clone()),
            finalized_at,
        )
        .ok()
    }

    /// What was taken after the sale for refused redemptions; a damaged
    /// entry is left out.
    pub fn owed_paid(&self) -> Vec<Payment> {
        self.owed_payments
            .iter()
            .filter_map(|(tender, amount)| {
                Some(Payment {
                    tender: match tender {
                        TenderRecord::Cash => Tender::Cash,
                        TenderRecord::Card => Tender::Card,
                    },
                    amount: money(amount)?,
                })
            })
            .collect()
    }

    pub fn earned(&self) -> Option<Money> {
        self.earned.as_deref().and_then(money)
    }
}

impl LoyaltyTenderRecord {
    /// Cashback has its own field; every other tender is a record.
    fn new(tender: &LoyaltyTender) -> Option<LoyaltyTenderRecord> {
        let kind = match tender.kind {
            LoyaltyTenderKind::Cashback => return None,
            LoyaltyTenderKind::Points => LoyaltyTenderRecordKind::Points,
            LoyaltyTenderKind::InApp => LoyaltyTenderRecordKind::InApp,
        };
        Some(LoyaltyTenderRecord {
            kind,
            amount: tender.amount.to_string(),
            points: tender.points,
        })
    }

    fn tender(&self) -> Option<LoyaltyTender> {
        Some(LoyaltyTender {
            kind: match self.kind {
                LoyaltyTenderRecordKind::Points => LoyaltyTenderKind::Points,
                LoyaltyTenderRecordKind::InApp => LoyaltyTenderKind::InApp,
            },
            amount: money(&self.amount)?,
            points: self.points,
        })
    }
}

impl BillDiscountRecord {
    fn new(discount: &BillDiscount) -> BillDiscountRecord {
        let amount = discount.amount.to_string();
        match &discount.source {
            DiscountSource::Coupon { code } => BillDiscountRecord::Coupon {
                code: code.clone(),
                amount,
            },
            DiscountSource::Voucher { id, name } => BillDiscountRecord::Voucher {
                id: id.clone(),
                name: name.clone(),
                amount,
            },
        }
    }

    fn discount(&self) -> Option<BillDiscount> {
        let (source, amount) = match self {
            BillDiscountRecord::Coupon { code, amount } => {
                (DiscountSource::Coupon { code: code.clone() }, amount)
            }
            BillDiscountRecord::Voucher { id, name, amount } => (
                DiscountSource::Voucher {
                    id: id.clone(),
                    name: name.clone(),
                },
                amount,
            ),
        };
        Some(BillDiscount {
            source,
            amount: money(amount)?,
        })
    }
}

pub(super) fn money(text: &str) -> Option<Money> {
    Money::new(Decimal::from_str(text).ok()?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::number_input::{parse_money, parse_quantity};

    fn sale() -> Sale {
        let apples = Line::new(LineDraft {
            discount: parse_money("100").unwrap(),
            class_code: ClassCode::parse("08081001001000000").unwrap(),
            ..LineDraft::product(
                "Apples",
                parse_money("18990").unwrap(),
                parse_quantity("0,750").unwrap(),
                12,
            )
        })
        .unwrap();
        let customer = Customer {
            id: CustomerId::AosCode(
                CustomerCode::parse("6f1c7f0e-2a55-4d8e-9f55-1d3c2b0a9e11").unwrap(),
            ),
            name: "Dilnoza".into(),
            phone: None,
            balance: Money::sum(500),
            percent: Decimal::from(5),
            card_type: "static".into(),
            points: None,
            tier: None,
        };
        // 14 242.50 − 100 = 14 142.50; bonus 500 → 13 642.50 due.
        let settlement = Settlement::new(
            parse_money("13642.50").unwrap(),
            Money::sum(5000),
            Money::sum(10000),
        )
        .unwrap();
        let draft = SaleDraft {
            cashier: "Aziza".into(),
            customer: Some(customer),
            lines: vec![apples],
            bill_discount: None,
            loyalty_tenders: cashback_spend(Money::sum(500)),
            settlement,
        };
        let at = LocalDateTime {
            year: 2026,
            month: 11,
            day: 23,
            hour: 9,
            minute: 5,
            second: 7,
        };
        Sale::finalize(draft, ReceiptNumber("T1-S-000001".into()), at).unwrap()
    }

    #[test]
    fn a_sale_comes_back_from_its_record_unchanged() {
        let original = sale();
        let json = serde_json::to_string(&SaleRecord::new(&original, "S")).unwrap();
        assert!(!json.contains("e+") && json.contains(r#""unitPrice":"18990.00""#));
        let record: SaleRecord = serde_json::from_str(&json).unwrap();
        assert_eq!(record.sale(), Some(original));
    }

    #[test]
    fn a_points_member_and_a_record_of_an_earlier_version_read_back() {
        let mut member = sale().customer().unwrap().clone();
        member.id = CustomerId::Mobile(MobileNumber::parse("998901234567").unwrap());
        member.balance = Money::ZERO;
        member.points = Some(1200);
        member.tier = Some("Gold".into());
        let record = CustomerRecord::new(&member);
        let json = serde_json::to_string(&record).unwrap();
        assert!(json.contains(r#""idKind":"mobile""#), "{json}");
        let back: CustomerRecord = serde_json::from_str(&json).unwrap();
        assert_eq!(back.customer(), Some(member));

        let old = r#"{"code":"6f1c7f0e-2a55-4d8e-9f55-1d3c2b0a9e11","name":"Dilnoza","balance":"500.00","percent":"5","cardType":"static"}"#;
        let old: CustomerRecord = serde_json::from_str(old).unwrap();
        assert_eq!(old.customer().as_ref(), sale().customer());
    }

    #[test]
    fn a_damaged_record_is_refused() {
        let mut record = SaleRecord::new(&sale(), "S");
        record.payments[0].1 = "1".into();
        assert_eq!(record.sale(), None);
        let mut record = SaleRecord::new(&sale(), "S");
        record.lines[0].unit_price = "lots".into();
        assert_eq!(record.sale(), None);
    }
}
