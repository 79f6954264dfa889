use leptos::prelude::*;

use super::locale::Locale;
use crate::i18n::{Lang, Text};

/// The language picker (`lang-select`).
#[component]
pub fn LangSelect() -> impl IntoView {
    let locale = Locale::get();
    let on_change = move |ev| {
        if let Some(lang) = Lang::from_code(&event_target_value(&ev)) {
            locale.set(lang);
        }
    };
    view! {
        <label class="lang-select">
            <span class="visually-hidden">{move || locale.t(Text::Language)}</span>
            <select data-testid="lang-select" on:change=on_change>
                {Lang::ALL
                    .into_iter()
                    .map(|lang| {
                        view! {
                            <option value=lang.code() selected=move || locale.lang() == lang>
                                {lang.native_name()}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </label>
    }
}
