//! The page's handle on the decoder worker.
//!
//! At most one frame is in flight: a camera frame offered while the worker is
//! busy is dropped, never queued, so the preview never lags behind. A photo is
//! kept until the worker is free. A worker that traps (a panic in the decoder)
//! is replaced; one that keeps failing to start is reported once.
//!
//! A camera frame leaves the page as `createImageBitmap` of the preview,
//! transferred to the worker, which draws it and converts it to luma
//! (`worker.rs`): the page's thread neither draws nor reads back pixels.
//! Where the browser lacks `createImageBitmap`, or the worker
//! `OffscreenCanvas`, the frame is drawn and read back here (`frames.rs`).
//!
//! The worker is started ahead of need ([`warm_up`], in idle time once the
//! checkout is open) and kept between scans: a dialog's `Decoder` takes it
//! up, asks it whether it is ready, and hands it back when the dialog
//! closes, so pressing scan never waits for the decoder's download and
//! compilation.

use std::cell::{Cell, OnceCell, RefCell};
use std::rc::{Rc, Weak};

use js_sys::{Reflect, Uint8ClampedArray};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::{HtmlVideoElement, ImageBitmap, ImageData};

use super::frames::FrameGrabber;
use super::message::{FrameRequest, Pixels, WorkerCall, WorkerReply};
use crate::web::worker::AppWorker;

/// The `[[bin]]` of the decoder's wasm.
const WORKER: &str = "scan_worker";
/// Starts in a row that end in an error before the worker says it is ready.
const MAX_FAILED_STARTS: u32 = 3;

thread_local! {
    /// The decoder worker no dialog is using.
    static SPARE: RefCell<Option<AppWorker>> = const { RefCell::new(None) };
    /// Frame ids, unique across decoders: a worker handed back may still
    /// answer a frame of its last owner.
    static LAST_ID: Cell<u32> = const { Cell::new(0) };
}

/// Starts the decoder worker in the background, unless one is waiting.
/// Called from the first load, so it holds only what the spare needs.
pub fn warm_up() {
    let missing = SPARE.with(|spare| spare.borrow().is_none());
    if missing {
        let (on_message, on_failure) = spare_listeners();
        if let Some(worker) = AppWorker::start(WORKER, on_message, on_failure) {
            SPARE.with(|spare| *spare.borrow_mut() = Some(worker));
        }
    }
}

/// What a spare hears is not kept: the dialog taking it up asks again
/// (`WorkerCall::Hello`). A spare that fails is dropped, so the dialog
/// starts a worker of its own and sees that one fail or succeed.
fn spare_listeners() -> Listeners {
    (
        Box::new(|_| {}),
        Rc::new(|| drop(SPARE.with(|spare| spare.borrow_mut().take()))),
    )
}

/// Keeps `worker` for the next dialog; a second one is not kept.
fn park(mut worker: AppWorker) {
    let (on_message, on_failure) = spare_listeners();
    worker.listen(on_message, on_failure);
    SPARE.with(|spare| {
        let mut spare = spare.borrow_mut();
        if spare.is_none() {
            *spare = Some(worker);
        }
    });
}

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

/// A worker's message and failure handlers, as `AppWorker` takes them.
type Listeners = (Box<dyn Fn(JsValue)>, Rc<dyn Fn()>);

struct Inner {
    on_event: Box<dyn Fn(DecoderEvent)>,
    /// Frames are also read for a receipt's Code 128 barcode.
    code128: bool,
    state: RefCell<State>,
    /// The page's canvas, made only where frames cannot go as bitmaps.
    grabber: OnceCell<Option<FrameGrabber>>,
}

#[derive(Default)]
struct State {
    worker: Option<AppWorker>,
    ready: bool,
    /// The worker draws bitmaps itself and the page can make them.
    bitmaps: bool,
    in_flight: Option<(u32, FrameSource)>,
    waiting_photo: Option<FrameRequest>,
    failed_starts: u32,
}

impl Decoder {
    /// A decoder of QR codes (customers' apps, member cards).
    pub fn start(on_event: impl Fn(DecoderEvent) + 'static) -> Decoder {
        Decoder::with(false, Box::new(on_event))
    }

    /// A decoder that also reads the Code 128 barcode every printed
    /// receipt carries (its receipt number), for finding a sale to refund.
    pub fn start_for_receipts(on_event: impl Fn(DecoderEvent) + 'static) -> Decoder {
        Decoder::with(true, Box::new(on_event))
    }

    fn with(code128: bool, on_event: Box<dyn Fn(DecoderEvent)>) -> Decoder {
        let inner = Rc::new(Inner {
            on_event,
            code128,
            state: RefCell::new(State::default()),
            grabber: OnceCell::new(),
        });
        Inner::spawn(&inner);
        Decoder(inner)
    }

    fn is_idle(&self) -> bool {
        let state = self.0.state.borrow();
        state.ready && state.in_flight.is_none()
    }

    /// Decodes the frame `video` shows now if the worker is free; a busy
    /// worker costs the page nothing, the frame is simply not taken.
    pub fn offer_camera_frame(&self, video: &HtmlVideoElement) {
        if !self.is_idle() {
            return;
        }
        if self.0.state.borrow().bitmaps {
            match web_sys::window().map(|w| w.create_image_bitmap_with_html_video_element(video)) {
                Some(Ok(bitmap)) => return Inner::send_bitmap(&self.0, bitmap),
                // The page has no createImageBitmap after all.
                _ => self.0.state.borrow_mut().bitmaps = false,
            }
        }
        let grabber = self.0.grabber.get_or_init(FrameGrabber::new);
        if let Some(frame) = grabber.as_ref().and_then(|g| g.video_frame(video)) {
            let request = rgba_request(&frame, self.0.code128);
            self.0.post(&request, FrameSource::Camera);
        }
    }

    /// Decodes a photo as soon as the worker is free.
    pub fn decode_photo(&self, frame: &ImageData) {
        let request = rgba_request(frame, self.0.code128);
        if self.is_idle() {
            self.0.post(&request, FrameSource::Photo);
        } else {
            self.0.state.borrow_mut().waiting_photo = Some(request);
        }
    }
}

impl Drop for Decoder {
    /// The worker goes back to wait for the next dialog.
    fn drop(&mut self) {
        if let Some(worker) = self.0.state.borrow_mut().worker.take() {
            park(worker);
        }
    }
}

impl Inner {
    fn spawn(this: &Rc<Inner>) {
        if let Some(mut worker) = SPARE.with(|spare| spare.borrow_mut().take()) {
            let (on_message, on_failure) = Inner::listeners(this);
            worker.listen(on_message, on_failure);
            // Ready again: the worker's answer comes to this decoder.
            worker.post(&WorkerCall::Hello.to_js());
            this.state.borrow_mut().worker = Some(worker);
            return;
        }
        let (on_message, on_failure) = Inner::listeners(this);
        match AppWorker::start(WORKER, on_message, on_failure) {
            Some(worker) => this.state.borrow_mut().worker = Some(worker),
            None => (this.on_event)(DecoderEvent::Unavailable),
        }
    }

    fn listeners(this: &Rc<Inner>) -> Listeners {
        let weak = Rc::downgrade(this);
        let on_message = Box::new(move |data: JsValue| {
            if let (Some(inner), Some(reply)) = (weak.upgrade(), WorkerReply::from_js(&data)) {
                Inner::received(&inner, reply);
            }
        });
        let weak: Weak<Inner> = Rc::downgrade(this);
        let on_failure = Rc::new(move || {
            if let Some(inner) = weak.upgrade() {
                Inner::crashed(&inner);
            }
        });
        (on_message, on_failure)
    }

    /// Holds the worker for the frame while the browser makes its bitmap,
    /// then sends it, unless the worker was lost or replaced meanwhile.
    fn send_bitmap(this: &Rc<Inner>, bitmap: js_sys::Promise) {
        let id = next_id();
        this.state.borrow_mut().in_flight = Some((id, FrameSource::Camera));
        let weak = Rc::downgrade(this);
        spawn_local(async move {
            let bitmap = JsFuture::from(bitmap)
                .await
                .ok()
                .and_then(|b| b.dyn_into::<ImageBitmap>().ok());
            let inner = weak.upgrade();
            let current = inner
                .as_ref()
                .filter(|inner| inner.state.borrow().in_flight == Some((id, FrameSource::Camera)));
            match (current, bitmap) {
                (Some(inner), Some(bitmap)) => {
                    let request = FrameRequest {
                        id,
                        pixels: Pixels::Bitmap(bitmap.clone()),
                        code128: inner.code128,
                    };
                    if !inner.post(&request, FrameSource::Camera) {
                        bitmap.close();
                        inner.state.borrow_mut().in_flight = None;
                    }
                }
                // No frame to show yet (the video is still starting).
                (Some(inner), None) => inner.state.borrow_mut().in_flight = None,
                (None, Some(bitmap)) => bitmap.close(),
                (None, None) => {}
            }
        });
    }

    /// Sends a frame; `false` if there is no worker or it could not be sent.
    fn post(&self, request: &FrameRequest, source: FrameSource) -> bool {
        let mut state = self.state.borrow_mut();
        let Some(running) = state.worker.as_ref() else {
            return false;
        };
        let sent = running.post_with_transfer(&request.to_js(), &request.transfer());
        if sent {
            state.in_flight = Some((request.id, source));
        }
        sent
    }

    fn received(this: &Rc<Inner>, reply: WorkerReply) {
        match reply {
            WorkerReply::Ready { bitmaps } => {
                let mut state = this.state.borrow_mut();
                state.ready = true;
                state.bitmaps = bitmaps;
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
            self.post(&photo, FrameSource::Photo);
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

/// A frame read back from a canvas, its own buffer handed over without a
/// copy into wasm.
fn rgba_request(frame: &ImageData, code128: bool) -> FrameRequest {
    let rgba = Reflect::get(frame, &JsValue::from_str("data"))
        .ok()
        .and_then(|data| data.dyn_into::<Uint8ClampedArray>().ok())
        .unwrap_or_else(|| Uint8ClampedArray::new_with_length(0));
    FrameRequest {
        id: next_id(),
        pixels: Pixels::Rgba {
            width: frame.width(),
            height: frame.height(),
            rgba,
        },
        code128,
    }
}

fn next_id() -> u32 {
    LAST_ID.with(|last| {
        let id = last.get().wrapping_add(1);
        last.set(id);
        id
    })
}
