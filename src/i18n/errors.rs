//! The single place where typed errors become words for the cashier.

use super::Text;
use crate::domain::cashback::CashbackError;
use crate::domain::catalog::ChangeError;
use crate::domain::customer::NotACustomerCode;
use crate::domain::line::LineError;
use crate::domain::mobile::{CardError, MobileError};
use crate::domain::number_input::InputError;
use crate::domain::payment::PaymentError;
use crate::domain::refund::RefundError;
use crate::domain::report::CashMovementError;
use crate::domain::sale::SaleError;
use crate::domain::scale_barcode::ScaleBarcodeError;
use crate::domain::shift::{LoginError, LoginField};
use crate::domain::supervisor::PinError;
use crate::domain::transaction_qr::NotATransactionQr;
use crate::loyalty::appspos::payment::{CancelReason, StopReason};
use crate::loyalty::error::LoyaltyError;
use crate::print::error::PrinterError;
use crate::scan::problem::ScanProblem;
use crate::srv4pos::address::AddressError;
use crate::srv4pos::error::StoreServerError;
use crate::srv4pos::sync::SyncError;
use crate::store::catalog_records::CatalogStoreError;
use crate::store::in_app::InAppProblem;

/// An error the cashier may see, and the sentence that explains it.
pub trait Describe {
    fn text(&self) -> Text;
}

impl Describe for LoginError {
    fn text(&self) -> Text {
        match self {
            LoginError::Missing(LoginField::BaseUrl) => Text::ErrMissingBaseUrl,
            LoginError::Missing(LoginField::BranchToken) => Text::ErrMissingBranchToken,
            LoginError::Missing(LoginField::TillCode) => Text::ErrMissingTillCode,
            LoginError::Missing(LoginField::Password) => Text::ErrMissingPassword,
            LoginError::Missing(LoginField::ApiKey) => Text::ErrMissingAppsPosApiKey,
            LoginError::Missing(LoginField::Secret) => Text::ErrMissingSecret,
            LoginError::Missing(LoginField::BranchCode) => Text::ErrMissingBranchCode,
            LoginError::Missing(LoginField::Srv4posUrl) => Text::ErrMissingSrv4posUrl,
            LoginError::Missing(LoginField::Srv4posKey) => Text::ErrMissingApiKey,
            LoginError::Missing(LoginField::RegisterName) => Text::ErrMissingRegisterName,
            LoginError::Missing(LoginField::Cashier) => Text::ErrMissingCashier,
            LoginError::Missing(LoginField::OpeningCash) => Text::ErrMissingOpeningCash,
            LoginError::InsecureBaseUrl => Text::ErrInsecureBaseUrl,
            LoginError::OpeningCash(_) => Text::ErrOpeningCash,
        }
    }
}

impl Describe for InputError {
    fn text(&self) -> Text {
        match self {
            InputError::Empty => Text::ErrEmpty,
            InputError::NotANumber => Text::ErrNotANumber,
            InputError::Exponent => Text::ErrExponent,
            InputError::Negative => Text::ErrNegative,
            InputError::Zero => Text::ErrZero,
            InputError::TooPrecise { max } if *max <= 2 => Text::ErrTooPreciseMoney,
            InputError::TooPrecise { .. } => Text::ErrTooPreciseQty,
            InputError::TooLarge => Text::ErrTooLarge,
        }
    }
}

impl Describe for LineError {
    fn text(&self) -> Text {
        match self {
            LineError::MissingName => Text::ErrItemName,
            LineError::DiscountExceedsLine => Text::ErrDiscountExceedsLine,
            LineError::VatPercentTooHigh => Text::ErrVatPercent,
            LineError::BadClassCode => Text::ErrClassCode,
            LineError::BadCommissionTin => Text::ErrCommissionTin,
        }
    }
}

impl Describe for CashbackError {
    fn text(&self) -> Text {
        match self {
            CashbackError::NoCustomer => Text::ErrNoCustomer,
            CashbackError::OverBalance { .. } => Text::ErrOverBalance,
            CashbackError::OverTotal { .. } => Text::ErrOverTotal,
        }
    }
}

impl Describe for PaymentError {
    fn text(&self) -> Text {
        match self {
            PaymentError::CardExceedsDue { .. } => Text::ErrCardExceedsDue,
            PaymentError::Insufficient { .. } => Text::ErrInsufficient,
        }
    }
}

impl Describe for SaleError {
    fn text(&self) -> Text {
        match self {
            SaleError::Empty => Text::ErrEmptyReceipt,
            SaleError::Cashback(error) => error.text(),
            SaleError::Unbalanced => Text::ErrUnbalanced,
            SaleError::TendersExceedBill => Text::ErrTendersExceedBill,
            SaleError::DiscountExceedsBill => Text::ErrDiscountExceedsBill,
        }
    }
}

impl Describe for RefundError {
    fn text(&self) -> Text {
        match self {
            RefundError::Empty => Text::ErrRefundNothingPicked,
            RefundError::NoSuchLine { .. } => Text::ErrRefundNoSuchLine,
            RefundError::LinePickedTwice { .. } => Text::ErrRefundLineTwice,
            RefundError::AboveRefundable { .. } => Text::ErrRefundAboveLeft,
            RefundError::InAppWholeOnly => Text::ErrRefundInAppWholeOnly,
            RefundError::CardAboveLeft { .. } => Text::ErrRefundCardAboveLeft,
            RefundError::JournalMismatch => Text::ErrRefundJournal,
            RefundError::ChangedMeanwhile => Text::ErrRefundChanged,
        }
    }
}

impl Describe for NotACustomerCode {
    fn text(&self) -> Text {
        Text::ErrNotACustomerCode
    }
}

impl Describe for MobileError {
    fn text(&self) -> Text {
        match self {
            MobileError::Empty => Text::ErrEmpty,
            MobileError::NotDigits
            | MobileError::WrongLength
            | MobileError::ForeignNumber
            | MobileError::BadOperatorCode => Text::ErrNotAMobile,
        }
    }
}

impl Describe for CardError {
    fn text(&self) -> Text {
        match self {
            CardError::Empty => Text::ErrEmpty,
            CardError::NotAlphanumeric | CardError::WrongLength => Text::ErrNotACardNumber,
        }
    }
}

impl Describe for LoyaltyError {
    fn text(&self) -> Text {
        match self {
            LoyaltyError::TokenRejected => Text::ErrTokenRejected,
            LoyaltyError::CustomerNotFound => Text::ErrCustomerNotFound,
            LoyaltyError::Rejected(_) => Text::ErrRejected,
            LoyaltyError::Conflict(_) => Text::ErrConflict,
            LoyaltyError::Unreachable => Text::ErrUnreachable,
            LoyaltyError::UnexpectedAnswer => Text::ErrUnexpectedAnswer,
        }
    }
}

impl Describe for NotATransactionQr {
    fn text(&self) -> Text {
        Text::ErrAppsPosCode
    }
}

impl Describe for InAppProblem {
    fn text(&self) -> Text {
        match self {
            InAppProblem::Stopped(StopReason::Mismatch { .. }) => Text::ErrAppsPosMismatch,
            InAppProblem::Stopped(StopReason::Refused { .. }) => Text::ErrAppsPosBillRefused,
            InAppProblem::Refused => Text::ErrAppsPosRefused,
            InAppProblem::Failed => Text::ErrAppsPosFailed,
            InAppProblem::Cancelled(CancelReason::ByCashier) => Text::AppsPosCancelledByCashier,
            InAppProblem::Cancelled(CancelReason::TimedOut) => Text::AppsPosTimedOut,
            InAppProblem::OtherTab => Text::ErrAppsPosOtherTab,
            InAppProblem::UnderWay => Text::ErrAppsPosUnderWay,
        }
    }
}

impl Describe for CashMovementError {
    fn text(&self) -> Text {
        match self {
            CashMovementError::MissingReason => Text::ErrCashReason,
            CashMovementError::ZeroAmount => Text::ErrCashZero,
            CashMovementError::ExceedsDrawer { .. } => Text::ErrCashExceedsDrawer,
        }
    }
}

impl Describe for ScanProblem {
    fn text(&self) -> Text {
        match self {
            ScanProblem::InsecurePage => Text::ErrCameraInsecure,
            ScanProblem::CameraDenied => Text::ErrCameraDenied,
            ScanProblem::NoCamera => Text::ErrNoCamera,
            ScanProblem::CameraBusy => Text::ErrCameraBusy,
            ScanProblem::CameraFailed => Text::ErrCameraFailed,
            ScanProblem::PhotoUnreadable => Text::ErrPhotoUnreadable,
            ScanProblem::NoCodeInPhoto => Text::ErrNoCodeInPhoto,
            ScanProblem::DecoderUnavailable => Text::ErrDecoderUnavailable,
        }
    }
}

impl Describe for StoreServerError {
    fn text(&self) -> Text {
        match self {
            StoreServerError::KeyRejected => Text::ErrStoreKeyRejected,
            StoreServerError::NotApproved => Text::ErrStoreNotApproved,
            StoreServerError::ApiGone => Text::ErrStoreApiGone,
            StoreServerError::DayClosed => Text::ErrStoreDayClosed,
            StoreServerError::DayNotClosed => Text::ErrStoreDayNotClosed,
            StoreServerError::ReceiptPrintedAlready => Text::ErrStoreReceiptPrinted,
            StoreServerError::ReportNotPrinted => Text::ErrStoreReportNotPrinted,
            StoreServerError::Rejected(_) => Text::ErrStoreRejected,
            StoreServerError::NotFound => Text::ErrStoreNotFound,
            StoreServerError::Conflict(_) => Text::ErrStoreConflict,
            StoreServerError::Unreachable => Text::ErrStoreUnreachable,
            StoreServerError::UnexpectedAnswer => Text::ErrStoreUnexpectedAnswer,
        }
    }
}

impl Describe for SyncError {
    fn text(&self) -> Text {
        match self {
            SyncError::Server(error) => error.text(),
            SyncError::Moved { .. } => Text::ErrCatalogMoved,
        }
    }
}

impl Describe for ChangeError {
    fn text(&self) -> Text {
        match self {
            ChangeError::NotFromThisVersion { .. } | ChangeError::Backwards { .. } => {
                Text::ErrCatalogOutOfStep
            }
        }
    }
}

impl Describe for AddressError {
    fn text(&self) -> Text {
        match self {
            AddressError::NotHttps => Text::ErrStoreUrlNotHttps,
            AddressError::NoVersionOrSeller => Text::ErrStoreUrlIncomplete,
            AddressError::NoRegisterName => Text::ErrMissingRegisterName,
            AddressError::NoApiKey => Text::ErrMissingApiKey,
        }
    }
}

impl Describe for PinError {
    fn text(&self) -> Text {
        match self {
            PinError::Malformed => Text::ErrSupervisorMisconfigured,
            PinError::Wrong { .. } => Text::ErrSupervisorWrong,
            PinError::Locked { .. } => Text::ErrSupervisorLocked,
        }
    }
}

impl Describe for ScaleBarcodeError {
    fn text(&self) -> Text {
        match self {
            ScaleBarcodeError::BadCheckDigit => Text::ErrScaleCheckDigit,
            ScaleBarcodeError::NoWeight => Text::ErrScaleNoWeight,
            ScaleBarcodeError::BadLayout => Text::ErrScaleLayout,
        }
    }
}

impl Describe for CatalogStoreError {
    fn text(&self) -> Text {
        match self {
            CatalogStoreError::Unavailable => Text::ErrStorageUnavailable,
            CatalogStoreError::Stale => Text::ErrCatalogOutOfStep,
            CatalogStoreError::Change(error) => error.text(),
        }
    }
}

impl Describe for PrinterError {
    fn text(&self) -> Text {
        match self {
            PrinterError::Open => Text::ErrPrinterOpen,
            PrinterError::Write => Text::ErrPrinterWrite,
            PrinterError::NoOutput => Text::ErrPrinterNoOutput,
            PrinterError::Builder => Text::ErrPrinterBuild,
        }
    }
}
