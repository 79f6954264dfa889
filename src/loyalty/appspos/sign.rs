//! The request and response signatures, **provisional** (appspos-contract.md
//! "Signature (ours)"): AppsPOS gives its real rule only with the beta
//! credentials. This module is the one place to change when it is known.
//!
//! - `request_signature = hex(HMAC-SHA256(secret, canonical))`, lower-case,
//!   where `canonical` is the API name, a newline, then the body's top-level
//!   fields other than `request_signature` and `data`, sorted by name, each
//!   `name=value`, joined by `&` (strings as they are, integers in decimal).
//! - `response_signature = hex(HMAC-SHA256(secret, request_signature +
//!   server_time + status))`.

use std::fmt;

use hmac::{Hmac, Mac};
use serde_json::Value;
use sha2::Sha256;

type HmacSha256 = Hmac<Sha256>;

/// The branch's signing secret, typed at shift login beside the API key.
/// Kept like a token: its `Debug` shows nothing of it, and no error or URL
/// ever carries it.
#[derive(Clone, PartialEq, Eq)]
pub struct SigningSecret(String);

impl SigningSecret {
    /// As typed: every character may matter, so nothing is trimmed.
    pub fn new(secret: impl Into<String>) -> SigningSecret {
        SigningSecret(secret.into())
    }

    /// For the stored shift only.
    pub fn expose(&self) -> &str {
        &self.0
    }

    fn mac(&self) -> HmacSha256 {
        // HMAC takes a key of any length, so this never fails.
        HmacSha256::new_from_slice(self.0.as_bytes())
            .unwrap_or_else(|_| unreachable!("HMAC accepts every key length"))
    }
}

impl fmt::Debug for SigningSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SigningSecret(<redacted>)")
    }
}

/// The fields the signature leaves out.
const UNSIGNED: [&str; 2] = ["request_signature", "data"];

/// The text that is signed, from the body's top-level fields as
/// `(name, value)` with values already written as text.
pub fn canonical<'a>(
    api_name: &str,
    fields: impl IntoIterator<Item = (&'a str, String)>,
) -> String {
    let mut signed: Vec<(&str, String)> = fields
        .into_iter()
        .filter(|(name, _)| !UNSIGNED.contains(name))
        .collect();
    signed.sort_by(|a, b| a.0.cmp(b.0));
    let pairs: Vec<String> = signed
        .into_iter()
        .map(|(name, value)| format!("{name}={value}"))
        .collect();
    format!("{api_name}\n{}", pairs.join("&"))
}

/// A top-level field's value as the canonical text writes it: a string as
/// it is, an integer in decimal; `None` for anything else (a body the rule
/// cannot sign).
pub fn field_text(value: &Value) -> Option<String> {
    match value {
        Value::String(text) => Some(text.clone()),
        Value::Number(number) if number.is_i64() || number.is_u64() => Some(number.to_string()),
        _ => None,
    }
}

/// `hex(HMAC-SHA256(secret, canonical))`.
pub fn request_signature(secret: &SigningSecret, canonical: &str) -> String {
    let mut mac = secret.mac();
    mac.update(canonical.as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

/// What a server answering that request signs its answer with.
pub fn response_signature(
    secret: &SigningSecret,
    request_signature: &str,
    server_time: &str,
    status: &str,
) -> String {
    hex::encode(
        response_mac(secret, request_signature, server_time, status)
            .finalize()
            .into_bytes(),
    )
}

/// Whether `given` (hex, either case) is the answer's true signature;
/// compared in constant time.
pub fn verify_response(
    secret: &SigningSecret,
    request_signature: &str,
    server_time: &str,
    status: &str,
    given: &str,
) -> bool {
    let Ok(given) = hex::decode(given.trim()) else {
        return false;
    };
    response_mac(secret, request_signature, server_time, status)
        .verify_slice(&given)
        .is_ok()
}

/// Whether `given` is the request signature of `canonical`, in constant time.
pub fn verify_request(secret: &SigningSecret, canonical: &str, given: &str) -> bool {
    let Ok(given) = hex::decode(given.trim()) else {
        return false;
    };
    let mut mac = secret.mac();
    mac.update(canonical.as_bytes());
    mac.verify_slice(&given).is_ok()
}

fn response_mac(
    secret: &SigningSecret,
    request_signature: &str,
    server_time: &str,
    status: &str,
) -> HmacSha256 {
    let mut mac = secret.mac();
    mac.update(request_signature.as_bytes());
    mac.update(server_time.as_bytes());
    mac.update(status.as_bytes());
    mac
}

#[cfg(test)]
mod tests {
    use super::*;

    // Expected values computed independently with Python's hmac/hashlib:
    // hmac.new(secret.encode(), text.encode(), hashlib.sha256).hexdigest()
    const SECRET: &str = "kassa-demo-secret";
    const PAID_STATUS_CANONICAL: &str = "check_paid_status\napi_key=fff426a0-3ddf-43f6-93f9-8a63ce29cb76&branch_code=B1&language_code=en&payment_status_reference_no=150&pos_name=20171004124370&transaction_qrcode=QR-20200130-4D03-0000002";
    const PAID_STATUS_SIGNATURE: &str =
        "49b40a3d8c459a604fdeed018e7656d7e3f42ce791213b2253ada02361f2cb7b";

    fn secret() -> SigningSecret {
        SigningSecret::new(SECRET)
    }

    #[test]
    fn hmac_sha256_is_the_standard_one() {
        // RFC 4231, test case 2.
        assert_eq!(
            request_signature(&SigningSecret::new("Jefe"), "what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }

    #[test]
    fn the_contract_example_check_paid_status() {
        // The vendor's sample request, fields in its order: sorting is the rule's.
        let fields = [
            ("api_key", "fff426a0-3ddf-43f6-93f9-8a63ce29cb76"),
            ("transaction_qrcode", "QR-20200130-4D03-0000002"),
            ("language_code", "en"),
            ("branch_code", "B1"),
            ("pos_name", "20171004124370"),
            ("payment_status_reference_no", "150"),
            (
                "request_signature",
                "ef8f87a3f9be3da6aae98fefe01bc9c2509aca348b17fd218dd0e6dff79b41d7",
            ),
        ]
        .map(|(name, value)| (name, value.to_owned()));
        let text = canonical("check_paid_status", fields);
        assert_eq!(text, PAID_STATUS_CANONICAL);
        assert_eq!(request_signature(&secret(), &text), PAID_STATUS_SIGNATURE);
        assert!(verify_request(&secret(), &text, PAID_STATUS_SIGNATURE));
        assert!(!verify_request(
            &SigningSecret::new("guess"),
            &text,
            PAID_STATUS_SIGNATURE
        ));
    }

    #[test]
    fn integers_in_decimal_and_data_unsigned() {
        let body: serde_json::Map<String, Value> = serde_json::from_str(
            r#"{"transaction_qrcode":"QR-20191218-724B-0000005","branch_code":"B1","api_key":"fff426a0-3ddf-43f6-93f9-8a63ce29cb76","language_code":"en","pos_name":"20171004124370","can_release_for_payment":1,"data":[{"price":1}]}"#,
        )
        .unwrap();
        let fields: Vec<(&str, String)> = body
            .iter()
            .map(|(name, value)| (name.as_str(), field_text(value).unwrap_or_default()))
            .collect();
        let text = canonical("order_to_release_payment", fields);
        assert!(text.contains("&can_release_for_payment=1&"), "{text}");
        assert!(!text.contains("data"), "{text}");
        assert_eq!(
            request_signature(&secret(), &text),
            "7fa863c77fc2cf833ea51967657feb413ea997423443ab590257d2d41968ba97"
        );
        assert_eq!(field_text(&serde_json::json!(2.5)), None);
        assert_eq!(field_text(&serde_json::json!(true)), None);
    }

    #[test]
    fn response_signature_and_its_check() {
        let signature =
            response_signature(&secret(), PAID_STATUS_SIGNATURE, "2020-03-05 13:06:28", "1");
        assert_eq!(
            signature,
            "b135eb3b0981276df98ca4b7f85365b0f758f5e98bc4964bd3da7505632b453b"
        );
        let check = |status: &str, given: &str| {
            verify_response(
                &secret(),
                PAID_STATUS_SIGNATURE,
                "2020-03-05 13:06:28",
                status,
                given,
            )
        };
        assert!(check("1", &signature));
        assert!(check("1", &signature.to_uppercase()));
        assert!(!check("2", &signature));
        assert!(!check("1", "not hex"));
        assert!(!check("1", ""));
    }

    #[test]
    fn a_secret_in_any_script_and_never_in_debug() {
        assert_eq!(
            request_signature(&SigningSecret::new("Секрет ü"), PAID_STATUS_CANONICAL),
            "2d52d214a3ee56d25ede397f4ebb99df6952984837d251b5d493cdf60e84c770"
        );
        let shown = format!("{:?}", Some(secret()));
        assert!(!shown.contains(SECRET), "{shown}");
        assert!(shown.contains("redacted"));
    }
}
