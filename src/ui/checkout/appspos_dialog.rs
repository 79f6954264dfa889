use leptos::prelude::*;
use leptos::task::spawn_local;

use super::appspos_camera::TransactionCodeCamera;
use super::appspos_flow::Flow;
use super::demo_samples::SampleList;
use super::state::Checkout;
use crate::domain::money::Money;
use crate::domain::transaction_qr::TransactionQr;
use crate::i18n::{Describe, Text};
use crate::loyalty::appspos::payment::{Phase, Status, POLL_LIMIT_MS};
use crate::ui::field::{ErrorLine, Field};
use crate::ui::locale::Locale;
use crate::ui::modal::Modal;
use crate::ui::money::MoneyText;
use crate::ui::session::CurrentSession;
use crate::web::clock::now_ms;

/// How often the waiting timer moves.
const TICK_MS: u64 = 500;

/// Paying in the customer's AppsPOS app: the transaction code (shown to
/// the camera, from a photo, or typed) starts the order, the app's voucher comes off the bill, the cashier releases the
/// payment and the till waits for the app; paid, the sale is finalized.
#[component]
pub fn AppsPosDialog() -> impl IntoView {
    let locale = Locale::get();
    let checkout = Checkout::get();
    let flow = Flow::new();
    let code = RwSignal::new(String::new());
    let code_error = RwSignal::new(None::<Text>);
    let samples = RwSignal::new(Vec::<(String, String)>::new());
    if let Some(session) = CurrentSession::get().session() {
        spawn_local(async move {
            let found = session.backend.appspos_samples().await;
            let _ = samples.try_set(found);
        });
    }
    // A payment under way (restored after a reload, or left open to change
    // the cart) goes on where it is.
    if checkout.in_app.with_untracked(Option::is_some) {
        flow.drive();
    }
    let now = RwSignal::new(now_ms());
    if let Ok(ticking) = set_interval_with_handle(
        move || now.set(now_ms()),
        std::time::Duration::from_millis(TICK_MS),
    ) {
        on_cleanup(move || ticking.clear());
    }

    let status = move || {
        checkout
            .in_app
            .with(|s| s.as_ref().map(|s| s.payment.status()))
    };
    let phase = move || {
        checkout
            .in_app
            .with(|s| s.as_ref().map(|s| s.payment.phase.clone()))
    };
    let voucher = Signal::derive(move || {
        checkout
            .in_app
            .with(|s| s.as_ref().map_or(Money::ZERO, |s| s.voucher))
    });
    let due = Signal::derive(move || checkout.totals.get().total_due);
    let paid = Signal::derive(move || {
        checkout.in_app.with(|s| {
            s.as_ref()
                .and_then(|s| s.paid().map(|p| p.paid_amount))
                .unwrap_or(Money::ZERO)
        })
    });
    let problem = move || {
        checkout
            .in_app
            .with(|s| s.as_ref().and_then(|s| s.problem()))
    };
    let waited = move || match phase() {
        Some(Phase::Paying { since, .. }) | Some(Phase::Releasing { at: since, .. }) => {
            let seconds = now.get().saturating_sub(since).min(POLL_LIMIT_MS) / 1000;
            Some(format!(
                "{}:{:02} / {}:00",
                seconds / 60,
                seconds % 60,
                POLL_LIMIT_MS / 60_000
            ))
        }
        _ => None,
    };
    let may_release = move || matches!(phase(), Some(Phase::Agreed { .. } | Phase::Failed { .. }));
    let may_remove_voucher = move || {
        matches!(
            phase(),
            Some(Phase::Ordered { .. } | Phase::Agreed { .. } | Phase::Stopped { .. })
        ) && !voucher.get().is_zero()
    };
    let may_cancel = move || {
        !matches!(
            phase(),
            None | Some(
                Phase::Ordering { again: false }
                    | Phase::Paid { .. }
                    | Phase::Refused { .. }
                    | Phase::Cancelling { .. }
                    | Phase::Cancelled { .. }
            )
        )
    };
    let ended = move || {
        matches!(
            phase(),
            Some(Phase::Refused { .. } | Phase::Cancelled { .. })
        )
    };
    // Once the app may take money the receipt is the app's: only Cancel.
    let may_close = move || {
        matches!(
            status(),
            None | Some(Status::Order | Status::Failed | Status::Cancelled)
        ) && !flow.busy.get_untracked()
    };

    let start = move |qr: TransactionQr| {
        if !checkout.can_pay() {
            return false;
        }
        code_error.set(None);
        flow.begin(qr);
        true
    };
    let on_code = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match TransactionQr::parse(&code.get_untracked()) {
            Ok(qr) => {
                start(qr);
            }
            Err(e) => code_error.set(Some(e.text())),
        }
    };

    view! {
        <Modal title=Text::AppsPosTitle on_close=Callback::new(move |_| {
            if may_close() {
                checkout.close_dialog();
            }
        })>
            <Show
                when=move || checkout.in_app.with(Option::is_some)
                fallback=move || view! {
                    <TransactionCodeCamera on_code=Callback::new(start) error=code_error/>
                    <form class="stack" novalidate=true on:submit=on_code>
                        <Field label=Text::AppsPosCode test_id="scan-manual-input" value=code
                            placeholder="QR-YYYYMMDD-XXXX-NNNNNNN" autofocus=true verbatim=true/>
                        <ErrorLine error=code_error test_id="scan-error"/>
                        <div class="actions">
                            <button type="button" class="ghost" data-testid="scan-close"
                                on:click=move |_| checkout.close_dialog()>
                                {move || locale.t(Text::Cancel)}
                            </button>
                            <button type="submit" class="primary" data-testid="scan-manual-submit"
                                disabled=move || !checkout.can_pay()>
                                {move || locale.t(Text::AppsPosSendOrder)}
                            </button>
                        </div>
                    </form>
                    <SampleList label=Text::DemoAppsPosCodes samples=samples typed=code/>
                }
            >
                <div class="stack" role="status">
                    <p class="appspos-status">
                        {move || locale.t(Text::AppsPosStatus)} ": "
                        <strong>{move || status().map(|s| locale.t(status_text(s)))}</strong>
                        " "
                        <code data-testid="appspos-status">{move || status().map(Status::code)}</code>
                    </p>
                    {move || waited().map(|timer| view! {
                        <p class="muted">
                            {move || locale.t(Text::AppsPosWaited)} ": "
                            <span data-testid="appspos-timer">{timer}</span>
                        </p>
                    })}
                </div>
                <dl>
                    <div class="row">
                        <dt>{move || locale.t(Text::AppsPosVoucher)}</dt>
                        <dd>"− "<MoneyText value=voucher test_id="appspos-voucher"/></dd>
                    </div>
                    <div class="row due">
                        <dt>{move || locale.t(Text::AppsPosPayable)}</dt>
                        <dd><MoneyText value=due test_id="appspos-payable"/></dd>
                    </div>
                    <Show when=move || status() == Some(Status::Paid)>
                        <div class="row">
                            <dt>{move || locale.t(Text::AppsPosPaid)}</dt>
                            <dd><MoneyText value=paid test_id="appspos-paid"/></dd>
                        </div>
                    </Show>
                </dl>
                {move || problem().map(|(problem, words)| view! {
                    <p class="error" role="alert" data-testid="appspos-error">
                        {move || locale.t(problem.text())}
                        {(!words.is_empty()).then(|| view! { " " <span class="server-message">{words.clone()}</span> })}
                    </p>
                })}
                {move || flow.trouble.get().map(|text| view! {
                    <p class="error" role="alert" data-testid="appspos-trouble">
                        {move || locale.t(text)} " "
                        <button type="button" class="ghost" data-testid="appspos-retry"
                            on:click=move |_| { flow.trouble.set(None); flow.drive(); }>
                            {move || locale.t(Text::TryAgain)}
                        </button>
                    </p>
                })}
                <div class="actions">
                    <Show when=may_cancel>
                        <button type="button" class="ghost" data-testid="appspos-cancel"
                            on:click=move |_| flow.decide(|payment, now| payment.cancel(now))>
                            {move || locale.t(Text::AppsPosCancel)}
                        </button>
                    </Show>
                    <Show when=may_remove_voucher>
                        <button type="button" class="secondary" data-testid="appspos-remove-voucher"
                            on:click=move |_| flow.decide(|payment, _| payment.remove_voucher())>
                            {move || locale.t(Text::AppsPosRemoveVoucher)}
                        </button>
                    </Show>
                    <Show when=ended>
                        <button type="button" class="secondary" data-testid="appspos-new-code"
                            on:click=move |_| checkout.in_app.set(None)>
                            {move || locale.t(Text::AppsPosNewCode)}
                        </button>
                    </Show>
                    <Show when=may_release>
                        <button type="button" class="primary big" data-testid="appspos-release"
                            on:click=move |_| flow.decide(|payment, now| payment.release(now))>
                            {move || locale.t(if matches!(phase(), Some(Phase::Failed { .. })) {
                                Text::AppsPosRetryPayment
                            } else {
                                Text::AppsPosRelease
                            })}
                        </button>
                    </Show>
                </div>
            </Show>
        </Modal>
    }
}

fn status_text(status: Status) -> Text {
    match status {
        Status::Order => Text::AppsPosStatusOrder,
        Status::Released => Text::AppsPosStatusReleased,
        Status::Paying => Text::AppsPosStatusPaying,
        Status::Paid => Text::AppsPosStatusPaid,
        Status::Failed => Text::AppsPosStatusFailed,
        Status::Cancelled => Text::AppsPosStatusCancelled,
    }
}
