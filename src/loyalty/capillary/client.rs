//! The Capillary client (browser only): one attempt per call, over HTTP
//! (10 s timeout) or to the demo worker, answers read by the shared wire
//! mapping. Retrying, and showing that it retries, is the caller's: the
//! vendor's rule is visible to the cashier.

use gloo_net::http::{Request, RequestBuilder};
use web_sys::AbortSignal;

use super::auth::Authorization;
use super::wire::{
    self, CapillaryRequest, CouponCheck, CouponRedeemed, CustomerId, CustomerProfile, Enrolment,
    Member, Method, PointsCheck, PointsRedeemed, Reply, TransactionAdded,
};
use super::{DEMO_PASSWORD, DEMO_TILL_CODE};
use crate::domain::mobile::MobileNumber;
use crate::loyalty::demo::client::DemoBackend;
use crate::loyalty::error::LoyaltyError;

const TIMEOUT_MS: u32 = 10_000;

/// Where requests go.
pub enum Transport {
    /// The org's cluster, e.g. `https://eu.api.capillarytech.com`.
    Http { base_url: String },
    /// The demo worker's Capillary rules.
    Demo(DemoBackend),
}

pub struct CapillaryClient {
    transport: Transport,
    authorization: Authorization,
}

impl CapillaryClient {
    /// Against a real server, with the header value kept from shift login.
    pub fn http(base_url: &str, authorization: Authorization) -> CapillaryClient {
        CapillaryClient {
            transport: Transport::Http {
                base_url: base_url.trim().trim_end_matches('/').to_owned(),
            },
            authorization,
        }
    }

    /// Against the demo worker, with the demo till's credentials.
    pub fn demo(demo: DemoBackend) -> CapillaryClient {
        CapillaryClient {
            transport: Transport::Demo(demo),
            authorization: Authorization::new(DEMO_TILL_CODE, DEMO_PASSWORD),
        }
    }

    /// The demo worker behind a demo client.
    pub fn demo_worker(&self) -> Option<&DemoBackend> {
        match &self.transport {
            Transport::Demo(demo) => Some(demo),
            Transport::Http { .. } => None,
        }
    }

    /// The member behind a mobile or a card (`CustomerNotFound`: not one).
    pub async fn member(&self, id: &CustomerId) -> Result<Member, LoyaltyError> {
        wire::read_member(&self.send(&wire::customer_get(id)).await?, id)
    }

    pub async fn enrol(&self, profile: &CustomerProfile) -> Result<Enrolment, LoyaltyError> {
        wire::read_enrolment(&self.send(&wire::customer_add(profile)).await?)
    }

    pub async fn update(&self, profile: &CustomerProfile) -> Result<(), LoyaltyError> {
        wire::read_update(&self.send(&wire::customer_update(profile)).await?)
    }

    /// Also sends the customer a one-time code.
    pub async fn check_points(
        &self,
        mobile: &MobileNumber,
        points: i64,
    ) -> Result<PointsCheck, LoyaltyError> {
        let reply = self
            .send(&wire::points_isredeemable(mobile, points))
            .await?;
        wire::read_points_check(&reply, points)
    }

    pub async fn check_coupon(
        &self,
        mobile: &MobileNumber,
        code: &str,
    ) -> Result<CouponCheck, LoyaltyError> {
        let reply = self.send(&wire::coupon_isredeemable(mobile, code)).await?;
        wire::read_coupon_check(&reply, code)
    }

    /// Posts a stored `transaction/add` request, byte for byte as stored.
    pub async fn add_transaction(
        &self,
        stored: &CapillaryRequest,
    ) -> Result<TransactionAdded, LoyaltyError> {
        wire::read_transaction_added(&self.send(stored).await?)
    }

    /// Posts a stored `points/redeem` request.
    pub async fn redeem_points(
        &self,
        stored: &CapillaryRequest,
    ) -> Result<PointsRedeemed, LoyaltyError> {
        wire::read_points_redeemed(&self.send(stored).await?)
    }

    /// Posts a stored `coupon/redeem` request.
    pub async fn redeem_coupon(
        &self,
        stored: &CapillaryRequest,
    ) -> Result<CouponRedeemed, LoyaltyError> {
        wire::read_coupon_redeemed(&self.send(stored).await?)
    }

    /// One attempt; any failure to get an answer is `Unreachable`.
    pub async fn send(&self, request: &CapillaryRequest) -> Result<Reply, LoyaltyError> {
        match &self.transport {
            Transport::Demo(demo) => demo.capillary(request, &self.authorization).await,
            Transport::Http { base_url } => {
                let url = format!("{base_url}{}", request.path);
                let builder = match request.method {
                    Method::Get => Request::get(&url),
                    Method::Post => Request::post(&url),
                };
                let builder = builder
                    .query(request.query.iter().map(|(k, v)| (k.as_str(), v.as_str())))
                    .header("Authorization", self.authorization.header_value())
                    .abort_signal(Some(&AbortSignal::timeout_with_u32(TIMEOUT_MS)));
                send(builder, request.body.as_deref()).await
            }
        }
    }
}

/// The error text of the browser is dropped: it may hold the URL (with the
/// customer's mobile), and nothing in it helps the cashier.
async fn send(builder: RequestBuilder, body: Option<&str>) -> Result<Reply, LoyaltyError> {
    let request = match body {
        Some(body) => builder
            .header("Content-Type", "application/json")
            .body(body.to_owned()),
        None => builder.build(),
    }
    .map_err(|_| LoyaltyError::Unreachable)?;
    crate::loyalty::http::reply(request).await
}
