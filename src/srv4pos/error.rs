//! The answer classes of the store server: what each failure means for the
//! till. None of them carries the API key.

use serde::Deserialize;
use serde_json::Value;
use thiserror::Error;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum StoreServerError {
    /// 401: the API key was rejected. Log in again; nothing is lost.
    #[error("the store server rejected the API key")]
    KeyRejected,
    /// 403: the cash register is not (yet) approved. Log in again later.
    #[error("the cash register is not approved by the store server")]
    NotApproved,
    /// 410: this API version is no longer served; Kassa must be updated.
    #[error("this version of the store server API is no longer served")]
    ApiGone,
    /// 422 `DAY_IS_CLOSED`: the day must be opened again (close and reopen
    /// the shift); a sale stays queued.
    #[error("the day is closed on the store server")]
    DayClosed,
    /// 422 `DAY_IS_NOT_CLOSED`.
    #[error("the day is not closed on the store server")]
    DayNotClosed,
    /// 422 `RECEIPT_IS_PRINTED_ALREADY`: for a receipt confirmation, done.
    #[error("the receipt was confirmed as printed already")]
    ReceiptPrintedAlready,
    /// 422 `REPORT_IS_NOT_PRINTED`.
    #[error("the report is not printed")]
    ReportNotPrinted,
    /// 400 (or another 422): a definite no, with the server's reasons.
    #[error("refused by the store server: {0}")]
    Rejected(String),
    /// 404.
    #[error("not found on the store server")]
    NotFound,
    /// 409: the identifier is taken by a different body, or a version
    /// conflict — a bug to surface, never to retry.
    #[error("conflict on the store server: {0}")]
    Conflict(String),
    /// Timeout, network error or 5xx: the outcome is unknown; retry with
    /// the identical body.
    #[error("the store server could not be reached")]
    Unreachable,
    /// A 2xx whose body does not follow the contract, or an unexpected status.
    #[error("unexpected answer from the store server")]
    UnexpectedAnswer,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ErrorBody {
    error: String,
    details: Value,
}

impl StoreServerError {
    /// The class of a non-2xx answer, read from its status and body (which
    /// may be anything: an HTML error page, a proxy's text).
    pub fn of_answer(status: u16, body: &str) -> StoreServerError {
        let parsed: ErrorBody = serde_json::from_str(body).unwrap_or_default();
        match status {
            401 => StoreServerError::KeyRejected,
            403 => StoreServerError::NotApproved,
            404 => StoreServerError::NotFound,
            409 => StoreServerError::Conflict(parsed.error),
            410 => StoreServerError::ApiGone,
            422 => match detail_type(&parsed.details).as_deref() {
                Some("DAY_IS_CLOSED") => StoreServerError::DayClosed,
                Some("DAY_IS_NOT_CLOSED") => StoreServerError::DayNotClosed,
                Some("RECEIPT_IS_PRINTED_ALREADY") => StoreServerError::ReceiptPrintedAlready,
                Some("REPORT_IS_NOT_PRINTED") => StoreServerError::ReportNotPrinted,
                _ => StoreServerError::Rejected(reasons(&parsed)),
            },
            400 => StoreServerError::Rejected(reasons(&parsed)),
            408 | 429 | 500..=599 => StoreServerError::Unreachable,
            _ => StoreServerError::UnexpectedAnswer,
        }
    }

    /// The cashier must log in again (nothing is lost).
    pub fn needs_login(&self) -> bool {
        matches!(
            self,
            StoreServerError::KeyRejected | StoreServerError::NotApproved
        )
    }

    /// Worth retrying later with the identical request.
    pub fn is_unknown_outcome(&self) -> bool {
        matches!(self, StoreServerError::Unreachable)
    }
}

fn detail_type(details: &Value) -> Option<String> {
    let found = match details {
        Value::Object(fields) => fields.get("type"),
        Value::Array(items) => items.iter().find_map(|item| item.get("type")),
        _ => None,
    };
    found.and_then(Value::as_str).map(str::to_owned)
}

/// `field: message` for each detail of a 400, else the error's name.
fn reasons(body: &ErrorBody) -> String {
    let listed: Vec<String> = match &body.details {
        Value::Array(items) => items
            .iter()
            .filter_map(|item| {
                let message = item.get("message").and_then(Value::as_str)?;
                Some(match item.get("field").and_then(Value::as_str) {
                    Some(field) => format!("{field}: {message}"),
                    None => message.to_owned(),
                })
            })
            .collect(),
        Value::String(text) => vec![text.clone()],
        _ => Vec::new(),
    };
    if listed.is_empty() {
        body.error.clone()
    } else {
        listed.join("; ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_map_to_what_the_till_does() {
        assert_eq!(
            StoreServerError::of_answer(401, ""),
            StoreServerError::KeyRejected
        );
        assert!(StoreServerError::of_answer(403, "<html>").needs_login());
        assert_eq!(
            StoreServerError::of_answer(410, "{}"),
            StoreServerError::ApiGone
        );
        assert_eq!(
            StoreServerError::of_answer(404, "{}"),
            StoreServerError::NotFound
        );
        assert!(StoreServerError::of_answer(503, "Service Unavailable").is_unknown_outcome());
        assert_eq!(
            StoreServerError::of_answer(302, ""),
            StoreServerError::UnexpectedAnswer
        );
        assert_eq!(
            StoreServerError::of_answer(409, r#"{"error": "VersionConflictJsonException"}"#),
            StoreServerError::Conflict("VersionConflictJsonException".into())
        );
    }

    #[test]
    fn a_422_says_which_rule_refused() {
        let answer = |kind: &str| {
            StoreServerError::of_answer(
                422,
                &format!(
                    r#"{{"error": "UnprocessableJsonException", "details": {{"type": "{kind}"}}}}"#
                ),
            )
        };
        assert_eq!(answer("DAY_IS_CLOSED"), StoreServerError::DayClosed);
        assert_eq!(answer("DAY_IS_NOT_CLOSED"), StoreServerError::DayNotClosed);
        assert_eq!(
            answer("RECEIPT_IS_PRINTED_ALREADY"),
            StoreServerError::ReceiptPrintedAlready
        );
        assert_eq!(
            answer("REPORT_IS_NOT_PRINTED"),
            StoreServerError::ReportNotPrinted
        );
        assert_eq!(
            answer("SOMETHING_NEW"),
            StoreServerError::Rejected("UnprocessableJsonException".into())
        );
        assert_eq!(
            StoreServerError::of_answer(422, "not json"),
            StoreServerError::Rejected(String::new())
        );
    }

    #[test]
    fn a_400_lists_the_fields_refused() {
        let body = r#"{"error": "ValueNotValidJsonException",
            "details": [{"field": "lines[0].price", "message": "must be positive"}, {"message": "bad"}]}"#;
        assert_eq!(
            StoreServerError::of_answer(400, body),
            StoreServerError::Rejected("lines[0].price: must be positive; bad".into())
        );
    }
}
