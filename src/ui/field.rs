use leptos::prelude::*;

use super::dom_id;
use super::locale::Locale;
use crate::i18n::Text;

/// A labelled text input bound to a string signal. `autofocus` marks the
/// field a dialog focuses when it opens; `verbatim` is for codes, not words
/// (no automatic capitals, no spell-check underlining).
#[component]
pub fn Field(
    label: Text,
    test_id: &'static str,
    value: RwSignal<String>,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(default = "text")] input_mode: &'static str,
    #[prop(default = "off")] autocomplete: &'static str,
    #[prop(optional)] placeholder: &'static str,
    #[prop(optional)] autofocus: bool,
    #[prop(optional)] verbatim: bool,
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
                autofocus=autofocus
                autocapitalize=verbatim.then_some("off")
                spellcheck=verbatim.then_some("false")
                // A code field is where a scanner may type (see `Modal`).
                data-wedge=verbatim.then_some("accept")
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

/// An amount field with a shortcut button beside it ("maximum", "all cash").
#[component]
pub fn AmountField(
    label: Text,
    test_id: &'static str,
    value: RwSignal<String>,
    shortcut: Text,
    #[prop(optional)] shortcut_test_id: &'static str,
    on_shortcut: Callback<()>,
    #[prop(optional)] autofocus: bool,
) -> impl IntoView {
    let locale = Locale::get();
    // The label also holds the shortcut button, whose words must not become
    // part of the field's name.
    let label_id = dom_id::unique("amount-label");
    view! {
        <label class="field">
            <span class="field-label" id=label_id.clone()>{move || locale.t(label)}</span>
            <div class="input-with-button">
                <input
                    aria-labelledby=label_id
                    data-testid=test_id
                    type="text"
                    inputmode="decimal"
                    autocomplete="off"
                    autofocus=autofocus
                    prop:value=move || value.get()
                    on:input=move |ev| value.set(event_target_value(&ev))
                />
                <button
                    type="button"
                    class="secondary"
                    data-testid=(!shortcut_test_id.is_empty()).then_some(shortcut_test_id)
                    on:click=move |_| on_shortcut.run(())
                >
                    {move || locale.t(shortcut)}
                </button>
            </div>
        </label>
    }
}
