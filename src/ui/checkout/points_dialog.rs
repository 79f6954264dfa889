use leptos::prelude::*;
use leptos::task::spawn_local;

use super::state::{Checkout, PointsRedemption};
use crate::domain::money::Money;
use crate::i18n::{Describe, Text};
use crate::loyalty::capillary::wire::PointsCheck;
use crate::loyalty::error::LoyaltyError;
use crate::ui::field::{ErrorLine, Field};
use crate::ui::locale::Locale;
use crate::ui::modal::Modal;
use crate::ui::money::MoneyText;
use crate::ui::net_retry::{NetRetry, NetRetryNotice};
use crate::ui::session::CurrentSession;

/// Paying with points: the cashier asks the program whether the points can
/// be redeemed (which sends the customer a one-time code), types the code
/// the customer reads out, and the points' value becomes a tender. The
/// points themselves are redeemed after the sale, in the outbox.
#[component]
pub fn PointsDialog() -> impl IntoView {
    let locale = Locale::get();
    let checkout = Checkout::get();
    let points_text = RwSignal::new(String::new());
    let otp = RwSignal::new(String::new());
    let error = RwSignal::new(None::<Text>);
    let server_message = RwSignal::new(String::new());
    let checked = RwSignal::new(None::<PointsCheck>);
    let demo_code = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let retry = NetRetry::new();
    let available = move || {
        checkout
            .customer
            .with(|c| c.as_ref().and_then(|c| c.points))
            .unwrap_or(0)
    };
    let value =
        Signal::derive(move || checked.with(|c| c.as_ref().map_or(Money::ZERO, |c| c.value)));

    let request = move |_| {
        if busy.get_untracked() {
            return;
        }
        let Ok(points) = points_text.get_untracked().trim().parse::<u64>() else {
            return error.set(Some(Text::ErrPointsNumber));
        };
        if points == 0 || points > available() {
            return error.set(Some(Text::ErrPointsOverBalance));
        }
        let mobile = checkout.member_mobile();
        let (Some(session), Some(mobile)) = (CurrentSession::get().session(), mobile) else {
            return;
        };
        error.set(None);
        server_message.set(String::new());
        checked.set(None);
        busy.set(true);
        spawn_local(async move {
            let asked = i64::try_from(points).unwrap_or(i64::MAX);
            let answer = match session.backend.capillary() {
                Some(client) => retry.run(|| client.check_points(&mobile, asked)).await,
                None => Err(LoyaltyError::UnexpectedAnswer),
            };
            let _ = busy.try_set(false);
            match answer {
                Ok(check) if check.redeemable => {
                    let _ = checked.try_set(Some(check));
                    let shown = session.backend.demo_otp(&mobile).await;
                    let _ = demo_code.try_set(shown);
                }
                Ok(check) => {
                    let _ = server_message.try_set(check.message);
                    let _ = error.try_set(Some(Text::ErrPointsNotRedeemable));
                }
                Err(e) => {
                    let _ = error.try_set(Some(e.text()));
                }
            }
        });
    };

    let apply = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(check) = checked.get_untracked() else {
            return error.set(Some(Text::ErrPointsNotChecked));
        };
        let code = otp.get_untracked().trim().to_owned();
        if code.is_empty() {
            return error.set(Some(Text::ErrPointsCode));
        }
        // Points pay part of what is left after the coupon, never more.
        let room = checkout.totals.get_untracked().total_before_bonus;
        if check.value > room {
            return error.set(Some(Text::ErrTendersExceedBill));
        }
        checkout.points.set(Some(PointsRedemption {
            points: u64::try_from(check.points).unwrap_or(0),
            value: check.value,
            otp: code,
        }));
        checkout.close_dialog();
    };

    view! {
        <Modal title=Text::PointsTitle on_close=Callback::new(move |_| checkout.close_dialog())>
            <form class="stack" novalidate=true on:submit=apply>
                <p class="muted">
                    {move || locale.t(Text::PointsAvailable)} ": "
                    <span data-testid="points-available">{available}</span>
                </p>
                <Field label=Text::PointsAmount test_id="points-input" value=points_text input_mode="numeric" autofocus=true/>
                <button type="button" class="secondary" data-testid="points-request-otp"
                    disabled=move || busy.get() on:click=request>
                    {move || locale.t(Text::PointsRequestOtp)}
                </button>
                <NetRetryNotice retry=retry/>
                <Show when=move || checked.with(Option::is_some)>
                    <p>
                        {move || locale.t(Text::PointsValue)} ": "
                        <MoneyText value=value test_id="points-value"/>
                    </p>
                    {move || demo_code.get().map(|code| view! {
                        <p class="notice" data-testid="points-demo-otp">
                            {move || locale.t(Text::PointsDemoCode)} " " <code>{code.clone()}</code>
                        </p>
                    })}
                    <Field label=Text::PointsOtp test_id="points-otp-input" value=otp input_mode="numeric" verbatim=true/>
                </Show>
                <ErrorLine error=error test_id="points-error"/>
                {move || (!server_message.get().is_empty()).then(|| view! {
                    <p class="server-message">{server_message.get()}</p>
                })}
                <div class="actions">
                    <button type="button" class="ghost" data-testid="points-remove"
                        on:click=move |_| {
                            checkout.points.set(None);
                            checkout.close_dialog();
                        }>
                        {move || locale.t(Text::PointsRemove)}
                    </button>
                    <button type="submit" class="primary" data-testid="points-apply">
                        {move || locale.t(Text::PointsApply)}
                    </button>
                </div>
            </form>
        </Modal>
    }
}
