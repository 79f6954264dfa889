//! What can go wrong between the till and a loyalty server.

use thiserror::Error;

/// The outcome classes of the contract. None of them carries the branch token.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum LoyaltyError {
    /// 401/403: the cashier must log in again; nothing is lost.
    #[error("the branch token was rejected")]
    TokenRejected,
    /// 404 on a profile: unknown customer or an expired QR code.
    #[error("customer not found")]
    CustomerNotFound,
    /// 400/422: a definite no, with the server's reason (possibly empty).
    #[error("rejected by the loyalty server: {0}")]
    Rejected(String),
    /// 409: the receipt number is taken by a different receipt — a bug to
    /// surface, never to retry.
    #[error("receipt number already used by a different receipt: {0}")]
    Conflict(String),
    /// Timeout, network error or 5xx: the outcome is unknown, so a sale is
    /// kept and retried with the identical body.
    #[error("the loyalty server could not be reached")]
    Unreachable,
    /// A 2xx whose body does not follow the contract, or an unexpected status.
    #[error("unexpected answer from the loyalty server")]
    UnexpectedAnswer,
}
