//! `coupon/isredeemable` and `coupon/redeem`.

use serde_json::{json, Value};

use super::answer::{answer, item_status, status_only};
use super::CapillaryServer;
use super::RedemptionRecord;
use crate::domain::mobile::MobileNumber;
use crate::loyalty::capillary::wire::{self, code, CapillaryRequest, CouponBody, Root};

impl CapillaryServer {
    pub(super) fn coupon(&self, code: &str) -> Option<usize> {
        let code = code.trim();
        self.coupons
            .iter()
            .position(|c| !code.is_empty() && c.code.eq_ignore_ascii_case(code))
    }

    pub(super) fn coupon_isredeemable(&self, request: &CapillaryRequest) -> Value {
        let asked = request.param("code").unwrap_or_default();
        let mobile = request
            .param("mobile")
            .and_then(|m| MobileNumber::parse(m).ok());
        let refused = |code: i64, message: &str| {
            answer(
                500,
                "coupons",
                "redeemable",
                json!({
                    "code": asked,
                    "is_redeemable": "false",
                    "item_status": item_status(code, message),
                }),
            )
        };
        if mobile.is_none_or(|m| self.account(m.as_str()).is_none()) {
            return refused(code::CUSTOMER_NOT_FOUND_ALT, "Customer not found");
        }
        let Some(at) = self.coupon(asked) else {
            return refused(701, "Coupon not found");
        };
        let coupon = &self.coupons[at];
        if coupon.used {
            return refused(code::COUPON_USED, "Coupon already redeemed");
        }
        answer(
            200,
            "coupons",
            "redeemable",
            json!({
                "code": coupon.code,
                "is_redeemable": "true",
                "item_status": item_status(code::COUPON_OK, "Coupon is redeemable"),
                "series_info": {
                    "discount_type": coupon.discount_type,
                    "discount_value": coupon.discount_value,
                    "discount_on": "BILL",
                    "valid_till": coupon.valid_till,
                },
            }),
        )
    }

    pub(super) fn coupon_redeem(&mut self, body: &str) -> Value {
        let Some(redeem) = serde_json::from_str::<Root<wire::CouponRoot>>(body)
            .ok()
            .and_then(|root| root.root.coupon.into_iter().next())
        else {
            return status_only(400, "malformed coupon body");
        };
        let CouponBody {
            code: asked,
            customer,
            transaction,
        } = redeem;
        let Some(bill) = transaction.into_iter().next() else {
            return status_only(400, "a coupon redeem names its bill");
        };
        let key = (bill.number.clone(), asked.trim().to_ascii_uppercase());
        if let Some(reply) = self.seen_coupon_redeems.get(&key) {
            return reply.clone();
        }
        let refused = |code: i64, message: &str| {
            answer(
                500,
                "coupons",
                "coupon",
                json!({ "code": asked, "item_status": item_status(code, message) }),
            )
        };
        let Some(mobile) = MobileNumber::parse(&customer.mobile).ok() else {
            return refused(816, "Customer not found");
        };
        if !self.has_bill(&bill.number, mobile.as_str()) {
            return refused(703, "No such bill for this customer");
        }
        let Some(at) = self.coupon(&asked) else {
            return refused(701, "Coupon not found");
        };
        if self.coupons[at].used {
            return refused(code::COUPON_USED, "Coupon already redeemed");
        }
        self.coupons[at].used = true;
        let coupon = self.coupons[at].clone();
        self.issued += 1;
        let redemption_id = format!("CR-{}", self.issued);
        self.redemptions.push(RedemptionRecord {
            redemption_id: redemption_id.clone(),
            bill_number: bill.number,
            mobile: mobile.as_str().to_owned(),
            points: 0,
            coupon: coupon.code.clone(),
        });
        let mut record = json!({
            "code": coupon.code,
            "redemption_id": redemption_id,
            "item_status": item_status(code::COUPON_OK, "Coupon redeemed successfully"),
        });
        // The value of a percent coupon is the bill's business, not the server's.
        if coupon.discount_type.eq_ignore_ascii_case("ABS") {
            record["coupon_value"] = json!(coupon.discount_value);
        }
        let reply = answer(200, "coupons", "coupon", record);
        self.seen_coupon_redeems.insert(key, reply.clone());
        reply
    }
}
