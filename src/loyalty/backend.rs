//! The loyalty backend as the UI sees it: one interface over the shift's
//! program (AOS over HTTP or in the demo worker, Capillary over HTTP or in
//! the demo worker, or none).

use super::aos::client::AosClient;
use super::aos::wire::{RefundAccepted, TransactionAccepted};
use super::appspos::client::AppsPosClient;
use super::capillary::client::CapillaryClient;
use super::capillary::plan::from_stored;
use super::capillary::wire::{self as capillary_wire, Member};
use super::demo::client::DemoBackend;
use super::error::LoyaltyError;
use crate::domain::customer::{Customer, CustomerCode, CustomerId};
use crate::domain::mobile::MobileNumber;
use crate::domain::money::Money;
use crate::store::outbox::AcceptedFigures;
use crate::store::step::Step;

pub enum LoyaltyBackend {
    Aos(AosClient),
    /// AOS rules in the demo worker.
    Demo(DemoBackend),
    Capillary(CapillaryClient),
    /// AppsPOS over HTTP or in the demo worker.
    AppsPos(AppsPosClient),
    /// A shift without a loyalty program: there is no customer to find.
    None,
}

impl LoyaltyBackend {
    /// The AOS customer behind a scanned code.
    pub async fn customer(&self, code: &CustomerCode) -> Result<Customer, LoyaltyError> {
        match self {
            LoyaltyBackend::Aos(client) => client.customer(code).await,
            LoyaltyBackend::Demo(demo) => demo.customer(code).await,
            LoyaltyBackend::Capillary(_) | LoyaltyBackend::AppsPos(_) | LoyaltyBackend::None => {
                Err(LoyaltyError::CustomerNotFound)
            }
        }
    }

    /// The Capillary client, for the calls only Capillary has (points,
    /// coupons, enrolment).
    pub fn capillary(&self) -> Option<&CapillaryClient> {
        match self {
            LoyaltyBackend::Capillary(client) => Some(client),
            _ => None,
        }
    }

    /// The AppsPOS client, for the in-app payment's calls.
    pub fn appspos(&self) -> Option<&AppsPosClient> {
        match self {
            LoyaltyBackend::AppsPos(client) => Some(client),
            _ => None,
        }
    }

    /// The Capillary member behind a mobile or a card number, as a customer.
    pub async fn member(&self, id: &CustomerId) -> Result<Customer, LoyaltyError> {
        let client = self.capillary().ok_or(LoyaltyError::CustomerNotFound)?;
        let asked = match id {
            CustomerId::Mobile(mobile) => capillary_wire::CustomerId::Mobile(mobile.clone()),
            CustomerId::Card(card) => capillary_wire::CustomerId::Card(card.clone()),
            CustomerId::AosCode(_) => return Err(LoyaltyError::CustomerNotFound),
        };
        client.member(&asked).await.map(member_as_customer)
    }

    /// Posts an AOS transaction body, byte for byte as stored.
    pub async fn submit(&self, body_json: &str) -> Result<TransactionAccepted, LoyaltyError> {
        match self {
            LoyaltyBackend::Aos(client) => client.submit(body_json).await,
            LoyaltyBackend::Demo(demo) => demo.submit(body_json).await,
            LoyaltyBackend::Capillary(_) | LoyaltyBackend::AppsPos(_) | LoyaltyBackend::None => {
                Err(LoyaltyError::UnexpectedAnswer)
            }
        }
    }

    /// Posts an AOS refund body, byte for byte as stored.
    async fn refund(&self, body_json: &str) -> Result<RefundAccepted, LoyaltyError> {
        match self {
            LoyaltyBackend::Aos(client) => client.refund(body_json).await,
            LoyaltyBackend::Demo(demo) => demo.refund(body_json).await,
            LoyaltyBackend::Capillary(_) | LoyaltyBackend::AppsPos(_) | LoyaltyBackend::None => {
                Err(LoyaltyError::UnexpectedAnswer)
            }
        }
    }

    /// Sends one step of a sale's plan, byte for byte as stored.
    pub async fn send(&self, step: Step, body_json: &str) -> Result<AcceptedFigures, LoyaltyError> {
        // A plan is made for the shift's own program; a step of another,
        // or a record that no longer reads, cannot be sent.
        let capillary = || {
            let client = self.capillary().ok_or(LoyaltyError::UnexpectedAnswer)?;
            let request = from_stored(body_json).ok_or(LoyaltyError::UnexpectedAnswer)?;
            Ok::<_, LoyaltyError>((client, request))
        };
        match step {
            Step::AosTransaction => self.submit(body_json).await.map(Into::into),
            Step::AosRefund => {
                let refunded = self.refund(body_json).await?;
                Ok(AcceptedFigures {
                    bonus_returned: refunded.bonus_returned,
                    bonus_taken_back: refunded.bonus_taken_back,
                    balance: refunded.balance,
                    refund_not_offered: refunded.not_offered,
                    ..AcceptedFigures::default()
                })
            }
            Step::AppsPosComplete | Step::AppsPosRefund => {
                let client = self.appspos().ok_or(LoyaltyError::UnexpectedAnswer)?;
                client.send_stored(body_json).await
            }
            Step::CapillaryTransaction => {
                let (client, request) = capillary()?;
                let added = client.add_transaction(&request).await?;
                Ok(AcceptedFigures {
                    points_earned: added.points_earned,
                    points_balance: added.points_balance,
                    ..AcceptedFigures::default()
                })
            }
            Step::CapillaryReturn => {
                let (client, request) = capillary()?;
                let returned = client.add_transaction(&request).await?;
                Ok(AcceptedFigures {
                    points_taken_back: returned.points_deducted,
                    points_balance: returned.points_balance,
                    ..AcceptedFigures::default()
                })
            }
            Step::CapillaryPointsRedeem => {
                let (client, request) = capillary()?;
                let redeemed = client.redeem_points(&request).await?;
                Ok(AcceptedFigures {
                    points_balance: redeemed.balance,
                    redemption_id: redeemed.redemption_id,
                    ..AcceptedFigures::default()
                })
            }
            Step::CapillaryCouponRedeem => {
                let (client, request) = capillary()?;
                let redeemed = client.redeem_coupon(&request).await?;
                Ok(AcceptedFigures {
                    redemption_id: redeemed.redemption_id,
                    ..AcceptedFigures::default()
                })
            }
            // The store server's lane is sent by the outbox itself.
            Step::StoreSale | Step::StoreRefund | Step::StoreReceipt | Step::StoreBalance => {
                Err(LoyaltyError::UnexpectedAnswer)
            }
        }
    }

    /// Sample customers, only in the AOS demo: `[code, name]`.
    pub async fn sample_customers(&self) -> Vec<(String, String)> {
        match self {
            LoyaltyBackend::Demo(demo) => demo.sample_customers().await,
            LoyaltyBackend::Aos(_)
            | LoyaltyBackend::Capillary(_)
            | LoyaltyBackend::AppsPos(_)
            | LoyaltyBackend::None => Vec::new(),
        }
    }

    /// Only in the Capillary demo: members and the mobile of someone to
    /// enrol, as `[mobile, name]`; and coupons to try, as `[code, what]`.
    pub async fn capillary_samples(&self) -> (Vec<(String, String)>, Vec<(String, String)>) {
        let Some(demo) = self.capillary().and_then(CapillaryClient::demo_worker) else {
            return (Vec::new(), Vec::new());
        };
        let samples = demo.capillary_samples().await;
        let mut members = samples.members;
        if !samples.not_a_member.is_empty() {
            members.push((samples.not_a_member, "—".to_owned()));
        }
        (members, samples.coupons)
    }

    /// Only in the AppsPOS demo: transaction codes to try, `[code, what]`.
    pub async fn appspos_samples(&self) -> Vec<(String, String)> {
        match self.appspos().and_then(AppsPosClient::demo_worker) {
            Some(demo) => demo.appspos_samples().await,
            None => Vec::new(),
        }
    }

    /// Only in the Capillary demo: the one-time code the customer's phone
    /// would show (a demo has no phone).
    pub async fn demo_otp(&self, mobile: &MobileNumber) -> Option<String> {
        let demo = self.capillary().and_then(CapillaryClient::demo_worker)?;
        demo.capillary_otp(mobile).await
    }
}

/// A Capillary member as the checkout's customer: identified by their
/// mobile from here on (the number the server keeps for them), with their
/// points and tier.
fn member_as_customer(member: Member) -> Customer {
    let name = format!("{} {}", member.first_name, member.last_name)
        .trim()
        .to_owned();
    Customer {
        id: CustomerId::Mobile(member.mobile.clone()),
        name,
        phone: Some(member.mobile.to_string()),
        balance: Money::ZERO,
        percent: rust_decimal::Decimal::ZERO,
        card_type: String::new(),
        points: Some(u64::try_from(member.points).unwrap_or(0)),
        tier: member.tier,
    }
}
