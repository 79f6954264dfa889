use leptos::prelude::*;

use super::field::Field;
use super::lang_select::LangSelect;
use super::locale::Locale;
use crate::domain::shift::ShiftLoginForm;
use crate::i18n::{Describe, Text};

/// The shift login screen: where a cashier connects the till and opens a shift.
#[component]
pub fn LoginScreen() -> impl IntoView {
    let locale = Locale::get();
    let base_url = RwSignal::new(String::new());
    let branch_token = RwSignal::new(String::new());
    let cashier = RwSignal::new(String::new());
    let opening_cash = RwSignal::new(String::new());
    let error = RwSignal::new(None::<Text>);

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let form = ShiftLoginForm {
            base_url: base_url.get(),
            branch_token: branch_token.get(),
            cashier: cashier.get(),
            opening_cash: opening_cash.get(),
        };
        error.set(form.validate().err().map(|e| e.text()));
    };

    view! {
        <section class="login">
            <header class="login-header">
                <h1 class="brand">{move || locale.t(Text::AppName)}</h1>
                <LangSelect/>
            </header>
            <form class="card login-card" on:submit=on_submit novalidate=true>
                <h2>{move || locale.t(Text::LoginTitle)}</h2>
                <p class="muted">{move || locale.t(Text::LoginSubtitle)}</p>
                <Field
                    label=Text::LoginBaseUrl
                    test_id="login-base-url"
                    value=base_url
                    input_type="url"
                    input_mode="url"
                    placeholder="https://"
                />
                <Field
                    label=Text::LoginBranchToken
                    test_id="login-branch-token"
                    value=branch_token
                    input_type="password"
                />
                <Field
                    label=Text::LoginCashier
                    test_id="login-cashier"
                    value=cashier
                    autocomplete="name"
                />
                <Field
                    label=Text::LoginOpeningCash
                    test_id="login-opening-cash"
                    value=opening_cash
                    input_mode="decimal"
                />
                <Show when=move || error.get().is_some()>
                    <p class="error" role="alert" data-testid="login-error">
                        {move || error.get().map(|text| locale.t(text))}
                    </p>
                </Show>
                <button class="primary" type="submit" data-testid="login-submit">
                    {move || locale.t(Text::LoginSubmit)}
                </button>
            </form>
            <div class="card demo-card">
                <button class="secondary" type="button" data-testid="login-demo">
                    {move || locale.t(Text::LoginDemo)}
                </button>
                <p class="muted">{move || locale.t(Text::LoginDemoHint)}</p>
            </div>
        </section>
    }
}
