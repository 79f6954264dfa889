//! The demo server: ledgers seeded with the demo's customers, answering
//! calls as the AOS, Capillary and AppsPOS servers would. Pure, so it is tested
//! natively; the demo worker (`worker.rs`) only carries messages to and
//! from it.

use serde::Serialize;

use super::protocol::{CapillarySamples, DemoCall, DemoRequest, FromDemo};
use super::DEMO_BRANCH_TOKEN;
use crate::loyalty::aos::rules::{Ledger, Seed};
use crate::loyalty::aos::wire::Reply;
use crate::loyalty::appspos::rules::{self as appspos, AppsPosServer};
use crate::loyalty::capillary::rules::{self as capillary, CapillaryServer};

pub struct DemoServer {
    ledger: Ledger,
    capillary: CapillaryServer,
    appspos: AppsPosServer,
}

impl Default for DemoServer {
    fn default() -> Self {
        let seed: Seed = serde_json::from_str(include_str!("seed.json")).unwrap_or(Seed {
            branches: vec![DEMO_BRANCH_TOKEN.into()],
            customers: Vec::new(),
        });
        DemoServer {
            ledger: Ledger::new(seed),
            capillary: CapillaryServer::new(capillary::Seed::demo()),
            appspos: AppsPosServer::new(appspos::Seed::demo()),
        }
    }
}

impl DemoServer {
    /// Answers one request given as JSON text; text that is not a request
    /// (nobody waits for it) gets no answer.
    pub fn handle(&mut self, message: &str) -> Option<String> {
        let DemoRequest { id, call } = serde_json::from_str(message).ok()?;
        let Reply { status, body } = self.answer(call);
        serde_json::to_string(&FromDemo::Answer { id, status, body }).ok()
    }

    pub fn answer(&mut self, call: DemoCall) -> Reply {
        match call {
            DemoCall::Profile { filial, client } => self.ledger.profile(&filial, &client),
            DemoCall::Transaction { body } => self.ledger.post_transaction(&body),
            DemoCall::Refund { body } => self.ledger.post_refund(&body),
            DemoCall::Samples => ok(&self
                .ledger
                .customers()
                .iter()
                .map(|c| (&c.client, &c.name))
                .collect::<Vec<_>>()),
            DemoCall::Capillary {
                request,
                authorization,
            } => self.capillary.handle(&request, Some(&authorization)),
            DemoCall::CapillaryOtp { mobile } => match self.capillary.last_otp(&mobile) {
                Some(otp) => ok(&serde_json::json!({ "otp": otp })),
                None => Reply {
                    status: 404,
                    body: "{}".into(),
                },
            },
            DemoCall::CapillarySamples => ok(&self.capillary_samples()),
            DemoCall::AppsPos { path, body } => self.appspos.handle(&path, &body),
            DemoCall::AppsPosSamples => ok(&self
                .appspos
                .codes()
                .iter()
                .map(|c| (&c.code, &c.label))
                .collect::<Vec<_>>()),
        }
    }

    fn capillary_samples(&self) -> CapillarySamples {
        let seed = capillary::Seed::demo();
        CapillarySamples {
            members: self
                .capillary
                .customers()
                .iter()
                .map(|c| {
                    let name = format!("{} {}", c.firstname, c.lastname);
                    (c.mobile.clone(), name.trim().to_owned())
                })
                .collect(),
            not_a_member: seed.not_a_member,
            coupons: self
                .capillary
                .coupons()
                .iter()
                .map(|c| {
                    let what = format!("{} {}", c.discount_type, c.discount_value);
                    (c.code.clone(), what)
                })
                .collect(),
        }
    }
}

fn ok(body: &impl Serialize) -> Reply {
    Reply {
        status: 200,
        body: serde_json::to_string(body).unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::customer::CustomerCode;
    use crate::domain::money::Money;
    use crate::loyalty::aos::wire;
    use crate::loyalty::error::LoyaltyError;

    const DILNOZA: &str = "6f1c7f0e-2a55-4d8e-9f55-1d3c2b0a9e11";

    fn code(text: &str) -> CustomerCode {
        CustomerCode::parse(text).unwrap()
    }

    fn profile(server: &mut DemoServer, filial: &str, client: &str) -> Reply {
        server.answer(DemoCall::Profile {
            filial: filial.into(),
            client: client.into(),
        })
    }

    fn submit(
        server: &mut DemoServer,
        body: String,
    ) -> Result<wire::TransactionAccepted, LoyaltyError> {
        wire::read_transaction(&server.answer(DemoCall::Transaction { body }))
    }

    fn body(r_number: &str, bonus: &str, cash: &str) -> String {
        format!(
            r#"{{"rTime":"10:00:00","rDate":"2026-11-23","filial":"demo-branch","client":"{DILNOZA}","cEmployee":"Aziza","rNumber":"{r_number}","rTotal":115005,"bonus":{bonus},"items":[{{"discount":0,"price":115005,"barcode":"","amount":1,"vatPercent":12,"vat":12321.96,"name":"TV","classCode":"","other":0,"commissionTIN":""}}],"payments":[{{"item":"Наличные","total":{cash}}}],"cardType":"static","percent":5}}"#
        )
    }

    #[test]
    fn finds_seeded_customers_and_refuses_others() {
        let mut server = DemoServer::default();
        let reply = profile(&mut server, DEMO_BRANCH_TOKEN, DILNOZA);
        let customer = wire::read_profile(&code(DILNOZA), &reply).unwrap();
        assert_eq!(customer.balance.to_string(), "125000.50");
        let stranger = "00000000-0000-4000-8000-000000000000";
        let reply = profile(&mut server, DEMO_BRANCH_TOKEN, stranger);
        assert_eq!(
            wire::read_profile(&code(stranger), &reply),
            Err(LoyaltyError::CustomerNotFound)
        );
        let reply = profile(&mut server, "wrong", DILNOZA);
        assert_eq!(
            wire::read_profile(&code(DILNOZA), &reply),
            Err(LoyaltyError::TokenRejected)
        );
    }

    #[test]
    fn a_transaction_moves_the_balance_once() {
        let mut server = DemoServer::default();
        // balance 125 000.50 − 10 000 + round((115 005 − 10 000) × 5 %) = 115 000.50 + 5 250.25
        let accepted = submit(&mut server, body("T1-1", "10000", "105005")).unwrap();
        assert_eq!(
            accepted.bonus_added,
            Some(Money::round("5250.25".parse().unwrap()))
        );
        assert_eq!(accepted.balance.unwrap().to_string(), "120250.75");
        let replay = submit(&mut server, body("T1-1", "10000", "105005")).unwrap();
        assert_eq!(replay, accepted);
        let reply = profile(&mut server, DEMO_BRANCH_TOKEN, DILNOZA);
        let balance = wire::read_profile(&code(DILNOZA), &reply).unwrap().balance;
        assert_eq!(balance.to_string(), "120250.75");
    }

    #[test]
    fn the_contract_rejections() {
        let mut server = DemoServer::default();
        assert!(matches!(
            submit(&mut server, body("T1-2", "200000", "0")),
            Err(LoyaltyError::Rejected(reason)) if reason.contains("balance")
        ));
        assert!(matches!(
            submit(&mut server, body("T1-3", "0", "5")),
            Err(LoyaltyError::Rejected(_))
        ));
        submit(&mut server, body("T1-4", "0", "115005")).unwrap();
        assert!(matches!(
            submit(&mut server, body("T1-4", "5", "115000")),
            Err(LoyaltyError::Conflict(_))
        ));
        assert!(matches!(
            submit(&mut server, "garbage".into()),
            Err(LoyaltyError::Rejected(_))
        ));
    }

    #[test]
    fn samples_list_every_seeded_customer_by_code_and_name() {
        let reply = DemoServer::default().answer(DemoCall::Samples);
        let samples: Vec<(String, String)> = serde_json::from_str(&reply.body).unwrap();
        assert_eq!(reply.status, 200);
        assert!(samples.len() >= 2);
        assert!(samples.iter().any(|(c, _)| c == DILNOZA));
        assert!(samples
            .iter()
            .all(|(c, name)| code(c).as_str() == c && !name.is_empty()));
    }

    #[test]
    fn serves_capillary_and_shows_its_one_time_code() {
        use crate::domain::mobile::MobileNumber;
        use crate::loyalty::capillary::auth::Authorization;
        use crate::loyalty::capillary::wire::{self as cap, CustomerId};
        use crate::loyalty::capillary::{DEMO_PASSWORD, DEMO_TILL_CODE};

        let mut server = DemoServer::default();
        let authorization = Authorization::new(DEMO_TILL_CODE, DEMO_PASSWORD)
            .header_value()
            .to_owned();
        let samples: CapillarySamples =
            serde_json::from_str(&server.answer(DemoCall::CapillarySamples).body).unwrap();
        let (mobile, name) = samples.members[0].clone();
        assert_eq!(name, "Dilnoza Rahimova");
        assert!(samples.coupons.iter().any(|(code, _)| code == "SAVE10K"));
        let mobile = MobileNumber::parse(&mobile).unwrap();
        let mut call = |request| {
            server.answer(DemoCall::Capillary {
                request,
                authorization: authorization.clone(),
            })
        };
        let id = CustomerId::Mobile(mobile.clone());
        let member = cap::read_member(&call(cap::customer_get(&id)), &id).unwrap();
        assert_eq!(member.points, 6420);
        let not_a_member = CustomerId::Mobile(MobileNumber::parse(&samples.not_a_member).unwrap());
        assert_eq!(
            cap::read_member(&call(cap::customer_get(&not_a_member)), &not_a_member),
            Err(LoyaltyError::CustomerNotFound)
        );
        let check = cap::read_points_check(&call(cap::points_isredeemable(&mobile, 1000)), 1000);
        assert_eq!(check.map(|c| c.value), Ok(Money::sum(500)));
        let otp = server.answer(DemoCall::CapillaryOtp {
            mobile: mobile.as_str().into(),
        });
        assert_eq!(otp.status, 200);
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&otp.body).unwrap()["otp"]
                .as_str()
                .map(str::len),
            Some(4)
        );
        let none = server.answer(DemoCall::CapillaryOtp {
            mobile: samples.not_a_member.clone(),
        });
        assert_eq!(none.status, 404);
    }

    #[test]
    fn serves_appspos_with_its_sample_codes() {
        use crate::loyalty::appspos::credentials::Credentials;
        use crate::loyalty::appspos::wire;
        use crate::loyalty::appspos::{DEMO_API_KEY, DEMO_BRANCH_CODE, DEMO_SECRET};

        let mut server = DemoServer::default();
        let samples: Vec<(String, String)> =
            serde_json::from_str(&server.answer(DemoCall::AppsPosSamples).body).unwrap();
        assert_eq!(samples.len(), 5);
        let qr = crate::domain::transaction_qr::TransactionQr::parse(&samples[0].0).unwrap();
        let credentials = Credentials::new(DEMO_API_KEY, DEMO_SECRET, DEMO_BRANCH_CODE, "T1");
        let signed = wire::cancel(&qr).signed(&credentials);
        let reply = server.answer(DemoCall::AppsPos {
            path: "/cancel_transaction".into(),
            body: signed.body.clone(),
        });
        // Nothing ordered yet: a signed, definite no.
        assert!(matches!(
            wire::read_done(&reply, &signed, &credentials.secret),
            Err(LoyaltyError::Rejected(_))
        ));
    }

    #[test]
    fn answers_numbered_json_requests_and_ignores_anything_else() {
        let mut server = DemoServer::default();
        let request = DemoRequest {
            id: 7,
            call: DemoCall::Profile {
                filial: DEMO_BRANCH_TOKEN.into(),
                client: DILNOZA.into(),
            },
        };
        let answer = server.handle(&serde_json::to_string(&request).unwrap());
        let Some(FromDemo::Answer { id, status, body }) =
            answer.map(|text| serde_json::from_str(&text).unwrap())
        else {
            panic!("no answer");
        };
        assert_eq!((id, status), (7, 200));
        assert!(body.contains("125000.5"));
        assert_eq!(server.handle("{\"id\":1}"), None);
        assert_eq!(server.handle("not json"), None);
    }
}
