//! Where a till's store server is and how it signs its requests:
//! `https://{server}/v{N}/{sellerId}`, the cash register's name and its API
//! key (`Authorization: Basic base64(apiKey)`).

use base64::Engine as _;
use thiserror::Error;

use crate::domain::shift::is_allowed_base_url;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum AddressError {
    #[error("the store server address must use https (http only for localhost)")]
    NotHttps,
    #[error("the store server address must end in /v<API version>/<seller id>")]
    NoVersionOrSeller,
    #[error("the cash register needs a name")]
    NoRegisterName,
    #[error("the cash register needs its API key")]
    NoApiKey,
}

/// The API key of one cash register: a secret, so its `Debug` hides it and
/// it leaves this module only inside the `Authorization` header.
#[derive(Clone, PartialEq, Eq)]
pub struct ApiKey(String);

impl std::fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ApiKey(…)")
    }
}

/// A store server as the shift login configured it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreServer {
    /// Without a trailing slash; paths are appended to it.
    base: String,
    api_version: u32,
    seller: String,
    register: String,
    key: ApiKey,
}

impl StoreServer {
    pub fn new(url: &str, register: &str, key: &str) -> Result<StoreServer, AddressError> {
        let base = url.trim().trim_end_matches('/');
        if !is_allowed_base_url(base) {
            return Err(AddressError::NotHttps);
        }
        let mut segments = base.rsplit('/');
        let seller = segments.next().unwrap_or_default();
        let api_version = segments
            .next()
            .and_then(|segment| segment.strip_prefix(['v', 'V']))
            .filter(|digits| !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|digits| digits.parse().ok())
            .ok_or(AddressError::NoVersionOrSeller)?;
        if seller.is_empty() || seller.contains(':') {
            return Err(AddressError::NoVersionOrSeller);
        }
        let register = register.trim();
        if register.is_empty() {
            return Err(AddressError::NoRegisterName);
        }
        let key = key.trim();
        if key.is_empty() {
            return Err(AddressError::NoApiKey);
        }
        Ok(StoreServer {
            base: base.to_owned(),
            api_version,
            seller: seller.to_owned(),
            register: register.to_owned(),
            key: ApiKey(key.to_owned()),
        })
    }

    /// The full URL of `path` (which starts with `/`).
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// The path of this register's resources, its name escaped.
    pub fn register_path(&self, rest: &str) -> String {
        format!("/registrations/{}{rest}", escape_segment(&self.register))
    }

    pub fn api_version(&self) -> u32 {
        self.api_version
    }

    pub fn seller(&self) -> &str {
        &self.seller
    }

    pub fn register(&self) -> &str {
        &self.register
    }

    /// The value of the `Authorization` header.
    pub fn authorization(&self) -> String {
        format!(
            "Basic {}",
            base64::engine::general_purpose::STANDARD.encode(&self.key.0)
        )
    }
}

/// Percent-escapes everything but unreserved characters, for one path segment.
pub fn escape_segment(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_address_names_the_api_version_and_the_seller() {
        let server = StoreServer::new(
            " https://s.srv4pos.com/v45/UZ301234567/ ",
            " Till 1 ",
            "key",
        )
        .unwrap();
        assert_eq!((server.api_version(), server.seller()), (45, "UZ301234567"));
        assert_eq!(
            server.url("/products?offset=0&limit=1000"),
            "https://s.srv4pos.com/v45/UZ301234567/products?offset=0&limit=1000"
        );
        assert_eq!(
            server.register_path("/balance"),
            "/registrations/Till%201/balance"
        );
        let local = StoreServer::new("http://127.0.0.1:8792/srv4pos/v45/UZ1", "T", "k").unwrap();
        assert_eq!(
            local.url("/version"),
            "http://127.0.0.1:8792/srv4pos/v45/UZ1/version"
        );
    }

    #[test]
    fn incomplete_addresses_are_refused() {
        let refused = |url: &str| StoreServer::new(url, "Till", "key").unwrap_err();
        assert_eq!(
            refused("http://s.srv4pos.com/v45/UZ1"),
            AddressError::NotHttps
        );
        assert_eq!(
            refused("https://s.srv4pos.com/UZ1"),
            AddressError::NoVersionOrSeller
        );
        assert_eq!(
            refused("https://s.srv4pos.com/v45"),
            AddressError::NoVersionOrSeller
        );
        assert_eq!(
            refused("https://s.srv4pos.com/vx/UZ1"),
            AddressError::NoVersionOrSeller
        );
        let url = "https://s.srv4pos.com/v45/UZ1";
        assert_eq!(
            StoreServer::new(url, " ", "k"),
            Err(AddressError::NoRegisterName)
        );
        assert_eq!(StoreServer::new(url, "T", ""), Err(AddressError::NoApiKey));
    }

    #[test]
    fn the_key_is_sent_as_basic_and_never_shown() {
        let server = StoreServer::new("https://s.srv4pos.com/v45/UZ1", "Till", "s3cr3t").unwrap();
        assert_eq!(server.authorization(), "Basic czNjcjN0");
        assert!(!format!("{server:?}").contains("s3cr3t"));
    }
}
