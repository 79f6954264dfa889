use leptos::prelude::*;
use leptos::task::spawn_local;

use super::printed_receipt::{paper_width, PrintedReceipt};
use super::printer_hook::print_on_printer;
use super::printer_menu::ReportPrinting;
use super::server_report::{close_day, current_day, ServerDay, ServerReportView};
use super::state::Checkout;
use super::state::{SaleOutcome, SaleStatus};
use rust_decimal::Decimal;

use super::shift_chart::ShiftChart;
use crate::domain::money::Money;
use crate::domain::number_input::parse_money;
use crate::domain::payment::Payment;
use crate::domain::provider::BalanceKind;
use crate::domain::refund::Refund;
use crate::domain::report::{
    check_cash_out, CashMovement, CashMovementKind, CountDifference, ReportedSale, ShiftReport,
    ZReport,
};
use crate::domain::sale::Sale;
use crate::domain::shift_glance::ShiftGlance;
use crate::i18n::{Describe, Text};
use crate::srv4pos::plan as store_plan;
use crate::store::journal::SaleRecord;
use crate::store::records::CashMovementRecord;
use crate::store::refund_journal::RefundRecord;
use crate::ui::field::{ErrorLine, Field};
use crate::ui::locale::Locale;
use crate::ui::modal::Modal;
use crate::ui::money::MoneyText;
use crate::ui::outbox::Outbox;
use crate::ui::printer::Printer;
use crate::ui::session::CurrentSession;
use crate::ui::supervisor::SupervisorApproval;

/// The shift's figures from the journal: the X report at any time, and the
/// Z report when closing (with the counted cash).
#[component]
pub fn ReportDialog(closing: bool) -> impl IntoView {
    let locale = Locale::get();
    let checkout = Checkout::get();
    let current = CurrentSession::get();
    let outbox = Outbox::get();
    let report = RwSignal::new(None::<ShiftReport>);
    let journal = RwSignal::new(Vec::<SaleRecord>::new());
    let glance = RwSignal::new(ShiftGlance::default());
    let z_report = RwSignal::new(None::<ZReport>);
    let counted = RwSignal::new(String::new());
    let error = RwSignal::new(None::<Text>);
    let server_day = RwSignal::new(None::<ServerDay>);
    let store_server = StoredValue::new(current.session().and_then(|s| s.store_server.clone()));
    let has_store_server = store_server.with_value(Option::is_some);
    if let Some(server) = store_server.get_value().filter(|_| !closing) {
        spawn_local(async move { server_day.set(Some(current_day(server).await)) });
    }

    // The report is recomputed from storage, also after a cash movement.
    let load = move || {
        let Some(session) = current.session() else {
            return;
        };
        spawn_local(async move {
            let tag = &session.shift_tag;
            let records = session.store.journal(tag).await.unwrap_or_default();
            // A refund record that no longer reads is left out of the
            // figures rather than stopping the report.
            let refunds: Vec<Refund> = session
                .store
                .refunds(tag)
                .await
                .unwrap_or_default()
                .iter()
                .filter_map(RefundRecord::refund)
                .collect();
            let movements: Vec<CashMovement> = session
                .store
                .cash_movements(tag)
                .await
                .unwrap_or_default()
                .iter()
                .filter_map(|record| record.movement())
                .collect();
            let sales: Vec<(Sale, &SaleRecord, Vec<Payment>)> = records
                .iter()
                .filter_map(|r| Some((r.sale()?, r, r.owed_paid())))
                .collect();
            let reported: Vec<ReportedSale> = sales
                .iter()
                .map(|(sale, record, owed_paid)| ReportedSale {
                    sale,
                    earned: record.earned(),
                    earned_points: record.earned_points,
                    owed_paid,
                })
                .collect();
            report.set(
                ShiftReport::new(
                    session.opening.opening_cash,
                    &reported,
                    &refunds,
                    &movements,
                )
                .ok(),
            );
            glance.set(ShiftGlance::of(sales.iter().map(|(sale, _, _)| sale)));
            journal.set(records);
        });
    };
    load();

    let close_shift = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(shown) = report.get_untracked() else {
            return;
        };
        match parse_money(&counted.get_untracked()) {
            Ok(cash) => {
                error.set(None);
                z_report.set(Some(shown.close(cash)));
                // The server's day closes once it has every receipt.
                if let Some(server) = store_server.get_value() {
                    if outbox.store_busy_untracked() {
                        server_day.set(Some(Err(Text::ServerDayQueued)));
                    } else {
                        spawn_local(async move { server_day.set(Some(close_day(server).await)) });
                    }
                }
                if let Some(session) = current.session() {
                    spawn_local(async move {
                        let _ = session.store.set_shift(None).await;
                    });
                }
            }
            Err(e) => error.set(Some(e.text())),
        }
    };
    let leave = Callback::new(move |_| {
        if z_report.with_untracked(Option::is_some) {
            current.0.set(None);
        } else {
            checkout.close_dialog();
        }
    });
    let title = if closing {
        Text::ShiftClose
    } else {
        Text::ReportX
    };

    view! {
        <Modal title=title on_close=leave>
            {move || report.get().map(|r| view! { <ReportFigures report=r.clone()/> <ReportPrinting report=r z=z_report/> })}
            {move || view! { <ShiftChart glance=glance.get()/> }}
            <Show when=move || !closing>
                <JournalList journal=journal/>
            </Show>
            {move || match z_report.get() {
                Some(z) => view! { <ZFigures z=z/> }.into_any(),
                None if closing => view! {
                    <form class="stack" on:submit=close_shift novalidate=true>
                        <Show when=move || { outbox.count() > 0 }>
                            <p class="warning">{move || locale.t(Text::ReportPendingWarning)}</p>
                        </Show>
                        <Field label=Text::ReportCounted test_id="report-counted" value=counted input_mode="decimal" autofocus=true/>
                        <ErrorLine error=error test_id="report-error"/>
                        <button type="submit" class="primary big" data-testid="report-z">
                            {move || locale.t(Text::ReportCloseConfirm)}
                        </button>
                    </form>
                }
                .into_any(),
                None => view! { <CashMovementForm report=report reload=Callback::new(move |_| load())/> }.into_any(),
            }}
            <Show when=move || has_store_server>
                <ServerReportView day=server_day kassa=report/>
            </Show>
        </Modal>
    }
}

#[component]
fn ReportFigures(report: ShiftReport) -> impl IntoView {
    let locale = Locale::get();
    let points_program = Checkout::get().provider.capabilities().balance == BalanceKind::Points;
    let row = move |label: Text, value: Money, test_id: &'static str| {
        view! {
            <div class="row">
                <dt>{move || locale.t(label)}</dt>
                <dd><MoneyText value=Signal::stored(value) test_id=test_id/></dd>
            </div>
        }
    };
    let vat_rows = report
        .vat_by_rate
        .iter()
        .map(|(rate, vat)| {
            let (rate, vat) = (*rate, *vat);
            view! {
                <div class="row">
                    <dt>{move || format!("{} {rate}%", locale.t(Text::ReceiptVatAt))}</dt>
                    <dd><MoneyText value=Signal::stored(vat) test_id="report-vat"/></dd>
                </div>
            }
        })
        .collect_view();
    view! {
        <dl class="report">
            <div class="row">
                <dt>{move || locale.t(Text::ReportSales)}</dt>
                <dd data-testid="report-sales-count">{report.sales_count}</dd>
            </div>
            {row(Text::TotalBeforeBonus, report.total_before_bonus, "report-total")}
            {row(Text::ReportCash, report.cash_payments, "report-cash")}
            {row(Text::ReportCard, report.card_payments, "report-card")}
            {vat_rows}
            {row(Text::BonusApplied, report.cashback_spent, "report-cashback-spent")}
            {row(Text::ReportCashbackEarned, report.cashback_earned, "report-cashback-earned")}
            {points_program.then(|| view! {
                {row(Text::ReportPointsSpent, report.points_spent, "report-points-spent")}
                <div class="row">
                    <dt>{move || locale.t(Text::PointsEarned)}</dt>
                    <dd data-testid="report-points-earned" data-value=report.points_earned>{report.points_earned}</dd>
                </div>
            })}
            {row(Text::ReportOpeningCash, report.opening_cash, "report-opening-cash")}
            {row(Text::ReportExpectedCash, report.expected_cash, "report-expected-cash")}
        </dl>
        <RefundFigures report=report/>
    }
}

/// The shift's refunds and the figures net of them, which the drawer and
/// the card terminal should show.
#[component]
fn RefundFigures(report: ShiftReport) -> impl IntoView {
    let locale = Locale::get();
    let refunds = &report.refunds;
    let row = move |label: Text, value: Money, test_id: &'static str| {
        view! {
            <div class="row">
                <dt>{move || locale.t(label)}</dt>
                <dd><MoneyText value=Signal::stored(value) test_id=test_id/></dd>
            </div>
        }
    };
    let net_row = move |label: String, value: Decimal, test_id: &'static str| {
        view! {
            <div class="row">
                <dt>{label}</dt>
                <dd><SignedAmount value=value test_id=test_id/></dd>
            </div>
        }
    };
    let cashiers = refunds
        .by_cashier
        .iter()
        .map(|(cashier, (count, total))| {
            let (cashier, count, total) = (cashier.clone(), *count, *total);
            view! {
                <div class="row" data-testid="report-refund-cashier">
                    <dt>{move || format!("{} {cashier} ({count})", locale.t(Text::ReportRefundedBy))}</dt>
                    <dd><MoneyText value=Signal::stored(total) test_id="report-refund-cashier-total"/></dd>
                </div>
            }
        })
        .collect_view();
    let net_vat = report
        .net_vat_by_rate()
        .into_iter()
        .map(|(rate, vat)| {
            net_row(
                format!("{} {rate}%", locale.t(Text::ReportNetVat)),
                vat,
                "report-net-vat",
            )
        })
        .collect_view();
    view! {
        <dl class="report report-refunds">
            <div class="row">
                <dt>{move || locale.t(Text::ReportRefunds)}</dt>
                <dd data-testid="report-refunds-count">{refunds.count}</dd>
            </div>
            {row(Text::ReportRefundTotal, refunds.total, "report-refund-total")}
            {row(Text::ReportRefundCash, refunds.cash, "report-refund-cash")}
            {row(Text::ReportRefundCard, refunds.card, "report-refund-card")}
            {cashiers}
            {net_row(locale.t(Text::ReportNetTotal).to_owned(), report.net_total_due(), "report-net-total")}
            {net_row(locale.t(Text::ReportNetCard).to_owned(), report.net_card(), "report-net-card")}
            {net_vat}
        </dl>
    }
}

/// An amount that may be below zero (a shift that paid back more by card
/// than it took), with its plain decimal in `data-value`.
#[component]
fn SignedAmount(value: Decimal, test_id: &'static str) -> impl IntoView {
    let locale = Locale::get();
    let shown = Money::new(value.abs()).unwrap_or(Money::ZERO);
    let sign = if value.is_sign_negative() && !value.is_zero() {
        "−"
    } else {
        ""
    };
    view! {
        <span class="money" data-testid=test_id data-value=value.round_dp(2).to_string()>
            {move || format!("{sign}{}", locale.money(shown))}
        </span>
    }
}

#[component]
fn ZFigures(z: ZReport) -> impl IntoView {
    let locale = Locale::get();
    let (label, amount) = match z.difference {
        CountDifference::Exact => (Text::ReportExact, Money::ZERO),
        CountDifference::Surplus(amount) => (Text::ReportSurplus, amount),
        CountDifference::Shortage(amount) => (Text::ReportShortage, amount),
    };
    view! {
        <div class="stack" data-testid="report-z-result">
            <h3>{move || locale.t(Text::ReportZTitle)}</h3>
            <dl>
                <div class="row">
                    <dt>{move || locale.t(Text::ReportCounted)}</dt>
                    <dd><MoneyText value=Signal::stored(z.counted) test_id="report-counted-cash"/></dd>
                </div>
                <div class="row">
                    <dt>{move || locale.t(label)}</dt>
                    <dd><MoneyText value=Signal::stored(amount) test_id="report-difference"/></dd>
                </div>
            </dl>
        </div>
    }
}

/// Cash put into or taken out of the drawer, with a reason.
#[component]
fn CashMovementForm(report: RwSignal<Option<ShiftReport>>, reload: Callback<()>) -> impl IntoView {
    let outbox = Outbox::get();
    let locale = Locale::get();
    let current = CurrentSession::get();
    let printer = Printer::get();
    let cash_in = RwSignal::new(true);
    let amount = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let error = RwSignal::new(None::<Text>);
    // Cash out needs the supervisor's PIN where the deployment asks for it.
    let approved = RwSignal::new(false);

    let record = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !cash_in.get_untracked() && !approved.get_untracked() {
            return;
        }
        let kind = if cash_in.get_untracked() {
            CashMovementKind::In
        } else {
            CashMovementKind::Out
        };
        let checked = parse_money(&amount.get_untracked())
            .map_err(|e| e.text())
            .and_then(|value| {
                CashMovement::new(kind, value, &reason.get_untracked()).map_err(|e| e.text())
            })
            .and_then(|movement| {
                let in_drawer =
                    report.with_untracked(|r| r.as_ref().map_or(Money::ZERO, |r| r.expected_cash));
                match kind {
                    CashMovementKind::Out => check_cash_out(in_drawer, movement.amount())
                        .map(|_| movement)
                        .map_err(|e| e.text()),
                    CashMovementKind::In => Ok(movement),
                }
            });
        let movement = match checked {
            Ok(movement) => movement,
            Err(text) => return error.set(Some(text)),
        };
        let Some(session) = current.session() else {
            return;
        };
        error.set(None);
        // The store server's record of it, stored with it.
        let balance = session.store_server.as_ref().map(|_| {
            let id = store_plan::identifier(crate::web::till::random_bytes());
            store_plan::balance_record(&movement, &id)
        });
        spawn_local(async move {
            let stored = session
                .store
                .add_cash_movement(
                    &session.shift_tag,
                    CashMovementRecord::new(&movement),
                    balance.as_ref(),
                )
                .await;
            match stored {
                Ok(()) => {
                    if let Some(balance) = balance {
                        outbox.add(balance);
                    }
                    printer.open_drawer();
                    amount.set(String::new());
                    reason.set(String::new());
                    reload.run(());
                }
                Err(_) => error.set(Some(Text::ErrStorageUnavailable)),
            }
        });
    };

    view! {
        <form class="form-grid cash-movement" on:submit=record novalidate=true>
            <label class="field">
                <span class="field-label">{move || locale.t(Text::CashIn)} " / " {move || locale.t(Text::CashOut)}</span>
                <select data-testid="cash-kind" on:change=move |ev| cash_in.set(event_target_value(&ev) == "in")>
                    <option value="in">{move || locale.t(Text::CashIn)}</option>
                    <option value="out">{move || locale.t(Text::CashOut)}</option>
                </select>
            </label>
            <Field label=Text::CashAmount test_id="cash-amount" value=amount input_mode="decimal"/>
            <div class="span-2">
                <Field label=Text::CashReason test_id="cash-reason" value=reason/>
            </div>
            <div class="span-2">
                <ErrorLine error=error test_id="cash-error"/>
            </div>
            <Show when=move || !cash_in.get()>
                <div class="span-2"><SupervisorApproval approved=approved/></div>
            </Show>
            <button type="submit" class="secondary span-2" data-testid="cash-submit"
                disabled=move || !cash_in.get() && !approved.get()>
                {move || locale.t(Text::CashRecord)}
            </button>
        </form>
    }
}

/// The shift's receipts, each printable again.
#[component]
fn JournalList(journal: RwSignal<Vec<SaleRecord>>) -> impl IntoView {
    let locale = Locale::get();
    let paper = paper_width();
    let reprint = RwSignal::new(None::<SaleOutcome>);
    let print = move |record: &SaleRecord| {
        let Some(sale) = record.sale() else {
            return;
        };
        let status = match (sale.customer(), record.earned()) {
            (None, _) => SaleStatus::Recorded,
            (Some(_), Some(_)) => SaleStatus::Sent,
            (Some(_), None) => SaleStatus::Queued,
        };
        let mut outcome = SaleOutcome::finalized(sale);
        outcome.status = status;
        outcome.bonus_earned = record.earned();
        let printed = print_on_printer(&outcome);
        reprint.set(Some(outcome));
        if !printed {
            // Print once the receipt is on the page.
            request_animation_frame(crate::web::document::print);
        }
    };
    view! {
        <ul class="journal">
            {move || {
                journal
                    .get()
                    .into_iter()
                    .map(|record| {
                        let number = record.receipt_number.clone();
                        view! {
                            <li class="row">
                                <span data-testid="journal-receipt">{number}</span>
                                <button type="button" class="ghost" data-testid="journal-reprint"
                                    on:click=move |_| print(&record)>
                                    {move || locale.t(Text::ReceiptPrint)}
                                </button>
                            </li>
                        }
                    })
                    .collect_view()
            }}
        </ul>
        {move || reprint.get().map(|outcome| view! { <PrintedReceipt outcome=outcome paper=paper/> })}
    }
}
