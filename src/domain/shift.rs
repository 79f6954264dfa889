//! Opening a shift: what a cashier must provide before the first sale.

use thiserror::Error;

use super::money::Money;
use super::number_input::{parse_money, InputError};

/// What the cashier typed on the shift login screen, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ShiftLoginForm {
    pub base_url: String,
    pub branch_token: String,
    pub cashier: String,
    pub opening_cash: String,
}

/// A field of the shift login form, named so that errors can point at it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoginField {
    BaseUrl,
    BranchToken,
    Cashier,
    OpeningCash,
}

/// Never carries the branch token: errors end up on screen and in logs.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum LoginError {
    #[error("required field is empty: {0:?}")]
    Missing(LoginField),
    #[error("the server address must use https (http only for localhost)")]
    InsecureBaseUrl,
    #[error("opening cash: {0}")]
    OpeningCash(InputError),
}

/// Where the till's loyalty server is, and the branch's secret for it.
#[derive(Clone, PartialEq, Eq)]
pub struct ServerAccess {
    /// Without a trailing slash, so paths can be appended.
    pub base_url: String,
    pub branch_token: String,
}

/// Redacted: the token must never reach a log through `{:?}`.
impl std::fmt::Debug for ServerAccess {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ServerAccess")
            .field("base_url", &self.base_url)
            .field("branch_token", &"<redacted>")
            .finish()
    }
}

/// An open shift's identity: who sells, and with how much cash in the drawer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShiftOpening {
    pub access: ServerAccess,
    pub cashier: String,
    pub opening_cash: Money,
}

impl ShiftLoginForm {
    /// Checks the form and turns it into a shift opening. Reports the first
    /// problem in screen order, so the message matches what the cashier sees.
    pub fn open(&self) -> Result<ShiftOpening, LoginError> {
        let fields = [
            (LoginField::BaseUrl, &self.base_url),
            (LoginField::BranchToken, &self.branch_token),
            (LoginField::Cashier, &self.cashier),
            (LoginField::OpeningCash, &self.opening_cash),
        ];
        if let Some((field, _)) = fields.iter().find(|(_, value)| value.trim().is_empty()) {
            return Err(LoginError::Missing(*field));
        }
        let base_url = self.base_url.trim().trim_end_matches('/');
        if !is_allowed_base_url(base_url) {
            return Err(LoginError::InsecureBaseUrl);
        }
        Ok(ShiftOpening {
            access: ServerAccess {
                base_url: base_url.to_owned(),
                branch_token: self.branch_token.trim().to_owned(),
            },
            cashier: self.cashier.trim().to_owned(),
            opening_cash: parse_money(&self.opening_cash).map_err(LoginError::OpeningCash)?,
        })
    }
}

/// `https://` anywhere; plain `http://` only to this machine, where there is
/// no network to eavesdrop on (a local sandbox or a development server).
pub fn is_allowed_base_url(url: &str) -> bool {
    let host_of = |rest: &str| -> String {
        let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
        let host = match authority.strip_prefix('[') {
            Some(v6) => v6.split(']').next().unwrap_or_default(),
            None => authority.split(':').next().unwrap_or_default(),
        };
        host.to_ascii_lowercase()
    };
    let lower = url.to_ascii_lowercase();
    if let Some(rest) = lower.strip_prefix("https://") {
        return !host_of(rest).is_empty();
    }
    match lower.strip_prefix("http://") {
        Some(rest) => matches!(host_of(rest).as_str(), "localhost" | "127.0.0.1" | "::1"),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filled() -> ShiftLoginForm {
        ShiftLoginForm {
            base_url: "https://dev-api.aos-shop.uz/".into(),
            branch_token: "secret".into(),
            cashier: " Aziza ".into(),
            opening_cash: "100 000".into(),
        }
    }

    #[test]
    fn a_filled_form_opens_a_shift() {
        let opening = filled().open().unwrap();
        assert_eq!(opening.access.base_url, "https://dev-api.aos-shop.uz");
        assert_eq!(opening.cashier, "Aziza");
        assert_eq!(opening.opening_cash, Money::sum(100_000));
    }

    #[test]
    fn the_first_empty_field_in_screen_order_is_reported() {
        let form = ShiftLoginForm {
            branch_token: "  ".into(),
            opening_cash: String::new(),
            ..filled()
        };
        assert_eq!(
            form.open(),
            Err(LoginError::Missing(LoginField::BranchToken))
        );
        assert_eq!(
            ShiftLoginForm::default().open(),
            Err(LoginError::Missing(LoginField::BaseUrl))
        );
    }

    #[test]
    fn opening_cash_must_be_an_amount() {
        let form = ShiftLoginForm {
            opening_cash: "lots".into(),
            ..filled()
        };
        assert_eq!(
            form.open(),
            Err(LoginError::OpeningCash(InputError::NotANumber))
        );
    }

    #[test]
    fn only_https_or_local_http_is_accepted() {
        for ok in [
            "https://dev-api.aos-shop.uz",
            "HTTPS://api.example.uz/v1",
            "http://localhost:8787",
            "http://127.0.0.1:9000/api",
            "http://[::1]:8080",
        ] {
            assert!(is_allowed_base_url(ok), "{ok}");
        }
        for bad in [
            "http://dev-api.aos-shop.uz",
            "http://localhost.evil.example",
            "http://127.0.0.1.evil.example",
            "ftp://localhost",
            "dev-api.aos-shop.uz",
            "https://",
            "javascript:alert(1)",
        ] {
            assert!(!is_allowed_base_url(bad), "{bad}");
        }
    }

    #[test]
    fn the_token_never_shows_in_debug_output() {
        let opening = filled().open().unwrap();
        assert!(!format!("{opening:?}").contains("secret"));
    }
}
