use leptos::prelude::*;

use super::demo_samples::SampleList;
use crate::i18n::Text;
use crate::ui::field::Field;
use crate::ui::locale::Locale;
use crate::ui::session::CurrentSession;

/// The code typed or pasted from the customer's app, with the demo's sample
/// customers one tap away.
#[component]
pub fn ManualCodeForm(busy: RwSignal<bool>, on_submit: Callback<String>) -> impl IntoView {
    let samples = RwSignal::new(Vec::new());
    if let Some(session) = CurrentSession::get().session() {
        leptos::task::spawn_local(async move {
            let found = session.backend.sample_customers().await;
            // The form may have closed while the demo answered.
            let _ = samples.try_set(found);
        });
    }
    let code = RwSignal::new(String::new());

    view! {
        <form
            class="stack"
            novalidate=true
            on:submit=move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                if !busy.get_untracked() {
                    on_submit.run(code.get_untracked());
                }
            }
        >
            // Where a hardware QR scanner in keyboard mode types.
            <Field
                label=Text::ScanManualHint
                test_id="scan-manual-input"
                value=code
                placeholder="xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx"
                autofocus=true
                verbatim=true
            />
            <LookupActions busy=busy/>
        </form>
        <SampleList label=Text::DemoCustomers samples=samples typed=code/>
    }
}

/// Cancel and look up: the buttons under every form that finds a customer.
#[component]
pub fn LookupActions(busy: RwSignal<bool>) -> impl IntoView {
    let locale = Locale::get();
    let checkout = super::state::Checkout::get();
    view! {
        <div class="actions">
            <button type="button" class="ghost" data-testid="scan-close"
                on:click=move |_| checkout.close_dialog()>
                {move || locale.t(Text::Cancel)}
            </button>
            <button type="submit" class="primary" data-testid="scan-manual-submit" disabled=move || busy.get()>
                {move || locale.t(Text::ScanManualSubmit)}
            </button>
        </div>
    }
}
