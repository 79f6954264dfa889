//! The front door: the login, in the first load, with the rest of the app
//! (the checkout and everything behind it, `Parts::app`) a part of its own
//! that comes in the background while the cashier types. A cheap tablet on
//! a slow line sees the login after half the download. The shift the login
//! opens is stored as the app would store it and the app, started then,
//! resumes it as after a reload, sales left in the outbox included. A till
//! with a shift already open goes to the app at once.

use std::rc::Rc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::deployment::Deployment;
use super::locale::Locale;
use super::login::{LoginScreen, OpenShift};
use super::on_demand::Parts;
use super::theme::Theme;
use super::update_banner::UpdateBanner;
use crate::i18n::Text;
use crate::store::db::Store;
use crate::store::records::ShiftRecord;

/// Where the front door stands.
#[derive(Clone)]
enum Door {
    Opening,
    Login(Rc<Store>),
    /// The app has the page, or is on its way to it.
    Entered,
    Failed(Text),
}

#[component]
pub fn FrontDoor() -> impl IntoView {
    Locale::provide();
    Theme::provide();
    Deployment::provide();
    let locale = Locale::get();
    let parts = Parts::get();
    let door = RwSignal::new_local(Door::Opening);
    // Bumped by "Try again" when the app's part did not come.
    let attempt = RwSignal::new(0u32);

    // The app opens the database itself, and alone.
    let enter = move |store: Rc<Store>| {
        store.close();
        door.set(Door::Entered);
    };

    spawn_local(async move {
        let Ok(store) = Store::open().await else {
            return door.set(Door::Failed(Text::ErrStorageUnavailable));
        };
        // A record that cannot be read is the app's to explain.
        if !matches!(store.shift().await, Ok(None)) {
            return enter(Rc::new(store));
        }
        door.set(Door::Login(Rc::new(store)));
        // Once the login is on screen: its fetches would delay it on a slow
        // tablet. A part that does not come now is asked for again on entering.
        request_idle_callback(move || {
            spawn_local(async move {
                let _ = (parts.app_fetched)().await;
            })
        });
    });

    let open_shift = move |store: Rc<Store>| {
        OpenShift::new(move |opening, demo| {
            let store = store.clone();
            let record = ShiftRecord::new(&opening, demo, &crate::web::clock::now_tag());
            spawn_local(async move {
                match store.set_shift(Some(&record)).await {
                    Ok(()) => enter(store),
                    Err(_) => door.set(Door::Failed(Text::ErrStorageUnavailable)),
                }
            });
        })
    };

    let failed = move |text: Text| {
        view! {
            <main class="app">
                <p class="error fatal" role="alert">{move || locale.t(text)}</p>
            </main>
        }
    };

    move || match door.get() {
        Door::Opening => ().into_any(),
        Door::Login(store) => view! {
            <main class="app">
                <UpdateBanner/>
                <LoginScreen on_open=open_shift(store)/>
            </main>
        }
        .into_any(),
        Door::Entered => {
            attempt.track();
            Suspend::new(async move {
                match (parts.app)().await {
                    Ok(app) => app,
                    Err(_) => view! {
                        <main class="app">
                            <div class="banner error" role="alert" data-testid="part-missing">
                                <p>{move || locale.t(Text::PartMissing)}</p>
                                <button type="button" class="primary" data-testid="part-retry"
                                    on:click=move |_| attempt.update(|n| *n += 1)>
                                    {move || locale.t(Text::TryAgain)}
                                </button>
                            </div>
                        </main>
                    }
                    .into_any(),
                }
            })
            .into_any()
        }
        Door::Failed(text) => failed(text).into_any(),
    }
}
