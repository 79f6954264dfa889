//! The customer-facing window: opened from the checkout (on a second screen
//! when the browser lets the page place windows), `display.html` with a wasm
//! of its own, and the BroadcastChannel the two talk over.

use js_sys::{Array, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{BroadcastChannel, MessageEvent};

/// The display's page, next to the app's `index.html`.
const PAGE: &str = "./display.html";
/// The window's name: opening it again reuses the window already open.
const WINDOW_NAME: &str = "kassa-customer-display";
const CHANNEL: &str = "kassa-customer-display";

/// Opens (or brings back) the customer display at once — a popup needs
/// the click it comes from — then moves it full size onto another screen
/// when `getScreenDetails()` is allowed (the browser may ask first).
pub fn open() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Ok(Some(display)) =
        window.open_with_url_and_target_and_features(PAGE, WINDOW_NAME, "popup")
    else {
        return;
    };
    wasm_bindgen_futures::spawn_local(async move {
        if let Some([left, top, width, height]) = other_screen(&window).await {
            let _ = display.move_to(left, top);
            let _ = display.resize_to(width, height);
        }
    });
}

/// Left, top, width and height of a screen other than this window's.
async fn other_screen(window: &web_sys::Window) -> Option<[i32; 4]> {
    let get = |value: &JsValue, key: &str| Reflect::get(value, &JsValue::from_str(key)).ok();
    let details = get(window, "getScreenDetails")?
        .dyn_into::<js_sys::Function>()
        .ok()?;
    let promise: Promise = details.call0(window).ok()?.dyn_into().ok()?;
    let details = JsFuture::from(promise).await.ok()?;
    let current = get(&details, "currentScreen")?;
    let screens: Array = get(&details, "screens")?.dyn_into().ok()?;
    let other = screens
        .iter()
        .find(|screen| !js_sys::Object::is(screen, &current))?;
    let number = |key| get(&other, key).and_then(|v| v.as_f64()).unwrap_or(0.0) as i32;
    Some([
        number("availLeft"),
        number("availTop"),
        number("availWidth"),
        number("availHeight"),
    ])
}

/// One end of the channel between the checkout and the display; dropping
/// it closes that end.
pub struct DisplayChannel {
    channel: BroadcastChannel,
    _on_message: Closure<dyn Fn(MessageEvent)>,
}

impl DisplayChannel {
    /// `None` where the browser has no BroadcastChannel.
    pub fn open(on_message: impl Fn(String) + 'static) -> Option<DisplayChannel> {
        let channel = BroadcastChannel::new(CHANNEL).ok()?;
        let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
            if let Some(text) = event.data().as_string() {
                on_message(text);
            }
        });
        channel.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        Some(DisplayChannel {
            channel,
            _on_message: on_message,
        })
    }

    pub fn post(&self, text: &str) {
        let _ = self.channel.post_message(&JsValue::from_str(text));
    }
}

impl Drop for DisplayChannel {
    fn drop(&mut self) {
        self.channel.set_onmessage(None);
        self.channel.close();
    }
}
