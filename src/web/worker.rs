//! Kassa's Web Workers: each is a wasm of its own (a `[[bin]]` built by
//! trunk as `data-type="worker"`), started by name through the one
//! `worker_loader.js`, so the app's first download carries none of them.

use std::rc::Rc;

use js_sys::{Array, Reflect};
use wasm_bindgen::prelude::*;
use web_sys::{ErrorEvent, MessageEvent, Worker, WorkerOptions};

/// `src/web/worker_loader.js`, copied by trunk next to the workers' glue and wasm.
const LOADER: &str = "./worker_loader.js";

/// A running worker; dropping it ends the worker.
pub struct AppWorker {
    worker: Worker,
    _on_message: Closure<dyn Fn(MessageEvent)>,
    _on_error: Closure<dyn Fn(ErrorEvent)>,
}

impl AppWorker {
    /// Starts the worker `name` (trunk's `name.js` and `name_bg.wasm`).
    /// `on_failure` is called when its wasm cannot be loaded or it traps
    /// (a panic with `panic = "abort"`); the worker is then dead, and the
    /// owner drops it. `None`: the browser refused to start a worker at all.
    pub fn start(
        name: &str,
        on_message: Box<dyn Fn(JsValue)>,
        on_failure: Rc<dyn Fn()>,
    ) -> Option<AppWorker> {
        let options = WorkerOptions::new();
        options.set_name(name);
        let worker = Worker::new_with_options(LOADER, &options).ok()?;
        let (on_message, on_error) = listeners(&worker, on_message, on_failure);
        Some(AppWorker {
            worker,
            _on_message: on_message,
            _on_error: on_error,
        })
    }

    /// Hands the worker's messages and failure to a new owner (a worker
    /// started ahead of need, then taken up): nothing is lost in between,
    /// since a message is only delivered once the page's code has returned.
    pub fn listen(&mut self, on_message: Box<dyn Fn(JsValue)>, on_failure: Rc<dyn Fn()>) {
        let (on_message, on_error) = listeners(&self.worker, on_message, on_failure);
        self._on_message = on_message;
        self._on_error = on_error;
    }

    /// Sends a message; `false` if it could not be cloned to the worker.
    pub fn post(&self, message: &JsValue) -> bool {
        self.worker.post_message(message).is_ok()
    }

    /// Sends a message handing `transfer` over instead of copying it.
    pub fn post_with_transfer(&self, message: &JsValue, transfer: &Array) -> bool {
        self.worker
            .post_message_with_transfer(message, transfer)
            .is_ok()
    }
}

impl Drop for AppWorker {
    fn drop(&mut self) {
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
        self.worker.terminate();
    }
}

type Listeners = (Closure<dyn Fn(MessageEvent)>, Closure<dyn Fn(ErrorEvent)>);

fn listeners(
    worker: &Worker,
    on_message: Box<dyn Fn(JsValue)>,
    on_failure: Rc<dyn Fn()>,
) -> Listeners {
    let failed = on_failure.clone();
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
        let data = event.data();
        if Reflect::get(&data, &JsValue::from_str("failed")).is_ok_and(|f| f.is_truthy()) {
            failed();
        } else {
            on_message(data);
        }
    });
    let on_error = Closure::<dyn Fn(ErrorEvent)>::new(move |event: ErrorEvent| {
        // The worker's own error must not surface as a page error.
        event.prevent_default();
        on_failure();
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    (on_message, on_error)
}
