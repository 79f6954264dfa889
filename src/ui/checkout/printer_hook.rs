//! Where the checkout meets the receipt printer: a finalized sale or refund
//! prints once by itself (kicking the drawer open when cash changed hands),
//! and a print asked for again goes to the printer when one is paired, else
//! to the browser's print dialog as before.

use leptos::prelude::*;

use super::printed_receipt::saved_paper;
use super::state::{Checkout, SaleOutcome, SaleStatus};
use crate::domain::payment::Tender;
use crate::domain::refund::Refund;
use crate::print::job::{ReceiptJob, RefundJob};
use crate::store::journal::SaleRecord;
use crate::store::refund_journal::RefundRecord;
use crate::ui::locale::Locale;
use crate::ui::printer::Printer;
use crate::ui::session::CurrentSession;

/// Prints each sale once, when its outcome first shows. A rejected sale is
/// corrected and completed again, so only that one prints.
pub fn follow(checkout: Checkout) {
    let printer = Printer::get();
    let last = StoredValue::new(None::<String>);
    Effect::new(move |_| {
        let Some(outcome) = checkout.outcome.get() else {
            return;
        };
        if outcome.status == SaleStatus::Rejected {
            return;
        }
        let number = outcome.receipt_number().to_owned();
        if last.with_value(|last| last.as_deref() == Some(number.as_str())) {
            return;
        }
        last.set_value(Some(number));
        if printer.is_paired() {
            let cash = outcome
                .sale
                .settlement()
                .payments
                .iter()
                .any(|payment| payment.tender == Tender::Cash);
            untrack(|| send(printer, &outcome, cash));
        }
    });
}

/// A print the cashier asked for goes to the printer when one is paired;
/// `false`: none is, and the caller opens the print dialog as before.
pub fn print_on_printer(outcome: &SaleOutcome) -> bool {
    let printer = Printer::get();
    let paired = printer.is_paired();
    if paired {
        send(printer, outcome, false);
    }
    paired
}

/// Refund receipts on the paired printer. Taken while the dialog is built:
/// a refund is stored, and printed, outside any reactive owner.
#[derive(Clone, Copy)]
pub struct RefundPrinter {
    printer: Printer,
    current: CurrentSession,
    locale: Locale,
}

impl RefundPrinter {
    pub fn get() -> RefundPrinter {
        RefundPrinter {
            printer: Printer::get(),
            current: CurrentSession::get(),
            locale: Locale::get(),
        }
    }

    /// Prints `refund`, kicking the drawer when cash went back; `false`:
    /// no printer is paired (the caller may open the print dialog).
    pub fn print(self, refund: &Refund, open_drawer: bool) -> bool {
        if !self.printer.is_paired() {
            return false;
        }
        let shift_tag = self
            .current
            .session()
            .map(|s| s.shift_tag.clone())
            .unwrap_or_default();
        let job = RefundJob {
            record: RefundRecord::new(refund, &shift_tag),
            till: crate::web::till::till_id(),
            open_drawer,
        };
        let lang = self.locale.lang_untracked();
        self.printer.print_refund(lang, saved_paper(), job);
        true
    }
}

fn send(printer: Printer, outcome: &SaleOutcome, open_drawer: bool) {
    let shift_tag = CurrentSession::get()
        .session()
        .map(|s| s.shift_tag.clone())
        .unwrap_or_default();
    let mut record = SaleRecord::new(&outcome.sale, &shift_tag);
    record.earned = outcome.bonus_earned.map(|m| m.to_string());
    let number = outcome.receipt_number();
    let job = ReceiptJob {
        record,
        till: crate::web::till::till_id(),
        pending: outcome.status == SaleStatus::Queued,
        balance: outcome.new_balance.map(|m| m.to_string()),
        link: None,
        copy: printer.printed(number),
        open_drawer,
    };
    let lang = Locale::get().lang_untracked();
    printer.print_receipt(lang, saved_paper(), job);
}
