//! The AppsPOS client (browser only): one attempt per call, over HTTP
//! (`transport`: `POST {base}/{api}`, 10 s timeout) or to the demo worker,
//! each request signed when sent and each answer's signature checked by the
//! shared wire readers. Retrying, polling and their timing are the
//! caller's (`payment::Payment` says when).

use gloo_net::http::Request;
use web_sys::AbortSignal;

use super::credentials::Credentials;
use super::transport;
use super::wire::{
    self, AppsPosRequest, BillInfo, Order, OrderAccepted, PaidStatus, Reply, SignedRequest,
};
use super::{DEMO_API_KEY, DEMO_BRANCH_CODE, DEMO_SECRET};
use crate::domain::money::Money;
use crate::loyalty::demo::client::DemoBackend;
use crate::loyalty::error::LoyaltyError;
use crate::store::outbox::AcceptedFigures;

/// Where requests go.
pub enum Transport {
    /// The AppsPOS server of the branch, e.g. `https://beta.appspos.com/api`.
    Http { base_url: String },
    /// The demo worker's AppsPOS rules.
    Demo(DemoBackend),
}

pub struct AppsPosClient {
    transport: Transport,
    credentials: Credentials,
}

impl AppsPosClient {
    /// Against a real server, with the credentials of shift login.
    pub fn http(base_url: &str, credentials: Credentials) -> AppsPosClient {
        AppsPosClient {
            transport: Transport::Http {
                base_url: base_url.to_owned(),
            },
            credentials,
        }
    }

    /// Against the demo worker, as the demo branch; `pos_name` is the till.
    pub fn demo(demo: DemoBackend, pos_name: &str) -> AppsPosClient {
        AppsPosClient {
            transport: Transport::Demo(demo),
            credentials: Credentials::new(DEMO_API_KEY, DEMO_SECRET, DEMO_BRANCH_CODE, pos_name),
        }
    }

    /// The demo worker, when the shift is a demo.
    pub fn demo_worker(&self) -> Option<&DemoBackend> {
        match &self.transport {
            Transport::Demo(demo) => Some(demo),
            Transport::Http { .. } => None,
        }
    }

    pub async fn order(&self, order: &Order) -> Result<OrderAccepted, LoyaltyError> {
        let (reply, sent) = self.send(&wire::order(order)).await?;
        wire::read_order(&reply, &sent, &self.credentials.secret)
    }

    /// The app's `total_payable` for Kassa's bill figures.
    pub async fn bill_info(&self, bill: &BillInfo) -> Result<Money, LoyaltyError> {
        let (reply, sent) = self.send(&wire::bill_info(bill)).await?;
        wire::read_total_payable(&reply, &sent, &self.credentials.secret)
    }

    /// Release, cancel or voucher removal: success says nothing more.
    pub async fn done(&self, request: &AppsPosRequest) -> Result<(), LoyaltyError> {
        let (reply, sent) = self.send(request).await?;
        wire::read_done(&reply, &sent, &self.credentials.secret)
    }

    pub async fn paid_status(&self, request: &AppsPosRequest) -> Result<PaidStatus, LoyaltyError> {
        let (reply, sent) = self.send(request).await?;
        wire::read_paid_status(&reply, &sent, &self.credentials.secret)
    }

    /// Sends an outbox step's stored request (`payment_completed`, `refund`),
    /// signed as on every earlier attempt.
    pub async fn send_stored(&self, stored: &str) -> Result<AcceptedFigures, LoyaltyError> {
        let request = AppsPosRequest::from_stored(stored).ok_or(LoyaltyError::UnexpectedAnswer)?;
        self.done(&request)
            .await
            .map(|()| AcceptedFigures::default())
    }

    /// One attempt; any failure to get an answer is `Unreachable`.
    async fn send(&self, request: &AppsPosRequest) -> Result<(Reply, SignedRequest), LoyaltyError> {
        let signed = request.signed(&self.credentials);
        let reply = match &self.transport {
            Transport::Demo(demo) => demo.appspos(&signed).await?,
            Transport::Http { base_url } => post(base_url, &signed).await?,
        };
        Ok((reply, signed))
    }
}

async fn post(base_url: &str, signed: &SignedRequest) -> Result<Reply, LoyaltyError> {
    let request = Request::post(&transport::url(base_url, signed.api))
        .header("Content-Type", transport::CONTENT_TYPE)
        .abort_signal(Some(&AbortSignal::timeout_with_u32(transport::TIMEOUT_MS)))
        .body(signed.body.clone())
        .map_err(|_| LoyaltyError::Unreachable)?;
    crate::loyalty::http::reply(request).await
}
