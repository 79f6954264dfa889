use leptos::prelude::*;
use leptos::task::spawn_local;

use super::code_reader::code_reader;
use super::scan_camera::CameraView;
use super::scan_manual::ManualCodeForm;
use super::scan_photo::PhotoButton;
use super::state::Checkout;
use crate::domain::customer::{CustomerCode, NotACustomerCode};
use crate::i18n::{Describe, Text};
use crate::scan::gate::{ScanGate, Verdict};
use crate::scan::problem::ScanProblem;
use crate::ui::field::ErrorLine;
use crate::ui::locale::Locale;
use crate::ui::modal::Modal;
use crate::ui::session::CurrentSession;
use crate::web::clock::now_ms;
use crate::web::feedback::confirm_scan;

/// Finding the customer by their app's QR code: read by the camera, from a
/// photo, or typed (also by a hardware QR scanner in keyboard mode).
#[component]
pub fn ScanDialog() -> impl IntoView {
    let locale = Locale::get();
    let checkout = Checkout::get();
    let error = RwSignal::new(None::<Text>);
    let looking_up = RwSignal::new(false);
    let reading_photo = RwSignal::new(false);
    let gate = StoredValue::new_local(ScanGate::default());
    let lookup = CustomerLookup {
        current: CurrentSession::get(),
        checkout,
        gate,
        busy: looking_up,
        error,
    };

    let show = move |text: Text| {
        if error.get_untracked() != Some(text) {
            error.set(Some(text));
        }
    };
    let act = move |verdict: Verdict| match verdict {
        Verdict::Lookup(code) => lookup.start(code),
        Verdict::Foreign => show(NotACustomerCode.text()),
        Verdict::Ignore => {}
    };
    let read = move |payloads: Vec<String>| {
        if let Some(verdict) = gate.try_update_value(|gate| gate.offer(&payloads, now_ms())) {
            if matches!(verdict, Verdict::Lookup(_)) {
                confirm_scan();
            }
            act(verdict);
        }
    };
    // Started with the dialog, so the decoder is only downloaded when needed.
    let decoder = code_reader(read, reading_photo, show);
    // A camera that fails late must not hide what the cashier did meanwhile.
    let on_camera_problem = Callback::new(move |problem: ScanProblem| {
        if error.get_untracked().is_none() {
            show(problem.text());
        }
    });
    let on_photo_problem = Callback::new(move |problem: ScanProblem| show(problem.text()));
    let on_typed = Callback::new(move |text: String| match CustomerCode::parse(&text) {
        Ok(code) => {
            if let Some(verdict) = gate.try_update_value(|gate| gate.typed(code)) {
                act(verdict);
            }
        }
        Err(e) => show(e.text()),
    });

    view! {
        <Modal title=Text::ScanTitle on_close=Callback::new(move |_| checkout.close_dialog())>
            <CameraView decoder on_problem=on_camera_problem/>
            <ErrorLine error=error test_id="scan-error"/>
            <Show when=move || looking_up.get()>
                <p class="muted" role="status">{move || locale.t(Text::CustomerLoading)}</p>
            </Show>
            <Show when=move || reading_photo.get()>
                <p class="muted" role="status">{move || locale.t(Text::ScanReadingPhoto)}</p>
            </Show>
            <PhotoButton decoder reading=reading_photo on_problem=on_photo_problem/>
            <ManualCodeForm busy=looking_up on_submit=on_typed/>
        </Modal>
    }
}

/// Everything a customer lookup touches, read once while the dialog is
/// built: decoder events arrive outside any reactive owner.
#[derive(Clone, Copy)]
struct CustomerLookup {
    current: CurrentSession,
    checkout: Checkout,
    gate: StoredValue<ScanGate, LocalStorage>,
    busy: RwSignal<bool>,
    error: RwSignal<Option<Text>>,
}

impl CustomerLookup {
    /// Asks the loyalty server for the customer; on success the dialog closes.
    fn start(self, code: CustomerCode) {
        let Some(session) = self.current.session() else {
            return;
        };
        self.busy.set(true);
        self.error.set(None);
        spawn_local(async move {
            let found = session.backend.customer(&code).await;
            self.gate
                .update_value(|gate| gate.finished(found.is_ok(), now_ms()));
            self.busy.set(false);
            match found {
                Ok(customer) => {
                    self.checkout.customer.set(Some(customer));
                    self.checkout.close_dialog();
                }
                Err(e) => self.error.set(Some(e.text())),
            }
        });
    }
}
