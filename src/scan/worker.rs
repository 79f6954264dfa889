//! The decoder's side of the Web Worker: frames in, payloads out.
//!
//! With `panic = "abort"` a panic inside `rqrr` traps the whole wasm
//! instance; living in a worker, that only ends this worker, which the page
//! notices (`error` event) and replaces (see `decoder.rs`).

use wasm_bindgen::prelude::*;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

use super::decode::{decode, LumaFrame};
use super::message::{FrameRequest, WorkerReply};

/// Listens for frames when running as a dedicated worker; elsewhere (a
/// benchmark page loading the same module) it does nothing.
pub fn serve() {
    let Ok(scope) = js_sys::global().dyn_into::<DedicatedWorkerGlobalScope>() else {
        return;
    };
    let replies = scope.clone();
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
        let Some(request) = FrameRequest::from_js(&event.data()) else {
            return;
        };
        let payloads = decode_rgba(request.width, request.height, &request.rgba.to_vec());
        let reply = WorkerReply::Decoded {
            id: request.id,
            payloads,
        };
        let _ = replies.post_message(&reply.to_js());
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler lives as long as the worker does.
    on_message.forget();
    let _ = scope.post_message(&WorkerReply::Ready.to_js());
}

/// Decodes an RGBA buffer (as a canvas gives it); a malformed one reads as no code.
pub fn decode_rgba(width: u32, height: u32, rgba: &[u8]) -> Vec<String> {
    LumaFrame::from_rgba(width, height, rgba)
        .map(|frame| decode(&frame))
        .unwrap_or_default()
}
