use std::rc::Rc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::checkout::{CheckoutScreen, ShownCheckout};
use super::login::{LoginScreen, OpenShift};
use super::outbox::Outbox;
use super::printer::Printer;
use super::session::{CurrentSession, Session};
use super::update_banner::UpdateBanner;
use crate::store::db::Store;
use crate::store::records::ShiftRecord;

/// The app behind the front door, on the storage it opened: resumes the
/// shift it found (or the login stored), restores the outbox, provides
/// app-wide context and picks the screen.
#[component]
pub fn App(store: Rc<Store>, shift: Option<ShiftRecord>) -> impl IntoView {
    let current = CurrentSession::provide();
    let outbox = Outbox::provide(current);
    Printer::provide(current);
    provide_context(ShownCheckout(RwSignal::new(None)));
    if let Some(record) = shift {
        if let Some(opening) = record.opening() {
            let session = Session::new(opening, record.demo, record.shift_tag, store.clone());
            current.0.set(Some(Rc::new(session)));
        }
    }
    // No screen before the outbox knows what still waits to be sent.
    let restored = RwSignal::new(false);
    let journal = store.clone();
    spawn_local(async move {
        crate::web::persistence::ask_to_persist();
        outbox.restore(journal.pending_sales().await.unwrap_or_default());
        restored.set(true);
        // The journal keeps 90 days; older sales and refunds go, unless
        // their steps are still waiting in the outbox. After the screen is
        // up, so a long journal never delays it.
        let _ = journal.prune(crate::web::clock::now()).await;
    });

    // Opens the shift and remembers it, so a reload resumes it.
    let open_shift = OpenShift::new(move |opening, demo| {
        let session = Rc::new(Session::new(
            opening,
            demo,
            crate::web::clock::now_tag(),
            store.clone(),
        ));
        let record = session.record();
        current.0.set(Some(session));
        let store = store.clone();
        spawn_local(async move {
            let _ = store.set_shift(Some(&record)).await;
        });
    });

    view! {
        <main class="app">
            <UpdateBanner/>
            <Show when=move || restored.get()>
                <Show when=move || current.0.with(Option::is_some) fallback=move || view! { <LoginScreen on_open=open_shift/> }>
                    <CheckoutScreen/>
                </Show>
            </Show>
        </main>
    }
}
