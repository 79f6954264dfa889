//! Entry point of the demo backend's worker wasm (see `kassa::loyalty::demo`).

fn main() {
    // Natively this binary is empty: the demo server is tested as a library.
    #[cfg(target_arch = "wasm32")]
    kassa::loyalty::demo::worker::serve();
}
