//! Why a printer job did not print. The sale it belongs to is final
//! whatever happens here: a print failure never touches the journal.

/// A printer failure, as the cashier is told it (`i18n::errors`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PrinterError {
    /// The device or port could not be opened (off, busy, no permission).
    #[error("the printer could not be opened")]
    Open,
    /// The bytes did not reach the printer: unplugged, off or out of paper
    /// mid-print, or no answer in time.
    #[error("the printer did not take the job")]
    Write,
    /// A USB device with no bulk OUT endpoint: not a printer.
    #[error("the USB device has no output endpoint")]
    NoOutput,
    /// The print worker could not be loaded or refused the job.
    #[error("the print worker failed")]
    Builder,
}
