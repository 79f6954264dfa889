//! What a server starts from: credentials, the points ratio, tiers,
//! customers and coupons (`../seed.json` for the demo and the sandbox).

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// Till credentials the server accepts.
#[derive(Debug, Clone, Deserialize)]
pub struct TillCredentials {
    pub till_code: String,
    pub password: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tier {
    pub name: String,
    /// Points per whole 1 000 sum paid other than in points.
    pub points_per_1000: i64,
}

/// A customer as the server stores them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    pub user_id: String,
    pub mobile: String,
    #[serde(default)]
    pub card_number: String,
    #[serde(default)]
    pub firstname: String,
    #[serde(default)]
    pub lastname: String,
    #[serde(default)]
    pub email: String,
    pub points: i64,
    #[serde(default)]
    pub lifetime_points: i64,
    pub tier: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Coupon {
    pub code: String,
    /// `ABS` or `PERC`.
    pub discount_type: String,
    pub discount_value: String,
    pub valid_till: String,
    #[serde(default)]
    pub used: bool,
}

/// The seed: credentials, the points ratio, tiers, customers and coupons.
#[derive(Debug, Clone, Deserialize)]
pub struct Seed {
    pub tills: Vec<TillCredentials>,
    /// Sum per point.
    pub points_currency_ratio: Decimal,
    /// The first tier is the one a new member starts in.
    pub tiers: Vec<Tier>,
    pub customers: Vec<Account>,
    /// A mobile that is not a member, for showing enrolment.
    pub not_a_member: String,
    pub coupons: Vec<Coupon>,
}

impl Seed {
    /// The seed of the demo and the sandbox (`seed.json` beside this file).
    pub fn demo() -> Seed {
        serde_json::from_str(include_str!("../seed.json")).unwrap_or_else(|_| Seed {
            tills: Vec::new(),
            points_currency_ratio: Decimal::ZERO,
            tiers: Vec::new(),
            customers: Vec::new(),
            not_a_member: String::new(),
            coupons: Vec::new(),
        })
    }
}
