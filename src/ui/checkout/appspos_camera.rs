use leptos::prelude::*;

use super::code_reader::code_reader;
use super::scan_camera::CameraView;
use super::scan_photo::PhotoButton;
use crate::domain::transaction_qr::{NotATransactionQr, TransactionQr};
use crate::i18n::{Describe, Text};
use crate::scan::problem::ScanProblem;
use crate::ui::locale::Locale;
use crate::web::feedback::confirm_scan;

/// The customer's AppsPOS transaction code read by the camera or from a
/// photo: the first code that is one starts the order, once (`on_code`
/// says whether it did); any other QR code is said to be something else
/// and the camera goes on looking.
#[component]
pub fn TransactionCodeCamera(
    on_code: Callback<TransactionQr, bool>,
    error: RwSignal<Option<Text>>,
) -> impl IntoView {
    let locale = Locale::get();
    let reading_photo = RwSignal::new(false);
    // Frames keep coming while the order is being stored: one start only.
    let taken = StoredValue::new(false);
    let show = move |text: Text| {
        if error.get_untracked() != Some(text) {
            error.set(Some(text));
        }
    };
    let read = move |payloads: Vec<String>| {
        if taken.get_value() || payloads.is_empty() {
            return;
        }
        match payloads.iter().find_map(|p| TransactionQr::parse(p).ok()) {
            Some(qr) => {
                if on_code.run(qr) {
                    taken.set_value(true);
                    confirm_scan();
                }
            }
            None => show(NotATransactionQr.text()),
        }
    };
    let decoder = code_reader(read, reading_photo, show);
    let on_camera_problem = Callback::new(move |problem: ScanProblem| {
        if error.get_untracked().is_none() {
            show(problem.text());
        }
    });
    let on_photo_problem = Callback::new(move |problem: ScanProblem| show(problem.text()));

    view! {
        <CameraView decoder on_problem=on_camera_problem/>
        <Show when=move || reading_photo.get()>
            <p class="muted" role="status">{move || locale.t(Text::ScanReadingPhoto)}</p>
        </Show>
        <PhotoButton decoder reading=reading_photo on_problem=on_photo_problem/>
    }
}
