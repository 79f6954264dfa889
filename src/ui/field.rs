use leptos::prelude::*;

use super::locale::Locale;
use crate::i18n::Text;

/// A labelled text input bound to a string signal.
#[component]
pub fn Field(
    label: Text,
    test_id: &'static str,
    value: RwSignal<String>,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(default = "text")] input_mode: &'static str,
    #[prop(default = "off")] autocomplete: &'static str,
    #[prop(optional)] placeholder: &'static str,
) -> impl IntoView {
    let locale = Locale::get();
    view! {
        <label class="field">
            <span class="field-label">{move || locale.t(label)}</span>
            <input
                data-testid=test_id
                type=input_type
                inputmode=input_mode
                autocomplete=autocomplete
                placeholder=placeholder
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
        </label>
    }
}

/// An error line under a form, shown only when there is an error.
#[component]
pub fn ErrorLine(error: RwSignal<Option<Text>>, test_id: &'static str) -> impl IntoView {
    let locale = Locale::get();
    view! {
        <Show when=move || error.get().is_some()>
            <p class="error" role="alert" data-testid=test_id>
                {move || error.get().map(|text| locale.t(text))}
            </p>
        </Show>
    }
}
