use leptos::prelude::*;

use super::locale::Locale;
use super::theme::{Scheme, Theme};
use crate::i18n::Text;

/// The light/dark switch (`theme-toggle`): a toggle button named "Dark
/// theme", pressed while the dark palette is on.
#[component]
pub fn ThemeToggle() -> impl IntoView {
    let locale = Locale::get();
    let theme = Theme::get();
    view! {
        <button
            type="button"
            class="ghost theme-toggle"
            data-testid="theme-toggle"
            aria-pressed=move || if theme.scheme() == Scheme::Dark { "true" } else { "false" }
            title=move || locale.t(Text::ThemeDark)
            on:click=move |_| theme.toggle()
        >
            // A half-filled disc: the usual sign for a contrast switch, the
            // same in both states so only `aria-pressed` tells the state.
            <svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
                <circle cx="12" cy="12" r="9" fill="none" stroke="currentColor" stroke-width="2"/>
                <path d="M12 3a9 9 0 0 1 0 18z" fill="currentColor"/>
            </svg>
            <span class="visually-hidden">{move || locale.t(Text::ThemeDark)}</span>
        </button>
    }
}
