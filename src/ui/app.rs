use leptos::prelude::*;

use super::checkout::CheckoutScreen;
use super::locale::Locale;
use super::login::LoginScreen;
use super::outbox::Outbox;
use super::session::CurrentSession;

/// The root component: provides app-wide context and picks the screen.
#[component]
pub fn App() -> impl IntoView {
    Locale::provide();
    let current = CurrentSession::provide();
    Outbox::provide(current);
    view! {
        <main class="app">
            <Show when=move || current.0.with(Option::is_some) fallback=|| view! { <LoginScreen/> }>
                <CheckoutScreen/>
            </Show>
        </main>
    }
}
