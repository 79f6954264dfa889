use leptos::prelude::*;

use super::printed_receipt::{paper_width, PrintedReceipt, PAPER_WIDTHS};
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
        <Modal title=Text::SaleResultTitle on_close=close>
            {move || checkout.outcome.get().map(|outcome| view! { <OutcomeView outcome=outcome close=close/> })}
        </Modal>
    }
}

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
        <div class="stack" data-testid="sale-result">
            <p class=format!("status status-{}", outcome.status.code())>
                <span data-testid="sale-status">{outcome.status.code()}</span>
                " — "
                {move || outcome.explanation.map(|t| locale.t(t))}
            </p>
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
                <button type="button" class="secondary" data-testid="receipt-print" on:click=move |_| crate::web::document::print()>
                    {move || locale.t(Text::ReceiptPrint)}
                </button>
            </div>
            <PrintedReceipt outcome=outcome.clone() paper=paper/>
            <button type="button" class="primary big" data-testid="sale-new" on:click=move |_| close.run(())>
                {move || locale.t(if rejected { Text::BackToReceipt } else { Text::SaleNew })}
            </button>
        </div>
    }
}
