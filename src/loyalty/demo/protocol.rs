//! The messages between the page and the demo worker, as JSON text: the
//! worker answers each call as a server would (status and body), so the page
//! reads it with the same wire mapping as a real answer.

use serde::{Deserialize, Serialize};

use crate::loyalty::capillary::wire::CapillaryRequest;

/// What the page asks of the demo server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum DemoCall {
    /// `GET /store/customers/profile`
    Profile { filial: String, client: String },
    /// `POST /transactions` with this body.
    Transaction { body: String },
    /// `POST /transactions/refund` with this body.
    Refund { body: String },
    /// The seeded customers, as `[[code, name], …]`.
    Samples,
    /// A Capillary request with its `Authorization` header value.
    Capillary {
        request: CapillaryRequest,
        authorization: String,
    },
    /// The one-time code last sent to `mobile`, as `{"otp": "…"}` (404 when
    /// none is waiting): the demo shows on screen what the SMS would say.
    CapillaryOtp { mobile: String },
    /// What to try in a Capillary demo, as [`CapillarySamples`].
    CapillarySamples,
    /// An AppsPOS call: `path` follows the base URL (`/check_paid_status`),
    /// `body` is the exact signed JSON.
    AppsPos { path: String, body: String },
    /// The AppsPOS sample codes, as `[[code, what it is for], …]`.
    AppsPosSamples,
}

/// Sample members, a mobile to enrol and coupon codes of the Capillary demo.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CapillarySamples {
    /// `[mobile, name]`.
    pub members: Vec<(String, String)>,
    pub not_a_member: String,
    /// `[code, what it is]`, e.g. `["SAVE10K", "ABS 10000"]`.
    pub coupons: Vec<(String, String)>,
}

/// A call, numbered so its answer finds the caller.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DemoRequest {
    pub id: u32,
    pub call: DemoCall,
}

/// What the worker says to the page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum FromDemo {
    /// The worker is loaded and listening.
    Ready,
    /// The answer to call `id`, as an HTTP server would give it.
    Answer { id: u32, status: u16, body: String },
}
