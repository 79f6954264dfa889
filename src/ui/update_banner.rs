//! Tells the cashier a new version of Kassa has downloaded, and lets them
//! switch to it — never in the middle of a sale, and never by itself.

use leptos::prelude::*;

use super::checkout::ShownCheckout;
use super::locale::Locale;
use crate::i18n::Text;
use crate::web::service_worker;

/// `update-banner`, shown while a new version waits; `update-reload` switches.
#[component]
pub fn UpdateBanner() -> impl IntoView {
    let locale = Locale::get();
    let waiting = RwSignal::new(false);
    service_worker::register(move || waiting.set(true));

    // No checkout on screen (the login screen): nothing to lose by reloading.
    let shown = use_context::<ShownCheckout>();
    let mid_sale = move || {
        shown
            .and_then(|shown| shown.0.get())
            .is_some_and(|checkout| checkout.mid_sale())
    };

    view! {
        <Show when=move || waiting.get()>
            <div class="banner update-banner" role="status" data-testid="update-banner">
                <p>
                    {move || locale.t(Text::UpdateReady)}
                    " "
                    <span class="update-hint" id="update-hint" hidden=move || !mid_sale()>
                        {move || locale.t(Text::UpdateAfterSale)}
                    </span>
                </p>
                <button type="button" class="primary" data-testid="update-reload"
                    disabled=mid_sale
                    aria-describedby=move || mid_sale().then_some("update-hint")
                    on:click=move |_| service_worker::activate_waiting()>
                    {move || locale.t(Text::UpdateReload)}
                </button>
            </div>
        </Show>
    }
}
