//! The single place where typed errors become words for the cashier.

use super::Text;
use crate::domain::shift::{LoginError, LoginField};

/// An error the cashier may see, and the sentence that explains it.
pub trait Describe {
    fn text(&self) -> Text;
}

impl Describe for LoginError {
    fn text(&self) -> Text {
        match self {
            LoginError::Missing(LoginField::BaseUrl) => Text::ErrMissingBaseUrl,
            LoginError::Missing(LoginField::BranchToken) => Text::ErrMissingBranchToken,
            LoginError::Missing(LoginField::Cashier) => Text::ErrMissingCashier,
            LoginError::Missing(LoginField::OpeningCash) => Text::ErrMissingOpeningCash,
        }
    }
}
