use leptos::prelude::*;

use super::locale::Locale;
use crate::i18n::Text;

/// A dialog over the screen; closes on its close button.
#[component]
pub fn Modal(title: Text, on_close: Callback<()>, children: Children) -> impl IntoView {
    let locale = Locale::get();
    view! {
        <div class="modal-backdrop">
            <div class="modal card" role="dialog" aria-modal="true">
                <header class="modal-header">
                    <h2>{move || locale.t(title)}</h2>
                    <button
                        type="button"
                        class="ghost"
                        aria-label=move || locale.t(Text::Close)
                        on:click=move |_| on_close.run(())
                    >
                        "×"
                    </button>
                </header>
                {children()}
            </div>
        </div>
    }
}
