use leptos::prelude::*;
use leptos::task::spawn_local;

use super::demo_samples::SampleList;
use super::state::{Checkout, CouponRedemption};
use crate::i18n::{Describe, Text};
use crate::loyalty::error::LoyaltyError;
use crate::ui::field::{ErrorLine, Field};
use crate::ui::locale::Locale;
use crate::ui::modal::Modal;
use crate::ui::net_retry::{NetRetry, NetRetryNotice};
use crate::ui::session::CurrentSession;

/// A coupon code, checked with the program, becomes the receipt's bill
/// discount; it is redeemed after the sale, in the outbox. One per receipt.
#[component]
pub fn CouponDialog() -> impl IntoView {
    let locale = Locale::get();
    let checkout = Checkout::get();
    let code = RwSignal::new(
        checkout
            .coupon
            .with_untracked(|c| c.as_ref().map(|c| c.code.clone()))
            .unwrap_or_default(),
    );
    let error = RwSignal::new(None::<Text>);
    let server_message = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let retry = NetRetry::new();
    let samples = RwSignal::new(Vec::<(String, String)>::new());
    if let Some(session) = CurrentSession::get().session() {
        spawn_local(async move {
            let (_, coupons) = session.backend.capillary_samples().await;
            let _ = samples.try_set(coupons);
        });
    }

    let apply = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let typed = code.get_untracked().trim().to_owned();
        if typed.is_empty() {
            return error.set(Some(Text::ErrCouponCode));
        }
        let mobile = checkout.member_mobile();
        let (Some(session), Some(mobile)) = (CurrentSession::get().session(), mobile) else {
            return;
        };
        error.set(None);
        server_message.set(String::new());
        busy.set(true);
        spawn_local(async move {
            let answer = match session.backend.capillary() {
                Some(client) => retry.run(|| client.check_coupon(&mobile, &typed)).await,
                None => Err(LoyaltyError::UnexpectedAnswer),
            };
            let _ = busy.try_set(false);
            match answer {
                Ok(check) => match check.discount.filter(|_| check.redeemable) {
                    Some(discount) => {
                        checkout.coupon.set(Some(CouponRedemption {
                            code: check.code,
                            value: discount,
                        }));
                        checkout.close_dialog();
                    }
                    None => {
                        let _ = server_message.try_set(check.message);
                        let _ = error.try_set(Some(Text::ErrCouponNotRedeemable));
                    }
                },
                Err(e) => {
                    let _ = error.try_set(Some(e.text()));
                }
            }
        });
    };

    view! {
        <Modal title=Text::CouponTitle on_close=Callback::new(move |_| checkout.close_dialog())>
            <form class="stack" novalidate=true on:submit=apply>
                <Field label=Text::CouponCode test_id="coupon-input" value=code autofocus=true verbatim=true/>
                <NetRetryNotice retry=retry/>
                <ErrorLine error=error test_id="coupon-error"/>
                {move || (!server_message.get().is_empty()).then(|| view! {
                    <p class="server-message">{server_message.get()}</p>
                })}
                <div class="actions">
                    <button type="button" class="ghost" data-testid="coupon-remove"
                        on:click=move |_| {
                            checkout.coupon.set(None);
                            checkout.close_dialog();
                        }>
                        {move || locale.t(Text::CouponRemove)}
                    </button>
                    <button type="submit" class="primary" data-testid="coupon-apply" disabled=move || busy.get()>
                        {move || locale.t(Text::CouponApply)}
                    </button>
                </div>
            </form>
            <SampleList label=Text::DemoCoupons samples=samples typed=code/>
        </Modal>
    }
}
