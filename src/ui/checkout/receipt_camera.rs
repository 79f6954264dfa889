use leptos::prelude::*;
use leptos::task::spawn_local;

use super::scan_camera::CameraView;
use crate::i18n::{Describe, Text};
use crate::scan::decoder::{Decoder, DecoderEvent, FrameSource};
use crate::scan::problem::ScanProblem;
use crate::ui::field::ErrorLine;
use crate::ui::locale::Locale;
use crate::web::feedback::confirm_scan;

/// "Scan the receipt": the camera reads the Code 128 barcode every printed
/// receipt carries (its number). The number read is handed on once, and
/// the camera turns off.
#[component]
pub fn ReceiptCamera(on_read: Callback<String>) -> impl IntoView {
    let locale = Locale::get();
    let filming = RwSignal::new(false);
    let problem = RwSignal::new(None::<Text>);
    let toggle = move |_| {
        problem.set(None);
        filming.update(|on| *on = !*on);
    };
    let read = Callback::new(move |number: String| {
        // Turned off after the decoder's own callback has returned.
        spawn_local(async move { filming.set(false) });
        on_read.run(number);
    });
    view! {
        <button type="button" class="ghost" data-testid="refund-scan" on:click=toggle
            aria-pressed=move || filming.get().to_string()>
            {move || locale.t(Text::RefundScanReceipt)}
        </button>
        <Show when=move || filming.get()>
            <ReceiptScanner on_read=read problem/>
        </Show>
        <ErrorLine error=problem test_id="refund-scan-error"/>
    }
}

#[component]
fn ReceiptScanner(on_read: Callback<String>, problem: RwSignal<Option<Text>>) -> impl IntoView {
    // The camera sees the barcode in frame after frame: handed on once.
    let handed = StoredValue::new(false);
    let decoder = StoredValue::new_local(Decoder::start_for_receipts(move |event| match event {
        DecoderEvent::Decoded {
            source: FrameSource::Camera,
            payloads,
        } => {
            if let Some(number) = payloads.into_iter().next() {
                if !handed.get_value() {
                    handed.set_value(true);
                    confirm_scan();
                    on_read.run(number);
                }
            }
        }
        DecoderEvent::Decoded { .. } => {}
        DecoderEvent::Unavailable => problem.set(Some(ScanProblem::DecoderUnavailable.text())),
    }));
    let on_problem = Callback::new(move |failed: ScanProblem| problem.set(Some(failed.text())));
    view! { <CameraView decoder on_problem aim=Text::RefundScanAim/> }
}
