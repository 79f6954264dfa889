//! The print worker's side: a [`PrintRequest`] as JSON text in, the ESC/POS
//! stream out as bytes (or `null` for a request it cannot read).

use wasm_bindgen::prelude::*;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

use super::job::PrintRequest;

/// The message that says the worker listens.
pub const READY: &str = "ready";

/// Serves the page when running as a dedicated worker; elsewhere it does nothing.
pub fn serve() {
    let Ok(scope) = js_sys::global().dyn_into::<DedicatedWorkerGlobalScope>() else {
        return;
    };
    let replies = scope.clone();
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
        let stream = event
            .data()
            .as_string()
            .and_then(|json| PrintRequest::from_json(&json).ok())
            .and_then(|request| request.stream().ok());
        let answer = match stream {
            Some(bytes) => js_sys::Uint8Array::from(bytes.as_slice()).into(),
            None => JsValue::NULL,
        };
        let _ = replies.post_message(&answer);
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler lives as long as the worker does.
    on_message.forget();
    let _ = scope.post_message(&JsValue::from_str(READY));
}
