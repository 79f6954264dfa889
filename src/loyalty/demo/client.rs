//! The page's handle on the demo worker: calls go out numbered, answers come
//! back as server replies. Calls made before the worker is ready wait for it;
//! a worker that cannot start or traps fails the calls in flight as an
//! unreachable server (a sale stays queued, as with a real outage), and the
//! next call starts a new one.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::{Rc, Weak};

use futures_channel::oneshot;
use wasm_bindgen::JsValue;

use super::protocol::{CapillarySamples, DemoCall, DemoRequest, FromDemo};
use super::DEMO_BRANCH_TOKEN;
use crate::domain::customer::{Customer, CustomerCode};
use crate::domain::mobile::MobileNumber;
use crate::loyalty::aos::wire::{self, RefundAccepted, Reply, TransactionAccepted};
use crate::loyalty::appspos::wire::SignedRequest;
use crate::loyalty::capillary::auth::Authorization;
use crate::loyalty::capillary::wire::CapillaryRequest;
use crate::loyalty::error::LoyaltyError;
use crate::web::worker::AppWorker;

/// The `[[bin]]` of the demo server's wasm.
const WORKER: &str = "demo_worker";

/// Clones share one worker (the AOS backend and the Capillary client of a
/// demo shift talk to the same one).
#[derive(Clone)]
pub struct DemoBackend(Rc<RefCell<Link>>);

#[derive(Default)]
struct Link {
    worker: Option<AppWorker>,
    ready: bool,
    /// Requests (JSON) waiting for the worker to be ready.
    queued: Vec<String>,
    callers: HashMap<u32, oneshot::Sender<Reply>>,
    next_id: u32,
}

impl DemoBackend {
    /// Starts the worker at once, so it is loaded by the first scan.
    pub fn start() -> DemoBackend {
        let link = Rc::new(RefCell::new(Link::default()));
        start_worker(&link);
        DemoBackend(link)
    }

    pub async fn customer(&self, code: &CustomerCode) -> Result<Customer, LoyaltyError> {
        let call = DemoCall::Profile {
            filial: DEMO_BRANCH_TOKEN.to_owned(),
            client: code.as_str().to_owned(),
        };
        wire::read_profile(code, &self.call(call).await?)
    }

    pub async fn submit(&self, body_json: &str) -> Result<TransactionAccepted, LoyaltyError> {
        let call = DemoCall::Transaction {
            body: body_json.to_owned(),
        };
        wire::read_transaction(&self.call(call).await?)
    }

    pub async fn refund(&self, body_json: &str) -> Result<RefundAccepted, LoyaltyError> {
        let call = DemoCall::Refund {
            body: body_json.to_owned(),
        };
        wire::read_refund(&self.call(call).await?)
    }

    /// Customer codes to try in the demo, with names.
    pub async fn sample_customers(&self) -> Vec<(String, String)> {
        match self.call(DemoCall::Samples).await {
            Ok(reply) => serde_json::from_str(&reply.body).unwrap_or_default(),
            Err(_) => Vec::new(),
        }
    }

    /// A Capillary request, answered by the demo's Capillary rules as the
    /// server would answer it over HTTP.
    pub async fn capillary(
        &self,
        request: &CapillaryRequest,
        authorization: &Authorization,
    ) -> Result<Reply, LoyaltyError> {
        let call = DemoCall::Capillary {
            request: request.clone(),
            authorization: authorization.header_value().to_owned(),
        };
        self.call(call).await
    }

    /// The one-time code waiting for `mobile`, to show on the demo screen.
    pub async fn capillary_otp(&self, mobile: &MobileNumber) -> Option<String> {
        let call = DemoCall::CapillaryOtp {
            mobile: mobile.as_str().to_owned(),
        };
        let reply = self.call(call).await.ok().filter(|r| r.status == 200)?;
        #[derive(serde::Deserialize)]
        struct Otp {
            otp: String,
        }
        serde_json::from_str::<Otp>(&reply.body).ok().map(|o| o.otp)
    }

    /// Members, a mobile to enrol and coupons to try in the Capillary demo.
    pub async fn capillary_samples(&self) -> CapillarySamples {
        match self.call(DemoCall::CapillarySamples).await {
            Ok(reply) => serde_json::from_str(&reply.body).unwrap_or_default(),
            Err(_) => CapillarySamples::default(),
        }
    }

    /// A signed AppsPOS request, answered by the demo's AppsPOS rules.
    pub async fn appspos(&self, request: &SignedRequest) -> Result<Reply, LoyaltyError> {
        let call = DemoCall::AppsPos {
            path: format!("/{}", request.api.name()),
            body: request.body.clone(),
        };
        self.call(call).await
    }

    /// The AppsPOS sample codes with what each is for.
    pub async fn appspos_samples(&self) -> Vec<(String, String)> {
        match self.call(DemoCall::AppsPosSamples).await {
            Ok(reply) => serde_json::from_str(&reply.body).unwrap_or_default(),
            Err(_) => Vec::new(),
        }
    }

    async fn call(&self, call: DemoCall) -> Result<Reply, LoyaltyError> {
        let answer = {
            let mut link = self.0.borrow_mut();
            link.next_id = link.next_id.wrapping_add(1);
            let id = link.next_id;
            let request = serde_json::to_string(&DemoRequest { id, call })
                .map_err(|_| LoyaltyError::Unreachable)?;
            let (sender, answer) = oneshot::channel();
            link.callers.insert(id, sender);
            link.queued.push(request);
            answer
        };
        if self.0.borrow().worker.is_none() {
            start_worker(&self.0);
        }
        send_queued(&self.0);
        answer.await.map_err(|_| LoyaltyError::Unreachable)
    }
}

fn start_worker(link: &Rc<RefCell<Link>>) {
    let on_message = {
        let link = Rc::downgrade(link);
        Box::new(move |data: JsValue| received(&link, data))
    };
    let on_failure = {
        let link = Rc::downgrade(link);
        Rc::new(move || {
            if let Some(link) = link.upgrade() {
                // Dropping the callers' senders fails their calls.
                *link.borrow_mut() = Link::default();
            }
        })
    };
    let worker = AppWorker::start(WORKER, on_message, on_failure);
    let mut link = link.borrow_mut();
    if worker.is_none() {
        link.queued.clear();
        link.callers.clear();
    }
    link.worker = worker;
}

fn received(link: &Weak<RefCell<Link>>, data: JsValue) {
    let Some(link) = link.upgrade() else {
        return;
    };
    let Some(message) = data
        .as_string()
        .and_then(|text| serde_json::from_str::<FromDemo>(&text).ok())
    else {
        return;
    };
    match message {
        FromDemo::Ready => {
            link.borrow_mut().ready = true;
            send_queued(&link);
        }
        FromDemo::Answer { id, status, body } => {
            let caller = link.borrow_mut().callers.remove(&id);
            if let Some(caller) = caller {
                let _ = caller.send(Reply { status, body });
            }
        }
    }
}

fn send_queued(link: &Rc<RefCell<Link>>) {
    let mut link = link.borrow_mut();
    if !link.ready {
        return;
    }
    let queued = std::mem::take(&mut link.queued);
    if let Some(worker) = &link.worker {
        for request in queued {
            worker.post(&JsValue::from_str(&request));
        }
    }
}
