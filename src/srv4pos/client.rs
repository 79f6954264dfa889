//! The store server over HTTP (browser only): one request with the
//! register's `Authorization`, a timeout, and the answer as received —
//! `None` for any failure to get one (network, CORS, timeout, a connection
//! cut mid-answer), an unknown outcome. The browser's error text is
//! dropped: it may hold the URL.

use gloo_net::http::{Request, RequestBuilder};
use web_sys::AbortSignal;

use super::address::StoreServer;

const TIMEOUT_MS: u32 = 10_000;

async fn answer(request: Request) -> Option<(u16, String)> {
    let response = request.send().await.ok()?;
    let status = response.status();
    let body = response.text().await.ok()?;
    Some((status, body))
}

fn signed(builder: RequestBuilder, server: &StoreServer) -> RequestBuilder {
    builder
        .header("Authorization", &server.authorization())
        .abort_signal(Some(&AbortSignal::timeout_with_u32(TIMEOUT_MS)))
}

/// `POST {path}` with a JSON body (empty for a confirmation).
pub async fn post(server: &StoreServer, path: &str, body: &str) -> Option<(u16, String)> {
    let builder = signed(Request::post(&server.url(path)), server);
    let request = if body.is_empty() {
        builder.build().ok()?
    } else {
        builder
            .header("Content-Type", "application/json")
            .body(body.to_owned())
            .ok()?
    };
    answer(request).await
}

/// `GET {path}`.
pub async fn get(server: &StoreServer, path: &str) -> Option<(u16, String)> {
    let request = signed(Request::get(&server.url(path)), server)
        .build()
        .ok()?;
    answer(request).await
}
