//! The AOS HTTP client (browser only): requests per the contract, with a
//! timeout, answers read by the shared wire mapping.

use gloo_net::http::Request;
use web_sys::AbortSignal;

use super::wire::{self, RefundAccepted, TransactionAccepted};
use crate::domain::customer::{Customer, CustomerCode};
use crate::domain::shift::ServerAccess;
use crate::loyalty::error::LoyaltyError;
use crate::loyalty::http::reply as send;

const TIMEOUT_MS: u32 = 10_000;

pub struct AosClient {
    access: ServerAccess,
}

impl AosClient {
    pub fn new(access: ServerAccess) -> AosClient {
        AosClient { access }
    }

    pub async fn customer(&self, code: &CustomerCode) -> Result<Customer, LoyaltyError> {
        let url = format!("{}/store/customers/profile", self.access.base_url);
        let request = Request::get(&url)
            .query([
                ("filial", self.access.branch_token.as_str()),
                ("client", code.as_str()),
            ])
            .abort_signal(Some(&timeout()))
            .build()
            .map_err(|_| LoyaltyError::Unreachable)?;
        wire::read_profile(code, &send(request).await?)
    }

    pub async fn submit(&self, body_json: &str) -> Result<TransactionAccepted, LoyaltyError> {
        let url = format!("{}/transactions", self.access.base_url);
        let request = Request::post(&url)
            .header("Content-Type", "application/json")
            .abort_signal(Some(&timeout()))
            .body(body_json.to_owned())
            .map_err(|_| LoyaltyError::Unreachable)?;
        wire::read_transaction(&send(request).await?)
    }

    pub async fn refund(&self, body_json: &str) -> Result<RefundAccepted, LoyaltyError> {
        let url = format!("{}/transactions/refund", self.access.base_url);
        let request = Request::post(&url)
            .header("Content-Type", "application/json")
            .abort_signal(Some(&timeout()))
            .body(body_json.to_owned())
            .map_err(|_| LoyaltyError::Unreachable)?;
        wire::read_refund(&send(request).await?)
    }
}

fn timeout() -> AbortSignal {
    AbortSignal::timeout_with_u32(TIMEOUT_MS)
}
