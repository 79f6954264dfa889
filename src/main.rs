//! Entry point of the wasm binary: mounts the app and nothing else.

fn main() {
    // Natively this binary is empty: only the pure library is built and tested there.
    #[cfg(target_arch = "wasm32")]
    kassa::ui::mount();
}
