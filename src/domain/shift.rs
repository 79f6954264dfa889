//! Opening a shift: what a cashier must provide before the first sale.

use thiserror::Error;

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

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum LoginError {
    #[error("required field is empty: {0:?}")]
    Missing(LoginField),
}

impl ShiftLoginForm {
    /// Checks that every field needed to open a shift is filled.
    /// Reports the first empty field in screen order, so the message matches
    /// what the cashier sees from the top.
    pub fn validate(&self) -> Result<(), LoginError> {
        let fields = [
            (LoginField::BaseUrl, &self.base_url),
            (LoginField::BranchToken, &self.branch_token),
            (LoginField::Cashier, &self.cashier),
            (LoginField::OpeningCash, &self.opening_cash),
        ];
        match fields.iter().find(|(_, value)| value.trim().is_empty()) {
            Some((field, _)) => Err(LoginError::Missing(*field)),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filled() -> ShiftLoginForm {
        ShiftLoginForm {
            base_url: "https://dev-api.aos-shop.uz".into(),
            branch_token: "secret".into(),
            cashier: "Aziza".into(),
            opening_cash: "100000".into(),
        }
    }

    #[test]
    fn a_filled_form_is_valid() {
        assert_eq!(filled().validate(), Ok(()));
    }

    #[test]
    fn the_first_empty_field_in_screen_order_is_reported() {
        let form = ShiftLoginForm {
            branch_token: "  ".into(),
            opening_cash: String::new(),
            ..filled()
        };
        assert_eq!(
            form.validate(),
            Err(LoginError::Missing(LoginField::BranchToken))
        );
    }

    #[test]
    fn an_empty_form_points_at_the_base_url() {
        assert_eq!(
            ShiftLoginForm::default().validate(),
            Err(LoginError::Missing(LoginField::BaseUrl))
        );
    }
}
