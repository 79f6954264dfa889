use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use crate::i18n::Text;
use crate::scan::decoder::Decoder;
use crate::scan::frames::photo_frame;
use crate::scan::problem::ScanProblem;
use crate::ui::locale::Locale;

/// "Scan from photo": for a tablet without a usable camera, or a customer who
/// sends a screenshot of their code.
#[component]
pub fn PhotoButton(
    decoder: StoredValue<Decoder, LocalStorage>,
    reading: RwSignal<bool>,
    on_problem: Callback<ScanProblem>,
) -> impl IntoView {
    let locale = Locale::get();
    let picked = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|files| files.get(0)) else {
            return;
        };
        // Cleared so that picking the same file again is a new change.
        input.set_value("");
        reading.set(true);
        spawn_local(async move {
            match photo_frame(&file).await {
                Ok(frame) => {
                    if decoder
                        .try_with_value(|decoder| decoder.decode_photo(&frame))
                        .is_none()
                    {
                        reading.set(false);
                    }
                }
                Err(problem) => {
                    reading.set(false);
                    on_problem.run(problem);
                }
            }
        });
    };
    view! {
        <label class="button ghost file-button">
            {move || locale.t(Text::ScanFromPhoto)}
            <input
                type="file"
                accept="image/*"
                class="visually-hidden"
                data-testid="scan-photo-input"
                on:change=picked
            />
        </label>
    }
}
