use leptos::prelude::*;
use leptos::task::spawn_local;

use super::state::Checkout;
use crate::domain::customer::CustomerCode;
use crate::i18n::{Describe, Text};
use crate::ui::field::ErrorLine;
use crate::ui::locale::Locale;
use crate::ui::modal::Modal;
use crate::ui::session::CurrentSession;

/// Finding the customer by the code of their app's QR: typed, pasted, or
/// typed by a hardware QR scanner in keyboard mode.
#[component]
pub fn ScanDialog() -> impl IntoView {
    let locale = Locale::get();
    let checkout = Checkout::get();
    let session = CurrentSession::get().session();
    let samples = session
        .as_ref()
        .map(|s| s.backend.sample_customers())
        .unwrap_or_default();
    let code = RwSignal::new(String::new());
    let error = RwSignal::new(None::<Text>);
    let busy = RwSignal::new(false);

    let lookup = move || {
        if busy.get_untracked() {
            return;
        }
        let parsed = match CustomerCode::parse(&code.get_untracked()) {
            Ok(parsed) => parsed,
            Err(e) => return error.set(Some(e.text())),
        };
        let Some(session) = CurrentSession::get().session() else {
            return;
        };
        busy.set(true);
        error.set(None);
        spawn_local(async move {
            let found = session.backend.customer(&parsed).await;
            busy.set(false);
            match found {
                Ok(customer) => {
                    checkout.customer.set(Some(customer));
                    checkout.close_dialog();
                }
                Err(e) => error.set(Some(e.text())),
            }
        });
    };

    view! {
        <Modal title=Text::ScanTitle on_close=Callback::new(move |_| checkout.close_dialog())>
            <form
                class="stack"
                novalidate=true
                on:submit=move |ev: leptos::ev::SubmitEvent| {
                    ev.prevent_default();
                    lookup();
                }
            >
                <label class="field">
                    <span class="field-label">{move || locale.t(Text::ScanManualHint)}</span>
                    <input
                        data-testid="scan-manual-input"
                        type="text"
                        autocomplete="off"
                        autocapitalize="off"
                        spellcheck="false"
                        autofocus=true
                        placeholder="xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx"
                        prop:value=move || code.get()
                        on:input=move |ev| code.set(event_target_value(&ev))
                    />
                </label>
                <ErrorLine error=error test_id="scan-error"/>
                <Show when=move || busy.get()>
                    <p class="muted">{move || locale.t(Text::CustomerLoading)}</p>
                </Show>
                <div class="actions">
                    <button type="button" class="ghost" data-testid="scan-close"
                        on:click=move |_| checkout.close_dialog()>
                        {move || locale.t(Text::Cancel)}
                    </button>
                    <button type="submit" class="primary" data-testid="scan-manual-submit" disabled=move || busy.get()>
                        {move || locale.t(Text::ScanManualSubmit)}
                    </button>
                </div>
            </form>
            {(!samples.is_empty()).then(|| view! {
                <details class="samples">
                    <summary>{move || locale.t(Text::DemoCustomers)}</summary>
                    <ul>
                        {samples
                            .into_iter()
                            .map(|(sample, name)| {
                                let shown = sample.clone();
                                view! {
                                    <li>
                                        <button type="button" class="ghost sample"
                                            on:click=move |_| code.set(sample.clone())>
                                            <span>{name}</span>
                                            <code>{shown}</code>
                                        </button>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                </details>
            })}
        </Modal>
    }
}
