//! The messages between the page and the decoder worker, as plain JS objects
//! (structured-clonable, with the pixel buffer transferred, never copied).

use js_sys::{Array, Object, Reflect, Uint8ClampedArray};
use wasm_bindgen::{JsCast, JsValue};

/// One RGBA frame to decode.
pub struct FrameRequest {
    pub id: u32,
    pub width: u32,
    pub height: u32,
    pub rgba: Uint8ClampedArray,
}

/// What the worker says back.
pub enum WorkerReply {
    /// The decoder is loaded and listening.
    Ready,
    /// The payloads read in the frame `id` (empty: no code).
    Decoded { id: u32, payloads: Vec<String> },
}

impl FrameRequest {
    pub fn to_js(&self) -> JsValue {
        let object = Object::new();
        set(&object, "id", &self.id.into());
        set(&object, "width", &self.width.into());
        set(&object, "height", &self.height.into());
        set(&object, "rgba", &self.rgba);
        object.into()
    }

    /// What to hand over to the worker instead of copying.
    pub fn transfer(&self) -> Array {
        Array::of1(&self.rgba.buffer())
    }

    pub fn from_js(value: &JsValue) -> Option<FrameRequest> {
        Some(FrameRequest {
            id: number(value, "id")?,
            width: number(value, "width")?,
            height: number(value, "height")?,
            rgba: get(value, "rgba")?.dyn_into().ok()?,
        })
    }
}

impl WorkerReply {
    pub fn to_js(&self) -> JsValue {
        let object = Object::new();
        match self {
            WorkerReply::Ready => set(&object, "ready", &JsValue::TRUE),
            WorkerReply::Decoded { id, payloads } => {
                set(&object, "id", &(*id).into());
                let list: Array = payloads.iter().map(|p| JsValue::from_str(p)).collect();
                set(&object, "payloads", &list);
            }
        }
        object.into()
    }

    pub fn from_js(value: &JsValue) -> Option<WorkerReply> {
        if get(value, "ready").is_some_and(|flag| flag.is_truthy()) {
            return Some(WorkerReply::Ready);
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
