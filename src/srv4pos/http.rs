//! Reaching the store server from the browser: one attempt per request,
//! the key in the `Authorization` header only, a timeout, and no browser
//! error text kept (it would carry the URL).

use gloo_net::http::Request as HttpRequest;
use web_sys::AbortSignal;

use super::address::StoreServer;
use super::error::StoreServerError;
use super::sync::{Answer, Request};

/// Long enough for a 1000-product page on a slow line.
const TIMEOUT_MS: u32 = 20_000;

/// An answer as received, whatever its status.
pub struct Fetched {
    pub status: u16,
    pub etag: Option<String>,
    pub body: String,
}

impl Fetched {
    pub fn answer(&self) -> Answer<'_> {
        Answer {
            status: self.status,
            etag: self.etag.as_deref(),
            body: &self.body,
        }
    }
}

/// Network errors, CORS refusals and timeouts are all "unreachable".
pub async fn get(server: &StoreServer, request: &Request) -> Result<Fetched, StoreServerError> {
    let mut builder = HttpRequest::get(&server.url(&request.path))
        .header("Authorization", &server.authorization())
        .header("Accept", "application/json");
    if let Some(etag) = &request.if_none_match {
        builder = builder.header("If-None-Match", etag);
    }
    let response = builder
        .abort_signal(Some(&AbortSignal::timeout_with_u32(TIMEOUT_MS)))
        .send()
        .await
        .map_err(|_| StoreServerError::Unreachable)?;
    let status = response.status();
    let etag = response.headers().get("etag");
    let body = response
        .text()
        .await
        .map_err(|_| StoreServerError::Unreachable)?;
    Ok(Fetched { status, etag, body })
}
