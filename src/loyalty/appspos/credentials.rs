//! What a till needs to call AppsPOS: the branch's API key and signing
//! secret, the branch code, and this till's `pos_name`.

use std::fmt;

use super::sign::SigningSecret;

#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    /// A secret like the secret itself: never in a URL, a log or an error.
    pub api_key: String,
    pub secret: SigningSecret,
    pub branch_code: String,
    /// This till's id.
    pub pos_name: String,
}

impl Credentials {
    /// From what the cashier typed: the key and codes trimmed (a stray
    /// space is never part of them), the secret as typed.
    pub fn new(api_key: &str, secret: &str, branch_code: &str, pos_name: &str) -> Credentials {
        Credentials {
            api_key: api_key.trim().to_owned(),
            secret: SigningSecret::new(secret),
            branch_code: branch_code.trim().to_owned(),
            pos_name: pos_name.trim().to_owned(),
        }
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("api_key", &"<redacted>")
            .field("secret", &self.secret)
            .field("branch_code", &self.branch_code)
            .field("pos_name", &self.pos_name)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_shows_neither_key_nor_secret() {
        let credentials = Credentials::new(" key-123 ", "s3cret", "B1", "T1");
        assert_eq!(credentials.api_key, "key-123");
        let shown = format!("{credentials:?}");
        assert!(
            !shown.contains("key-123") && !shown.contains("s3cret"),
            "{shown}"
        );
        assert!(shown.contains("B1"));
    }
}
