//! The tablet's camera: opened once per scan, every track stopped on drop.

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{MediaDeviceKind, MediaStream, MediaStreamConstraints, MediaStreamTrack};

use super::problem::ScanProblem;

/// A live camera stream; dropping it turns the camera off.
pub struct Camera {
    stream: MediaStream,
}

impl Camera {
    /// Opens `device`, or the rear camera when none is chosen, at about 720p:
    /// enough for a phone's QR across the counter, light on a cheap tablet.
    pub async fn open(device: Option<&str>) -> Result<Camera, ScanProblem> {
        let window = web_sys::window().ok_or(ScanProblem::CameraFailed)?;
        if !window.is_secure_context() {
            return Err(ScanProblem::InsecurePage);
        }
        let devices = window
            .navigator()
            .media_devices()
            .map_err(|_| ScanProblem::NoCamera)?;
        let constraints = MediaStreamConstraints::new();
        constraints.set_audio(&JsValue::FALSE);
        constraints.set_video(&video_constraints(device));
        let promise = devices
            .get_user_media_with_constraints(&constraints)
            .map_err(|_| ScanProblem::CameraFailed)?;
        let stream = JsFuture::from(promise).await.map_err(|error| {
            let name = Reflect::get(&error, &JsValue::from_str("name"))
                .ok()
                .and_then(|name| name.as_string())
                .unwrap_or_default();
            ScanProblem::from_camera_error(&name)
        })?;
        Ok(Camera {
            stream: stream.unchecked_into(),
        })
    }

    pub fn stream(&self) -> &MediaStream {
        &self.stream
    }

    /// The device actually opened, to know which one "switch" moves away from.
    pub fn device_id(&self) -> Option<String> {
        let settings = call(self.track()?.as_ref(), "getSettings", &[])?;
        Reflect::get(&settings, &JsValue::from_str("deviceId"))
            .ok()?
            .as_string()
    }

    /// The camera's light, where the page may switch it.
    pub fn torch(&self) -> Option<Torch> {
        let track = self.track()?;
        let capabilities = call(track.as_ref(), "getCapabilities", &[])?;
        Reflect::get(&capabilities, &JsValue::from_str("torch"))
            .ok()?
            .is_truthy()
            .then_some(Torch(track))
    }

    fn track(&self) -> Option<MediaStreamTrack> {
        self.stream.get_video_tracks().get(0).dyn_into().ok()
    }
}

impl Drop for Camera {
    fn drop(&mut self) {
        for track in self.stream.get_tracks().iter() {
            if let Ok(track) = track.dyn_into::<MediaStreamTrack>() {
                track.stop();
            }
        }
    }
}

/// The light of an open camera (a handle on its track, cheap to clone).
#[derive(Clone)]
pub struct Torch(MediaStreamTrack);

impl Torch {
    /// Turns the light on or off; false when the camera refused.
    pub async fn set(&self, on: bool) -> bool {
        let torch = Object::new();
        let _ = Reflect::set(&torch, &JsValue::from_str("torch"), &JsValue::from_bool(on));
        let constraints = Object::new();
        let _ = Reflect::set(
            &constraints,
            &JsValue::from_str("advanced"),
            &Array::of1(&torch),
        );
        match call(self.0.as_ref(), "applyConstraints", &[constraints.into()]) {
            Some(promise) => JsFuture::from(js_sys::Promise::from(promise)).await.is_ok(),
            None => false,
        }
    }
}

/// The ids of the cameras the page may use (labels need no permission).
pub async fn video_inputs() -> Vec<String> {
    let Some(devices) = web_sys::window().and_then(|w| w.navigator().media_devices().ok()) else {
        return Vec::new();
    };
    let Ok(promise) = devices.enumerate_devices() else {
        return Vec::new();
    };
    let Ok(list) = JsFuture::from(promise).await else {
        return Vec::new();
    };
    Array::from(&list)
        .iter()
        .filter_map(|device| device.dyn_into::<web_sys::MediaDeviceInfo>().ok())
        .filter(|device| device.kind() == MediaDeviceKind::Videoinput)
        .map(|device| device.device_id())
        .collect()
}

/// The camera after `current` in the device list, wrapping around.
pub async fn next_camera(current: Option<String>) -> Option<String> {
    let ids = video_inputs().await;
    let at = current.and_then(|current| ids.iter().position(|id| *id == current));
    let next = at.map_or(0, |i| (i + 1) % ids.len().max(1));
    ids.get(next).cloned()
}

fn video_constraints(device: Option<&str>) -> JsValue {
    let video = Object::new();
    let ideal = |value: JsValue| {
        let object = Object::new();
        let _ = Reflect::set(&object, &JsValue::from_str("ideal"), &value);
        object
    };
    let _ = Reflect::set(&video, &"width".into(), &ideal(1280.into()));
    let _ = Reflect::set(&video, &"height".into(), &ideal(720.into()));
    match device {
        Some(id) => {
            let exact = Object::new();
            let _ = Reflect::set(&exact, &"exact".into(), &id.into());
            let _ = Reflect::set(&video, &"deviceId".into(), &exact);
        }
        None => {
            let _ = Reflect::set(&video, &"facingMode".into(), &ideal("environment".into()));
        }
    }
    video.into()
}

/// Calls a method that web-sys only offers behind its unstable-API flag.
fn call(target: &JsValue, method: &str, args: &[JsValue]) -> Option<JsValue> {
    let function = Reflect::get(target, &JsValue::from_str(method))
        .ok()?
        .dyn_into::<js_sys::Function>()
        .ok()?;
    let args: Array = args.iter().collect();
    function.apply(target, &args).ok()
}
