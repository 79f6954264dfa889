//! The demo server's side of its Web Worker: JSON text in, JSON text out.

use std::cell::RefCell;

use wasm_bindgen::prelude::*;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

use super::protocol::FromDemo;
use super::server::DemoServer;

/// Serves the page when running as a dedicated worker; elsewhere it does nothing.
pub fn serve() {
    let Ok(scope) = js_sys::global().dyn_into::<DedicatedWorkerGlobalScope>() else {
        return;
    };
    let replies = scope.clone();
    let server = RefCell::new(DemoServer::default());
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
        let answer = event
            .data()
            .as_string()
            .and_then(|request| server.borrow_mut().handle(&request));
        if let Some(answer) = answer {
            let _ = replies.post_message(&JsValue::from_str(&answer));
        }
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler lives as long as the worker does.
    on_message.forget();
    if let Ok(ready) = serde_json::to_string(&FromDemo::Ready) {
        let _ = scope.post_message(&JsValue::from_str(&ready));
    }
}
