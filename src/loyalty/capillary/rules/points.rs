//! `points/isredeemable` (which issues the one-time code) and `points/redeem`.

use serde_json::{json, Value};

use super::answer::{answer, item_status, status_only};
use super::CapillaryServer;
use super::{Otp, RedemptionRecord};
use crate::domain::mobile::MobileNumber;
use crate::domain::money::Money;
use crate::loyalty::capillary::wire::{self, code, CapillaryRequest, RedeemBody, Root};

impl CapillaryServer {
    pub(super) fn points_isredeemable(&mut self, request: &CapillaryRequest) -> Value {
        let mobile = request
            .param("mobile")
            .and_then(|m| MobileNumber::parse(m).ok());
        let points = request.param("points").and_then(|p| p.parse::<i64>().ok());
        let (Some(mobile), Some(points)) = (mobile, points) else {
            return status_only(400, "mobile and points are needed");
        };
        let refused = |code: i64, message: &str| {
            answer(
                500,
                "points",
                "redeemable",
                json!({
                    "mobile": mobile.as_str(),
                    "points": points,
                    "is_redeemable": "false",
                    "item_status": item_status(code, message),
                }),
            )
        };
        let Some(account) = self.account(mobile.as_str()) else {
            return refused(816, "Customer not found");
        };
        if points <= 0 {
            return refused(812, "Points to redeem must be more than zero");
        }
        if points > account.points {
            return refused(code::POINTS_REFUSED, "Insufficient points balance");
        }
        let value = wire::points_value(points, self.ratio).unwrap_or(Money::ZERO);
        if request.param("issue_otp") == Some("true") {
            let code = self.next_otp();
            self.otps
                .insert(mobile.as_str().to_owned(), Otp { points, code });
        }
        answer(
            200,
            "points",
            "redeemable",
            json!({
                "mobile": mobile.as_str(),
                "points": points,
                "is_redeemable": "true",
                "points_redeem_value": value.to_string(),
                "points_currency_ratio": self.ratio.normalize().to_string(),
                "item_status": item_status(code::POINTS_OK, "Points can be redeemed"),
            }),
        )
    }

    /// Four digits that look random and are the same on every run.
    pub(super) fn next_otp(&mut self) -> String {
        self.issued += 1;
        let mixed = self.issued.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 40;
        format!("{:04}", mixed % 10_000)
    }

    pub(super) fn points_redeem(&mut self, body: &str) -> Value {
        let Some(redeem) = serde_json::from_str::<Root<wire::RedeemRoot>>(body)
            .ok()
            .and_then(|root| root.root.redeem.into_iter().next())
        else {
            return status_only(400, "malformed redeem body");
        };
        let RedeemBody {
            points_redeemed: points,
            transaction_number: bill,
            customer,
            validation_code,
            ..
        } = redeem;
        let key = (bill.clone(), points);
        if let Some(reply) = self.seen_point_redeems.get(&key) {
            return reply.clone();
        }
        let refused = |code: i64, message: &str| {
            answer(
                500,
                "responses",
                "points",
                json!({
                    "mobile": customer.mobile,
                    "points_redeemed": points,
                    "item_status": item_status(code, message),
                }),
            )
        };
        let Some(mobile) = MobileNumber::parse(&customer.mobile).ok() else {
            return refused(816, "Customer not found");
        };
        if !self.has_bill(&bill, mobile.as_str()) {
            return refused(815, "No such bill for this customer");
        }
        let otp_ok = self
            .otps
            .get(mobile.as_str())
            .is_some_and(|otp| otp.points == points && otp.code == validation_code.trim());
        if !otp_ok {
            return refused(code::POINTS_REFUSED, "Invalid or expired validation code");
        }
        let ratio = self.ratio;
        let Some(account) = self
            .customers
            .iter_mut()
            .find(|a| a.mobile == mobile.as_str())
        else {
            return refused(816, "Customer not found");
        };
        if points <= 0 || points > account.points {
            return refused(code::POINTS_REFUSED, "Insufficient points balance");
        }
        account.points -= points;
        let balance = account.points;
        self.otps.remove(mobile.as_str());
        self.issued += 1;
        let redemption_id = format!("PR-{}", self.issued);
        let value = wire::points_value(points, ratio).unwrap_or(Money::ZERO);
        self.redemptions.push(RedemptionRecord {
            redemption_id: redemption_id.clone(),
            bill_number: bill,
            mobile: mobile.as_str().to_owned(),
            points,
            coupon: String::new(),
        });
        let reply = answer(
            200,
            "responses",
            "points",
            json!({
                "mobile": mobile.as_str(),
                "redemption_id": redemption_id,
                "points_redeemed": points,
                "redeemed_value": value.to_string(),
                "balance": balance,
                "item_status": item_status(code::POINTS_OK, "Points redeemed successfully"),
            }),
        );
        self.seen_point_redeems.insert(key, reply.clone());
        reply
    }
}
