//! The loyalty customer at the till.

use rust_decimal::Decimal;
use thiserror::Error;

use super::mobile::{CardNumber, MobileNumber};
use super::money::Money;

/// The payload of a customer's QR code in the AOS app: a UUID in its
/// 36-character form (`8-4-4-4-12` hex digits, either case).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CustomerCode(String);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
#[error("not an AOS customer code")]
pub struct NotACustomerCode;

impl CustomerCode {
    /// Trims what a scanner or a paste adds around the code, then checks its
    /// shape, so that nothing else is ever sent to the server.
    pub fn parse(text: &str) -> Result<CustomerCode, NotACustomerCode> {
        let code = text.trim();
        let shaped = code.len() == 36
            && code.char_indices().all(|(i, c)| match i {
                8 | 13 | 18 | 23 => c == '-',
                _ => c.is_ascii_hexdigit(),
            });
        if shaped {
            Ok(CustomerCode(code.to_owned()))
        } else {
            Err(NotACustomerCode)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Who the customer is to their loyalty program, as sent to its server.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum CustomerId {
    /// AOS: the code of the customer's QR.
    AosCode(CustomerCode),
    /// Capillary: the mobile number.
    Mobile(MobileNumber),
    /// Capillary: a loyalty card number.
    Card(CardNumber),
}

impl CustomerId {
    pub fn as_str(&self) -> &str {
        match self {
            CustomerId::AosCode(code) => code.as_str(),
            CustomerId::Mobile(number) => number.as_str(),
            CustomerId::Card(number) => number.as_str(),
        }
    }

    /// What a cashier typed or scanned to find a member of a program that
    /// knows mobiles and cards: a mobile number in any common form, else a
    /// card number.
    pub fn typed_member(text: &str) -> Option<CustomerId> {
        match MobileNumber::parse(text) {
            Ok(mobile) => Some(CustomerId::Mobile(mobile)),
            Err(_) => CardNumber::parse(text).ok().map(CustomerId::Card),
        }
    }

    pub fn aos_code(&self) -> Option<&CustomerCode> {
        match self {
            CustomerId::AosCode(code) => Some(code),
            CustomerId::Mobile(_) | CustomerId::Card(_) => None,
        }
    }
}

/// A customer as the loyalty server describes them. Which of the balances
/// means something is the provider's `BalanceKind` (domain::provider).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Customer {
    pub id: CustomerId,
    pub name: String,
    pub phone: Option<String>,
    /// Cashback available to spend (zero where the program counts points).
    pub balance: Money,
    /// Cashback earned, in percent of what is paid.
    pub percent: Decimal,
    /// The AOS card type, echoed back on the transaction.
    pub card_type: String,
    /// Points available to redeem, where the program counts points.
    pub points: Option<u64>,
    /// The program's tier (Capillary's "slab"), if it has tiers.
    pub tier: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_uuid_shaped_codes_in_either_case() {
        let code = CustomerCode::parse(" 6f1c7f0e-2a55-4d8e-9f55-1d3c2b0a9e11\n").unwrap();
        assert_eq!(code.as_str(), "6f1c7f0e-2a55-4d8e-9f55-1d3c2b0a9e11");
        assert!(CustomerCode::parse("6F1C7F0E-2A55-4D8E-9F55-1D3C2B0A9E11").is_ok());
    }

    #[test]
    fn a_typed_member_is_a_mobile_first_then_a_card() {
        assert_eq!(
            CustomerId::typed_member("+998 90 123-45-67").map(|id| id.as_str().to_owned()),
            Some("998901234567".to_owned())
        );
        assert!(matches!(
            CustomerId::typed_member(" 4000-1234-5678 "),
            Some(CustomerId::Card(_))
        ));
        assert_eq!(CustomerId::typed_member("<b>"), None);
        assert_eq!(CustomerId::typed_member(""), None);
    }

    #[test]
    fn refuses_everything_else() {
        for text in [
            "",
            "https://example.com/6f1c7f0e-2a55-4d8e-9f55-1d3c2b0a9e11",
            "6f1c7f0e2a554d8e9f551d3c2b0a9e11",
            "6f1c7f0e-2a55-4d8e-9f55-1d3c2b0a9e1",
            "6f1c7f0e-2a55-4d8e-9f55-1d3c2b0a9e1g",
            "6f1c7f0e_2a55-4d8e-9f55-1d3c2b0a9e11",
            "6f1c7f0e-2a55-4d8e-9f55-1d3c2b0a9eé",
        ] {
            assert_eq!(CustomerCode::parse(text), Err(NotACustomerCode), "{text:?}");
        }
    }
}
