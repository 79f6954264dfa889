//! The messages between the page and the decoder worker, as plain JS objects
//! (structured-clonable, with the pixels transferred, never copied).

use js_sys::{Array, Object, Reflect, Uint8ClampedArray};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::ImageBitmap;

/// One frame to decode.
pub struct FrameRequest {
    pub id: u32,
    pub pixels: Pixels,
    /// Also look for a Code 128 barcode (a receipt's number) where no QR
    /// code reads.
    pub code128: bool,
}

/// A frame's pixels, as the page could take them.
pub enum Pixels {
    /// A video frame as the browser gave it; the worker draws it and
    /// converts it to luma, so the page's thread spends nothing on it.
    Bitmap(ImageBitmap),
    /// RGBA read back from a canvas on the page (a photo, or a browser
    /// whose worker cannot draw).
    Rgba {
        width: u32,
        height: u32,
        rgba: Uint8ClampedArray,
    },
}

/// What the page asks the worker besides frames.
pub enum WorkerCall {
    /// Say whether you are ready: the page taking up a worker started
    /// before it did not hear the first answer.
    Hello,
}

/// What the worker says back.
pub enum WorkerReply {
    /// The decoder is loaded and listening; `bitmaps`: it can draw
    /// `Pixels::Bitmap` frames itself.
    Ready { bitmaps: bool },
    /// The payloads read in the frame `id` (empty: no code).
    Decoded { id: u32, payloads: Vec<String> },
}

impl FrameRequest {
    pub fn to_js(&self) -> JsValue {
        let object = Object::new();
        set(&object, "id", &self.id.into());
        if self.code128 {
            set(&object, "code128", &JsValue::TRUE);
        }
        match &self.pixels {
            Pixels::Bitmap(bitmap) => set(&object, "bitmap", bitmap),
            Pixels::Rgba {
                width,
                height,
                rgba,
            } => {
                set(&object, "width", &(*width).into());
                set(&object, "height", &(*height).into());
                set(&object, "rgba", rgba);
            }
        }
        object.into()
    }

    /// What to hand over to the worker instead of copying.
    pub fn transfer(&self) -> Array {
        match &self.pixels {
            Pixels::Bitmap(bitmap) => Array::of1(bitmap),
            Pixels::Rgba { rgba, .. } => Array::of1(&rgba.buffer()),
        }
    }

    pub fn from_js(value: &JsValue) -> Option<FrameRequest> {
        let id = number(value, "id")?;
        let code128 = get(value, "code128").is_some_and(|flag| flag.is_truthy());
        let pixels = match get(value, "bitmap") {
            Some(bitmap) => Pixels::Bitmap(bitmap.dyn_into().ok()?),
            None => Pixels::Rgba {
                width: number(value, "width")?,
                height: number(value, "height")?,
                rgba: get(value, "rgba")?.dyn_into().ok()?,
            },
        };
        Some(FrameRequest {
            id,
            pixels,
            code128,
        })
    }
}

impl WorkerCall {
    pub fn to_js(&self) -> JsValue {
        let object = Object::new();
        match self {
            WorkerCall::Hello => set(&object, "hello", &JsValue::TRUE),
        }
        object.into()
    }

    pub fn from_js(value: &JsValue) -> Option<WorkerCall> {
        get(value, "hello")
            .is_some_and(|flag| flag.is_truthy())
            .then_some(WorkerCall::Hello)
    }
}

impl WorkerReply {
    pub fn to_js(&self) -> JsValue {
        let object = Object::new();
        match self {
            WorkerReply::Ready { bitmaps } => {
                set(&object, "ready", &JsValue::TRUE);
                set(&object, "bitmaps", &JsValue::from_bool(*bitmaps));
            }
            WorkerReply::Decoded { id, payloads } => {
                set(&object, "id", &(*id).into());
                let list: Array = payloads.iter().map(|p| JsValue::from_str(p)).collect();
                set(&object, "payloads", &list);
            }
        }
        object.into()
    }

    pub fn from_js(value: &JsValue) -> Option<WorkerReply> {
        let flag = |key| get(value, key).is_some_and(|flag| flag.is_truthy());
        if flag("ready") {
            return Some(WorkerReply::Ready {
                bitmaps: flag("bitmaps"),
            });
        }
        let payloads = get(value, "payloads")?.dyn_into::<Array>().ok()?;
        Some(WorkerReply::Decoded {
            id: number(value, "id")?,
            payloads: payloads.iter().filter_map(|p| p.as_string()).collect(),
        })
    }
}

fn set(object: &Object, key: &str, value: &JsValue) {
    let _ = Reflect::set(object, &JsValue::from_str(key), value);
}

fn get(value: &JsValue, key: &str) -> Option<JsValue> {
    Reflect::get(value, &JsValue::from_str(key))
        .ok()
        .filter(|v| !v.is_undefined())
}

fn number(value: &JsValue, key: &str) -> Option<u32> {
    let n = get(value, key)?.as_f64()?;
    // Ids and sizes are small non-negative integers; anything else is not ours.
    (n.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&n)).then_some(n as u32)
}
