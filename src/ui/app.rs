use std::rc::Rc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::checkout::{CheckoutScreen, ShownCheckout};
use super::locale::Locale;
use super::login::{LoginScreen, OpenShift};
use super::outbox::Outbox;
use super::printer::Printer;
use super::session::{CurrentSession, Session, Storage};
use super::update_banner::UpdateBanner;
use crate::i18n::Text;
use crate::store::db::Store;

/// The app behind the front door: opens storage, resumes an open shift after a reload,
/// provides app-wide context and picks the screen.
#[component]
pub fn App() -> impl IntoView {
    let locale = Locale::get();
    let current = CurrentSession::provide();
    let outbox = Outbox::provide(current);
    Printer::provide(current);
    let storage = Storage(RwSignal::new_local(None));
    provide_context(storage);
    provide_context(ShownCheckout(RwSignal::new(None)));

    spawn_local(async move {
        crate::web::persistence::ask_to_persist();
        let Ok(store) = Store::open().await else {
            return storage.0.set(Some(Err(())));
        };
        let store = Rc::new(store);
        if let Ok(Some(record)) = store.shift().await {
            if let Some(opening) = record.opening() {
                let session = Session::new(opening, record.demo, record.shift_tag, store.clone());
                current.0.set(Some(Rc::new(session)));
            }
        }
        outbox.restore(store.pending_sales().await.unwrap_or_default());
        storage.0.set(Some(Ok(store.clone())));
        // The journal keeps 90 days; older sales and refunds go, unless
        // their steps are still waiting in the outbox. After the screen is
        // up, so a long journal never delays it.
        let _ = store.prune(crate::web::clock::now()).await;
    });

    // Opens the shift and remembers it, so a reload resumes it.
    let open_shift = OpenShift::new(move |opening, demo| {
        let Some(Ok(store)) = storage.0.get_untracked() else {
            return;
        };
        let session = Rc::new(Session::new(
            opening,
            demo,
            crate::web::clock::now_tag(),
            store.clone(),
        ));
        let record = session.record();
        current.0.set(Some(session));
        spawn_local(async move {
            let _ = store.set_shift(Some(&record)).await;
        });
    });

    view! {
        <main class="app">
            <UpdateBanner/>
            {move || match storage.0.with(|s| s.as_ref().map(Result::is_ok)) {
                None => ().into_any(),
                Some(false) => view! {
                    <p class="error fatal" role="alert">{move || locale.t(Text::ErrStorageUnavailable)}</p>
                }
                .into_any(),
                Some(true) => view! {
                    <Show when=move || current.0.with(Option::is_some) fallback=move || view! { <LoginScreen on_open=open_shift/> }>
                        <CheckoutScreen/>
                    </Show>
                }
                .into_any(),
            }}
        </main>
    }
}
