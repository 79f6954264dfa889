//! Opening a shift: what a cashier must provide before the first sale.

use thiserror::Error;

use super::money::Money;
use super::number_input::{parse_money, InputError};
use super::provider::Provider;

/// What the cashier typed on the shift login screen, as typed. Only the
/// fields of the chosen provider are read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShiftLoginForm {
    pub provider: Provider,
    pub base_url: String,
    pub branch_token: String,
    pub till_code: String,
    pub password: String,
    pub api_key: String,
    pub secret: String,
    pub branch_code: String,
    pub store_server: StoreServerKind,
    pub srv4pos_url: String,
    pub srv4pos_key: String,
    pub register_name: String,
    pub cashier: String,
    pub opening_cash: String,
}

impl Default for ShiftLoginForm {
    fn default() -> Self {
        ShiftLoginForm {
            provider: Provider::Aos,
            base_url: String::new(),
            branch_token: String::new(),
            till_code: String::new(),
            password: String::new(),
            api_key: String::new(),
            secret: String::new(),
            branch_code: String::new(),
            store_server: StoreServerKind::None,
            srv4pos_url: String::new(),
            srv4pos_key: String::new(),
            register_name: String::new(),
            cashier: String::new(),
            opening_cash: String::new(),
        }
    }
}

/// A field of the shift login form, named so that errors can point at it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoginField {
    BaseUrl,
    BranchToken,
    TillCode,
    Password,
    ApiKey,
    Secret,
    BranchCode,
    Srv4posUrl,
    Srv4posKey,
    RegisterName,
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

/// Where a Capillary org's cluster is, and the till's credentials as the one
/// header value Kassa keeps for the shift (the password itself is dropped
/// once the header is made).
#[derive(Clone, PartialEq, Eq)]
pub struct CapillaryAccess {
    pub base_url: String,
    pub authorization: String,
}

/// Redacted: the header carries the till's credentials.
impl std::fmt::Debug for CapillaryAccess {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CapillaryAccess")
            .field("base_url", &self.base_url)
            .field("authorization", &"<redacted>")
            .finish()
    }
}

/// Where a branch's AppsPOS server is, and what the till signs its calls
/// with. The secret is kept for the shift like a token (every call is
/// signed with it); `Debug` hides both it and the key.
#[derive(Clone, PartialEq, Eq)]
pub struct AppsPosAccess {
    pub base_url: String,
    pub api_key: String,
    pub secret: String,
    pub branch_code: String,
}

impl std::fmt::Debug for AppsPosAccess {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppsPosAccess")
            .field("base_url", &self.base_url)
            .field("api_key", &"<redacted>")
            .field("secret", &"<redacted>")
            .field("branch_code", &self.branch_code)
            .finish()
    }
}

/// The store server a shift reports its sales, cash and day to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StoreServerKind {
    #[default]
    None,
    Srv4pos,
}

impl StoreServerKind {
    pub const ALL: [StoreServerKind; 2] = [StoreServerKind::None, StoreServerKind::Srv4pos];

    pub fn code(self) -> &'static str {
        match self {
            StoreServerKind::None => "none",
            StoreServerKind::Srv4pos => "srv4pos",
        }
    }

    pub fn from_code(code: &str) -> Option<StoreServerKind> {
        StoreServerKind::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// Where the shift's srv4pos store server is, which cash register this till
/// is on it, and the register's API key — as plain data: the store-server
/// adapter checks the address's form (`srv4pos::address::StoreServer`).
#[derive(Clone, PartialEq, Eq)]
pub struct StoreServerAccess {
    pub url: String,
    pub register: String,
    pub api_key: String,
}

/// Redacted: the API key is a secret like a branch token.
impl std::fmt::Debug for StoreServerAccess {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StoreServerAccess")
            .field("url", &self.url)
            .field("register", &self.register)
            .field("api_key", &"<redacted>")
            .finish()
    }
}

/// How the till reaches the shift's loyalty program.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoyaltyAccess {
    Aos(ServerAccess),
    Capillary(CapillaryAccess),
    AppsPos(AppsPosAccess),
    /// No loyalty program this shift.
    None,
}

impl LoyaltyAccess {
    pub fn provider(&self) -> Provider {
        match self {
            LoyaltyAccess::Aos(_) => Provider::Aos,
            LoyaltyAccess::Capillary(_) => Provider::Capillary,
            LoyaltyAccess::AppsPos(_) => Provider::AppsPos,
            LoyaltyAccess::None => Provider::None,
        }
    }
}

/// An open shift's identity: who sells, through which loyalty program, and
/// with how much cash in the drawer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShiftOpening {
    pub access: LoyaltyAccess,
    /// The store server, if the shift has one (never the demo's).
    pub store_server: Option<StoreServerAccess>,
    pub cashier: String,
    pub opening_cash: Money,
}

impl ShiftLoginForm {
    /// Checks the form and turns it into a shift opening. Reports the first
    /// problem in screen order, so the message matches what the cashier sees.
    /// `capillary_authorization` makes the Capillary header from the till
    /// code and the password (the adapter's rule, not the domain's).
    pub fn open(
        &self,
        capillary_authorization: impl FnOnce(&str, &str) -> String,
    ) -> Result<ShiftOpening, LoginError> {
        let provider_fields: &[(LoginField, &String)] = match self.provider {
            Provider::Aos => &[
                (LoginField::BaseUrl, &self.base_url),
                (LoginField::BranchToken, &self.branch_token),
            ],
            Provider::Capillary => &[
                (LoginField::BaseUrl, &self.base_url),
                (LoginField::TillCode, &self.till_code),
                (LoginField::Password, &self.password),
            ],
            Provider::AppsPos => &[
                (LoginField::BaseUrl, &self.base_url),
                (LoginField::ApiKey, &self.api_key),
                (LoginField::Secret, &self.secret),
                (LoginField::BranchCode, &self.branch_code),
            ],
            Provider::None => &[],
        };
        let store_fields: &[(LoginField, &String)] = match self.store_server {
            StoreServerKind::None => &[],
            StoreServerKind::Srv4pos => &[
                (LoginField::Srv4posUrl, &self.srv4pos_url),
                (LoginField::Srv4posKey, &self.srv4pos_key),
                (LoginField::RegisterName, &self.register_name),
            ],
        };
        let shift_fields = [
            (LoginField::Cashier, &self.cashier),
            (LoginField::OpeningCash, &self.opening_cash),
        ];
        if let Some((field, _)) = provider_fields
            .iter()
            .chain(store_fields)
            .chain(&shift_fields)
            .find(|(_, value)| value.trim().is_empty())
        {
            return Err(LoginError::Missing(*field));
        }
        let base_url = self.base_url.trim().trim_end_matches('/');
        if !provider_fields.is_empty() && !is_allowed_base_url(base_url) {
            return Err(LoginError::InsecureBaseUrl);
        }
        let access = match self.provider {
            Provider::Aos => LoyaltyAccess::Aos(ServerAccess {
                base_url: base_url.to_owned(),
                branch_token: self.branch_token.trim().to_owned(),
            }),
            Provider::Capillary => LoyaltyAccess::Capillary(CapillaryAccess {
                base_url: base_url.to_owned(),
                authorization: capillary_authorization(self.till_code.trim(), &self.password),
            }),
            // The secret as typed: a space may be part of it.
            Provider::AppsPos => LoyaltyAccess::AppsPos(AppsPosAccess {
                base_url: base_url.to_owned(),
                api_key: self.api_key.trim().to_owned(),
                secret: self.secret.clone(),
                branch_code: self.branch_code.trim().to_owned(),
            }),
            Provider::None => LoyaltyAccess::None,
        };
        let store_server = match self.store_server {
            StoreServerKind::None => None,
            StoreServerKind::Srv4pos => Some(StoreServerAccess {
                url: self.srv4pos_url.trim().trim_end_matches('/').to_owned(),
                register: self.register_name.trim().to_owned(),
                api_key: self.srv4pos_key.trim().to_owned(),
            }),
        };
        Ok(ShiftOpening {
            access,
            store_server,
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
            ..ShiftLoginForm::default()
        }
    }

    /// A stand-in for the Capillary header rule, so the form's own logic is
    /// what these tests see.
    fn header(till: &str, password: &str) -> String {
        format!("{till}|{password}")
    }

    #[test]
    fn a_filled_form_opens_a_shift() {
        let opening = filled().open(header).unwrap();
        let LoyaltyAccess::Aos(access) = &opening.access else {
            panic!("not an AOS shift: {opening:?}");
        };
        assert_eq!(access.base_url, "https://dev-api.aos-shop.uz");
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
            form.open(header),
            Err(LoginError::Missing(LoginField::BranchToken))
        );
        assert_eq!(
            ShiftLoginForm::default().open(header),
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
            form.open(header),
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
    fn each_provider_asks_for_its_own_fields() {
        let capillary = ShiftLoginForm {
            provider: Provider::Capillary,
            branch_token: String::new(),
            base_url: "https://eu.api.capillarytech.com".into(),
            ..filled()
        };
        assert_eq!(
            capillary.open(header),
            Err(LoginError::Missing(LoginField::TillCode))
        );
        let capillary = ShiftLoginForm {
            till_code: " till.01 ".into(),
            password: "pass word".into(),
            ..capillary
        };
        assert_eq!(
            capillary.open(header).unwrap().access,
            LoyaltyAccess::Capillary(CapillaryAccess {
                base_url: "https://eu.api.capillarytech.com".into(),
                authorization: "till.01|pass word".into(),
            })
        );
        let none = ShiftLoginForm {
            provider: Provider::None,
            base_url: String::new(),
            branch_token: String::new(),
            ..filled()
        };
        assert_eq!(none.open(header).unwrap().access, LoyaltyAccess::None);
        let appspos = ShiftLoginForm {
            provider: Provider::AppsPos,
            base_url: "https://beta.appspos.com/api/".into(),
            api_key: " key ".into(),
            ..filled()
        };
        assert_eq!(
            appspos.open(header),
            Err(LoginError::Missing(LoginField::Secret))
        );
        let appspos = ShiftLoginForm {
            secret: " s3cret".into(),
            branch_code: "B1 ".into(),
            ..appspos
        };
        let opening = appspos.open(header).unwrap();
        assert_eq!(
            opening.access,
            LoyaltyAccess::AppsPos(AppsPosAccess {
                base_url: "https://beta.appspos.com/api".into(),
                api_key: "key".into(),
                secret: " s3cret".into(),
                branch_code: "B1".into(),
            })
        );
        let shown = format!("{opening:?}");
        assert!(
            !shown.contains("s3cret") && !shown.contains("key\""),
            "{shown}"
        );
    }

    #[test]
    fn a_store_server_is_asked_for_with_any_loyalty_program() {
        let with_store = ShiftLoginForm {
            provider: Provider::None,
            store_server: StoreServerKind::Srv4pos,
            srv4pos_url: " https://s.srv4pos.com/v45/UZ1/ ".into(),
            ..filled()
        };
        assert_eq!(
            with_store.open(header),
            Err(LoginError::Missing(LoginField::Srv4posKey))
        );
        let with_store = ShiftLoginForm {
            srv4pos_key: " k3y ".into(),
            ..with_store
        };
        assert_eq!(
            with_store.open(header),
            Err(LoginError::Missing(LoginField::RegisterName))
        );
        let with_store = ShiftLoginForm {
            register_name: " Till 1 ".into(),
            ..with_store
        };
        let opening = with_store.open(header).unwrap();
        assert_eq!(opening.access, LoyaltyAccess::None);
        assert_eq!(
            opening.store_server,
            Some(StoreServerAccess {
                url: "https://s.srv4pos.com/v45/UZ1".into(),
                register: "Till 1".into(),
                api_key: "k3y".into(),
            })
        );
        assert!(!format!("{opening:?}").contains("k3y"));
        // An AOS shift asks for its own fields first, in screen order.
        let aos = ShiftLoginForm {
            provider: Provider::Aos,
            branch_token: String::new(),
            srv4pos_url: String::new(),
            ..with_store.clone()
        };
        assert_eq!(
            aos.open(header),
            Err(LoginError::Missing(LoginField::BranchToken))
        );
        let aos = ShiftLoginForm {
            branch_token: "t".into(),
            ..aos
        };
        assert_eq!(
            aos.open(header),
            Err(LoginError::Missing(LoginField::Srv4posUrl))
        );
        // Without a store server its fields are not read.
        let none = ShiftLoginForm {
            store_server: StoreServerKind::None,
            ..with_store
        };
        assert_eq!(none.open(header).unwrap().store_server, None);
        for kind in StoreServerKind::ALL {
            assert_eq!(StoreServerKind::from_code(kind.code()), Some(kind));
        }
        assert_eq!(StoreServerKind::from_code("SRV4POS"), None);
    }

    #[test]
    fn the_token_never_shows_in_debug_output() {
        let capillary = ShiftLoginForm {
            provider: Provider::Capillary,
            till_code: "till".into(),
            password: "secret".into(),
            ..filled()
        };
        let opening = capillary.open(header).unwrap();
        assert!(!format!("{opening:?}").contains("secret"));
        let opening = filled().open(header).unwrap();
        assert!(!format!("{opening:?}").contains("secret"));
    }
}
