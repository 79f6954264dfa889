//! The page's handle on the decoder worker.
//!
//! At most one frame is in flight: a camera frame offered while the worker is
//! busy is dropped, never queued, so the preview never lags behind. A photo is
//! kept until the worker is free. A worker that traps (a panic in the decoder)
//! is replaced; one that keeps failing to start is reported once.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use js_sys::{Reflect, Uint8ClampedArray};
use wasm_bindgen::prelude::*;
use web_sys::ImageData;

use super::message::{FrameRequest, WorkerReply};
use crate::web::worker::AppWorker;

/// The `[[bin]]` of the decoder's wasm.
const WORKER: &str = "scan_worker";
/// Starts in a row that end in an error before the worker says it is ready.
const MAX_FAILED_STARTS: u32 = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FrameSource {
    Camera,
    Photo,
}

pub enum DecoderEvent {
    Decoded {
        source: FrameSource,
        payloads: Vec<String>,
    },
    /// The worker cannot be started; nothing will be decoded.
    Unavailable,
}

pub struct Decoder(Rc<Inner>);

struct Inner {
    on_event: Box<dyn Fn(DecoderEvent)>,
    state: RefCell<State>,
}

#[derive(Default)]
struct State {
    worker: Option<AppWorker>,
    ready: bool,
    in_flight: Option<(u32, FrameSource)>,
    waiting_photo: Option<FrameRequest>,
    next_id: u32,
    failed_starts: u32,
}

impl Decoder {
    pub fn start(on_event: impl Fn(DecoderEvent) + 'static) -> Decoder {
        let inner = Rc::new(Inner {
            on_event: Box::new(on_event),
            state: RefCell::new(State::default()),
        });
        Inner::spawn(&inner);
        Decoder(inner)
    }

    fn is_idle(&self) -> bool {
        let state = self.0.state.borrow();
        state.ready && state.in_flight.is_none()
    }

    /// Decodes a camera frame if the worker is free; otherwise `grab` is not
    /// even called, so a busy worker costs the page no canvas read-back.
    pub fn offer_camera_frame(&self, grab: impl FnOnce() -> Option<ImageData>) {
        if let Some(frame) = self.is_idle().then(grab).flatten() {
            let request = self.0.request(&frame);
            self.0.post(request, FrameSource::Camera);
        }
    }

    /// Decodes a photo as soon as the worker is free.
    pub fn decode_photo(&self, frame: &ImageData) {
        let request = self.0.request(frame);
        if self.is_idle() {
            self.0.post(request, FrameSource::Photo);
        } else {
            self.0.state.borrow_mut().waiting_photo = Some(request);
        }
    }
}

impl Inner {
    fn spawn(this: &Rc<Inner>) {
        let on_message = {
            let weak = Rc::downgrade(this);
            Box::new(move |data: JsValue| {
                if let (Some(inner), Some(reply)) = (weak.upgrade(), WorkerReply::from_js(&data)) {
                    Inner::received(&inner, reply);
                }
            })
        };
        let on_failure = {
            let weak: Weak<Inner> = Rc::downgrade(this);
            Rc::new(move || {
                if let Some(inner) = weak.upgrade() {
                    Inner::crashed(&inner);
                }
            })
        };
        match AppWorker::start(WORKER, on_message, on_failure) {
            Some(worker) => this.state.borrow_mut().worker = Some(worker),
            None => (this.on_event)(DecoderEvent::Unavailable),
        }
    }

    fn request(&self, frame: &ImageData) -> FrameRequest {
        let mut state = self.state.borrow_mut();
        state.next_id = state.next_id.wrapping_add(1);
        // The canvas's own buffer, handed over without a copy into wasm.
        let rgba = Reflect::get(frame, &JsValue::from_str("data"))
            .ok()
            .and_then(|data| data.dyn_into::<Uint8ClampedArray>().ok())
            .unwrap_or_else(|| Uint8ClampedArray::new_with_length(0));
        FrameRequest {
            id: state.next_id,
            width: frame.width(),
            height: frame.height(),
            rgba,
        }
    }

    fn post(&self, request: FrameRequest, source: FrameSource) {
        let mut state = self.state.borrow_mut();
        let Some(running) = state.worker.as_ref() else {
            return;
        };
        if running.post_with_transfer(&request.to_js(), &request.transfer()) {
            state.in_flight = Some((request.id, source));
        }
    }

    fn received(this: &Rc<Inner>, reply: WorkerReply) {
        match reply {
            WorkerReply::Ready => {
                let mut state = this.state.borrow_mut();
                state.ready = true;
                state.failed_starts = 0;
            }
            WorkerReply::Decoded { id, payloads } => {
                let finished = {
                    let mut state = this.state.borrow_mut();
                    match state.in_flight {
                        Some((expected, source)) if expected == id => {
                            state.in_flight = None;
                            Some(source)
                        }
                        _ => None,
                    }
                };
                if let Some(source) = finished {
                    (this.on_event)(DecoderEvent::Decoded { source, payloads });
                }
            }
        }
        this.send_waiting_photo();
    }

    fn send_waiting_photo(&self) {
        let waiting = {
            let mut state = self.state.borrow_mut();
            if !state.ready || state.in_flight.is_some() {
                return;
            }
            state.waiting_photo.take()
        };
        if let Some(photo) = waiting {
            self.post(photo, FrameSource::Photo);
        }
    }

    fn crashed(this: &Rc<Inner>) {
        let (lost, give_up) = {
            let mut state = this.state.borrow_mut();
            if !state.ready {
                state.failed_starts += 1;
            }
            state.worker = None;
            state.ready = false;
            let lost = state.in_flight.take().map(|(_, source)| source);
            (lost, state.failed_starts >= MAX_FAILED_STARTS)
        };
        // A frame that crashed the decoder has no code we can read.
        if let Some(source) = lost {
            (this.on_event)(DecoderEvent::Decoded {
                source,
                payloads: Vec::new(),
            });
        }
        if give_up {
            this.state.borrow_mut().waiting_photo = None;
            (this.on_event)(DecoderEvent::Unavailable);
        } else {
            Inner::spawn(this);
        }
    }
}
