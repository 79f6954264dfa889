//! Turns a photo, or the live preview where the decoder worker cannot draw
//! frames itself (no `OffscreenCanvas` or `createImageBitmap`), into RGBA
//! frames on the page; `FrameLoop` paces the preview's frames either way.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use js_sys::{Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    CanvasRenderingContext2d, HtmlCanvasElement, HtmlVideoElement, ImageBitmap, ImageData,
};

use super::fit::fit;
use super::problem::ScanProblem;

/// The sampling period where `requestVideoFrameCallback` is missing.
const TIMER_MS: i32 = 60;

#[wasm_bindgen]
extern "C" {
    /// A video element seen through the frame-callback API, which web-sys
    /// only offers behind its unstable-API flag.
    #[wasm_bindgen(js_name = HTMLVideoElement)]
    type FrameClock;
    #[wasm_bindgen(method, catch, js_name = requestVideoFrameCallback)]
    fn request_video_frame_callback(
        this: &FrameClock,
        callback: &js_sys::Function,
    ) -> Result<u32, JsValue>;
    #[wasm_bindgen(method, catch, js_name = cancelVideoFrameCallback)]
    fn cancel_video_frame_callback(this: &FrameClock, handle: u32) -> Result<(), JsValue>;
}

/// An off-screen canvas the frames are drawn on and read back from.
pub struct FrameGrabber {
    canvas: HtmlCanvasElement,
    context: CanvasRenderingContext2d,
}

impl FrameGrabber {
    pub fn new() -> Option<FrameGrabber> {
        let canvas: HtmlCanvasElement = web_sys::window()?
            .document()?
            .create_element("canvas")
            .ok()?
            .dyn_into()
            .ok()?;
        // Tells the browser the pixels are read back every frame, so it
        // keeps the canvas in memory instead of on the GPU.
        let options = Object::new();
        let _ = Reflect::set(&options, &"willReadFrequently".into(), &JsValue::TRUE);
        let context = canvas
            .get_context_with_context_options("2d", &options)
            .ok()??
            .dyn_into()
            .ok()?;
        Some(FrameGrabber { canvas, context })
    }

    /// The frame the preview shows now; None before the first frame.
    pub fn video_frame(&self, video: &HtmlVideoElement) -> Option<ImageData> {
        self.capture(
            video.video_width(),
            video.video_height(),
            |context, w, h| {
                context.draw_image_with_html_video_element_and_dw_and_dh(video, 0.0, 0.0, w, h)
            },
        )
    }

    fn bitmap_frame(&self, bitmap: &ImageBitmap) -> Option<ImageData> {
        self.capture(bitmap.width(), bitmap.height(), |context, w, h| {
            context.draw_image_with_image_bitmap_and_dw_and_dh(bitmap, 0.0, 0.0, w, h)
        })
    }

    /// Draws a source of `width`×`height` scaled to fit, then reads it back.
    fn capture(
        &self,
        width: u32,
        height: u32,
        draw: impl FnOnce(&CanvasRenderingContext2d, f64, f64) -> Result<(), JsValue>,
    ) -> Option<ImageData> {
        let (width, height) = fit(width, height)?;
        self.resize(width, height);
        draw(&self.context, f64::from(width), f64::from(height)).ok()?;
        self.read(width, height)
    }

    fn resize(&self, width: u32, height: u32) {
        if self.canvas.width() != width || self.canvas.height() != height {
            self.canvas.set_width(width);
            self.canvas.set_height(height);
        }
    }

    fn read(&self, width: u32, height: u32) -> Option<ImageData> {
        self.context
            .get_image_data(0.0, 0.0, f64::from(width), f64::from(height))
            .ok()
    }
}

/// Reads an image file the cashier picked (a photo of the customer's screen).
pub async fn photo_frame(file: &web_sys::File) -> Result<ImageData, ScanProblem> {
    let window = web_sys::window().ok_or(ScanProblem::PhotoUnreadable)?;
    let promise = window
        .create_image_bitmap_with_blob(file)
        .map_err(|_| ScanProblem::PhotoUnreadable)?;
    let bitmap: ImageBitmap = JsFuture::from(promise)
        .await
        .map_err(|_| ScanProblem::PhotoUnreadable)?
        .unchecked_into();
    let frame = FrameGrabber::new().and_then(|grabber| grabber.bitmap_frame(&bitmap));
    bitmap.close();
    frame.ok_or(ScanProblem::PhotoUnreadable)
}

/// The loop's own callback, kept where it can reschedule itself.
type Tick = Rc<RefCell<Option<Closure<dyn FnMut()>>>>;

/// Calls `on_frame` for each new video frame (or on a timer) until dropped.
pub struct FrameLoop {
    video: HtmlVideoElement,
    pending: Rc<Cell<Option<Pending>>>,
    tick: Tick,
}

#[derive(Clone, Copy)]
enum Pending {
    VideoFrame(u32),
    Timer(i32),
}

impl FrameLoop {
    pub fn start(video: HtmlVideoElement, mut on_frame: impl FnMut() + 'static) -> FrameLoop {
        let pending = Rc::new(Cell::new(None));
        let tick: Tick = Rc::new(RefCell::new(None));
        let closure = {
            let (video, pending, tick) = (video.clone(), pending.clone(), tick.clone());
            Closure::<dyn FnMut()>::new(move || {
                pending.set(None);
                on_frame();
                if let Some(next) = tick.borrow().as_ref() {
                    pending.set(schedule(&video, next));
                }
            })
        };
        pending.set(schedule(&video, &closure));
        *tick.borrow_mut() = Some(closure);
        FrameLoop {
            video,
            pending,
            tick,
        }
    }
}

impl Drop for FrameLoop {
    fn drop(&mut self) {
        match self.pending.take() {
            Some(Pending::VideoFrame(handle)) => {
                let _ = self
                    .video
                    .unchecked_ref::<FrameClock>()
                    .cancel_video_frame_callback(handle);
            }
            Some(Pending::Timer(handle)) => {
                if let Some(window) = web_sys::window() {
                    window.clear_timeout_with_handle(handle);
                }
            }
            None => {}
        }
        self.tick.borrow_mut().take();
    }
}

fn schedule(video: &HtmlVideoElement, tick: &Closure<dyn FnMut()>) -> Option<Pending> {
    let callback: &js_sys::Function = tick.as_ref().unchecked_ref();
    if Reflect::has(video, &"requestVideoFrameCallback".into()).unwrap_or(false) {
        let clock: &FrameClock = video.unchecked_ref();
        if let Ok(handle) = clock.request_video_frame_callback(callback) {
            return Some(Pending::VideoFrame(handle));
        }
    }
    web_sys::window()?
        .set_timeout_with_callback_and_timeout_and_arguments_0(callback, TIMER_MS)
        .ok()
        .map(Pending::Timer)
}
