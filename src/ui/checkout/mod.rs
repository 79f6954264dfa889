//! The checkout screen, where a cashier spends most of the day.

mod appspos_camera;
mod appspos_dialog;
mod appspos_flow;
mod bonus_dialog;
mod cart_view;
mod catalog_feed;
mod catalog_panel;
mod code_reader;
mod coupon_dialog;
mod customer_panel;
mod demo_samples;
mod display_feed;
mod enrol_form;
mod finalize;
mod item_entry;
mod item_form;
mod member_dialog;
pub mod parts;
mod payment_dialog;
mod points_dialog;
mod printed_receipt;
mod printer_hook;
mod printer_menu;
mod qty_dialog;
mod receipt_camera;
mod refund_dialog;
mod report_dialog;
mod sale_result;
mod scan_camera;
mod scan_dialog;
mod scan_manual;
mod scan_photo;
mod server_report;
pub mod shelf;
mod shift_chart;
mod shortcuts;
mod state;
mod store_server;
mod totals_panel;

use leptos::prelude::*;
use leptos::task::spawn_local;

use self::cart_view::CartView;
use self::customer_panel::CustomerPanel;
pub use self::display_feed::HELLO as DISPLAY_HELLO;
use self::item_entry::ItemEntry;
use self::printer_menu::{PrinterMenu, PrinterProblem};
pub use self::state::ShownCheckout;
use self::state::{Checkout, Dialog};
use self::totals_panel::TotalsPanel;
use super::deployment::Deployment;
use super::lang_select::LangSelect;
use super::locale::Locale;
use super::outbox::Outbox;
use super::session::CurrentSession;
use super::theme_toggle::ThemeToggle;
use crate::domain::provider::{Identification, Provider};
use crate::i18n::{Describe, Text};
use crate::loyalty::error::LoyaltyError;
use crate::ui::on_demand::{on_demand, Parts};

#[component]
pub fn CheckoutScreen() -> impl IntoView {
    let parts = Parts::get();
    let locale = Locale::get();
    let session = CurrentSession::get().session();
    let provider = session
        .as_ref()
        .map_or(Provider::None, |s| s.opening.access.provider());
    let checkout = Checkout::provide(provider);
    shortcuts::listen(checkout);
    printer_hook::follow(checkout);
    display_feed::feed(checkout);

    let cashier = session
        .as_ref()
        .map(|s| s.opening.cashier.clone())
        .unwrap_or_default();
    let is_demo = session.as_ref().is_some_and(|s| s.is_demo);
    let has_store_server = session.as_ref().is_some_and(|s| s.store_server.is_some());

    let outbox = Outbox::get();
    // A queued sale on screen turns into its final answer when it comes; a
    // refusal of a sale no longer on screen is shown in a banner, so the
    // cashier can decide what to do with it.
    let refused = RwSignal::new(None::<(String, Text, String)>);
    Effect::new(move |_| {
        let Some((number, settlement)) = outbox.last_settled.get() else {
            return;
        };
        let on_screen = checkout
            .outcome
            .with_untracked(|o| o.as_ref().is_some_and(|o| o.receipt_number() == number));
        if on_screen {
            checkout.outcome.update(|outcome| {
                *outcome = outcome.take().map(|shown| shown.answered(&settlement));
            });
        } else if let Err(
            error @ (LoyaltyError::Rejected(message) | LoyaltyError::Conflict(message)),
        ) = &settlement.answer
        {
            refused.set(Some((number, error.text(), message.clone())));
        }
    });
    let current = CurrentSession::get();

    if provider == Provider::AppsPos {
        resume_in_app(checkout, parts);
    }

    let shelf = checkout.shelf;
    let store_server = session.as_ref().and_then(|s| s.store_server.clone());
    let deployment = Deployment::get();
    spawn_local(async move {
        match (parts.keep_stocked)(shelf, store_server, deployment).await {
            Ok(stocking) => stocking.await,
            // Without the part the till still sells typed items.
            Err(_) => shelf.catalog.set(Some(Default::default())),
        }
    });

    // The scan and member dialogs' decoder worker is downloaded and compiled
    // while the cashier sells, not when scan is pressed, and stays out of
    // the first load.
    let scans_codes = provider.identifies_by(Identification::MobileNumber)
        || !provider.identifies_by(Identification::TransactionQr);
    if checkout.has_customers() && scans_codes {
        request_idle_callback(crate::scan::decoder::warm_up);
    }

    view! {
        <section class="checkout">
            <header class="topbar">
                <h1 class="brand">{move || locale.t(Text::AppName)}</h1>
                <Show when=move || is_demo>
                    <span class="badge">{move || locale.t(Text::DemoBadge)}</span>
                </Show>
                <span class="pending" title=move || locale.t(Text::OutboxPending)>
                    <span aria-hidden="true">"⇅ "</span>
                    <span class="visually-hidden">{move || locale.t(Text::OutboxPending)} ": "</span>
                    <span data-testid="outbox-pending">{move || outbox.count()}</span>
                </span>
                <span class="cashier">{cashier}</span>
                <PrinterMenu/>
                <LangSelect/>
                <ThemeToggle/>
                <button type="button" class="ghost" data-testid="report-x"
                    on:click=move |_| checkout.dialog.set(Dialog::Report { closing: false })>
                    {move || locale.t(Text::ReportX)}
                </button>
                <button type="button" class="ghost" data-testid="refund-open"
                    on:click=move |_| checkout.dialog.set(Dialog::Refund)>
                    {move || locale.t(Text::RefundOpen)}
                </button>
                <button type="button" class="ghost" data-testid="shift-close"
                    on:click=move |_| checkout.dialog.set(Dialog::Report { closing: true })>
                    {move || locale.t(Text::ShiftClose)}
                </button>
                <button type="button" class="ghost" data-testid="relogin" on:click=move |_| {
                    if let Some(session) = current.session() {
                        spawn_local(async move {
                            let _ = session.store.set_shift(None).await;
                        });
                    }
                    current.0.set(None);
                }>
                    {move || locale.t(Text::Relogin)}
                </button>
            </header>
            <PrinterProblem/>
            {has_store_server.then(|| on_demand((parts.store_server_banner)()))}
            {move || refused.get().map(|(number, text, message)| view! {
                <div class="banner error" role="alert" data-testid="outbox-problem">
                    <span>{number} " — " {move || locale.t(text)} " " {message}</span>
                    <button type="button" class="ghost" on:click=move |_| refused.set(None)>
                        {move || locale.t(Text::Close)}
                    </button>
                </div>
            })}
            <div class="checkout-main">
                <div class="receipt-column card">
                    <ItemEntry/>
                    <CartView/>
                </div>
                <div class="catalog-column">{on_demand((parts.catalog_panel)())}</div>
                <aside class="side-column">
                    <Show when=move || checkout.has_customers()>
                        <CustomerPanel/>
                    </Show>
                    <TotalsPanel/>
                </aside>
            </div>
            {move || match checkout.dialog.get() {
                Dialog::None => ().into_any(),
                Dialog::Item(line) => on_demand((parts.item)(line)),
                Dialog::Scan if provider.identifies_by(Identification::MobileNumber) => {
                    on_demand((parts.member)())
                }
                Dialog::Scan if provider.identifies_by(Identification::TransactionQr) => {
                    on_demand((parts.appspos)())
                }
                Dialog::Scan => on_demand((parts.scan)()),
                Dialog::Bonus => on_demand((parts.bonus)()),
                Dialog::Points => on_demand((parts.points)()),
                Dialog::Coupon => on_demand((parts.coupon)()),
                Dialog::EditMember => {
                    let mobile = checkout
                        .customer
                        .with_untracked(|c| c.as_ref().map(|c| c.id.as_str().to_owned()))
                        .unwrap_or_default();
                    on_demand((parts.edit_member)(mobile))
                }
                Dialog::Payment => on_demand((parts.payment)()),
                Dialog::Result => on_demand((parts.result)()),
                Dialog::Report { closing } => on_demand((parts.report)(closing)),
                Dialog::Refund => on_demand((parts.refund)()),
                Dialog::Quantity { product, barcode } => on_demand((parts.quantity)(product, barcode)),
            }}
        </section>
    }
}

/// An AppsPOS payment stored before a reload goes on: its cart comes back
/// as it was ordered, and its dialog opens where it stopped. Reading the
/// record is the AppsPOS part's (it is needed next anyway).
fn resume_in_app(checkout: Checkout, parts: Parts) {
    let Some(session) = CurrentSession::get().session() else {
        return;
    };
    spawn_local(async move {
        let Ok(reading) = (parts.resume_in_app)(session).await else {
            return;
        };
        let Some(sale) = reading.await else {
            return;
        };
        checkout.cart.update(|cart| {
            cart.clear();
            for line in &sale.ordered {
                cart.add(line.clone());
            }
        });
        checkout.in_app.set(Some(sale));
        checkout.dialog.set(Dialog::Scan);
    });
}
