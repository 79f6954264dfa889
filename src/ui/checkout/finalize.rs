//! Finalizing the sale on screen: the draft from the checkout, stored with
//! its plan in one transaction before any network call, then sent. Used by
//! the payment dialog and by the AppsPOS payment once the app has paid.

use std::rc::Rc;

use leptos::prelude::*;

use super::state::{Checkout, SaleOutcome, SaleStatus};
use crate::domain::cashback;
use crate::domain::loyalty_tender::{self, LoyaltyTenderKind};
use crate::domain::money::Money;
use crate::domain::payment::Settlement;
use crate::domain::receipt::Totals;
use crate::domain::sale::{ReceiptNumber, Sale, SaleDraft, SaleError};
use crate::domain::shift::LoyaltyAccess;
use crate::i18n::{Describe, Text};
use crate::loyalty::aos::wire::{PaymentLabels, TransactionBody};
use crate::loyalty::appspos;
use crate::loyalty::capillary;
use crate::loyalty::error::LoyaltyError;
use crate::srv4pos::plan as store_plan;
use crate::store::in_app::InAppSale;
use crate::store::journal::SaleRecord;
use crate::store::outbox::SaleSettlement;
use crate::store::records::{receipt_number, PendingSale};
use crate::store::step::Step;
use crate::ui::outbox::Outbox;
use crate::ui::session::Session;

/// Offline policy: a sale that only *earns* cashback may be finalized
/// offline and queued, but one that *spends* it needs the server now — the
/// balance on screen may be stale, and a queued spend could overdraw it.
/// The customer is fetched again and the spend checked against the fresh
/// balance.
async fn confirm_cashback_spend(session: &Session, draft: &SaleDraft) -> Result<(), Text> {
    let spend = loyalty_tender::total_of(&draft.loyalty_tenders, LoyaltyTenderKind::Cashback);
    let Some(customer) = draft.customer.as_ref().filter(|_| !spend.is_zero()) else {
        return Ok(());
    };
    let Some(code) = customer.id.aos_code() else {
        return Err(Text::ErrCashbackNeedsServer);
    };
    let fresh = match session.backend.customer(code).await {
        Ok(fresh) => fresh,
        Err(LoyaltyError::Unreachable) => return Err(Text::ErrCashbackNeedsServer),
        Err(other) => return Err(other.text()),
    };
    let total = Totals::of(&draft.lines, Money::ZERO).total_before_bonus;
    cashback::check_spend(spend, Some(&fresh), total)
        .map(drop)
        .map_err(|e| e.text())
}

/// The steps the sale needs on its loyalty server, stored with it: AOS posts
/// a sale with a customer; Capillary posts every sale (a bill without a
/// member is `not_interested`) and redeems what the receipt used; AppsPOS
/// completes a payment the app took (a sale without one has nothing to
/// send).
fn plan(
    access: &LoyaltyAccess,
    sale: &Sale,
    otp: &str,
    in_app: Option<&InAppSale>,
) -> Option<PendingSale> {
    let number = &sale.number().0;
    match access {
        LoyaltyAccess::Aos(access) => sale.customer().map(|_| {
            let body = TransactionBody::new(sale, &access.branch_token, &PaymentLabels::default());
            PendingSale::aos(number, body.to_json())
        }),
        LoyaltyAccess::Capillary(_) => Some(PendingSale::planned(
            number,
            capillary::plan::sale_steps(sale, otp),
        )),
        LoyaltyAccess::AppsPos(_) => in_app.and_then(|in_app| {
            let paid = in_app.paid()?;
            Some(PendingSale::planned(
                number,
                appspos::plan::sale_steps(&in_app.payment.qr, paid),
            ))
        }),
        LoyaltyAccess::None => None,
    }
}

/// Finalizes the checkout's sale paid by `settlement` (and the loyalty
/// tenders on it), and sends what it needs. `Err` leaves the checkout as it
/// was, with the reason for the cashier.
pub async fn finalize_sale(
    session: Rc<Session>,
    checkout: Checkout,
    outbox: Outbox,
    settlement: Settlement,
) -> Result<SaleOutcome, Text> {
    let draft = SaleDraft {
        cashier: session.opening.cashier.clone(),
        customer: checkout.customer.get_untracked(),
        lines: checkout.cart.with_untracked(|cart| cart.lines().to_vec()),
        bill_discount: checkout.bill_discount(),
        loyalty_tenders: checkout.loyalty_tenders(),
        settlement,
    };
    let otp = checkout
        .points
        .with_untracked(|p| p.as_ref().map(|p| p.otp.clone()))
        .unwrap_or_default();
    let in_app = checkout.in_app.get_untracked();
    let product_of = checkout.shelf.product_names();
    let store_sale_id = session
        .store_server
        .as_ref()
        .map(|_| store_plan::identifier(crate::web::till::random_bytes()));
    let finalized_at = crate::web::clock::now();
    let till = crate::web::till::till_id();
    confirm_cashback_spend(&session, &draft).await?;
    // An AppsPOS sale keeps the receipt number it was ordered with.
    let reserved = in_app
        .as_ref()
        .map(|s| (s.sequence, s.payment.invoice_no.clone()));
    let stored = session
        .store
        .finalize(
            reserved.as_ref().map(|(sequence, _)| *sequence),
            |sequence| {
                let number = match &reserved {
                    Some((_, invoice_no)) => invoice_no.clone(),
                    None => receipt_number(&till, &session.shift_tag, sequence),
                };
                let sale = Sale::finalize(draft, ReceiptNumber(number), finalized_at)?;
                let mut pending = plan(&session.opening.access, &sale, &otp, in_app.as_ref());
                // The store server's step, on its own lane beside them.
                if let (Some(server), Some(id)) = (&session.store_server, &store_sale_id) {
                    let step = store_plan::sale_step(&sale, id, server, &product_of);
                    pending = Some(store_plan::joined(pending, &sale.number().0, None, step));
                }
                let mut record = SaleRecord::new(&sale, &session.shift_tag);
                record.store_sale_id.clone_from(&store_sale_id);
                record.in_app_refund_id = in_app
                    .as_ref()
                    .and_then(InAppSale::paid)
                    .map(|paid| paid.refund_id.clone());
                Ok::<_, SaleError>(((sale, pending.clone()), record, pending))
            },
        )
        .await;
    let (sale, pending) = match stored {
        Ok(Ok(made)) => made,
        Ok(Err(refused)) => return Err(refused.text()),
        Err(_) => return Err(Text::ErrStorageUnavailable),
    };
    let finalized = SaleOutcome {
        store_sale_id,
        ..SaleOutcome::finalized(sale)
    };
    // The stored body itself is sent, byte for byte as every retry.
    let outcome = match pending {
        None => finalized,
        // Several steps go through the outbox, one after the other; the
        // result follows them.
        Some(pending) if !pending.steps.is_empty() => {
            outbox.add(pending);
            SaleOutcome {
                status: SaleStatus::Queued,
                explanation: Some(Text::StatusSending),
                ..finalized
            }
        }
        Some(pending) => {
            let answer = session
                .backend
                .send(Step::AosTransaction, &pending.body)
                .await;
            let settlement = SaleSettlement {
                answer: answer.clone(),
                refused: Vec::new(),
            };
            let outcome = finalized.answered(&settlement);
            if outcome.status == SaleStatus::Queued {
                outbox.keep(pending, Step::AosTransaction, &answer);
            } else {
                let _ = session
                    .store
                    .settle(&pending.receipt_number, &settlement)
                    .await;
            }
            outcome
        }
    };
    Ok(outcome)
}
