use leptos::prelude::*;
use leptos::task::spawn_local;

use super::state::Checkout;
use crate::domain::customer::CustomerId;
use crate::domain::mobile::MobileNumber;
use crate::i18n::{Describe, Text};
use crate::loyalty::capillary::wire::{self as capillary_wire, CustomerProfile, Enrolment};
use crate::loyalty::error::LoyaltyError;
use crate::ui::field::{ErrorLine, Field};
use crate::ui::locale::Locale;
use crate::ui::net_retry::{NetRetry, NetRetryNotice};
use crate::ui::session::CurrentSession;

/// Enrolling a new member (`customer/add`), or correcting the member on the
/// receipt (`customer/update`, `editing`). Either way the member is then
/// read back from the server and put on the receipt.
#[component]
pub fn EnrolForm(mobile: String, editing: bool) -> impl IntoView {
    let locale = Locale::get();
    let checkout = Checkout::get();
    let (first, last) = if editing {
        checkout.customer.with_untracked(|c| {
            let name = c.as_ref().map(|c| c.name.clone()).unwrap_or_default();
            match name.split_once(' ') {
                Some((first, last)) => (first.to_owned(), last.to_owned()),
                None => (name, String::new()),
            }
        })
    } else {
        (String::new(), String::new())
    };
    let mobile = RwSignal::new(mobile);
    let first_name = RwSignal::new(first);
    let last_name = RwSignal::new(last);
    let email = RwSignal::new(String::new());
    let error = RwSignal::new(None::<Text>);
    let busy = RwSignal::new(false);
    let retry = NetRetry::new();

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let number = match MobileNumber::parse(&mobile.get_untracked()) {
            Ok(number) => number,
            Err(e) => return error.set(Some(e.text())),
        };
        if first_name.with_untracked(|n| n.trim().is_empty()) {
            return error.set(Some(Text::ErrEnrolName));
        }
        let profile = CustomerProfile {
            mobile: number.clone(),
            first_name: first_name.get_untracked(),
            last_name: last_name.get_untracked(),
            email: Some(email.get_untracked()),
        };
        let Some(session) = CurrentSession::get().session() else {
            return;
        };
        error.set(None);
        busy.set(true);
        spawn_local(async move {
            let saved = match session.backend.capillary() {
                Some(client) if editing => retry.run(|| client.update(&profile)).await,
                Some(client) => match retry.run(|| client.enrol(&profile)).await {
                    // A member already (enrolled meanwhile, elsewhere): found,
                    // and updated only with what the cashier typed otherwise.
                    Ok(Enrolment::AlreadyMember) => {
                        let asked = capillary_wire::CustomerId::Mobile(profile.mobile.clone());
                        match retry.run(|| client.member(&asked)).await {
                            Ok(member) if profile.changes(&member) => {
                                retry.run(|| client.update(&profile)).await
                            }
                            Ok(_) => Ok(()),
                            Err(e) => Err(e),
                        }
                    }
                    Ok(Enrolment::Enrolled { .. }) => Ok(()),
                    Err(e) => Err(e),
                },
                None => Err(LoyaltyError::UnexpectedAnswer),
            };
            let id = CustomerId::Mobile(number);
            let found = match saved {
                Ok(()) => retry.run(|| session.backend.member(&id)).await,
                Err(e) => Err(e),
            };
            let _ = busy.try_set(false);
            match found {
                Ok(customer) => {
                    checkout.customer.set(Some(customer));
                    checkout.close_dialog();
                }
                Err(e) => {
                    let _ = error.try_set(Some(e.text()));
                }
            }
        });
    };

    view! {
        <form class="stack" novalidate=true on:submit=submit>
            <Show when=move || !editing>
                <h3>{move || locale.t(Text::EnrolTitle)}</h3>
            </Show>
            <Field label=Text::EnrolMobile test_id="enroll-mobile" value=mobile input_mode="tel" verbatim=true autofocus=!editing/>
            <Field label=Text::EnrolFirstName test_id="enroll-firstname" value=first_name autocomplete="given-name" autofocus=editing/>
            <Field label=Text::EnrolLastName test_id="enroll-lastname" value=last_name autocomplete="family-name"/>
            <Field label=Text::EnrolEmail test_id="enroll-email" value=email input_type="email" input_mode="email" verbatim=true/>
            <ErrorLine error=error test_id="enroll-error"/>
            <NetRetryNotice retry=retry/>
            <div class="actions">
                <button type="button" class="ghost" on:click=move |_| checkout.close_dialog()>
                    {move || locale.t(Text::Cancel)}
                </button>
                <button type="submit" class="primary" data-testid="enroll-submit" disabled=move || busy.get()>
                    {move || locale.t(if editing { Text::EditMemberSave } else { Text::EnrolSubmit })}
                </button>
            </div>
        </form>
    }
}
