//! The decoder's side of the Web Worker: frames in, payloads out.
//!
//! A camera frame comes as an `ImageBitmap`: drawing it on an
//! `OffscreenCanvas`, reading it back and converting it to luma all happen
//! here, off the page's thread. Photos, and frames from a page whose
//! browser lacks `createImageBitmap`, come as RGBA already. A frame may ask
//! for a Code 128 read too (a receipt's number, for refunds), tried where
//! no QR code reads.
//!
//! With `panic = "abort"` a panic inside `rqrr` traps the whole wasm
//! instance; living in a worker, that only ends this worker, which the page
//! notices (`error` event) and replaces (see `decoder.rs`).

use js_sys::{Object, Reflect};
use wasm_bindgen::prelude::*;
use web_sys::{
    DedicatedWorkerGlobalScope, ImageBitmap, MessageEvent, OffscreenCanvas,
    OffscreenCanvasRenderingContext2d,
};

use super::decode::{decode, read_code128, LumaFrame};
use super::fit::fit;
use super::message::{FrameRequest, Pixels, WorkerCall, WorkerReply};

/// Listens for frames when running as a dedicated worker; elsewhere (a
/// benchmark page loading the same module) it does nothing.
pub fn serve() {
    let Ok(scope) = js_sys::global().dyn_into::<DedicatedWorkerGlobalScope>() else {
        return;
    };
    let canvas = Canvas::new();
    let bitmaps = canvas.is_some();
    let replies = scope.clone();
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
        let data = event.data();
        if let Some(WorkerCall::Hello) = WorkerCall::from_js(&data) {
            let _ = replies.post_message(&WorkerReply::Ready { bitmaps }.to_js());
            return;
        }
        let Some(request) = FrameRequest::from_js(&data) else {
            return;
        };
        let frame = match request.pixels {
            Pixels::Rgba {
                width,
                height,
                rgba,
            } => LumaFrame::from_rgba(width, height, &rgba.to_vec()).ok(),
            Pixels::Bitmap(bitmap) => {
                let frame = canvas.as_ref().and_then(|canvas| canvas.luma(&bitmap));
                bitmap.close();
                frame
            }
        };
        let payloads = frame
            .map(|frame| read(&frame, request.code128))
            .unwrap_or_default();
        let reply = WorkerReply::Decoded {
            id: request.id,
            payloads,
        };
        let _ = replies.post_message(&reply.to_js());
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler lives as long as the worker does.
    on_message.forget();
    let _ = scope.post_message(&WorkerReply::Ready { bitmaps }.to_js());
}

/// The QR codes in `frame`; without one, its Code 128 barcode when asked.
fn read(frame: &LumaFrame, code128: bool) -> Vec<String> {
    let payloads = decode(frame);
    if payloads.is_empty() && code128 {
        return read_code128(frame).into_iter().collect();
    }
    payloads
}

/// Decodes an RGBA buffer (as a canvas gives it); a malformed one reads as no code.
pub fn decode_rgba(width: u32, height: u32, rgba: &[u8]) -> Vec<String> {
    LumaFrame::from_rgba(width, height, rgba)
        .map(|frame| decode(&frame))
        .unwrap_or_default()
}

/// The worker's own canvas, kept for every frame.
struct Canvas {
    canvas: OffscreenCanvas,
    context: OffscreenCanvasRenderingContext2d,
}

impl Canvas {
    /// `None` where the worker has no `OffscreenCanvas` with a 2D context.
    fn new() -> Option<Canvas> {
        if !Reflect::has(&js_sys::global(), &"OffscreenCanvas".into()).unwrap_or(false) {
            return None;
        }
        let canvas = OffscreenCanvas::new(1, 1).ok()?;
        // Read back every frame: kept in memory, not on the GPU.
        let options = Object::new();
        let _ = Reflect::set(&options, &"willReadFrequently".into(), &JsValue::TRUE);
        let context = canvas
            .get_context_with_context_options("2d", &options)
            .ok()??
            .dyn_into()
            .ok()?;
        Some(Canvas { canvas, context })
    }

    /// The bitmap drawn scaled to fit, as luma; `None` if it has no pixels.
    fn luma(&self, bitmap: &ImageBitmap) -> Option<LumaFrame> {
        let (width, height) = fit(bitmap.width(), bitmap.height())?;
        if self.canvas.width() != width || self.canvas.height() != height {
            self.canvas.set_width(width);
            self.canvas.set_height(height);
        }
        let (w, h) = (f64::from(width), f64::from(height));
        self.context
            .draw_image_with_image_bitmap_and_dw_and_dh(bitmap, 0.0, 0.0, w, h)
            .ok()?;
        let image = self.context.get_image_data(0.0, 0.0, w, h).ok()?;
        LumaFrame::from_rgba(width, height, &image.data()).ok()
    }
}
