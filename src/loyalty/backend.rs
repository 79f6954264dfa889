//! The loyalty backend as the UI sees it: one interface, two
//! implementations (the AOS HTTP client and the demo worker).

use super::aos::client::AosClient;
use super::aos::wire::TransactionAccepted;
use super::demo::client::DemoBackend;
use super::error::LoyaltyError;
use crate::domain::customer::{Customer, CustomerCode};
use crate::store::outbox::AcceptedFigures;
use crate::store::step::Step;

pub enum LoyaltyBackend {
    Aos(AosClient),
    Demo(DemoBackend),
    /// A shift without a loyalty program: there is no customer to find.
    None,
}

impl LoyaltyBackend {
    /// The customer behind a scanned code.
    pub async fn customer(&self, code: &CustomerCode) -> Result<Customer, LoyaltyError> {
        match self {
            LoyaltyBackend::Aos(client) => client.customer(code).await,
            LoyaltyBackend::Demo(demo) => demo.customer(code).await,
            LoyaltyBackend::None => Err(LoyaltyError::CustomerNotFound),
        }
    }

    /// Posts a transaction body, byte for byte as stored.
    pub async fn submit(&self, body_json: &str) -> Result<TransactionAccepted, LoyaltyError> {
        match self {
            LoyaltyBackend::Aos(client) => client.submit(body_json).await,
            LoyaltyBackend::Demo(demo) => demo.submit(body_json).await,
            LoyaltyBackend::None => Err(LoyaltyError::UnexpectedAnswer),
        }
    }

    /// Sends one step of a sale's plan, byte for byte as stored.
    pub async fn send(&self, step: Step, body_json: &str) -> Result<AcceptedFigures, LoyaltyError> {
        match step {
            Step::AosTransaction => self.submit(body_json).await.map(Into::into),
            // A plan is made for the shift's own provider; a step of
            // another would be a stored record this backend cannot read.
            Step::CapillaryTransaction
            | Step::CapillaryPointsRedeem
            | Step::CapillaryCouponRedeem
            | Step::AppsPosComplete
            | Step::AppsPosRefund => Err(LoyaltyError::UnexpectedAnswer),
        }
    }

    /// Sample customer codes, only in the demo.
    pub async fn sample_customers(&self) -> Vec<(String, String)> {
        match self {
            LoyaltyBackend::Aos(_) | LoyaltyBackend::None => Vec::new(),
            LoyaltyBackend::Demo(demo) => demo.sample_customers().await,
        }
    }
}
