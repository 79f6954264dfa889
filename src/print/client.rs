//! The page's handle on the print worker: one job at a time (the printer
//! prints one at a time anyway). The worker is started on first use and kept;
//! one that cannot start or traps fails the job, and the next job starts a
//! new one.

use std::cell::RefCell;
use std::rc::Rc;

use futures_channel::oneshot;
use wasm_bindgen::{JsCast, JsValue};

use super::error::PrinterError;
use super::job::PrintRequest;
use super::worker::READY;
use crate::web::worker::AppWorker;

/// The `[[bin]]` of the print worker's wasm.
const WORKER: &str = "print_worker";

type Answer = Result<Vec<u8>, PrinterError>;

#[derive(Default)]
struct Link {
    worker: Option<AppWorker>,
    ready: bool,
    /// The request (JSON) waiting for the worker to be ready.
    waiting: Option<String>,
    caller: Option<oneshot::Sender<Answer>>,
}

/// Builds ESC/POS streams in the print worker.
#[derive(Clone, Default)]
pub struct StreamBuilder(Rc<RefCell<Link>>);

impl StreamBuilder {
    pub async fn build(&self, request: &PrintRequest) -> Answer {
        let (sender, answer) = oneshot::channel();
        {
            let mut link = self.0.borrow_mut();
            // A job still in flight has lost its caller: its answer is dropped.
            link.caller = Some(sender);
            link.waiting = Some(request.to_json());
        }
        if self.0.borrow().worker.is_none() {
            self.start();
        }
        self.flush();
        answer.await.unwrap_or(Err(PrinterError::Builder))
    }

    fn start(&self) {
        let on_message = {
            let link = Rc::downgrade(&self.0);
            Box::new(move |data: JsValue| {
                let Some(link) = link.upgrade() else { return };
                if data.as_string().as_deref() == Some(READY) {
                    link.borrow_mut().ready = true;
                    StreamBuilder(link).flush();
                    return;
                }
                let answer = data
                    .dyn_into::<js_sys::Uint8Array>()
                    .map(|bytes| bytes.to_vec())
                    .map_err(|_| PrinterError::Builder);
                let caller = link.borrow_mut().caller.take();
                if let Some(caller) = caller {
                    let _ = caller.send(answer);
                }
            })
        };
        let on_failure = {
            let link = Rc::downgrade(&self.0);
            Rc::new(move || {
                let Some(link) = link.upgrade() else { return };
                let mut link = link.borrow_mut();
                link.worker = None;
                link.ready = false;
                link.waiting = None;
                if let Some(caller) = link.caller.take() {
                    let _ = caller.send(Err(PrinterError::Builder));
                }
            })
        };
        let worker = AppWorker::start(WORKER, on_message, on_failure);
        let mut link = self.0.borrow_mut();
        if worker.is_none() {
            if let Some(caller) = link.caller.take() {
                let _ = caller.send(Err(PrinterError::Builder));
            }
        }
        link.worker = worker;
    }

    fn flush(&self) {
        let mut link = self.0.borrow_mut();
        if !link.ready {
            return;
        }
        if let Some(json) = link.waiting.take() {
            let sent = link
                .worker
                .as_ref()
                .is_some_and(|worker| worker.post(&JsValue::from_str(&json)));
            if !sent {
                if let Some(caller) = link.caller.take() {
                    let _ = caller.send(Err(PrinterError::Builder));
                }
            }
        }
    }
}
