use leptos::prelude::*;

use super::locale::Locale;
use super::login::LoginScreen;

/// The root component: provides app-wide context and picks the screen.
#[component]
pub fn App() -> impl IntoView {
    Locale::provide();
    view! {
        <main class="app">
            <LoginScreen/>
        </main>
    }
}
