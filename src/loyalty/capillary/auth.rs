//! The till's credentials as Capillary takes them: `Authorization: Basic
//! base64(till_code:md5_hex(password))`. The header value is the only thing
//! kept for the shift; the password itself is dropped at once.

use std::fmt;

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use md5::{Digest, Md5};

/// The value of the `Authorization` header. A secret like the AOS branch
/// token: its `Debug` shows nothing of it, and it never goes into a URL.
#[derive(Clone, PartialEq, Eq)]
pub struct Authorization(String);

impl Authorization {
    /// From what the cashier typed at shift login. The till code is trimmed
    /// (a stray space is never part of it); the password is taken as typed,
    /// UTF-8, since any character of it may matter.
    pub fn new(till_code: &str, password: &str) -> Authorization {
        let digest = Md5::digest(password.as_bytes());
        let hex: String = digest.iter().map(|byte| format!("{byte:02x}")).collect();
        let credentials = format!("{}:{hex}", till_code.trim());
        Authorization(format!("Basic {}", STANDARD.encode(credentials)))
    }

    /// A header value kept from an earlier login (the stored shift).
    pub fn from_header_value(value: String) -> Authorization {
        Authorization(value)
    }

    pub fn header_value(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Authorization {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Authorization(<redacted>)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Expected values computed independently with Python:
    // "Basic " + base64.b64encode((code + ":" + hashlib.md5(pw.encode()).hexdigest()).encode())
    #[test]
    fn matches_an_independent_computation() {
        for (code, password, header) in [
            (
                "kassa.till.1",
                "S3cret!pass",
                "Basic a2Fzc2EudGlsbC4xOmVjNTg1ODUyMGQzZWYwMGRjNzc0MDY4ZWY5YWE4ZjJk",
            ),
            (
                "till",
                "",
                "Basic dGlsbDpkNDFkOGNkOThmMDBiMjA0ZTk4MDA5OThlY2Y4NDI3ZQ==",
            ),
            (
                "Магазин-1",
                "пароль",
                "Basic 0JzQsNCz0LDQt9C40L0tMTplMjQyZjM2ZjRmOTVmMTI5NjZkYThmYTJlZmQ1OTk5Mg==",
            ),
        ] {
            assert_eq!(Authorization::new(code, password).header_value(), header);
        }
    }

    #[test]
    fn the_till_code_is_trimmed_the_password_is_not() {
        let typed = Authorization::new("  kassa.till.1 \n", "S3cret!pass");
        assert_eq!(typed, Authorization::new("kassa.till.1", "S3cret!pass"));
        assert_ne!(
            Authorization::new("kassa.till.1", " S3cret!pass"),
            Authorization::new("kassa.till.1", "S3cret!pass")
        );
    }

    #[test]
    fn debug_shows_nothing_of_the_secret() {
        let auth = Authorization::new("kassa.till.1", "S3cret!pass");
        let shown = format!("{auth:?} {:?}", Some(auth.clone()));
        assert!(!shown.contains("a2Fz"), "{shown}");
        assert!(!shown.contains("Basic"), "{shown}");
        assert!(shown.contains("redacted"));
    }
}
