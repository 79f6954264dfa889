//! The counter's hardware in the top bar: the printer's status, pairing,
//! the test page, the code page, the drawer, and the customer display.

use leptos::prelude::*;

use super::printed_receipt::saved_paper;
use crate::domain::date_style::format_date_time;
use crate::domain::money::Money;
use crate::domain::number_input::format_money;
use crate::domain::report::{CountDifference, ShiftReport, ZReport};
use crate::i18n::{Describe, Text};
use crate::print::code_page::CodePage;
use crate::ui::locale::Locale;
use crate::ui::on_demand::{on_demand, Parts};
use crate::ui::printer::{drawer_openings, status_text, Printer, PrinterStatus};
use crate::ui::session::CurrentSession;
use crate::ui::supervisor::SupervisorApproval;
use crate::web::printer::Transport;

/// The status in the top bar; the panel is downloaded when first opened.
#[component]
pub fn PrinterMenu() -> impl IntoView {
    let locale = Locale::get();
    let printer = Printer::get();
    let parts = Parts::get();
    let open = RwSignal::new(false);
    view! {
        <details class="printer-menu" on:toggle=move |_| open.set(true)>
            <summary class="ghost" title=move || locale.t(status_text(printer.status()))>
                <span aria-hidden="true">"⎙ "</span>
                <span class="visually-hidden">{move || locale.t(Text::PrinterTitle)} ": "</span>
                <span data-testid="printer-status">{move || printer.status().code()}</span>
            </summary>
            {move || open.get().then(|| on_demand((parts.printer_panel)()))}
        </details>
    }
}

/// Pairing, the test page, the code page, the drawer and the customer display.
#[component]
pub fn PrinterPanel() -> impl IntoView {
    let locale = Locale::get();
    let printer = Printer::get();
    let transports = Printer::transports();
    let unsupported = transports.is_empty();
    let connect_buttons = transports
        .into_iter()
        .enumerate()
        .map(|(i, transport)| {
            let (test_id, label) = match (i, transport) {
                (0, Transport::Usb) => ("printer-connect", Text::PrinterConnectUsb),
                (0, Transport::Serial) => ("printer-connect", Text::PrinterConnectSerial),
                _ => ("printer-connect-serial", Text::PrinterConnectSerial),
            };
            view! {
                <button type="button" class="secondary" data-testid=test_id on:click=move |_| printer.connect(transport)>
                    {move || locale.t(label)}
                </button>
            }
        })
        .collect_view();
    let paired = move || printer.status() != PrinterStatus::None;
    // Opening the drawer by hand needs the supervisor where a PIN is set.
    let drawer_approved = RwSignal::new(false);
    let test = move |_| {
        printer.print_test_page(locale.lang_untracked(), saved_paper());
    };
    view! {
            <div class="printer-panel card stack">
                <p>{move || locale.t(status_text(printer.status()))}</p>
                {unsupported.then(|| view! {
                    <p class="muted" data-testid="printer-unsupported">{move || locale.t(Text::PrinterUnsupported)}</p>
                })}
                {connect_buttons}
                <label class="field">
                    <span class="field-label">{move || locale.t(Text::PrinterCodePage)}</span>
                    <select data-testid="printer-code-page"
                        on:change=move |ev| {
                            if let Some(page) = CodePage::from_code(&event_target_value(&ev)) {
                                printer.code_page.set(page);
                            }
                        }>
                        {CodePage::ALL.into_iter().map(|page| view! {
                            <option value=page.code() selected=move || printer.code_page.get() == page>
                                {page.code().to_uppercase()}
                            </option>
                        }).collect_view()}
                    </select>
                </label>
                <Show when=paired>
                    <button type="button" class="secondary" data-testid="printer-test" on:click=test>
                        {move || locale.t(Text::PrinterTest)}
                    </button>
                    <SupervisorApproval approved=drawer_approved/>
                    <button type="button" class="secondary" data-testid="drawer-open"
                        disabled=move || !drawer_approved.get()
                        on:click=move |_| {
                            if drawer_approved.get_untracked() {
                                printer.open_drawer();
                            }
                        }>
                        {move || locale.t(Text::DrawerOpen)}
                    </button>
                </Show>
                <button type="button" class="secondary" data-testid="customer-display-open"
                    on:click=move |_| crate::web::customer_display::open()>
                    {move || locale.t(Text::CustomerDisplayOpen)}
                </button>
            </div>
    }
}

/// The printer's failure, in a banner under the top bar until it prints again.
#[component]
pub fn PrinterProblem() -> impl IntoView {
    let locale = Locale::get();
    let printer = Printer::get();
    move || match printer.status() {
        PrinterStatus::Error(error) => Some(view! {
            <div class="banner error" role="alert" data-testid="printer-error">
                {move || locale.t(error.text())}
            </div>
        }),
        _ => None,
    }
}

/// The X/Z report's count of drawer openings in this shift, and the report
/// printed on the receipt printer when one is paired.
#[component]
pub fn ReportPrinting(report: ShiftReport, z: RwSignal<Option<ZReport>>) -> impl IntoView {
    let locale = Locale::get();
    let printer = Printer::get();
    let session = CurrentSession::get().session();
    let count = session
        .as_ref()
        .map_or(0, |session| drawer_openings(&session.shift_tag));
    let cashier = session
        .map(|s| s.opening.cashier.clone())
        .unwrap_or_default();
    let print = move |_| {
        let lang = locale.lang_untracked();
        let t = |text: Text| text.in_lang(lang).to_owned();
        let money = |m: Money| format_money(m, lang.number_style());
        let closed = z.get_untracked();
        let title = t(if closed.is_some() {
            Text::ReportZTitle
        } else {
            Text::ReportX
        });
        let now = format_date_time(crate::web::clock::now(), lang.date_style());
        let mut rows = vec![
            (t(Text::ReceiptTill), crate::web::till::till_id()),
            (t(Text::LoginCashier), cashier.clone()),
            (t(Text::ReceiptDate), now),
            (t(Text::ReportSales), report.sales_count.to_string()),
            (t(Text::TotalBeforeBonus), money(report.total_before_bonus)),
            (t(Text::ReportCash), money(report.cash_payments)),
            (t(Text::ReportCard), money(report.card_payments)),
        ];
        for (rate, vat) in &report.vat_by_rate {
            rows.push((format!("{} {rate}%", t(Text::ReceiptVatAt)), money(*vat)));
        }
        rows.extend([
            (t(Text::BonusApplied), money(report.cashback_spent)),
            (t(Text::ReportCashbackEarned), money(report.cashback_earned)),
            (t(Text::CashIn), money(report.cash_in)),
            (t(Text::CashOut), money(report.cash_out)),
            (t(Text::ReportOpeningCash), money(report.opening_cash)),
            (t(Text::ReportExpectedCash), money(report.expected_cash)),
            (t(Text::ReportDrawerOpenings), count.to_string()),
        ]);
        if let Some(z) = closed {
            let (label, amount) = match z.difference {
                CountDifference::Exact => (Text::ReportExact, Money::ZERO),
                CountDifference::Surplus(amount) => (Text::ReportSurplus, amount),
                CountDifference::Shortage(amount) => (Text::ReportShortage, amount),
            };
            rows.push((t(Text::ReportCounted), money(z.counted)));
            rows.push((t(label), money(amount)));
        }
        printer.print_figures(lang, saved_paper(), title, rows);
    };
    view! {
        <dl class="report">
            <div class="row">
                <dt>{move || locale.t(Text::ReportDrawerOpenings)}</dt>
                <dd data-testid="report-drawer-openings">{count}</dd>
            </div>
        </dl>
        <Show when=move || printer.status() != PrinterStatus::None>
            <button type="button" class="secondary" data-testid="report-print" on:click=print.clone()>
                {move || locale.t(Text::ReportPrint)}
            </button>
        </Show>
    }
}
