use leptos::prelude::*;

use crate::domain::bill_discount::DiscountSource;
use crate::domain::loyalty_tender::{self, LoyaltyTenderKind};

use super::printed_receipt::{paper_width, PrintedReceipt, PAPER_WIDTHS};
use super::printer_hook::print_on_printer;
use super::state::{Checkout, SaleOutcome, SaleStatus};
use crate::domain::money::Money;
use crate::i18n::Text;
use crate::store::journal::TenderRecord;
use crate::ui::locale::Locale;
use crate::ui::modal::Modal;
use crate::ui::money::MoneyText;
use crate::ui::session::CurrentSession;
use leptos::task::spawn_local;

/// How the sale ended, what the customer earned, and the way to the next one.
/// Follows the outcome live: a queued sale turns into sent when it goes out.
#[component]
pub fn SaleResult() -> impl IntoView {
    let checkout = Checkout::get();
    // A sale the paired printer prints by itself (`printer_hook`) is
    // confirmed to the store server as printed.
    if crate::ui::printer::Printer::get().is_paired() {
        let printed = checkout.outcome.get_untracked();
        if let Some(outcome) = printed.filter(|o| o.status != SaleStatus::Rejected) {
            super::store_server::confirm_printed(&outcome);
        }
    }
    // A rejected sale stays on screen to be corrected; any other is done.
    let close = Callback::new(move |_| {
        let rejected = checkout
            .outcome
            .with_untracked(|o| o.as_ref().is_some_and(|o| o.status == SaleStatus::Rejected));
        if rejected {
            checkout.outcome.set(None);
            checkout.close_dialog();
        } else {
            checkout.start_new_sale();
        }
    });
    view! {
        <Modal title=Text::SaleResultTitle on_close=close described_by=STATUS_LINE>
            <div class="stack" data-testid="sale-result">
                <StatusLine/>
                {move || checkout.outcome.get().map(|outcome| view! { <OutcomeView outcome=outcome close=close/> })}
            </div>
        </Modal>
    }
}

/// The id of the status line, which the dialog names as its description.
const STATUS_LINE: &str = "sale-status-line";

/// How the sale ended, in a live region that outlives each answer: a screen
/// reader reads it with the dialog's title when the dialog opens, and again
/// when a queued sale turns into sent, with the cashback it earned.
#[component]
fn StatusLine() -> impl IntoView {
    let locale = Locale::get();
    let checkout = Checkout::get();
    let status = move || checkout.outcome.with(|o| o.as_ref().map(|o| o.status));
    let code = move || status().map(SaleStatus::code).unwrap_or_default();
    let explanation = move || {
        checkout
            .outcome
            .with(|o| o.as_ref().and_then(|o| o.explanation))
            .map(|text| locale.t(text))
    };
    let earned = move || {
        checkout
            .outcome
            .with(|o| o.as_ref().and_then(|o| o.bonus_earned))
            .map(|earned| {
                format!(
                    ". {}: {}",
                    locale.t(Text::BonusEarned),
                    locale.money(earned)
                )
            })
    };
    view! {
        <p id=STATUS_LINE role="status" class=move || format!("status status-{}", code())>
            <span data-testid="sale-status">{code}</span>
            " — "
            {explanation}
            <span class="visually-hidden">{earned}</span>
        </p>
    }
}

/// Taking what a refused redemption left unpaid, in cash or by card; it is
/// kept with the sale, so the shift report counts it in its tender.
#[component]
fn OwedActions(receipt: String, owed: Money) -> impl IntoView {
    let locale = Locale::get();
    let taken = RwSignal::new(None::<Text>);
    let take = move |tender: TenderRecord, said: Text| {
        let Some(session) = CurrentSession::get().session() else {
            return;
        };
        let receipt = receipt.clone();
        spawn_local(async move {
            let stored = session
                .store
                .add_owed_payment(&receipt, (tender, owed.to_string()))
                .await;
            let _ = taken.try_set(Some(if stored.is_ok() {
                said
            } else {
                Text::ErrStorageUnavailable
            }));
        });
    };
    let take_cash = take.clone();
    view! {
        <Show
            when=move || taken.get().is_none()
            fallback=move || view! {
                <p class="notice" role="status" data-testid="sale-owed-taken">
                    {move || taken.get().map(|text| locale.t(text))}
                </p>
            }
        >
            <div class="actions">
                <button type="button" class="secondary" data-testid="sale-owed-cash"
                    on:click={
                        let take = take_cash.clone();
                        move |_| take(TenderRecord::Cash, Text::OwedTakenCash)
                    }>
                    {move || locale.t(Text::OwedTakeCash)}
                </button>
                <button type="button" class="secondary" data-testid="sale-owed-card"
                    on:click={
                        let take = take.clone();
                        move |_| take(TenderRecord::Card, Text::OwedTakenCard)
                    }>
                    {move || locale.t(Text::OwedTakeCard)}
                </button>
            </div>
        </Show>
    }
}

/// A whole number of points, with its plain value in `data-value`.
fn points_row(label: Text, value: Option<i64>, test_id: &'static str) -> impl IntoView {
    let locale = Locale::get();
    value.map(|value| {
        view! {
            <div class="row">
                <dt>{move || locale.t(label)}</dt>
                <dd><span data-testid=test_id data-value=value>{value}</span></dd>
            </div>
        }
    })
}

/// The receipt's figures and what to do with it next.
#[component]
fn OutcomeView(outcome: SaleOutcome, close: Callback<()>) -> impl IntoView {
    let locale = Locale::get();
    let rejected = outcome.status == SaleStatus::Rejected;
    let paper = paper_width();
    let money_row = move |label: Text, value: Option<Money>, test_id: &'static str| {
        value.map(|value| {
            view! {
                <div class="row">
                    <dt>{move || locale.t(label)}</dt>
                    <dd><MoneyText value=Signal::stored(value) test_id=test_id/></dd>
                </div>
            }
        })
    };
    let paid_in_app = Some(loyalty_tender::total_of(
        outcome.sale.loyalty_tenders(),
        LoyaltyTenderKind::InApp,
    ))
    .filter(|paid| !paid.is_zero());
    let voucher = outcome
        .sale
        .bill_discount()
        .filter(|d| matches!(d.source, DiscountSource::Voucher { .. }))
        .map(|d| d.amount);
    view! {
            {(!outcome.server_message.is_empty()).then(|| view! {
                <p class="server-message">{outcome.server_message.clone()}</p>
            })}
            <dl>
                <div class="row">
                    <dt>{move || locale.t(Text::ReceiptNumber)}</dt>
                    <dd data-testid="receipt-number">{outcome.receipt_number().to_owned()}</dd>
                </div>
                {money_row(Text::PayChange, Some(outcome.sale.settlement().change), "sale-change")}
                {money_row(Text::AppsPosVoucher, voucher, "appspos-voucher")}
                {money_row(Text::AppsPosPaid, paid_in_app, "appspos-paid")}
                {money_row(Text::BonusEarned, outcome.bonus_earned, "bonus-earned")}
                {money_row(Text::NewBalance, outcome.new_balance, "new-balance")}
                {points_row(Text::PointsEarned, outcome.points_earned, "points-earned")}
                {points_row(Text::NewPointsBalance, outcome.new_points_balance, "new-points-balance")}
                {money_row(Text::SaleOwed, (!outcome.owed.is_zero()).then_some(outcome.owed), "sale-owed")}
            </dl>
            {(!outcome.owed.is_zero()).then(|| view! {
                <OwedActions receipt=outcome.receipt_number().to_owned() owed=outcome.owed/>
            })}
            <div class="print-controls">
                <label class="field">
                    <span class="field-label">{move || locale.t(Text::ReceiptPaper)}</span>
                    <select
                        data-testid="receipt-paper"
                        on:change=move |ev| paper.set(event_target_value(&ev))
                    >
                        {PAPER_WIDTHS
                            .into_iter()
                            .map(|width| view! {
                                <option value=width selected=move || paper.get() == width>{move || format!("{width} {}", locale.t(Text::Millimetres))}</option>
                            })
                            .collect_view()}
                    </select>
                </label>
                <button type="button" class="secondary" data-testid="receipt-print" on:click={
                    let outcome = outcome.clone();
                    move |_| {
                        if !print_on_printer(&outcome) {
                            crate::web::document::print();
                        }
                        super::store_server::confirm_printed(&outcome);
                    }
                }>
                    {move || locale.t(Text::ReceiptPrint)}
                </button>
            </div>
            <PrintedReceipt outcome=outcome.clone() paper=paper/>
            <button type="button" class="primary big" data-testid="sale-new" on:click=move |_| close.run(())>
                {move || locale.t(if rejected { Text::BackToReceipt } else { Text::SaleNew })}
            </button>
    }
}
