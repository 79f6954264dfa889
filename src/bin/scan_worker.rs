//! Entry point of the decoder worker's wasm (see `kassa::scan::worker`).

#[cfg(target_arch = "wasm32")]
use wasm_bindgen::prelude::wasm_bindgen;

fn main() {
    // Natively this binary is empty: the decoder is tested as a library.
    #[cfg(target_arch = "wasm32")]
    kassa::scan::worker::serve();
}

/// The decoder called directly, for the benchmark page that compares it
/// with other decoders on the same frames. Exported here, not in the
/// library, so the app's own wasm never links the decoder.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen(js_name = decodeRgba)]
pub fn decode_rgba(width: u32, height: u32, rgba: &[u8]) -> Vec<String> {
    kassa::scan::worker::decode_rgba(width, height, rgba)
}
