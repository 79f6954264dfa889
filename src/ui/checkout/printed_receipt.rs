use leptos::prelude::*;

use super::state::{SaleOutcome, SaleStatus};
use crate::domain::money::Money;
use crate::domain::number_input::format_quantity;
use crate::domain::payment::Tender;
use crate::domain::receipt::vat_by_rate;
use crate::domain::refund::Refund;
use crate::i18n::Text;
use crate::print::{barcode, summary, Paper};
use crate::ui::locale::Locale;
use crate::web::storage;

const PAPER_KEY: &str = "kassa.paper";

/// Thermal paper widths, in millimetres.
pub const PAPER_WIDTHS: [&str; 2] = ["80", "58"];

/// The paper width chosen on this till (80 mm unless set).
pub fn paper_width() -> RwSignal<String> {
    let saved = storage::get(PAPER_KEY).filter(|width| PAPER_WIDTHS.contains(&width.as_str()));
    let width = RwSignal::new(saved.unwrap_or_else(|| PAPER_WIDTHS[0].to_owned()));
    Effect::new(move |_| storage::set(PAPER_KEY, &width.get()));
    width
}

/// The paper width chosen on this till, for the receipt printer.
pub fn saved_paper() -> Paper {
    storage::get(PAPER_KEY)
        .and_then(|width| Paper::from_millimetres(&width))
        .unwrap_or(Paper::Mm80)
}

/// Labelled amounts, one row each.
fn money_rows(locale: Locale, rows: Vec<(Text, Money)>) -> impl IntoView {
    rows.into_iter()
        .map(|(label, amount)| {
            view! {
                <div class="pr-row">
                    <span>{move || locale.t(label)}</span>
                    <span>{move || locale.money(amount)}</span>
                </div>
            }
        })
        .collect_view()
}

/// The receipt number as Code 128 bars, for the refund dialog's scanner.
#[component]
fn ReceiptBarcode(number: String) -> impl IntoView {
    let modules = barcode::code128_modules(&number)?;
    let width = modules.len() + 2 * barcode::QUIET_ZONE;
    let rects = barcode::bars(&modules)
        .into_iter()
        .map(|(x, w)| view! { <rect x=x y="0" width=w height="40"/> })
        .collect_view();
    Some(view! {
        <svg class="pr-barcode" data-testid="receipt-barcode" data-value=number
            viewBox=format!("0 0 {width} 40") preserveAspectRatio="none"
            shape-rendering="crispEdges" role="img" aria-hidden="true">
            {rects}
        </svg>
    })
}

/// The receipt as printed on thermal paper. Hidden on screen; the print
/// stylesheet shows only this.
#[component]
pub fn PrintedReceipt(outcome: SaleOutcome, paper: RwSignal<String>) -> impl IntoView {
    let locale = Locale::get();
    let sale = outcome.sale.clone();
    let totals = sale.totals();
    let money = move |m: Money| locale.money(m);
    let at = sale.finalized_at();
    let line_rows = sale
        .lines()
        .iter()
        .map(|line| {
            let quantity = line.quantity();
            let qty = move || format_quantity(quantity, locale.lang().number_style());
            let price = line.unit_price();
            let discount = line.discount();
            let total = line.total();
            view! {
                <div class="pr-line">
                    <div class="pr-name">{line.name().to_owned()}</div>
                    <div class="pr-row">
                        <span>{move || format!("{} × {}", qty(), money(price))}</span>
                        <span>{move || money(total)}</span>
                    </div>
                    {(!discount.is_zero()).then(|| view! {
                        <div class="pr-row pr-muted">
                            <span>{move || locale.t(Text::ItemDiscount)}</span>
                            <span>{move || format!("−{}", money(discount))}</span>
                        </div>
                    })}
                </div>
            }
        })
        .collect_view();
    let vat_rows = vat_by_rate(sale.lines())
        .into_iter()
        .map(|(rate, vat)| {
            view! {
                <div class="pr-row">
                    <span>{move || format!("{} {rate}%", locale.t(Text::ReceiptVatAt))}</span>
                    <span>{move || money(vat)}</span>
                </div>
            }
        })
        .collect_view();
    let payment_rows = sale
        .settlement()
        .payments
        .iter()
        .map(|payment| {
            let label = match payment.tender {
                Tender::Cash => Text::TenderCash,
                Tender::Card => Text::TenderCard,
            };
            let amount = payment.amount;
            view! {
                <div class="pr-row">
                    <span>{move || locale.t(label)}</span>
                    <span>{move || money(amount)}</span>
                </div>
            }
        })
        .collect_view();
    let discount_row = summary::bill_discount(&sale).map(|(label, amount)| {
        view! {
            <div class="pr-row" data-testid="receipt-bill-discount">
                <span>{move || locale.t(label)}</span>
                <span>{move || format!("−{}", money(amount))}</span>
            </div>
        }
    });
    let tender_rows = money_rows(locale, summary::loyalty_tenders(&sale));
    let change = sale.settlement().change;
    let has_customer = sale.customer().is_some();
    let pending = outcome.status == SaleStatus::Queued;
    let loyalty_value = move |value: Option<Money>| {
        if pending {
            locale.t(Text::ReceiptPending).to_owned()
        } else {
            value.map(money).unwrap_or_default()
        }
    };
    let earned = outcome.bonus_earned;
    let balance = outcome.new_balance;
    let till = crate::web::till::till_id();
    let number = outcome.receipt_number().to_owned();
    let barcode_number = number.clone();
    let cashier = sale.cashier().to_owned();

    view! {
        <section class=move || format!("print-receipt paper-{}", paper.get()) data-testid="printed-receipt">
            <h2 class="pr-title">{move || locale.t(Text::AppName)}</h2>
            <div class="pr-row"><span>{move || locale.t(Text::ReceiptTill)}</span><span>{till}</span></div>
            <div class="pr-row"><span>{move || locale.t(Text::LoginCashier)}</span><span>{cashier}</span></div>
            <div class="pr-row"><span>{move || locale.t(Text::ReceiptNumber)}</span><span>{number}</span></div>
            <div class="pr-row">
                <span>{move || locale.t(Text::ReceiptDate)}</span>
                <span>{move || locale.date_time(at)}</span>
            </div>
            <hr/>
            {line_rows}
            <hr/>
            {vat_rows}
            {discount_row}
            <div class="pr-row"><span>{move || locale.t(Text::TotalBeforeBonus)}</span><span>{move || money(totals.total_before_bonus)}</span></div>
            {tender_rows}
            <div class="pr-row pr-strong">
                <span>{move || locale.t(Text::TotalDue)}</span>
                <span>{move || format!("{} {}", money(totals.total_due), locale.t(Text::Currency))}</span>
            </div>
            {payment_rows}
            <div class="pr-row"><span>{move || locale.t(Text::PayChange)}</span><span>{move || money(change)}</span></div>
            {has_customer.then(|| view! {
                <hr/>
                <div class="pr-row"><span>{move || locale.t(Text::BonusEarned)}</span><span>{move || loyalty_value(earned)}</span></div>
                <div class="pr-row"><span>{move || locale.t(Text::NewBalance)}</span><span>{move || loyalty_value(balance)}</span></div>
            })}
            <ReceiptBarcode number=barcode_number/>
            <p class="pr-thanks">{move || locale.t(Text::ReceiptThanks)}</p>
        </section>
    }
}

/// A refund's receipt as printed, referencing the sale it takes back:
/// the returned lines, their VAT, and what went back per tender. Hidden on
/// screen like the sale's.
#[component]
pub fn PrintedRefund(refund: Refund, paper: RwSignal<String>) -> impl IntoView {
    let locale = Locale::get();
    let money = move |m: Money| locale.money(m);
    let lines = refund.fiscal_lines();
    let line_rows = lines
        .iter()
        .map(|line| {
            let quantity = line.quantity();
            let qty = move || format_quantity(quantity, locale.lang().number_style());
            let price = line.unit_price();
            let total = line.total();
            view! {
                <div class="pr-line">
                    <div class="pr-name">{line.name().to_owned()}</div>
                    <div class="pr-row">
                        <span>{move || format!("{} × {}", qty(), money(price))}</span>
                        <span>{move || format!("−{}", money(total))}</span>
                    </div>
                </div>
            }
        })
        .collect_view();
    let vat_rows = vat_by_rate(&lines)
        .into_iter()
        .map(|(rate, vat)| {
            view! {
                <div class="pr-row">
                    <span>{move || format!("{} {rate}%", locale.t(Text::ReceiptVatAt))}</span>
                    <span>{move || money(vat)}</span>
                </div>
            }
        })
        .collect_view();
    let paid_back = money_rows(locale, summary::paid_back(&refund));
    let taken_back = refund.reversal().cashback_taken_back.map(|amount| {
        view! {
            <div class="pr-row">
                <span>{move || locale.t(Text::RefundCashbackTakenBack)}</span>
                <span>{move || money(amount)}</span>
            </div>
        }
    });
    let points_taken_back = refund.reversal().points_taken_back.map(|points| {
        view! {
            <div class="pr-row">
                <span>{move || locale.t(Text::RefundPointsTakenBack)}</span>
                <span>{points}</span>
            </div>
        }
    });
    let total = refund.total();
    let at = refund.finalized_at();
    let till = crate::web::till::till_id();
    let number = refund.number().0.clone();
    let barcode_number = number.clone();
    let original = refund.original().0.clone();
    let cashier = refund.cashier().to_owned();

    view! {
        <section class=move || format!("print-receipt paper-{}", paper.get()) data-testid="printed-refund">
            <h2 class="pr-title">{move || locale.t(Text::AppName)}</h2>
            <p class="pr-title pr-strong">{move || locale.t(Text::RefundReceiptTitle)}</p>
            <div class="pr-row"><span>{move || locale.t(Text::ReceiptTill)}</span><span>{till}</span></div>
            <div class="pr-row"><span>{move || locale.t(Text::LoginCashier)}</span><span>{cashier}</span></div>
            <div class="pr-row"><span>{move || locale.t(Text::RefundNumber)}</span><span>{number}</span></div>
            <div class="pr-row"><span>{move || locale.t(Text::RefundOriginal)}</span><span>{original}</span></div>
            <div class="pr-row">
                <span>{move || locale.t(Text::ReceiptDate)}</span>
                <span>{move || locale.date_time(at)}</span>
            </div>
            <hr/>
            {line_rows}
            <hr/>
            {vat_rows}
            <div class="pr-row pr-strong">
                <span>{move || locale.t(Text::RefundTotal)}</span>
                <span>{move || format!("{} {}", money(total), locale.t(Text::Currency))}</span>
            </div>
            {paid_back}
            {taken_back}
            {points_taken_back}
            <ReceiptBarcode number=barcode_number/>
        </section>
    }
}
