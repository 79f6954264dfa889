use leptos::prelude::*;

use super::printed_receipt::{paper_width, PrintedReceipt, PAPER_WIDTHS};
use super::printer_hook::print_on_printer;
use super::state::{Checkout, SaleOutcome, SaleStatus};
use crate::domain::money::Money;
use crate::i18n::Text;
use crate::ui::locale::Locale;
use crate::ui::modal::Modal;
use crate::ui::money::MoneyText;

/// How the sale ended, what the customer earned, and the way to the next one.
/// Follows the outcome live: a queued sale turns into sent when it goes out.
#[component]
pub fn SaleResult() -> impl IntoView {
    let checkout = Checkout::get();
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
                {money_row(Text::BonusEarned, outcome.bonus_earned, "bonus-earned")}
                {money_row(Text::NewBalance, outcome.new_balance, "new-balance")}
            </dl>
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
