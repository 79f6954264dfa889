//! What the page asks the print worker for, and the bytes it answers with.
//! Plain serde values, so the request crosses `postMessage` as JSON and a
//! test can build the same stream natively.

use std::str::FromStr;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::code_page::CodePage;
use super::escpos::{self, Extras};
use super::receipt::{self, Loyalty, ReceiptPrint, RefundPrint};
use super::Paper;
use crate::domain::money::Money;
use crate::i18n::Lang;
use crate::store::journal::SaleRecord;
use crate::store::refund_journal::RefundRecord;

/// A job for the printer, in the cashier's language on this till's paper.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PrintRequest {
    pub lang: String,
    pub paper: Paper,
    pub code_page: CodePage,
    pub job: PrintJob,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum PrintJob {
    Receipt(Box<ReceiptJob>),
    Refund(Box<RefundJob>),
    TestPage,
    /// Figures under a title, as the X and Z reports: labels and values
    /// already in the cashier's words.
    Figures {
        title: String,
        rows: Vec<(String, String)>,
    },
}

/// A sale's receipt, from its journal record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReceiptJob {
    pub record: SaleRecord,
    pub till: String,
    /// The sale is queued: cashback figures print as "pending".
    pub pending: bool,
    pub balance: Option<String>,
    pub link: Option<String>,
    pub copy: bool,
    pub open_drawer: bool,
}

/// A refund's receipt, from its journal record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RefundJob {
    pub record: RefundRecord,
    pub till: String,
    /// Cash went back: the drawer opens with the print.
    pub open_drawer: bool,
}

/// Why a request cannot become a stream. The page never builds a bad one;
/// a damaged record is refused rather than printed wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum JobError {
    #[error("the print request is not readable")]
    Unreadable,
}

impl PrintRequest {
    pub fn from_json(json: &str) -> Result<PrintRequest, JobError> {
        serde_json::from_str(json).map_err(|_| JobError::Unreadable)
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The ESC/POS stream of the job.
    pub fn stream(&self) -> Result<Vec<u8>, JobError> {
        let lang = Lang::from_code(&self.lang).unwrap_or_default();
        match &self.job {
            PrintJob::TestPage => {
                let name = self.code_page.code().to_ascii_uppercase();
                let blocks = receipt::test_page(lang, self.paper, &name);
                Ok(escpos::stream(
                    &blocks,
                    self.paper,
                    self.code_page,
                    Extras::default(),
                ))
            }
            PrintJob::Figures { title, rows } => {
                let blocks = receipt::figures(title, rows, self.paper);
                Ok(escpos::stream(
                    &blocks,
                    self.paper,
                    self.code_page,
                    Extras::default(),
                ))
            }
            PrintJob::Refund(job) => {
                let refund = job.record.refund().ok_or(JobError::Unreadable)?;
                let print = RefundPrint {
                    refund: &refund,
                    till: &job.till,
                };
                let blocks = receipt::refund_receipt(&print, lang, self.paper);
                let extras = Extras {
                    open_drawer: job.open_drawer,
                };
                Ok(escpos::stream(&blocks, self.paper, self.code_page, extras))
            }
            PrintJob::Receipt(job) => {
                let sale = job.record.sale().ok_or(JobError::Unreadable)?;
                let money = |text: &Option<String>| {
                    text.as_deref()
                        .and_then(|t| Decimal::from_str(t).ok())
                        .and_then(|d| Money::new(d).ok())
                };
                let loyalty = if job.pending {
                    Loyalty::Pending
                } else {
                    Loyalty::Known {
                        earned: job.record.earned(),
                        balance: money(&job.balance),
                    }
                };
                let print = ReceiptPrint {
                    sale: &sale,
                    till: &job.till,
                    loyalty,
                    link: job.link.as_deref(),
                    copy: job.copy,
                };
                let blocks = receipt::receipt(&print, lang, self.paper);
                let extras = Extras {
                    open_drawer: job.open_drawer,
                };
                Ok(escpos::stream(&blocks, self.paper, self.code_page, extras))
            }
        }
    }
}
