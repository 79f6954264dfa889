//! Sending one request of any provider's client (browser only): the answer
//! as received, or "unreachable" for any failure to get one.

use gloo_net::http::Request;

use super::aos::wire::Reply;
use super::error::LoyaltyError;

/// Network errors, CORS refusals and timeouts are all an unknown outcome.
/// The browser's error text is dropped: it holds the URL, and a GET's URL
/// may hold a branch token or a customer's mobile.
pub async fn reply(request: Request) -> Result<Reply, LoyaltyError> {
    let response = request
        .send()
        .await
        .map_err(|_| LoyaltyError::Unreachable)?;
    let status = response.status();
    let body = response
        .text()
        .await
        .map_err(|_| LoyaltyError::Unreachable)?;
    Ok(Reply { status, body })
}
