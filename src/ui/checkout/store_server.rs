//! The checkout's side of the store server: why its lane waits
//! (`store-server-problem`: log in again, update Kassa, the day is closed),
//! another till under this till's register name (`register-conflict`,
//! checked at shift start, every minute and after this till's own changes),
//! and the printed receipt's confirmation. A part of its own (`store`),
//! fetched only by a shift with a store server.

use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::state::SaleOutcome;
use crate::i18n::{Describe, Text};
use crate::srv4pos::client;
use crate::srv4pos::plan::receipt_confirmation;
use crate::srv4pos::register::{read_version, RegisterWatch};
use crate::ui::locale::Locale;
use crate::ui::outbox::Outbox;
use crate::ui::session::CurrentSession;

const REGISTER_CHECK: Duration = Duration::from_secs(60);

/// The receipt of `outcome` was printed: the store server is told, through
/// the outbox, after the sale's own step (a second time is done there too).
pub fn confirm_printed(outcome: &SaleOutcome) {
    let (Some(session), Some(id)) = (CurrentSession::get().session(), &outcome.store_sale_id)
    else {
        return;
    };
    if session.store_server.is_none() {
        return;
    }
    let pending = receipt_confirmation(outcome.receipt_number(), id);
    let outbox = Outbox::get();
    spawn_local(async move {
        if session.store.queue(&pending).await.is_ok() {
            outbox.add(pending);
        }
    });
}

#[component]
pub fn StoreServerBanner() -> impl IntoView {
    let locale = Locale::get();
    let outbox = Outbox::get();
    let conflict = RwSignal::new(false);
    let watch = StoredValue::new(RegisterWatch::default());
    let check = move || {
        let Some(session) = CurrentSession::get().session() else {
            return;
        };
        let Some(server) = session.store_server.clone() else {
            return;
        };
        // Only while no change of this till is in flight: its outcome,
        // not yet known here, may already count on the server.
        if outbox.store_busy_untracked() {
            return;
        }
        let own = outbox.store_changes.get_untracked();
        spawn_local(async move {
            let answer = client::get(&server, &server.register_path("/version")).await;
            let version = answer
                .filter(|(status, _)| *status == 200)
                .and_then(|(_, body)| read_version(&body));
            if let Some(version) = version {
                let another = watch
                    .try_update_value(|watch| watch.observe(version, own))
                    .unwrap_or(false);
                if another {
                    conflict.set(true);
                }
            }
        });
    };
    check();
    let interval = set_interval_with_handle(check, REGISTER_CHECK).ok();
    on_cleanup(move || {
        if let Some(interval) = interval {
            interval.clear();
        }
    });
    // After each change of this till's, once nothing is in flight.
    Effect::new(move |_| {
        outbox.store_changes.track();
        if !outbox.store_busy() {
            check();
        }
    });
    view! {
        {move || outbox.store_problem.get().map(|problem| view! {
            <div class="banner error" role="alert" data-testid="store-server-problem">
                <span>{move || locale.t(problem.text())}</span>
            </div>
        })}
        <Show when=move || conflict.get()>
            <div class="banner error" role="alert" data-testid="register-conflict">
                <span>{move || locale.t(Text::RegisterConflict)}</span>
                <button type="button" class="ghost" on:click=move |_| conflict.set(false)>
                    {move || locale.t(Text::Close)}
                </button>
            </div>
        </Show>
    }
}
