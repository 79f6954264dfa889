//! The offline service worker (`sw.js`, made by `scripts/precache.mjs` from
//! `src/web/sw.js`): registration, and new versions that wait for the cashier.
//!
//! Where service workers do not exist (an insecure `http://` origin other than
//! localhost, an old browser) or in a debug build (`trunk serve` must always
//! show the latest code) every function here quietly does nothing.

use std::cell::Cell;
use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::{ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState};

/// Relative to the page, so the worker's scope is the app's folder.
const SCRIPT: &str = "./sw.js";
/// The message `sw.js` answers with `skipWaiting()`.
const TAKE_OVER: &str = "kassa:take-over";
/// A till can stay open for a whole shift: look for a new version this often.
const CHECK_EVERY_MS: i32 = 30 * 60 * 1000;

fn container() -> Option<ServiceWorkerContainer> {
    if cfg!(debug_assertions) {
        return None;
    }
    let window = web_sys::window()?;
    let navigator = window.navigator();
    // `navigator.serviceWorker` is missing on insecure origins; web-sys would
    // hand out `undefined` as a container and the first call would throw.
    let present =
        js_sys::Reflect::has(&navigator, &JsValue::from_str("serviceWorker")).unwrap_or(false);
    (window.is_secure_context() && present).then(|| navigator.service_worker())
}

/// Registers the service worker and calls `on_waiting` whenever a new version
/// has been downloaded and waits to take over (never on the first install).
/// Looks for new versions every 30 minutes and when the page comes back on
/// screen.
pub fn register(on_waiting: impl Fn() + 'static) {
    let Some(container) = container() else {
        return;
    };
    let on_waiting: Rc<dyn Fn()> = Rc::new(on_waiting);
    spawn_local(async move {
        // Anything but a registration (a browser or test harness that blocks
        // service workers answers `undefined`) means no offline worker.
        let Some(registration) = JsFuture::from(container.register(SCRIPT))
            .await
            .ok()
            .and_then(|value| value.dyn_into::<ServiceWorkerRegistration>().ok())
        else {
            return;
        };
        // A version that finished downloading before this page opened.
        if registration.waiting().is_some() && container.controller().is_some() {
            on_waiting();
        }
        watch_installs(&container, &registration, on_waiting);
        check_periodically(&registration);
    });
}

/// A newly found version is ready once it is `installed`; with no controller
/// yet it is the first install, which simply takes over (nothing to replace).
fn watch_installs(
    container: &ServiceWorkerContainer,
    registration: &ServiceWorkerRegistration,
    on_waiting: Rc<dyn Fn()>,
) {
    let container = container.clone();
    let found_in = registration.clone();
    let on_update_found = Closure::<dyn Fn()>::new(move || {
        let Some(worker) = found_in.installing() else {
            return;
        };
        let watched = worker.clone();
        let container = container.clone();
        let on_waiting = on_waiting.clone();
        let on_state = Closure::<dyn Fn()>::new(move || {
            if watched.state() == ServiceWorkerState::Installed && container.controller().is_some()
            {
                on_waiting();
            }
        });
        worker.set_onstatechange(Some(on_state.as_ref().unchecked_ref()));
        // Lives as long as that worker object; one per downloaded version.
        on_state.forget();
    });
    registration.set_onupdatefound(Some(on_update_found.as_ref().unchecked_ref()));
    // Page-lifetime listener.
    on_update_found.forget();
}

fn check_periodically(registration: &ServiceWorkerRegistration) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let on_timer = {
        let registration = registration.clone();
        Closure::<dyn Fn()>::new(move || check_for_update(&registration))
    };
    let _ = window.set_interval_with_callback_and_timeout_and_arguments_0(
        on_timer.as_ref().unchecked_ref(),
        CHECK_EVERY_MS,
    );
    on_timer.forget();

    let Some(document) = window.document() else {
        return;
    };
    let on_visible = {
        let registration = registration.clone();
        Closure::<dyn Fn()>::new(move || {
            if !super::document::hidden() {
                check_for_update(&registration);
            }
        })
    };
    let _ = document
        .add_event_listener_with_callback("visibilitychange", on_visible.as_ref().unchecked_ref());
    on_visible.forget();
}

/// Asks the server for `sw.js`; a different file starts a background download.
/// Offline it fails, which is fine: the next check tries again.
fn check_for_update(registration: &ServiceWorkerRegistration) {
    if let Ok(promise) = registration.update() {
        spawn_local(async move {
            let _ = JsFuture::from(promise).await;
        });
    }
}

/// Lets the waiting version take over, then reloads the page once into it.
/// Only ever called on the cashier's request: nothing reloads by itself.
pub fn activate_waiting() {
    let Some(container) = container() else {
        return;
    };
    spawn_local(async move {
        let Ok(registration) = JsFuture::from(container.get_registration()).await else {
            return;
        };
        let Some(waiting) = registration
            .dyn_into::<ServiceWorkerRegistration>()
            .ok()
            .and_then(|registration| registration.waiting())
        else {
            return;
        };
        let reloaded = Rc::new(Cell::new(false));
        let on_controller = Closure::<dyn Fn()>::new(move || {
            if !reloaded.replace(true) {
                if let Some(window) = web_sys::window() {
                    let _ = window.location().reload();
                }
            }
        });
        container.set_oncontrollerchange(Some(on_controller.as_ref().unchecked_ref()));
        // The page is about to reload; the listener goes with it.
        on_controller.forget();
        let _ = waiting.post_message(&JsValue::from_str(TAKE_OVER));
    });
}
