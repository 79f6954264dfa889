//! The counter's hardware in the top bar: the printer's status, pairing,
//! the test page, the code page, the drawer, and the customer display.

use leptos::prelude::*;

use super::printed_receipt::saved_paper;
use crate::i18n::{Describe, Text};
use crate::print::code_page::CodePage;
use crate::ui::locale::Locale;
use crate::ui::printer::{drawer_openings, status_text, Printer, PrinterStatus};
use crate::ui::session::CurrentSession;
use crate::web::printer::Transport;

#[component]
pub fn PrinterMenu() -> impl IntoView {
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
    let test = move |_| {
        printer.print_test_page(locale.lang_untracked(), saved_paper());
    };
    view! {
        <details class="printer-menu">
            <summary class="ghost" title=move || locale.t(status_text(printer.status()))>
                <span aria-hidden="true">"⎙ "</span>
                <span class="visually-hidden">{move || locale.t(Text::PrinterTitle)} ": "</span>
                <span data-testid="printer-status">{move || printer.status().code()}</span>
            </summary>
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
                    <button type="button" class="secondary" data-testid="drawer-open" on:click=move |_| printer.open_drawer()>
                        {move || locale.t(Text::DrawerOpen)}
                    </button>
                </Show>
                <button type="button" class="secondary" data-testid="customer-display-open"
                    on:click=move |_| crate::web::customer_display::open()>
                    {move || locale.t(Text::CustomerDisplayOpen)}
                </button>
            </div>
        </details>
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

/// The X/Z report's count of drawer openings in this shift.
#[component]
pub fn DrawerOpenings() -> impl IntoView {
    let locale = Locale::get();
    let count = CurrentSession::get()
        .session()
        .map_or(0, |session| drawer_openings(&session.shift_tag));
    view! {
        <dl class="report">
            <div class="row">
                <dt>{move || locale.t(Text::ReportDrawerOpenings)}</dt>
                <dd data-testid="report-drawer-openings">{count}</dd>
            </div>
        </dl>
    }
}
