//! The answers' shapes, read tolerantly: every field optional, every
//! number or flag in either form, every list possibly a bare object.

use serde::Deserialize;

use crate::loyalty::flex::{Flag, Int, Number, OneOrMany, Text};

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct Status {
    pub success: Option<Flag>,
    pub code: Option<Int>,
    pub message: Option<Text>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct ItemStatus {
    pub success: Option<Flag>,
    pub code: Option<Int>,
    pub message: Option<Text>,
}

#[derive(Default, Deserialize)]
#[serde(default)]
pub(super) struct CustomerAnswer {
    pub status: Option<Status>,
    pub customers: Option<CustomerList>,
}

#[derive(Default, Deserialize)]
#[serde(default)]
pub(super) struct CustomerList {
    pub customer: Option<OneOrMany<CustomerRecord>>,
}

#[derive(Default, Deserialize)]
#[serde(default)]
pub(super) struct CustomerRecord {
    pub item_status: Option<ItemStatus>,
    pub user_id: Option<Text>,
    pub mobile: Option<Text>,
    pub firstname: Option<Text>,
    pub lastname: Option<Text>,
    pub email: Option<Text>,
    pub loyalty_points: Option<Int>,
    pub lifetime_points: Option<Int>,
    pub current_slab: Option<Text>,
}

#[derive(Default, Deserialize)]
#[serde(default)]
pub(super) struct PointsCheckAnswer {
    pub status: Option<Status>,
    pub points: Option<PointsCheckList>,
}

#[derive(Default, Deserialize)]
#[serde(default)]
pub(super) struct PointsCheckList {
    pub redeemable: Option<OneOrMany<PointsCheckRecord>>,
}

#[derive(Default, Deserialize)]
#[serde(default)]
pub(super) struct PointsCheckRecord {
    pub item_status: Option<ItemStatus>,
    pub points: Option<Int>,
    pub is_redeemable: Option<Flag>,
    pub points_currency_ratio: Option<Number>,
}

#[derive(Default, Deserialize)]
#[serde(default)]
pub(super) struct CouponCheckAnswer {
    pub status: Option<Status>,
    pub coupons: Option<CouponCheckList>,
}

#[derive(Default, Deserialize)]
#[serde(default)]
pub(super) struct CouponCheckList {
    pub redeemable: Option<OneOrMany<CouponCheckRecord>>,
}

#[derive(Default, Deserialize)]
#[serde(default)]
pub(super) struct CouponCheckRecord {
    pub item_status: Option<ItemStatus>,
    pub code: Option<Text>,
    pub is_redeemable: Option<Flag>,
    pub series_info: Option<SeriesInfo>,
}

#[derive(Default, Deserialize)]
#[serde(default)]
pub(super) struct SeriesInfo {
    pub discount_type: Option<Text>,
    pub discount_value: Option<Number>,
}

#[derive(Default, Deserialize)]
#[serde(default)]
pub(super) struct TransactionAnswer {
    pub status: Option<Status>,
    pub transactions: Option<TransactionList>,
}

#[derive(Default, Deserialize)]
#[serde(default)]
pub(super) struct TransactionList {
    pub transaction: Option<OneOrMany<TransactionRecord>>,
}

#[derive(Default, Deserialize)]
#[serde(default)]
pub(super) struct TransactionRecord {
    pub item_status: Option<ItemStatus>,
    pub id: Option<Text>,
    pub customer: Option<BalanceRecord>,
    pub side_effects: Option<SideEffects>,
    pub points_deducted: Option<Int>,
}

#[derive(Default, Deserialize)]
#[serde(default)]
pub(super) struct BalanceRecord {
    pub loyalty_points: Option<Int>,
}

#[derive(Default, Deserialize)]
#[serde(default)]
pub(super) struct SideEffects {
    pub effect: Option<OneOrMany<Effect>>,
}

#[derive(Default, Deserialize)]
#[serde(default)]
pub(super) struct Effect {
    #[serde(rename = "type")]
    pub kind: Option<Text>,
    pub awarded_points: Option<Int>,
}

#[derive(Default, Deserialize)]
#[serde(default)]
pub(super) struct PointsRedeemAnswer {
    pub status: Option<Status>,
    pub responses: Option<PointsRedeemList>,
}

#[derive(Default, Deserialize)]
#[serde(default)]
pub(super) struct PointsRedeemList {
    pub points: Option<OneOrMany<PointsRedeemRecord>>,
}

#[derive(Default, Deserialize)]
#[serde(default)]
pub(super) struct PointsRedeemRecord {
    pub item_status: Option<ItemStatus>,
    pub redemption_id: Option<Text>,
    pub points_redeemed: Option<Int>,
    pub redeemed_value: Option<Number>,
    pub balance: Option<Int>,
}

#[derive(Default, Deserialize)]
#[serde(default)]
pub(super) struct CouponRedeemAnswer {
    pub status: Option<Status>,
    pub coupons: Option<CouponRedeemList>,
}

#[derive(Default, Deserialize)]
#[serde(default)]
pub(super) struct CouponRedeemList {
    pub coupon: Option<OneOrMany<CouponRedeemRecord>>,
}

#[derive(Default, Deserialize)]
#[serde(default)]
pub(super) struct CouponRedeemRecord {
    pub item_status: Option<ItemStatus>,
    pub redemption_id: Option<Text>,
    pub coupon_value: Option<Number>,
}
