//! The receipt printer's two doors into the browser: WebUSB (a USB printer's
//! bulk OUT endpoint) and Web Serial (serial, USB-serial and
//! Bluetooth-serial printers). Both are bound here with a small extern block
//! rather than web-sys' unstable bindings, which would need
//! `--cfg=web_sys_unstable_apis` in every wasm build's RUSTFLAGS; the few
//! calls Kassa makes are structural, so a test double in the page works too.

use js_sys::{Array, Promise, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::print::error::PrinterError;

/// A print that gets no answer within this time has failed: a printer that
/// is off or jammed may otherwise keep a transfer pending for ever.
const WRITE_TIMEOUT_MS: i32 = 10_000;
/// The usual speed of ESC/POS serial printers out of the box.
const BAUD_RATE: u32 = 9600;
/// USB class of printers.
const PRINTER_CLASS: u8 = 7;

#[wasm_bindgen]
extern "C" {
    type Usb;
    #[wasm_bindgen(method, js_name = requestDevice)]
    fn request_device(this: &Usb, options: &JsValue) -> Promise;
    #[wasm_bindgen(method, js_name = getDevices)]
    fn get_devices(this: &Usb) -> Promise;

    type UsbDevice;
    #[wasm_bindgen(method)]
    fn open(this: &UsbDevice) -> Promise;
    #[wasm_bindgen(method, js_name = selectConfiguration)]
    fn select_configuration(this: &UsbDevice, value: u8) -> Promise;
    #[wasm_bindgen(method, js_name = claimInterface)]
    fn claim_interface(this: &UsbDevice, number: u8) -> Promise;
    #[wasm_bindgen(method, js_name = transferOut)]
    fn transfer_out(this: &UsbDevice, endpoint: u8, data: &Uint8Array) -> Promise;
    #[wasm_bindgen(method, getter)]
    fn opened(this: &UsbDevice) -> bool;

    type Serial;
    #[wasm_bindgen(method, js_name = requestPort)]
    fn request_port(this: &Serial) -> Promise;
    #[wasm_bindgen(method, js_name = getPorts)]
    fn get_ports(this: &Serial) -> Promise;

    type SerialPort;
    #[wasm_bindgen(method, js_name = open)]
    fn open_port(this: &SerialPort, options: &JsValue) -> Promise;
    #[wasm_bindgen(method, getter)]
    fn writable(this: &SerialPort) -> JsValue;

    type Writable;
    #[wasm_bindgen(method, js_name = getWriter)]
    fn get_writer(this: &Writable) -> Writer;

    type Writer;
    #[wasm_bindgen(method)]
    fn write(this: &Writer, data: &Uint8Array) -> Promise;
    #[wasm_bindgen(method, js_name = releaseLock)]
    fn release_lock(this: &Writer);
}

/// How a printer is reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Transport {
    Usb,
    Serial,
}

impl Transport {
    pub fn code(self) -> &'static str {
        match self {
            Transport::Usb => "usb",
            Transport::Serial => "serial",
        }
    }

    pub fn from_code(code: &str) -> Option<Transport> {
        [Transport::Usb, Transport::Serial]
            .into_iter()
            .find(|t| t.code() == code)
    }
}

/// A paired printer, opened and ready to take bytes.
pub struct PrinterPort(Port);

enum Port {
    Usb { device: UsbDevice, endpoint: u8 },
    Serial(SerialPort),
}

fn navigator_member(name: &str) -> Option<JsValue> {
    let navigator = web_sys::window()?.navigator();
    Reflect::get(&navigator, &JsValue::from_str(name))
        .ok()
        .filter(|value| !value.is_undefined() && !value.is_null())
}

/// Whether this browser can reach a printer through `transport`.
pub fn supported(transport: Transport) -> bool {
    navigator_member(transport.code()).is_some()
}

/// Asks the cashier to pick a printer (needs a click). `Ok(None)`: the
/// chooser was closed without a pick.
pub async fn pair(transport: Transport) -> Result<Option<PrinterPort>, PrinterError> {
    let Some(api) = navigator_member(transport.code()) else {
        return Ok(None);
    };
    let picked = match transport {
        Transport::Usb => {
            let options = js_sys::Object::new();
            let _ = Reflect::set(&options, &"filters".into(), &Array::new());
            JsFuture::from(api.unchecked_into::<Usb>().request_device(&options)).await
        }
        Transport::Serial => JsFuture::from(api.unchecked_into::<Serial>().request_port()).await,
    };
    // NotFoundError: the chooser was dismissed.
    let Ok(picked) = picked else { return Ok(None) };
    open(transport, picked).await.map(Some)
}

/// The printer paired before, opened without asking; `None` if there is none.
pub async fn restore(transport: Transport) -> Result<Option<PrinterPort>, PrinterError> {
    let Some(api) = navigator_member(transport.code()) else {
        return Ok(None);
    };
    let known = match transport {
        Transport::Usb => api.unchecked_into::<Usb>().get_devices(),
        Transport::Serial => api.unchecked_into::<Serial>().get_ports(),
    };
    let known = JsFuture::from(known)
        .await
        .map_err(|_| PrinterError::Open)?;
    let Some(first) = known.dyn_into::<Array>().ok().map(|list| list.get(0)) else {
        return Ok(None);
    };
    if first.is_undefined() {
        return Ok(None);
    }
    open(transport, first).await.map(Some)
}

async fn open(transport: Transport, picked: JsValue) -> Result<PrinterPort, PrinterError> {
    match transport {
        Transport::Usb => {
            let device: UsbDevice = picked.unchecked_into();
            if !device.opened() {
                wait(device.open()).await.map_err(|_| PrinterError::Open)?;
            }
            let configured = Reflect::get(&device, &"configuration".into())
                .is_ok_and(|c| !c.is_null() && !c.is_undefined());
            if !configured {
                wait(device.select_configuration(1))
                    .await
                    .map_err(|_| PrinterError::Open)?;
            }
            let (interface, endpoint) = bulk_out(&device).ok_or(PrinterError::NoOutput)?;
            wait(device.claim_interface(interface))
                .await
                .map_err(|_| PrinterError::Open)?;
            Ok(PrinterPort(Port::Usb { device, endpoint }))
        }
        Transport::Serial => {
            let port: SerialPort = picked.unchecked_into();
            let options = js_sys::Object::new();
            let _ = Reflect::set(&options, &"baudRate".into(), &BAUD_RATE.into());
            // A port restored after a reload of the same tab may still be open.
            if port.writable().is_null() {
                wait(port.open_port(&options))
                    .await
                    .map_err(|_| PrinterError::Open)?;
            }
            Ok(PrinterPort(Port::Serial(port)))
        }
    }
}

/// The interface and endpoint to print through: a bulk OUT endpoint, on the
/// printer-class interface when the device has one.
fn bulk_out(device: &UsbDevice) -> Option<(u8, u8)> {
    let get = |value: &JsValue, key: &str| Reflect::get(value, &JsValue::from_str(key)).ok();
    let configuration = get(device, "configuration")?;
    let interfaces: Array = get(&configuration, "interfaces")?.dyn_into().ok()?;
    let mut found = None;
    for interface in interfaces.iter() {
        let number = get(&interface, "interfaceNumber")?.as_f64()? as u8;
        let alternate = get(&interface, "alternate")?;
        let class = get(&alternate, "interfaceClass").and_then(|c| c.as_f64());
        let endpoints: Array = get(&alternate, "endpoints")?.dyn_into().ok()?;
        let out = endpoints.iter().find(|endpoint| {
            let text = |key| get(endpoint, key).and_then(|v| v.as_string());
            text("direction").as_deref() == Some("out") && text("type").as_deref() == Some("bulk")
        });
        if let Some(endpoint) = out {
            let endpoint = get(&endpoint, "endpointNumber")?.as_f64()? as u8;
            if class == Some(f64::from(PRINTER_CLASS)) {
                return Some((number, endpoint));
            }
            found = found.or(Some((number, endpoint)));
        }
    }
    found
}

/// Calls `on_plug(Some(device))` when a device of `transport` is unplugged
/// and `on_plug(None)` when one is plugged in, for the life of the page.
pub fn watch(transport: Transport, on_plug: impl Fn(Option<JsValue>) + 'static) {
    let Some(api) = navigator_member(transport.code()) else {
        return;
    };
    let Some(add) = Reflect::get(&api, &"addEventListener".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
    else {
        return;
    };
    let on_plug = std::rc::Rc::new(on_plug);
    for (event, unplugged) in [("connect", false), ("disconnect", true)] {
        let on_plug = on_plug.clone();
        let listener = Closure::<dyn Fn(JsValue)>::new(move |event: JsValue| {
            if !unplugged {
                return on_plug(None);
            }
            // WebUSB names the device; Web Serial fires on the port itself.
            let device = Reflect::get(&event, &"device".into())
                .ok()
                .filter(|d| !d.is_undefined())
                .or_else(|| Reflect::get(&event, &"target".into()).ok());
            on_plug(Some(device.unwrap_or(JsValue::NULL)));
        });
        let _ = add.call2(&api, &event.into(), listener.as_ref());
        listener.forget();
    }
}

impl PrinterPort {
    /// Whether `device` (a USB device or serial port) is this printer.
    pub fn is(&self, device: &JsValue) -> bool {
        let own: &JsValue = match &self.0 {
            Port::Usb { device, .. } => device,
            Port::Serial(port) => port,
        };
        js_sys::Object::is(own, device)
    }

    /// Sends the whole stream; an error means the printer may have printed
    /// part of it or nothing.
    pub async fn write(&self, bytes: &[u8]) -> Result<(), PrinterError> {
        let data = Uint8Array::from(bytes);
        match &self.0 {
            Port::Usb { device, endpoint } => {
                let result = wait(device.transfer_out(*endpoint, &data))
                    .await
                    .map_err(|_| PrinterError::Write)?;
                let status = Reflect::get(&result, &"status".into())
                    .ok()
                    .and_then(|s| s.as_string());
                match status.as_deref() {
                    Some("ok") => Ok(()),
                    _ => Err(PrinterError::Write),
                }
            }
            Port::Serial(port) => {
                let writable = port.writable();
                if writable.is_null() || writable.is_undefined() {
                    return Err(PrinterError::Write);
                }
                let writer = writable.unchecked_into::<Writable>().get_writer();
                let written = wait(writer.write(&data)).await;
                writer.release_lock();
                written.map(drop).map_err(|_| PrinterError::Write)
            }
        }
    }
}

/// A promise's outcome, or an error once [`WRITE_TIMEOUT_MS`] have passed.
async fn wait(promise: Promise) -> Result<JsValue, JsValue> {
    let timeout = Promise::new(&mut |_, reject| {
        if let Some(window) = web_sys::window() {
            let _ = window
                .set_timeout_with_callback_and_timeout_and_arguments_0(&reject, WRITE_TIMEOUT_MS);
        }
    });
    JsFuture::from(Promise::race(&Array::of2(&promise, &timeout))).await
}
