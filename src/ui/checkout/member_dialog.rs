use leptos::prelude::*;
use leptos::task::spawn_local;

use super::demo_samples::SampleList;
use super::scan_camera::CameraView;
use super::enrol_form::EnrolForm;
use super::scan_manual::LookupActions;
use super::state::Checkout;
use crate::domain::customer::CustomerId;
use crate::i18n::{Describe, Text};
use crate::loyalty::error::LoyaltyError;
use crate::scan::decoder::{Decoder, DecoderEvent, FrameSource};
use crate::scan::problem::ScanProblem;
use crate::ui::field::{ErrorLine, Field};
use crate::ui::locale::Locale;
use crate::ui::modal::Modal;
use crate::ui::net_retry::{NetRetry, NetRetryNotice};
use crate::ui::session::CurrentSession;
use crate::web::feedback::confirm_scan;

/// Finding a member of a program that knows mobiles and cards (Capillary):
/// typed, scanned into the field by a hardware scanner, or the card's code
/// read by the camera. A number the
/// program does not know leads to enrolment.
#[component]
pub fn MemberDialog() -> impl IntoView {
    let locale = Locale::get();
    let checkout = Checkout::get();
    let typed = RwSignal::new(String::new());
    let error = RwSignal::new(None::<Text>);
    let busy = RwSignal::new(false);
    let not_member = RwSignal::new(false);
    let enrolling = RwSignal::new(false);
    let retry = NetRetry::new();
    let samples = RwSignal::new(Vec::<(String, String)>::new());
    if let Some(session) = CurrentSession::get().session() {
        spawn_local(async move {
            let (members, _) = session.backend.capillary_samples().await;
            let _ = samples.try_set(members);
        });
    }

    // Read while the dialog is built: decoder events arrive outside any
    // reactive owner, where no context can be looked up.
    let current = CurrentSession::get();
    let look_up = move |text: String| {
        if busy.get_untracked() {
            return;
        }
        let (Some(session), Some(id)) = (
            current.session(),
            CustomerId::typed_member(&text),
        ) else {
            return error.set(Some(Text::ErrNotAMemberId));
        };
        error.set(None);
        not_member.set(false);
        busy.set(true);
        spawn_local(async move {
            let found = retry.run(|| session.backend.member(&id)).await;
            let _ = busy.try_set(false);
            match found {
                Ok(customer) => {
                    checkout.customer.set(Some(customer));
                    checkout.close_dialog();
                }
                Err(LoyaltyError::CustomerNotFound) => {
                    let _ = not_member.try_set(true);
                }
                Err(other) => {
                    let _ = error.try_set(Some(other.text()));
                }
            }
        });
    };
    let find = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        look_up(typed.get_untracked());
    };
    // A member card's code in front of the camera is looked up once, as if
    // typed; the camera keeps seeing it, so the same code is not asked again.
    let last_seen = StoredValue::new(None::<String>);
    let decoder = StoredValue::new_local(Decoder::start(move |event| {
        if let DecoderEvent::Decoded {
            source: FrameSource::Camera,
            payloads,
        } = event
        {
            let card = payloads
                .into_iter()
                .find(|payload| CustomerId::typed_member(payload).is_some());
            if let Some(card) = card {
                if last_seen.get_value().as_deref() != Some(card.as_str()) {
                    last_seen.set_value(Some(card.clone()));
                    confirm_scan();
                    typed.set(card.clone());
                    look_up(card);
                }
            }
        }
    }));
    let on_camera_problem = Callback::new(move |problem: ScanProblem| {
        if error.get_untracked().is_none() {
            error.set(Some(problem.text()));
        }
    });

    view! {
        <Modal title=Text::ScanTitle on_close=Callback::new(move |_| checkout.close_dialog())>
            <Show when=move || !enrolling.get() fallback=move || view! {
                <EnrolForm mobile=typed.get_untracked() editing=false/>
            }>
            <CameraView decoder on_problem=on_camera_problem/>
            <form class="stack" novalidate=true on:submit=find>
                <Field
                    label=Text::MemberLookupHint
                    test_id="scan-manual-input"
                    value=typed
                    input_mode="tel"
                    placeholder="+998 90 123 45 67"
                    autofocus=true
                    verbatim=true
                />
                <ErrorLine error=error test_id="scan-error"/>
                <NetRetryNotice retry=retry/>
                <Show when=move || not_member.get()>
                    <p class="notice" role="status" data-testid="customer-not-member">
                        {move || locale.t(Text::CustomerNotMember)}
                    </p>
                    <button type="button" class="secondary" data-testid="enroll-open"
                        on:click=move |_| enrolling.set(true)>
                        {move || locale.t(Text::EnrolOpen)}
                    </button>
                </Show>
                <LookupActions busy=busy/>
            </form>
            <SampleList label=Text::DemoCustomers samples=samples typed=typed/>
            </Show>
        </Modal>
    }
}
