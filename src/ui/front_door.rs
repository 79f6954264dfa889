//! The front door: the login, in the first load, with the rest of the app
//! (the checkout and everything behind it, `Parts::app`) a part of its own
//! that comes in the background while the cashier types. A cheap tablet on
//! a slow line sees the login after half the download. The shift the login
//! opens is stored first, then handed with the storage to the app, which
//! starts as after a reload (sales left in the outbox included). A till with
//! a shift already open goes to the app at once, on the database and the
//! record the front door read. The login does not wait for the database
//! unless the hint beside it (`store::shift_hint`) says a shift is open.

use std::rc::Rc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::deployment::Deployment;
use super::locale::Locale;
use super::login::{LoginScreen, OpenShift};
use super::on_demand::{AppStart, Parts};
use super::theme::Theme;
use super::update_banner::UpdateBanner;
use crate::i18n::Text;
use crate::store::db::Store;
use crate::store::records::ShiftRecord;
use crate::store::shift_hint;

/// Where the front door stands.
#[derive(Clone)]
enum Door {
    /// Waiting for the database to say whether a shift is open.
    Opening,
    Login,
    /// The app's part is on its way.
    Entering,
    /// The app's part did not come; the shift waits in storage.
    PartMissing(Rc<Store>, Option<ShiftRecord>),
    /// The app has the page, on the front door's storage.
    Running(AppStart, Rc<Store>, Option<ShiftRecord>),
    Failed(Text),
}

#[component]
pub fn FrontDoor() -> impl IntoView {
    Locale::provide();
    Theme::provide();
    Deployment::provide();
    let locale = Locale::get();
    let parts = Parts::get();
    // The login comes before the database answers unless a shift may be
    // open: on a cold tablet, opening IndexedDB is a tenth of the way to it.
    let door = RwSignal::new_local(if shift_hint::may_be_open() {
        Door::Opening
    } else {
        Door::Login
    });
    let store = StoredValue::new_local(None::<Rc<Store>>);
    // A shift opened on the login before the database was open.
    let waiting = StoredValue::new_local(None::<ShiftRecord>);

    let enter = move |store: Rc<Store>, shift: Option<ShiftRecord>| {
        door.set(Door::Entering);
        spawn_local(async move {
            door.set(match (parts.app)().await {
                Ok(start) => Door::Running(start, store, shift),
                Err(_) => Door::PartMissing(store, shift),
            });
        });
    };
    let store_and_enter = move |store: Rc<Store>, record: ShiftRecord| {
        spawn_local(async move {
            match store.set_shift(Some(&record)).await {
                Ok(()) => enter(store, Some(record)),
                Err(_) => door.set(Door::Failed(Text::ErrStorageUnavailable)),
            }
        });
    };
    // Once the login is on screen: its fetches would delay it on a slow
    // tablet. A part that does not come now is asked for again on entering.
    let fetch_app_soon = move || {
        request_idle_callback(move || {
            spawn_local(async move {
                let _ = (parts.app)().await;
            })
        });
    };
    if door.with_untracked(|door| matches!(door, Door::Login)) {
        fetch_app_soon();
    }

    spawn_local(async move {
        let Ok(opened) = Store::open().await else {
            return door.set(Door::Failed(Text::ErrStorageUnavailable));
        };
        let opened = Rc::new(opened);
        match opened.shift().await {
            Ok(None) => {}
            // A record that cannot be read is the app's to deal with; an
            // open shift the hint missed takes the place of the login.
            shift => return enter(opened, shift.ok().flatten()),
        }
        store.set_value(Some(opened.clone()));
        if let Some(record) = waiting.try_update_value(Option::take).flatten() {
            return store_and_enter(opened, record);
        }
        if door.with_untracked(|door| matches!(door, Door::Opening)) {
            door.set(Door::Login);
            fetch_app_soon();
        }
    });

    let open_shift = OpenShift::new(move |opening, demo| {
        let record = ShiftRecord::new(&opening, demo, &crate::web::clock::now_tag());
        match store.get_value() {
            Some(store) => store_and_enter(store, record),
            None => waiting.set_value(Some(record)),
        }
    });

    move || match door.get() {
        Door::Opening | Door::Entering => ().into_any(),
        Door::Login => view! {
            <main class="app">
                <UpdateBanner/>
                <LoginScreen on_open=open_shift/>
            </main>
        }
        .into_any(),
        // Untracked: a signal the app reads while it starts must not start it again.
        Door::Running(start, store, shift) => untrack(move || start(store, shift)),
        Door::PartMissing(store, shift) => view! {
            <main class="app">
                <div class="banner error" role="alert" data-testid="part-missing">
                    <p>{move || locale.t(Text::PartMissing)}</p>
                    <button type="button" class="primary" data-testid="part-retry"
                        on:click=move |_| enter(store.clone(), shift.clone())>
                        {move || locale.t(Text::TryAgain)}
                    </button>
                </div>
            </main>
        }
        .into_any(),
        Door::Failed(text) => view! {
            <main class="app">
                <p class="error fatal" role="alert">{move || locale.t(text)}</p>
            </main>
        }
        .into_any(),
    }
}
